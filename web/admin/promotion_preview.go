package admin

import (
	"errors"
	"net/http"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// replayDays is how far back a preview replays a promotion over orders.
const replayDays = 30

// PromotionPreview prices the promotion form as it stands, unsaved, and
// shows it again with the preview below: POST /admin/promotions/preview
// for a new one, /admin/promotions/{id}/preview for a stored one.
func (h *Handler) PromotionPreview(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var ok bool
		if id, ok = kit.PathInt(r, "id"); !ok {
			h.NotFound(w, r)
			return
		}
	}
	in := h.parsePromotionForm(r)
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	page := adminviews.PromotionEditPage{ID: id, Version: version, Form: in}
	if id != 0 {
		p, err := h.Store.PromotionByID(r.Context(), id)
		if err != nil {
			h.StoreError(w, r, err)
			return
		}
		page.Promotion, page.Form.Kind = p, p.Kind
	}
	preview, replay, err := h.Store.PreviewPromotionForm(r.Context(), id, page.Form, replayDays, i18n.Locale(r.Context()))
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = promotionErrors(r.Context(), verr)
		h.renderPromotion(w, r, http.StatusUnprocessableEntity, page)
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	page.Previewed, page.Preview, page.Replay, page.PreviewOf = true, preview, replay, id
	if id == 0 {
		page.PreviewOf = -1
	}
	h.renderPromotion(w, r, http.StatusOK, page)
}

// previewStored adds the stored promotion's preview to its page.
func (h *Handler) previewStored(r *http.Request, page *adminviews.PromotionEditPage) error {
	preview, replay, err := h.Store.PreviewStoredPromotion(r.Context(), *page.Promotion, replayDays, i18n.Locale(r.Context()))
	if err != nil {
		return err
	}
	page.Previewed, page.Preview, page.Replay, page.PreviewOf = true, preview, replay, page.Promotion.ID
	return nil
}
