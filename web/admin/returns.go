package admin

import (
	"context"
	"errors"
	"net/http"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
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
			page := adminviews.ReturnsPage{List: list, Filter: f, Nav: nav}
			switch done := r.URL.Query().Get("done"); done {
			case "policy", "reasons", "texts":
				page.Notice = "admin.returns." + done + "_saved"
			}
			h.fillReturnsPage(r, &page)
			return adminviews.Returns(page)
		})
}

// fillReturnsPage fills what the returns page shows around its list: the
// figures, and the forms of the rules, reasons and texts (as stored,
// unless page already holds them as typed).
func (h *Handler) fillReturnsPage(r *http.Request, page *adminviews.ReturnsPage) {
	ctx := r.Context()
	page.Shell, page.Now, page.Exp = h.adminShell(r, "admin.returns.title"), h.Store.Now(), currencyExponent(r)
	page.Locale, page.Others = h.shopLocales(ctx)
	page.CanWrite = Can(kit.CurrentStaff(ctx).Role, PermSettings)
	var err error
	if page.Stats, err = h.Store.ReturnStatsOf(ctx, returnStatsDays); err != nil {
		h.Log.Error("return stats", "err", err)
	}
	if page.PolicyErr == nil {
		if page.Policy, err = h.Store.ReturnPolicyOf(ctx); err != nil {
			h.Log.Error("return policy", "err", err)
		}
	}
	if page.Reasons, err = h.Store.ReturnReasonsOf(ctx, true); err != nil {
		h.Log.Error("return reasons", "err", err)
	}
	if page.ReasonErr != nil && page.ReasonErrID != 0 { // the failed reason as typed
		for i := range page.Reasons {
			if page.Reasons[i].ID == page.ReasonErrID {
				page.Reasons[i] = page.NewReason
			}
		}
		page.NewReason = store.ReturnReason{}
	}
	if page.TextsErr == nil {
		if page.PolicyText, page.Instructions, err = h.Store.ReturnTexts(ctx); err != nil {
			h.Log.Error("return texts", "err", err)
		}
	}
}

// renderReturnsRefused shows the returns page as it first opens, with a
// form as typed and why it was not saved.
func (h *Handler) renderReturnsRefused(w http.ResponseWriter, r *http.Request, page adminviews.ReturnsPage) {
	list, err := h.Store.ListReturns(r.Context(), store.ReturnFilter{}, 1, 0)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.List, page.Nav = list, views.PageNav{Path: "/admin/returns", Page: 1, Pages: list.Pages()}
	h.fillReturnsPage(r, &page)
	h.Render(w, r, http.StatusUnprocessableEntity, adminviews.Returns(page))
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
		h.renderReturnsRefused(w, r, adminviews.ReturnsPage{Policy: p, PolicyErr: errs})
		return
	}
	http.Redirect(w, r, "/admin/returns?done=policy", http.StatusSeeOther)
}
