package admin

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// Orders is the order list, filtered and paginated by its GET form.
func (h *Handler) Orders(w http.ResponseWriter, r *http.Request) {
	serveList(h, w, r, adminList[orderQuery, store.OrderListPage]{
		keep: orderFilterKeys,
		parse: func(q url.Values) (orderQuery, bool) {
			form, f, ok := parseOrderFilter(q)
			return orderQuery{form, f}, ok
		},
		load: func(ctx context.Context, oq orderQuery, page int) (store.OrderListPage, error) {
			oq.filter.Page = page
			return h.Store.ListOrders(ctx, oq.filter)
		},
		view: func(list store.OrderListPage, oq orderQuery, nav views.PageNav) templ.Component {
			csv := "/admin/orders.csv"
			if len(nav.Query) > 0 {
				csv += "?" + nav.Query.Encode()
			}
			return adminviews.Orders(adminviews.OrdersPage{
				Shell: h.adminShell(r, "admin.orders.title"), List: list, Filter: oq.form, Nav: nav, CSVURL: csv,
			})
		},
	})
}

// orderQuery is the order list's filter: as the form echoes it and as the
// store reads it.
type orderQuery struct {
	form   adminviews.OrderFilter
	filter store.OrderFilter
}

// OrdersCSV downloads the orders the list's filter selects, every
// page of them, one row per order line.
func (h *Handler) OrdersCSV(w http.ResponseWriter, r *http.Request) {
	_, f, ok := parseOrderFilter(r.URL.Query())
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	h.streamCSV(w, r, h.datedCSV("orders"), func(out io.Writer) error {
		return h.Store.OrdersCSV(r.Context(), f, out)
	})
}

// orderFilterKeys are the list's filter fields, kept on pagination links
// and passed to the CSV export.
var orderFilterKeys = []string{"q", "status", "payment", "fulfillment", "from", "to"}

// parseOrderFilter reads the filter form; false means a value that no
// form control would send. Dates are days in the server's time zone, both
// inclusive.
func parseOrderFilter(q url.Values) (adminviews.OrderFilter, store.OrderFilter, bool) {
	form := adminviews.OrderFilter{Status: q.Get("status"), Payment: q.Get("payment"),
		Fulfillment: q.Get("fulfillment"), From: q.Get("from"), To: q.Get("to"), Q: q.Get("q")}
	f := store.OrderFilter{Status: form.Status, Payment: form.Payment, Fulfillment: form.Fulfillment, Query: form.Q}
	ok := validStatus(form.Status, store.OrderFilterStatuses) && validStatus(form.Payment, store.OrderFilterPayments) &&
		validStatus(form.Fulfillment, store.OrderFilterFulfillments) && validSearch(form.Q)
	var okFrom, okTo bool
	f.From, okFrom = parseDay(form.From, 0)
	f.To, okTo = parseDay(form.To, 1)
	return form, f, ok && okFrom && okTo
}

// parseDay reads a YYYY-MM-DD day in the server's zone, shifted by shift
// days ("to" covers its whole day); empty is the zero time.
func parseDay(raw string, shift int) (time.Time, bool) {
	if raw == "" {
		return time.Time{}, true
	}
	day, err := time.ParseInLocation(time.DateOnly, raw, time.Local)
	if err != nil {
		return time.Time{}, false
	}
	return day.AddDate(0, 0, shift), true
}
