package admin

import (
	"errors"
	"net/http"
	"strconv"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// ReturnReasons adds a return reason (no id, and the new form's
// create_token: the same form sent twice adds one) or changes one (id and
// the version its form was opened at): title (and title_{locale}),
// shop_fault, active, position.
func (h *Handler) ReturnReasons(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, others := h.shopLocales(ctx)
	in := store.ReturnReasonInput{Title: store.Plain(r.PostFormValue("title")),
		ShopFault: r.PostFormValue("shop_fault") != "", Active: r.PostFormValue("active") != "",
		CreateToken: postedCreateToken(r)}
	if tr := postedFormTexts(r, others, store.FieldTitle); tr != nil {
		in.Title.Tr = tr[store.FieldTitle]
	}
	errs := map[string]string{}
	if v := r.PostFormValue("id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			h.NotFound(w, r)
			return
		}
		in.ID = id
		version, ok := h.formVersion(w, r)
		if !ok {
			return
		}
		in.Version = version
	}
	if v := r.PostFormValue("position"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs["position"] = "error.out_of_range"
		}
		in.Position = n
	}
	var err error
	if len(errs) == 0 {
		_, err = h.Store.SaveReturnReason(ctx, h.actor(r), in)
	}
	var verr *store.ValidationError
	status := http.StatusUnprocessableEntity
	switch {
	case errors.As(err, &verr):
		errs = verr.Fields
	case errors.Is(err, store.ErrConflict):
		status = http.StatusConflict
	case errors.Is(err, store.ErrNotFound):
		h.NotFound(w, r)
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	if len(errs) > 0 || status == http.StatusConflict {
		h.renderReturnsRefused(w, r, status, adminviews.ReturnsPage{ReasonErr: errs, ReasonErrID: in.ID,
			ReasonStale: status == http.StatusConflict, NewReason: store.ReturnReason{ID: in.ID, Title: in.Title,
				ShopFault: in.ShopFault, Position: in.Position, Active: in.Active, Version: in.Version},
			NewReasonToken: in.CreateToken})
		return
	}
	http.Redirect(w, r, "/admin/returns?done=reasons#reasons", http.StatusSeeOther)
}

// ReturnTexts saves the return policy and the standing return
// instructions, each in every language (policy_text, instructions and
// their _{locale} fields), over the version they were opened at.
func (h *Handler) ReturnTexts(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	_, others := h.shopLocales(ctx)
	policy, instructions := store.Plain(r.PostFormValue("policy_text")), store.Plain(r.PostFormValue("instructions"))
	if tr := postedFormTexts(r, others, "policy_text", "instructions"); tr != nil {
		policy.Tr, instructions.Tr = tr["policy_text"], tr["instructions"]
	}
	err := h.Store.SetReturnTexts(ctx, h.actor(r), version, policy, instructions)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderReturnsRefused(w, r, http.StatusUnprocessableEntity, adminviews.ReturnsPage{TextsErr: verr.Fields,
			PolicyText: policy, Instructions: instructions, TextsVersion: version})
		return
	case errors.Is(err, store.ErrConflict):
		h.renderReturnsRefused(w, r, http.StatusConflict, adminviews.ReturnsPage{TextsStale: true,
			PolicyText: policy, Instructions: instructions})
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/returns?done=texts#texts", http.StatusSeeOther)
}
