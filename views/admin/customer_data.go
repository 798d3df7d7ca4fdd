package admin

import (
	"strconv"
	"strings"

	"storefront/store"
)

// CustomerPage is an account for the owner: who, tier and its history,
// points with the ledger and the adjustment form, orders and addresses.
type CustomerPage struct {
	Shell   Shell
	Account *store.CustomerAccount
	Notice  string
	Errors  map[string]string
	Points  string // the adjustment form as typed
	Reason  string
	// Notes and Tags are the notes form: as typed after a refused save,
	// else as stored.
	Notes, Tags string
	NotesTyped  bool
	// CanAdjust says the staff member may give or take points.
	CanAdjust bool
}

// CustomerURL is an account's admin page.
func CustomerURL(id int64) string { return "/admin/customers/" + strconv.FormatInt(id, 10) }

// addressLine is an address book entry on one line, as typed.
func addressLine(a store.CustomerAddress) string {
	var parts []string
	for _, p := range []string{a.AddressLine1, a.AddressLine2, a.City, a.Region, a.PostalCode, a.Country, a.Phone} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
