package admin

import (
	"context"
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
// their orders. A spend or points filter it cannot read is shown again
// with its message (422).
func (h *Handler) Customers(w http.ResponseWriter, r *http.Request) {
	cq, ok := parseCustomerFilter(r.URL.Query(), currencyExponent(r))
	if ok && len(cq.errs) > 0 {
		h.renderCustomersRefused(w, r, cq)
		return
	}
	serveList(h, w, r, adminList[customerQuery, store.CustomerPage]{
		keep:  []string{"q", "tier", "tag", "min_spend", "min_points", "ordered"},
		parse: func(url.Values) (customerQuery, bool) { return cq, ok },
		load: func(ctx context.Context, cq customerQuery, page int) (store.CustomerPage, error) {
			return h.Store.ListCustomersBy(ctx, cq.filter, page)
		},
		view: func(list store.CustomerPage, cq customerQuery, nav views.PageNav) templ.Component {
			return h.customersView(r, list, cq, nav)
		},
	})
}

// renderCustomersRefused shows the list with the filters it could not
// read marked, and left out until they are corrected. One page only: its
// links would carry the same filters back here.
func (h *Handler) renderCustomersRefused(w http.ResponseWriter, r *http.Request, cq customerQuery) {
	list, err := h.Store.ListCustomersBy(r.Context(), cq.filter, 1)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	nav := views.PageNav{Path: "/admin/customers", Page: 1, Pages: 1}
	h.Render(w, r, http.StatusUnprocessableEntity, h.customersView(r, list, cq, nav))
}

func (h *Handler) customersView(r *http.Request, list store.CustomerPage, cq customerQuery, nav views.PageNav) templ.Component {
	return adminviews.Customers(adminviews.CustomersPage{
		Shell: h.adminShell(r, "admin.customers.title"), List: list, Filter: cq.filter,
		MinSpend: cq.minSpend, MinPoints: cq.minPoints, Errors: cq.errs, Nav: nav,
	})
}

// CustomersCSV downloads every customer the list's filter selects; a
// spend or points filter it cannot read gets the list with its message.
func (h *Handler) CustomersCSV(w http.ResponseWriter, r *http.Request) {
	cq, ok := parseCustomerFilter(r.URL.Query(), currencyExponent(r))
	switch {
	case !ok:
		h.ClientError(w, r, http.StatusBadRequest)
		return
	case len(cq.errs) > 0:
		h.renderCustomersRefused(w, r, cq)
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
		return h.Store.CustomersCSV(r.Context(), cq.filter, exp, out)
	})
}

// customerQuery is the customer list's filter as the store reads it, its
// amounts as typed, and a message for each amount it could not read.
type customerQuery struct {
	filter              store.CustomerFilter
	minSpend, minPoints string
	errs                map[string]string
}

// parseCustomerFilter reads the customer list's filter, amounts of money
// with exponent decimals. The spend and points are typed, so what cannot
// be read is a message for the field; false is a value no select or
// search box sends.
func parseCustomerFilter(q url.Values, exponent int) (customerQuery, bool) {
	cq := customerQuery{filter: store.CustomerFilter{Q: q.Get("q"), Tier: q.Get("tier"), Tag: q.Get("tag")},
		minSpend: q.Get("min_spend"), minPoints: q.Get("min_points"), errs: map[string]string{}}
	f := &cq.filter
	ok := validSearch(f.Q) && validSearch(f.Tag)
	var err error
	// ParseMoney takes "1,000" and "100.50" and refuses a sign, a minus or
	// more decimals than the currency has; points are whole (exponent 0).
	if s := strings.TrimSpace(cq.minSpend); s != "" {
		if f.MinSpend, err = store.ParseMoney(s, exponent); err != nil {
			cq.errs["min_spend"] = store.AmountMessage("admin.customers.error.min_spend", exponent)
		}
	}
	if s := strings.TrimSpace(cq.minPoints); s != "" {
		if f.MinPoints, err = store.ParseMoney(s, 0); err != nil {
			cq.errs["min_points"] = "admin.customers.error.min_points"
		}
	}
	if s := q.Get("ordered"); s != "" {
		f.OrderedDays, err = strconv.Atoi(s)
		ok = ok && err == nil && slices.Contains(adminviews.OrderedWithin, f.OrderedDays)
	}
	if f.Tier != "" && f.Tier != store.CustomerGuests {
		id, err := strconv.ParseInt(f.Tier, 10, 64)
		ok = ok && err == nil && id > 0
	}
	return cq, ok
}
