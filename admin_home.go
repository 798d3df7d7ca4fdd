package main

import (
	"net/http"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// lowStockShown is how many of the emptiest variants the admin home
// lists; the low-stock page has them all.
const lowStockShown = 10

// recentOrders is how many of the latest orders the admin home lists.
const recentOrders = 5

// adminHome is /admin: what needs attention today.
func (a *app) adminHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := currentStaff(ctx)
	page := adminviews.DashboardPage{
		CanCatalog: can(st.Role, permCatalogRead),
	}
	if page.CanCatalog {
		var err error
		if page.LowStock, err = a.store.LowStockVariants(ctx, lowStockShown); err != nil {
			a.serverError(w, r, err)
			return
		}
		if page.Counts, err = a.store.ProductCounts(ctx); err != nil {
			a.serverError(w, r, err)
			return
		}
		page.ProductLinks = a.hasAdminRoute("GET /admin/products/{id}")
	}
	if page.CanReturns = can(st.Role, permReturns); page.CanReturns {
		var err error
		if page.ReturnsToReview, err = a.store.CountReturnsToReview(ctx); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if page.CanOrders = can(st.Role, permOrders); page.CanOrders {
		var err error
		if page.OrderCounts, err = a.store.CountOrders(ctx); err != nil {
			a.serverError(w, r, err)
			return
		}
		recent, err := a.store.ListOrders(ctx, store.OrderFilter{PerPage: recentOrders})
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		page.RecentOrders = recent.Rows
	}
	page.Shell = a.adminShell(r, "admin.home.title")
	a.render(w, r, http.StatusOK, adminviews.Dashboard(page))
}
