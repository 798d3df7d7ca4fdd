package main

import (
	"context"
	"net/http"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// adminReturns lists return requests, filtered by status and searched by
// order number, email or name. Reviewing them is the returns feature's;
// this is the page it fills.
func (a *app) adminReturns(w http.ResponseWriter, r *http.Request) {
	serveStatusSearch(a, w, r, store.ReturnStatuses,
		func(ctx context.Context, f adminviews.StatusSearch, page int) (store.ReturnPage, error) {
			return a.store.ListReturns(ctx, store.ReturnFilter{Status: f.Status, Query: f.Q}, page, 0)
		},
		func(list store.ReturnPage, f adminviews.StatusSearch, nav views.PageNav) templ.Component {
			return adminviews.Returns(adminviews.ReturnsPage{
				Shell: a.adminShell(r, "admin.returns.title"), List: list, Filter: f, Nav: nav,
				OrderLinks: can(currentStaff(r.Context()).Role, permOrders) && a.hasAdminRoute("GET /admin/orders/{id}"),
			})
		})
}
