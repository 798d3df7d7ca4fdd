package admin

import (
	"net/url"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/views"
)

// CustomersPage is the list of customers: accounts and guests, filtered.
type CustomersPage struct {
	Shell  Shell
	List   store.CustomerPage
	Filter store.CustomerFilter
	// MinSpend and MinPoints are those filters as typed; Errors has a
	// message for each the list could not read and so left out.
	MinSpend, MinPoints string
	Errors              map[string]string
	Nav                 views.PageNav
}

// CSVURL is the export of the customers the page's filter selects.
func (p CustomersPage) CSVURL() string {
	q := url.Values{}
	for k, v := range map[string]string{"q": p.Filter.Q, "tier": p.Filter.Tier, "tag": p.Filter.Tag,
		"min_spend": p.MinSpend, "min_points": p.MinPoints, "ordered": positive(int64(p.Filter.OrderedDays))} {
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

// Filtered reports whether the page's search or filters leave customers
// out, so that an empty list means none match rather than none yet.
func (p CustomersPage) Filtered() bool {
	f := p.Filter
	return strings.TrimSpace(f.Q) != "" || f.Tier != "" || f.Tag != "" || f.MinSpend > 0 || f.MinPoints > 0 || f.OrderedDays > 0
}

// positive is n as text, "" for 0.
func positive(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
