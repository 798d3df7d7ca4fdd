package admin

import (
	"net/http"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// lowStockShown is how many of the emptiest variants the admin home
// lists; the low-stock page has them all.
const lowStockShown = 10

// recentOrders is how many of the latest orders the admin home lists.
const recentOrders = 5

// Home is /admin: what needs attention today.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := kit.CurrentStaff(ctx)
	page := adminviews.DashboardPage{
		Notice:     h.Sessions.PopString(ctx, flashNotice),
		CanCatalog: Can(st.Role, PermCatalogRead),
	}
	if page.CanCatalog {
		var err error
		if page.LowStock, err = h.Store.LowStockVariants(ctx, lowStockShown); err != nil {
			h.ServerError(w, r, err)
			return
		}
		if page.Counts, err = h.Store.ProductCounts(ctx); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	if page.CanReturns = Can(st.Role, PermReturns); page.CanReturns {
		var err error
		if page.ReturnsToReview, err = h.Store.CountReturnsToReview(ctx); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	if page.CanOrders = Can(st.Role, PermOrders); page.CanOrders {
		var err error
		if page.OrderCounts, err = h.Store.CountOrders(ctx); err != nil {
			h.ServerError(w, r, err)
			return
		}
		recent, err := h.Store.ListOrders(ctx, store.OrderFilter{PerPage: recentOrders})
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.RecentOrders = recent.Rows
	}
	if Can(st.Role, PermSettings) {
		guide, err := h.Store.SetupGuide(ctx, store.SetupFacts{BaseURL: h.Cfg.BaseURL})
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		if guide.Shown() {
			page.Guide = &guide
		}
	}
	if Can(st.Role, PermBackups) {
		health, err := h.Store.BackupHealth(ctx)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.Backups = &health
	}
	page.Shell = h.adminShell(r, "admin.home.title")
	h.Render(w, r, http.StatusOK, adminviews.Dashboard(page))
}
