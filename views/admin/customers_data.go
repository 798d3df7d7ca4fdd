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
	for k, v := range map[string]string{"q": p.Filter.Q, "tier": p.Filter.Tier, "tag": p.Filter.Tag,
		"min_spend": p.MinSpendText(), "min_points": positive(p.Filter.MinPoints), "ordered": positive(int64(p.Filter.OrderedDays))} {
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

// OrderedWithin are the "ordered within" filter's choices, in days.
var OrderedWithin = []int{30, 90, 365}

// MinSpendText is the spend filter as the form shows it.
func (p CustomersPage) MinSpendText() string {
	if p.Filter.MinSpend == 0 {
		return ""
	}
	return store.FormatDecimal(p.Filter.MinSpend, 2)
}

// positive is n as text, "" for 0.
func positive(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
