package admin

import (
	"context"
	"net/http"
	"time"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// Promotions lists coupons and automatic discounts, filtered by state
// (as of now) and searched by name or code. Creating and editing them is
// the promotions feature's; this is the page it fills.
func (h *Handler) Promotions(w http.ResponseWriter, r *http.Request) {
	serveStatusSearch(h, w, r, store.PromotionStates,
		func(ctx context.Context, f adminviews.StatusSearch, page int) (store.PromotionPage, error) {
			return h.Store.ListPromotions(ctx, store.PromotionFilter{State: f.Status, Query: f.Q}, page, 0)
		},
		func(list store.PromotionPage, f adminviews.StatusSearch, nav views.PageNav) templ.Component {
			zone := time.Local
			if st, err := h.Store.Settings(r.Context()); err == nil {
				zone = st.Location()
			}
			return adminviews.Promotions(adminviews.PromotionsPage{
				Shell: h.adminShell(r, "admin.promotions.title"), List: list, Filter: f, Nav: nav, Zone: zone,
			})
		})
}
