package admin

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/payment"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// returnNotices are what a return's page says after each step.
var returnNotices = map[string]string{
	"approve":  "admin.return.notice.approved",
	"reject":   "admin.return.notice.rejected",
	"receive":  "admin.return.notice.received",
	"refund":   "admin.return.notice.refunded",
	"exchange": "admin.return.notice.exchanged",
}

// Return is a return's page.
func (h *Handler) Return(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	h.renderReturn(w, r, http.StatusOK, adminviews.ReturnPage{Notice: returnNotices[r.URL.Query().Get("done")]}, id)
}

// ReturnStep takes a return's next step: POST /admin/returns/{id}/{step}
// with approve (instructions), reject (reject_reason), receive
// (condition_{order_line_id}) or refund (refund_method, refund_reference).
func (h *Handler) ReturnStep(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	ctx, actor, step := r.Context(), h.actor(r), r.PathValue("step")
	form := map[string]string{}
	for _, k := range []string{"instructions", "reject_reason", "refund_method", "refund_reference"} {
		form[k] = r.PostFormValue(k)
	}
	var err error
	switch step {
	case "approve":
		err = h.Store.ApproveReturn(ctx, actor, id, form["instructions"])
	case "reject":
		err = h.Store.RejectReturn(ctx, actor, id, form["reject_reason"])
	case "receive":
		ret, rerr := h.Store.ReturnByID(ctx, id)
		if rerr != nil {
			h.StoreError(w, r, rerr)
			return
		}
		conditions := map[int64]string{}
		for _, l := range ret.Lines {
			conditions[l.OrderLineID] = r.PostFormValue(adminviews.ConditionField(l.OrderLineID))
		}
		err = h.Store.ReceiveReturn(ctx, actor, id, conditions)
	case "refund":
		err = h.refund(ctx, actor, id, form["refund_method"], form["refund_reference"])
	case "exchange":
		err = h.Store.CompleteExchange(ctx, actor, id)
	default:
		h.NotFound(w, r)
		return
	}
	page := adminviews.ReturnPage{Form: form}
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.ReturnURL(id)+"?done="+step, http.StatusSeeOther)
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderReturn(w, r, http.StatusUnprocessableEntity, page, id)
	case errors.Is(err, store.ErrConflict):
		page.Conflict = true
		h.renderReturn(w, r, http.StatusConflict, page, id)
	case errors.Is(err, payment.ErrRefundNotTaken):
		h.Log.Warn("stripe refund", "id", kit.RequestID(ctx), "return", id, "err", err)
		page.Errors = map[string]string{"refund_method": "admin.return.error.stripe_refund"}
		h.renderReturn(w, r, http.StatusServiceUnavailable, page, id)
	default:
		h.StoreError(w, r, err)
	}
}

func (h *Handler) renderReturn(w http.ResponseWriter, r *http.Request, status int, page adminviews.ReturnPage, id int64) {
	ctx := r.Context()
	ret, err := h.Store.ReturnByID(ctx, id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if page.Order, err = h.Store.OrderByID(ctx, ret.OrderID); err != nil {
		h.StoreError(w, r, err)
		return
	}
	page.Return = ret
	r = kit.InOrderCurrency(r, page.Order.Currency)
	if page.Reasons, err = h.Store.ReturnReasonsOf(ctx, true); err == nil {
		page.Wanted, err = h.Store.ExchangeWanted(ctx, ret, i18n.Locale(ctx))
	}
	if err == nil && ret.ExchangeOrder != "" {
		var o *store.Order
		if o, err = h.Store.OrderByNumber(ctx, ret.ExchangeOrder); err == nil {
			page.ExchangeOrderID = o.ID
		}
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Shell = h.adminShell(r, "admin.returns.title")
	page.Shell.Title = adminviews.ReturnTitle(r.Context(), page)
	h.Render(w, r, status, adminviews.Return(page))
}

// refund refunds a received return: a card order's through Stripe when
// the shop has payments wired in, an offline one as recorded.
func (h *Handler) refund(ctx context.Context, actor store.Actor, id int64, method, reference string) error {
	if h.payments == nil {
		return h.Store.RefundReturn(ctx, actor, id, method, reference)
	}
	return h.payments.RefundReturn(ctx, actor, id, method, reference)
}

// ReturnPhoto serves a return's photo to staff: full size, or the
// thumbnail under /thumb.
func (h *Handler) ReturnPhoto(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	n, nok := kit.PathInt(r, "n")
	if !ok || !nok {
		h.NotFound(w, r)
		return
	}
	ret, err := h.Store.ReturnByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	im, err := h.Store.ReturnPhoto(r.Context(), ret.OrderID, id, int(n), strings.HasSuffix(r.URL.Path, "/thumb"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	kit.ServePrivateImage(w, r, im)
}
