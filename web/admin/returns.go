package admin

import (
	"context"
	"net/http"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// returnStatsDays is the period the returns page sums up.
const returnStatsDays = 90

// Returns lists return requests, filtered by status and searched by
// order number, email or name. Reviewing them is the returns feature's;
// this is the page it fills.
func (h *Handler) Returns(w http.ResponseWriter, r *http.Request) {
	serveStatusSearch(h, w, r, store.ReturnStatuses,
		func(ctx context.Context, f adminviews.StatusSearch, page int) (store.ReturnPage, error) {
			return h.Store.ListReturns(ctx, store.ReturnFilter{Status: f.Status, Query: f.Q}, page, 0)
		},
		func(list store.ReturnPage, f adminviews.StatusSearch, nav views.PageNav) templ.Component {
			stats, err := h.Store.ReturnStatsOf(r.Context(), returnStatsDays)
			if err != nil {
				h.Log.Error("return stats", "err", err)
			}
			return adminviews.Returns(adminviews.ReturnsPage{
				Shell: h.adminShell(r, "admin.returns.title"), List: list, Filter: f, Nav: nav,
				Now: h.Store.Now(), Stats: stats,
			})
		})
}
