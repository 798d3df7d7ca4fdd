package admin

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/payment"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// orderNoticeKey holds a one-time message (a catalog key) for the next
// order page: "Marked as paid", "Parcel recorded".
const orderNoticeKey = "admin.orders.notice"

// Order is one order with its forms.
func (h *Handler) Order(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	notice := ""
	if key := h.Sessions.PopString(r.Context(), orderNoticeKey); key != "" {
		notice = i18n.T(r.Context(), key)
	}
	h.renderOrder(w, r, http.StatusOK, adminviews.OrderPage{Order: o, Notice: notice})
}

// loadOrder reads the order named by the {id} path value, answering 404
// itself when there is none.
func (h *Handler) loadOrder(w http.ResponseWriter, r *http.Request) (*store.Order, bool) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return nil, false
	}
	o, err := h.Store.OrderByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return nil, false
	}
	return o, true
}

func (h *Handler) renderOrder(w http.ResponseWriter, r *http.Request, status int, page adminviews.OrderPage) {
	// Only a shipped order has returns, and a cancelled one the refund of
	// its payment.
	if page.Order.FulfillmentStatus != store.FulfillmentNone || page.Order.Cancelled() {
		var err error
		if page.Returns, err = h.Store.OrderReturns(r.Context(), page.Order.ID); err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.Refunds = store.OrderRefunds(page.Returns)
	}
	var err error
	if page.ReplacesID, page.ReplacesNumber, err = h.Store.ExchangeReplaced(r.Context(), page.Order.ID); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.CanCancelUnshipped() {
		q, err := h.Store.QuoteUnshipped(r.Context(), page.Order)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.Unshipped = &q
	}
	page.Shell = h.adminShell(r, "admin.orders.title")
	page.Shell.Title = i18n.T(r.Context(), "admin.order.title", page.Order.Number)
	h.Render(w, r, status, adminviews.Order(page))
}

// orderDone goes back to the order with a message.
func (h *Handler) orderDone(w http.ResponseWriter, r *http.Request, o *store.Order, noticeKey string) {
	h.Sessions.Put(r.Context(), orderNoticeKey, noticeKey)
	http.Redirect(w, r, adminviews.OrderURL(o.ID), http.StatusSeeOther)
}

// orderActed ends an action on the order by what the store said: back to
// the order with noticeKey, or, when the order's state forbade it
// (ErrConflict), the order again with conflictKey's reason (409), read
// afresh: what the order is now is what staff must see.
func (h *Handler) orderActed(w http.ResponseWriter, r *http.Request, o *store.Order, err error, noticeKey, conflictKey string) {
	switch {
	case errors.Is(err, store.ErrConflict):
		h.orderRefused(w, r, o, http.StatusConflict, conflictKey)
	case err != nil:
		h.StoreError(w, r, err)
	default:
		h.orderDone(w, r, o, noticeKey)
	}
}

// orderRefused shows the order as it is now, read afresh, with why the
// action did nothing (problemKey) and status.
func (h *Handler) orderRefused(w http.ResponseWriter, r *http.Request, o *store.Order, status int, problemKey string) {
	o, err := h.Store.OrderByID(r.Context(), o.ID)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.renderOrder(w, r, status, adminviews.OrderPage{Order: o, Problem: i18n.T(r.Context(), problemKey)})
}

// OrderPaid records an offline payment (bank transfer, cash on delivery).
func (h *Handler) OrderPaid(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	_, err := h.Store.MarkPaid(r.Context(), h.actor(r), o.ID)
	conflict := "admin.order.error.cancelled"
	if errors.Is(err, store.ErrStripeOrder) {
		conflict = "admin.order.error.stripe_paid" // a card order is paid through Stripe only
	}
	h.orderActed(w, r, o, err, "admin.order.notice.paid", conflict)
}

// OrderFulfil records a parcel: the quantities of the form's
// qty_{line} fields, or, with the "all" button, everything left to ship.
// The hidden shipped field is the units shipped when the form was shown:
// a parcel recorded since (the form sent twice) is the order as it is now
// with why nothing was recorded (409). Without it, as a script may post,
// only the quantities left guard the order.
func (h *Handler) OrderFulfil(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	form := adminviews.FulfilForm{Qty: map[int64]string{}, Carrier: r.PostFormValue("carrier"),
		TrackingNumber: r.PostFormValue("tracking_number"), Shipped: r.PostFormValue("shipped")}
	shipped, ok := shownCount(r, "shipped")
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	errs := map[string]string{}
	var qty map[int64]int64
	if r.PostFormValue("all") == "" {
		qty = map[int64]int64{}
		for _, l := range o.Lines {
			field := store.FulfilQtyField(l.ID)
			raw := strings.TrimSpace(r.PostFormValue(field))
			form.Qty[l.ID] = raw
			if raw == "" {
				continue
			}
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || n < 0 {
				errs[field] = "error.fulfil_quantity"
			}
			qty[l.ID] = n
		}
	}
	if len(errs) > 0 {
		h.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Fulfil: form, Errors: errs})
		return
	}
	_, err := h.Store.FulfillOrderSeen(r.Context(), h.actor(r), o.ID, shipped, qty, form.Carrier, form.TrackingNumber)
	var verr *store.ValidationError
	if !errors.As(err, &verr) {
		conflict := "admin.order.error.fulfil_cancelled"
		if errors.Is(err, store.ErrShippedSince) {
			conflict = "admin.order.error.fulfil_since"
		}
		h.orderActed(w, r, o, err, views.PickupText(o, "admin.order.notice.fulfilled"), views.PickupText(o, conflict))
		return
	}
	// When everything has shipped meanwhile (a double submit, two staff at
	// once), or what was left was cancelled, nothing on the form can be
	// fixed, and the page has no form to show the error beside: say so
	// above the order as it is now.
	if now, err := h.Store.OrderByID(r.Context(), o.ID); err == nil && now.FulfillmentStatus == store.FulfillmentDone {
		problem := "admin.order.error.fulfil_done"
		if slices.ContainsFunc(now.Lines, func(l store.OrderLine) bool { return l.CancelledQuantity > 0 }) {
			problem = "admin.order.error.fulfil_none_left"
		}
		h.renderOrder(w, r, http.StatusConflict, adminviews.OrderPage{Order: now, Problem: i18n.T(r.Context(), views.PickupText(o, problem))})
		return
	}
	h.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Fulfil: form, Errors: verr.Fields})
}

// shownCount reads a hidden field saying what a form was shown with (a
// count, a row id), for the store to refuse the form sent twice: -1 when
// the post has none (an old form, a script), so nothing is checked; false
// for a value no form sends.
func shownCount(r *http.Request, name string) (int64, bool) {
	v := r.PostFormValue(name)
	if v == "" {
		return -1, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n >= 0
}

// OrderCancel cancels the order and gives back the stock of what has
// not shipped; the form's confirm box must be ticked. The hidden
// payment_status field is the order's payment status when the form was
// shown: an order paid since is the order as it is now with why it was not
// cancelled (409), since cancelling it owes a refund. Without the field, as
// a script may post, nothing is checked, and a paid order's refund is
// recorded all the same. A card order's payment page is closed at Stripe
// first; when Stripe cannot be asked, nothing is cancelled (503).
func (h *Handler) OrderCancel(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	if !h.orderConfirmed(w, r, o, "admin.order.error.confirm_cancel") {
		return
	}
	shown := r.PostFormValue("payment_status")
	if shown != "" && shown != store.PaymentPending && shown != store.PaymentPaid {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	var refund int64
	var err error
	if h.payments != nil {
		refund, err = h.payments.CancelOrder(r.Context(), h.actor(r), o, shown)
	} else {
		refund, err = h.Store.CancelOrderSeen(r.Context(), h.actor(r), o.ID, shown)
	}
	if errors.Is(err, payment.ErrSessionOpen) {
		h.orderRefused(w, r, o, http.StatusServiceUnavailable, "admin.order.error.cancel_stripe")
		return
	}
	conflict := "admin.order.error.cancel_shipped"
	switch {
	case errors.Is(err, store.ErrReplacementOrder):
		conflict = "admin.order.error.cancel_replacement"
	case errors.Is(err, store.ErrPaidSince):
		conflict = "admin.order.error.cancel_paid_since"
	case errors.Is(err, payment.ErrPaymentPending):
		conflict = "admin.order.error.cancel_payment_pending"
	}
	notice := "admin.order.notice.cancelled"
	if refund != 0 {
		notice = "admin.order.notice.cancelled_refund"
	}
	h.orderActed(w, r, o, err, notice, conflict)
}

// OrderCancelUnshipped cancels what a partly shipped order has not
// shipped: its stock goes back and its refund waits on a return of its
// own. The form's confirm box must be ticked. Pressed again, or when there
// is nothing left to cancel, the order says why (409).
func (h *Handler) OrderCancelUnshipped(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	if !h.orderConfirmed(w, r, o, "admin.order.error.confirm_unshipped") {
		return
	}
	_, err := h.Store.CancelUnshipped(r.Context(), h.actor(r), o.ID)
	conflict := "admin.order.error.unshipped_none"
	switch {
	case errors.Is(err, store.ErrReplacementOrder):
		conflict = "admin.order.error.unshipped_replacement"
	case o.Cancelled():
		conflict = "admin.order.error.unshipped_cancelled"
	case o.FulfillmentStatus == store.FulfillmentNone:
		conflict = "admin.order.error.unshipped_not_shipped"
	}
	notice := "admin.order.notice.unshipped_cancelled"
	if !o.Paid() {
		notice += "_unpaid"
	}
	h.orderActed(w, r, o, err, notice, conflict)
}

// orderConfirmed reports whether the form's confirm box is ticked; if
// not, it shows the order again with msg beside the box (422).
func (h *Handler) orderConfirmed(w http.ResponseWriter, r *http.Request, o *store.Order, msg string) bool {
	if r.PostFormValue("confirm") == "1" {
		return true
	}
	h.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Errors: map[string]string{"confirm": msg}})
	return false
}

// OrderNote adds a staff note to the timeline.
func (h *Handler) OrderNote(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("note")
	err := h.Store.AddOrderNote(r.Context(), h.actor(r), o.ID, text)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Note: text, Errors: verr.Fields})
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.orderDone(w, r, o, "admin.order.notice.note")
}

// OrderPackingSlip is the printable slip for the parcel.
func (h *Handler) OrderPackingSlip(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	settings, err := h.Store.Settings(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	sh := h.adminShell(r, "admin.slip.title")
	sh.Title = i18n.T(r.Context(), "admin.slip.title_n", o.Number)
	h.Render(w, r, http.StatusOK, adminviews.PackingSlip(adminviews.PackingSlipPage{Shell: sh, Order: o, Settings: settings}))
}

// OrderDelivered records that the parcel arrived: the return window runs
// from today.
func (h *Handler) OrderDelivered(w http.ResponseWriter, r *http.Request) {
	o, ok := h.loadOrder(w, r)
	if !ok {
		return
	}
	if err := h.Store.MarkDelivered(r.Context(), h.actor(r), o.ID); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.orderDone(w, r, o, views.PickupText(o, "admin.order.notice.delivered"))
}
