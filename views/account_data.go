package views

import (
	"context"

	"storefront/store"
)

// AccountField is one input of an account form. Label and Hint are
// catalog keys. Type "country" is the country list, "checkbox" a box
// checked when Value is "1".
type AccountField struct {
	Name         string
	Label        string
	Type         string
	Value        string
	Autocomplete string
	Hint         string
	Required     bool
	Optional     bool
	Disabled     bool // shown, not posted: a value the shopper may no longer change
	MaxLength    int  // the rule's limit in characters; 0 for the default of 256
}

// AccountLink is a link under an account form; Label is a catalog key.
type AccountLink struct {
	Label string
	URL   string
}

// AccountFormPage is every small account form: register, sign in, forgot
// and reset the password, change the email or password, an address, and
// deleting the account. Heading, Intro, Submit and the Errors' messages
// are catalog keys; Action is the unprefixed path it posts to.
type AccountFormPage struct {
	Shell       Shell
	Heading     string
	Intro       []string
	Action      string
	Fields      []AccountField
	Submit      string
	Danger      bool // the submit button does something that cannot be undone
	Errors      map[string]string
	FormError   string // a message above the form, "" for none
	Notice      Notice // a message that replaces the form's intro: "check your email"
	Links       []AccountLink
	ShopCountry string // first in the country list
	Nav         bool   // show the account's menu (signed-in pages)
}

// AccountPage is the account's overview. Tier and Points fill the
// contract's data-member-tier and data-points-balance hooks.
type AccountPage struct {
	Shell          Shell
	Customer       *store.Customer
	DefaultAddress *store.CustomerAddress
	Notice         Notice
	Tier           string // the tier's name in the shopper's language
	Points         int64  // available points
}

// AccountPointsPage is the membership page: the tier, where the shopper
// stands, the balance and the ledger.
type AccountPointsPage struct {
	Shell   Shell
	Tier    store.TierStatus
	Tiers   []store.Tier // every tier, lowest first
	Balance store.PointsBalance
	Rules   store.Loyalty
	Ledger  []store.PointsEntry
	Coupons []store.MemberCoupon
	// PaidOrders says the account has paid orders: with an empty ledger,
	// they were placed before it existed and earned no points.
	PaidOrders bool
}

// AccountOrdersPage is the account's list of orders.
type AccountOrdersPage struct {
	Shell  Shell
	Orders []store.CustomerOrderSummary
}

// AccountAddressesPage is the address book.
type AccountAddressesPage struct {
	Shell     Shell
	Addresses []store.CustomerAddress
	Notice    Notice
}

// accountNav is the account's menu: path and catalog key.
var accountNav = []AccountLink{
	{"account.nav.overview", "/account"},
	{"account.nav.orders", "/account/orders"},
	{"account.nav.points", "/account/points"},
	{"account.nav.addresses", "/account/addresses"},
	{"account.nav.settings", "/account/settings"},
}

// AddressBookLines is an address book entry's lines, as AddressLines.
func AddressBookLines(ctx context.Context, a store.CustomerAddress) []string {
	return AddressLines(ctx, store.Address{Name: a.Name, Phone: a.Phone, AddressLine1: a.AddressLine1,
		AddressLine2: a.AddressLine2, City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country})
}
