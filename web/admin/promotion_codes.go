package admin

import (
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// PromotionGenerateCodes adds count single-use codes, starting with
// prefix, to a coupon. A count or prefix it cannot take re-shows the page
// with a message beside the field (and the form's token, so that the
// corrected form is still the same form); the same form sent twice makes
// one batch.
func (h *Handler) PromotionGenerateCodes(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	count, prefix := strings.TrimSpace(r.PostFormValue("count")), r.PostFormValue("prefix")
	n, err := strconv.Atoi(count)
	if err != nil {
		n = 0 // refused by the store, beside the field
	}
	token := postedCreateToken(r)
	err = h.Store.GeneratePromotionCodes(r.Context(), h.actor(r), id, n, prefix, token)
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.PromotionURL(id)+"?done=codes#codes", http.StatusSeeOther)
	case errors.As(err, &verr):
		p, err := h.Store.PromotionByID(r.Context(), id)
		if err != nil {
			h.StoreError(w, r, err)
			return
		}
		form, err := h.Store.PromotionInputOf(r.Context(), p)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		h.renderPromotion(w, r, http.StatusUnprocessableEntity, adminviews.PromotionEditPage{ID: id, Version: p.Version,
			Form: form, Promotion: p, CodeCount: count, CodePrefix: prefix, GenerateErrors: verr.Fields, Token: token})
	case errors.Is(err, store.ErrPromotionArchived):
		h.promotionArchived(w, r, id)
	default:
		h.StoreError(w, r, err)
	}
}

// PromotionCodesCSV downloads a coupon's generated codes: code, whether it
// is used, and the order that used it.
func (h *Handler) PromotionCodesCSV(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	p, err := h.Store.PromotionByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	codes, err := h.Store.PromotionCodes(r.Context(), id)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.streamCSV(w, r, "promotion-"+strconv.FormatInt(p.ID, 10)+"-codes.csv", func(out io.Writer) error {
		cw := csv.NewWriter(out)
		cw.Write([]string{"code", "used", "order"})
		for _, c := range codes {
			used := "no"
			if c.Used {
				used = "yes"
			}
			cw.Write([]string{store.EscapeCSVFormula(c.Code), used, store.EscapeCSVFormula(c.OrderNumber)})
		}
		cw.Flush()
		return cw.Error()
	})
}
