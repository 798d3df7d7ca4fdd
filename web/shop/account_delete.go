package shop

import (
	"errors"
	"net/http"

	"storefront/store"
	"storefront/views"
)

// deletePage is the deletion form of customerID's account with what is
// lost with it; while orders are under way it lists them and asks for
// no password (store.DeleteCustomer refuses anyway).
func (h *Handler) deletePage(r *http.Request, customerID int64, open []string, errs map[string]string) (views.AccountDeletePage, error) {
	ctx := r.Context()
	p := views.AccountDeletePage{OpenOrders: open, Form: views.AccountFormPage{Heading: "account.delete.heading",
		Intro: []string{"account.delete.intro"}, Action: "/account/delete", Nav: true, Errors: errs}}
	p.Form.Shell = h.accountShell(r, p.Form.Heading)
	if len(open) == 0 {
		p.Form.Submit, p.Form.Danger = "account.delete.submit", true
		p.Form.Fields = []views.AccountField{{Name: "current_password", Label: "account.field.current_password",
			Type: "password", Autocomplete: "current-password", Required: true}}
	}
	var err error
	if p.Points, err = h.Store.PointsBalance(ctx, customerID); err != nil {
		return p, err
	}
	coupons, err := h.Store.MemberCoupons(ctx, customerID)
	for _, c := range coupons {
		if !c.Used {
			p.Coupons++
		}
	}
	return p, err
}

func (h *Handler) renderDelete(w http.ResponseWriter, r *http.Request, status int, customerID int64, open []string, errs map[string]string) {
	p, err := h.deletePage(r, customerID, open, errs)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, status, views.AccountDelete(p))
}

// DeleteForm says what deleting the account loses and asks for the
// password, or lists the orders that must be finished first.
func (h *Handler) DeleteForm(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	open, err := h.Store.UnfinishedOrders(r.Context(), c.ID)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.renderDelete(w, r, http.StatusOK, c.ID, open, nil)
}

// Delete deletes the account (its orders stay, anonymised) and signs out;
// while orders are under way it is refused with them listed (409).
func (h *Handler) Delete(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	err := h.Store.DeleteCustomer(r.Context(), c.ID, r.PostFormValue("current_password"))
	var verr *store.ValidationError
	var open *store.OpenOrdersError
	switch {
	case errors.As(err, &verr):
		h.renderDelete(w, r, http.StatusUnprocessableEntity, c.ID, nil, verr.Fields)
		return
	case errors.As(err, &open):
		h.renderDelete(w, r, http.StatusConflict, c.ID, open.Numbers, nil)
		return
	case err != nil:
		h.StoreError(w, r, err)
		return
	}
	if h.signOutCustomer(w, r) {
		h.flashAccount(r, "account.delete.done")
		http.Redirect(w, r, "/account/login", http.StatusSeeOther)
	}
}
