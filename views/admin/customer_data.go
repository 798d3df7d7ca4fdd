package admin

import (
	"strconv"

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
}

// CustomerURL is an account's admin page.
func CustomerURL(id int64) string { return "/admin/customers/" + strconv.FormatInt(id, 10) }
