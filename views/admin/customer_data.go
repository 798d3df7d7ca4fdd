package admin

import (
	"strconv"
	"strings"

	"storefront/store"
)

// CustomerPage is an account for the owner: who, with the form that
// corrects the name and birthday, tier and its history, points with the
// ledger and the adjustment form, orders and addresses.
type CustomerPage struct {
	Shell   Shell
	Account *store.CustomerAccount
	Notice  string
	Errors  map[string]string
	Points  string // the adjustment form as typed
	Reason  string
	// WasEntry is the ledger's newest row the points form stands on
	// (store.AdjustPointsSeen): as first shown after a refused field,
	// else, and after PointsConflict, the newest now.
	WasEntry       string
	PointsConflict string // a catalog key: why the adjustment was not made
	// Name and Birthday are the name and birthday form: as typed after a
	// refused save, else as stored. WasName and WasBirthday are what the
	// form stands on (store.ProfileFix): after a conflict, what is saved
	// now, so that saving again is a deliberate choice.
	Name, Birthday       string
	WasName, WasBirthday string
	ProfileTyped         bool
	Conflict             string // a catalog key: why the form was not saved
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
