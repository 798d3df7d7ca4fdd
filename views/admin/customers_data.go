package admin

import (
	"net/url"
	"strconv"

	"storefront/store"
	"storefront/views"
)

// CustomersPage is the list of customers: accounts and guests, filtered.
type CustomersPage struct {
	Shell  Shell
	List   store.CustomerPage
	Filter store.CustomerFilter
	Nav    views.PageNav
}

// CSVURL is the export of the customers the page's filter selects.
func (p CustomersPage) CSVURL() string {
	q := url.Values{}
	for k, v := range map[string]string{"q": p.Filter.Q, "tier": p.Filter.Tier, "tag": p.Filter.Tag} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return "/admin/customers.csv"
	}
	return "/admin/customers.csv?" + q.Encode()
}

// tierValue is a tier's value in the list's tier filter.
func tierValue(t store.Tier) string { return strconv.FormatInt(t.ID, 10) }

// customerName is how the list names a customer: by name, or by email
// when they gave none.
func customerName(c store.CustomerRow) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Email
}
