package admin

import (
	"net/http"
	"net/url"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// Customers lists the people who have ordered, searched by email or
// name; each links to their orders.
func (h *Handler) Customers(w http.ResponseWriter, r *http.Request) {
	serveList(h, w, r, adminList[string, store.CustomerPage]{
		keep: []string{"q"},
		parse: func(q url.Values) (string, bool) {
			text := q.Get("q")
			return text, validSearch(text)
		},
		load: h.Store.ListCustomers,
		view: func(list store.CustomerPage, text string, nav views.PageNav) templ.Component {
			return adminviews.Customers(adminviews.CustomersPage{
				Shell: h.adminShell(r, "admin.customers.title"), List: list, Q: text, Nav: nav,
			})
		},
	})
}
