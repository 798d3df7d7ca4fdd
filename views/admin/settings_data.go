package admin

import (
	"strconv"

	"storefront/store"
)

// SettingsPage is /admin/settings: one form per section, each posted on
// its own. After a failed save, Problem names the section (a settings
// section, "shipping-new" or "shipping-<id>") whose form shows the user's
// values with Errors (422) or the conflict message (409).
type SettingsPage struct {
	Shell    Shell
	Saved    string // the section just saved, for its notice
	Problem  string
	Conflict bool
	Errors   map[string]string // Problem's fields: name → catalog key
	Versions map[string]string // each form's version, by section
	Locale   string            // the shop's default language
	Others   []string          // the other languages, whose texts are edited beside the default's

	Profile  ProfileForm
	Regional RegionalForm
	Theme    ThemeForm
	LogoURL  string   // the current logo, "" for none
	Hero     HeroForm // the home page hero's picture and button (settings_chrome.templ)
	Tax      TaxForm
	Payments PaymentsForm
	Launch   LaunchForm // the public address and the shop password (settings_launch.templ)
	Mail     MailState  // the test email's form and how its last send went

	Shipping    []ShippingRow
	NewShipping ShippingForm

	Themes     []ThemeOption
	Currencies []string
	Currency   string // the store's currency, for amount fields' labels
	PreviewURL string // the storefront home with the current look, for the preview frame
	CanBackups bool   // whether to link to the backups page
	// ContentLocale is the change of the language the texts are kept in
	// that the owner may make, counted; nil for anyone else.
	ContentLocale *store.ContentLocaleChange
}

// errs returns the field errors of section, if the failed save was its.
func (p SettingsPage) errs(section string) map[string]string {
	if p.Problem == section {
		return p.Errors
	}
	return nil
}

// ProfileForm echoes the store profile form.
type ProfileForm struct {
	StoreName    string
	Description  string
	ContactEmail string
	Phone        string
	Address      string
	PickupHours  string
	Translations store.Texts // the store name's, description's and pickup hours' other languages
}

// RegionalForm echoes the currency and language form.
type RegionalForm struct {
	Currency   string
	Locale     string
	Country    string // the shop's own country, "" to go by the currency
	TimeZone   string // IANA name, "" for the server's
	ServerZone string // the server's zone, suggested when TimeZone is ""
}

// ThemeForm echoes the theme form. BrandColor is kept even when
// CustomColor is off, so ticking the box again brings it back.
type ThemeForm struct {
	Theme       string
	CustomColor bool
	BrandColor  string
}

// ThemeOption is a theme in the picker.
type ThemeOption struct {
	Name   string
	Label  string // in the reader's language
	Swatch string // its own primary colour
}

// TaxForm echoes the tax form; Rate is a percentage as typed ("12.5").
type TaxForm struct {
	Inclusive bool
	Rate      string
}

// PaymentsForm echoes the payments form. Stored secrets are never in it:
// only their masks (store.MaskSecret), "" when none is stored.
type PaymentsForm struct {
	StripePublishableKey     string
	StripeSecretKeyMask      string
	StripeWebhookSecretMask  string
	BankTransferEnabled      bool
	BankTransferInstructions string
	CODEnabled               bool
	CODInstructions          string
	StripeExpiryMinutes      string
	BankTransferExpiryHours  string
	Translations             store.Texts // the instructions' other languages

	// What was typed into the secret fields and their remove boxes, set
	// only to give them back after a refused save.
	StripeSecretKey, StripeWebhookSecret             string
	RemoveStripeSecretKey, RemoveStripeWebhookSecret bool
}

// SecretField is a secret's field on the settings page. Typed is what
// the user typed before a refused save, given back in that answer only;
// Mask shows the stored secret, which itself never goes into the page.
type SecretField struct {
	ID, Name, RemoveName, Label string
	Mask, Typed                 string
	Remove                      bool
}

// ShippingRow is a shipping method in the list with its edit form.
type ShippingRow struct {
	Method store.ShippingMethod
	Form   ShippingForm
}

// Key names the row's form: its section is "shipping-" + Key.
func (r ShippingRow) Key() string { return strconv.FormatInt(r.Method.ID, 10) }

// ShippingDeleted is the section whose notice says a method was deleted.
const ShippingDeleted = "shipping-deleted"

// ShippingDeleteSection is the section of method id's delete form, named
// as Problem when it was posted without its box ticked.
func ShippingDeleteSection(id int64) string { return "shipping-delete-" + strconv.FormatInt(id, 10) }

// ShippingForm echoes a shipping method form; amounts as typed.
type ShippingForm struct {
	Name      string
	NameTr    map[string]string // locale → the name in the other languages
	Kind      string
	Price     string
	Threshold string
	RatePerKg string
	Base      string
	Active    bool
	Countries []string // the codes ticked; none for every country
	COD       bool     // cash on delivery possible with the method
	// CreateToken is the new method form's one-time token.
	CreateToken string
}
