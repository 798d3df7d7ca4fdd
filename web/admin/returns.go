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
// unless page already holds them as typed). A form saved over since it
// was opened comes back at the current version, so that saving it again
// is a deliberate choice to replace the other save.
func (h *Handler) fillReturnsPage(r *http.Request, page *adminviews.ReturnsPage) {
	ctx := r.Context()
	page.Shell, page.Now, page.Exp = h.adminShell(r, "admin.returns.title"), h.Store.Now(), currencyExponent(r)
	page.Locale, page.Others = h.shopLocales(ctx)
	page.CanWrite = Can(kit.CurrentStaff(ctx).Role, PermSettings)
	var err error
	if page.Stats, err = h.Store.ReturnStatsOf(ctx, returnStatsDays); err != nil {
		h.Log.Error("return stats", "err", err)
	}
	// The versions are read before the values they version: a save in
	// between makes the form stale, never one that silently overwrites.
	st, err := h.Store.Settings(ctx)
	if err != nil {
		h.Log.Error("return settings versions", "err", err)
	}
	if page.PolicyVersion == 0 {
		page.PolicyVersion = st.Version(store.SectionReturnPolicy)
	}
	if page.TextsVersion == 0 {
		page.TextsVersion = st.Version(store.SectionReturnTexts)
	}
	if page.PolicyErr == nil && !page.PolicyStale {
		if page.Policy, err = h.Store.ReturnPolicyOf(ctx); err != nil {
			h.Log.Error("return policy", "err", err)
		}
	}
	if page.Reasons, err = h.Store.ReturnReasonsOf(ctx, true); err != nil {
		h.Log.Error("return reasons", "err", err)
	}
	if (page.ReasonErr != nil || page.ReasonStale) && page.ReasonErrID != 0 { // the failed reason as typed
		for i, stored := range page.Reasons {
			if stored.ID == page.ReasonErrID {
				page.Reasons[i] = page.NewReason
				page.Reasons[i].Code = stored.Code
				if page.ReasonStale {
					page.Reasons[i].Version = stored.Version
				}
			}
		}
		page.NewReason = store.ReturnReason{}
	}
	if page.NewReasonToken == "" {
		page.NewReasonToken = store.NewCreateToken()
	}
	if page.TextsErr == nil && !page.TextsStale {
		if page.PolicyText, page.Instructions, err = h.Store.ReturnTexts(ctx); err != nil {
			h.Log.Error("return texts", "err", err)
		}
	}
}

// renderReturnsRefused shows the returns page as it first opens, with a
// form as typed and why it was not saved: its messages (422) or that
// someone saved it since it was opened (409).
func (h *Handler) renderReturnsRefused(w http.ResponseWriter, r *http.Request, status int, page adminviews.ReturnsPage) {
	list, err := h.Store.ListReturns(r.Context(), store.ReturnFilter{}, 1, 0)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.List, page.Nav = list, views.PageNav{Path: "/admin/returns", Page: 1, Pages: list.Pages()}
	h.fillReturnsPage(r, &page)
	h.Render(w, r, status, adminviews.Returns(page))
}

// ReturnPolicy saves the return rules: window_days, transit_days, fee
// (money kept from a change of mind) and restocking (a percentage), over
// the version they were opened at.
func (h *Handler) ReturnPolicy(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
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
		err = h.Store.SetReturnPolicy(r.Context(), version, p)
	}
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		errs = verr.Fields
	case errors.Is(err, store.ErrConflict):
		h.renderReturnsRefused(w, r, http.StatusConflict, adminviews.ReturnsPage{Policy: p, PolicyStale: true})
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	if len(errs) > 0 {
		h.renderReturnsRefused(w, r, http.StatusUnprocessableEntity, adminviews.ReturnsPage{Policy: p, PolicyErr: errs, PolicyVersion: version})
		return
	}
	http.Redirect(w, r, "/admin/returns?done=policy", http.StatusSeeOther)
}
