package admin

import (
	"time"

	"storefront/store"
	"storefront/views"
)

// ReturnsPage is the admin's list of return requests.
type ReturnsPage struct {
	Shell  Shell
	List   store.ReturnPage
	Filter StatusSearch
	Nav    views.PageNav
	Now    time.Time
	Stats  store.ReturnStats
	Policy store.ReturnPolicy
	Exp    int // the currency's decimals, for the fee
	// PolicyErr are the rules form's messages; Notice what was just done.
	PolicyErr map[string]string
	Notice    string
}
