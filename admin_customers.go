package main

import (
	"net/http"
	"net/url"

	"storefront/views"
	adminviews "storefront/views/admin"
)

// adminCustomers lists the people who have ordered, searched by email or
// name; each links to their orders.
func (a *app) adminCustomers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := q.Get("q")
	page, ok := parsePage(q.Get("page"))
	if !ok || len(text) > 200 {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	list, err := a.store.ListCustomers(r.Context(), text, page)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	kept := url.Values{}
	if text != "" {
		kept.Set("q", text)
	}
	nav := views.PageNav{Path: "/admin/customers", Query: kept, Page: list.Page, Pages: list.Pages()}
	if page > nav.Pages {
		a.notFound(w, r)
		return
	}
	a.render(w, r, http.StatusOK, adminviews.Customers(adminviews.CustomersPage{
		Shell: a.adminShell(r, "admin.customers.title"), List: list, Q: text, Nav: nav,
	}))
}
