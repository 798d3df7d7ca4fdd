package admin

import (
	"context"
	"errors"
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
			page := adminviews.ReturnsPage{
				Shell: h.adminShell(r, "admin.returns.title"), List: list, Filter: f, Nav: nav,
				Now: h.Store.Now(), Stats: stats, Exp: currencyExponent(r),
			}
			if r.URL.Query().Get("done") == "policy" {
				page.Notice = "admin.returns.policy_saved"
			}
			if page.Policy, err = h.Store.ReturnPolicyOf(r.Context()); err != nil {
				h.Log.Error("return policy", "err", err)
			}
			return adminviews.Returns(page)
		})
}

// ReturnPolicy saves the return rules: window_days, transit_days, fee
// (money kept from a change of mind) and restocking (a percentage).
func (h *Handler) ReturnPolicy(w http.ResponseWriter, r *http.Request) {
	errs := map[string]string{}
	num := func(name string, exp int) int64 {
		n, err := store.ParseMoney(r.PostFormValue(name), exp)
		if err != nil || n < 0 {
			errs[name] = "error.out_of_range"
		}
		return n
	}
	p := store.ReturnPolicy{WindowDays: num("window_days", 0), TransitDays: num("transit_days", 0),
		Fee: num("fee", currencyExponent(r)), RestockingBP: num("restocking", 2)}
	var err error
	if len(errs) == 0 {
		err = h.Store.SetReturnPolicy(r.Context(), p)
	}
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		errs = verr.Fields
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	if len(errs) > 0 {
		// The list as it first opens, with the rules as typed and why not.
		ctx := r.Context()
		list, err := h.Store.ListReturns(ctx, store.ReturnFilter{}, 1, 0)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		stats, _ := h.Store.ReturnStatsOf(ctx, returnStatsDays)
		h.Render(w, r, http.StatusUnprocessableEntity, adminviews.Returns(adminviews.ReturnsPage{
			Shell: h.adminShell(r, "admin.returns.title"), List: list, Now: h.Store.Now(), Stats: stats,
			Nav: views.PageNav{Path: "/admin/returns", Page: 1, Pages: list.Pages()}, Exp: currencyExponent(r),
			Policy: p, PolicyErr: errs}))
		return
	}
	http.Redirect(w, r, "/admin/returns?done=policy", http.StatusSeeOther)
}
