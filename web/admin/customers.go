package admin

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// Customers lists accounts and guests, searched by email or name and
// filtered by tier and tag; a member opens to their account, a guest to
// their orders.
func (h *Handler) Customers(w http.ResponseWriter, r *http.Request) {
	serveList(h, w, r, adminList[store.CustomerFilter, store.CustomerPage]{
		keep:  []string{"q", "tier", "tag", "min_spend", "min_points", "ordered"},
		parse: parseCustomerFilter,
		load:  h.Store.ListCustomersBy,
		view: func(list store.CustomerPage, f store.CustomerFilter, nav views.PageNav) templ.Component {
			return adminviews.Customers(adminviews.CustomersPage{
				Shell: h.adminShell(r, "admin.customers.title"), List: list, Filter: f, Nav: nav,
			})
		},
	})
}

// CustomersCSV downloads every customer the list's filter selects.
func (h *Handler) CustomersCSV(w http.ResponseWriter, r *http.Request) {
	f, ok := parseCustomerFilter(r.URL.Query())
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	settings, err := h.Store.Settings(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	exp, ok := store.Currencies[settings.Currency]
	if !ok {
		exp = 2
	}
	h.streamCSV(w, r, h.datedCSV("customers"), func(out io.Writer) error {
		return h.Store.CustomersCSV(r.Context(), f, exp, out)
	})
}

// parseCustomerFilter reads the customer list's filter; false is a value
// no form control sends.
func parseCustomerFilter(q url.Values) (store.CustomerFilter, bool) {
	f := store.CustomerFilter{Q: q.Get("q"), Tier: q.Get("tier"), Tag: q.Get("tag")}
	ok := validSearch(f.Q) && validSearch(f.Tag)
	var err error
	if s := strings.TrimSpace(q.Get("min_spend")); s != "" {
		f.MinSpend, err = store.ParseMoney(s, 2)
		ok = ok && err == nil && f.MinSpend >= 0
	}
	if s := strings.TrimSpace(q.Get("min_points")); s != "" {
		f.MinPoints, err = strconv.ParseInt(s, 10, 64)
		ok = ok && err == nil && f.MinPoints >= 0
	}
	if s := q.Get("ordered"); s != "" {
		f.OrderedDays, err = strconv.Atoi(s)
		ok = ok && err == nil && slices.Contains(adminviews.OrderedWithin, f.OrderedDays)
	}
	if f.Tier != "" && f.Tier != store.CustomerGuests {
		id, err := strconv.ParseInt(f.Tier, 10, 64)
		ok = ok && err == nil && id > 0
	}
	return f, ok
}
