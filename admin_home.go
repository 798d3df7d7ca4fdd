package main

import (
	"net/http"

	adminviews "storefront/views/admin"
)

// lowStockThreshold is the stock level at or below which a variant is
// listed on the admin home.
const lowStockThreshold = 5

// adminHome is /admin: what needs attention today.
func (a *app) adminHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := currentStaff(ctx)
	page := adminviews.DashboardPage{
		LowStockAt: lowStockThreshold,
		CanCatalog: can(st.Role, permCatalogRead),
	}
	if page.CanCatalog {
		var err error
		if page.LowStock, err = a.store.LowStockVariants(ctx, lowStockThreshold, 50); err != nil {
			a.serverError(w, r, err)
			return
		}
		if page.Counts, err = a.store.ProductCounts(ctx); err != nil {
			a.serverError(w, r, err)
			return
		}
		page.ProductLinks = a.hasAdminRoute("GET /admin/products/{id}")
	}
	page.Shell = a.adminShell(r, "admin.home.title")
	a.render(w, r, http.StatusOK, adminviews.Dashboard(page))
}
