package shop

import (
	"net/http"
	"net/url"

	"storefront/store"
	"storefront/store/payment"
	"storefront/views"
	"storefront/web/kit"
)

// startStripe sends the shopper of a Stripe order to pay: to Stripe
// Checkout, or, when Stripe cannot be reached, back to the order page,
// which offers "Pay now" again (OrderPay).
func (h *Handler) startStripe(w http.ResponseWriter, r *http.Request, o *store.Order) {
	ctx := r.Context()
	target, err := h.payments.Pay(ctx, o, h.stripeReturn(r, o))
	if err != nil {
		h.Log.Error("start stripe payment", "id", kit.RequestID(ctx), "order", o.Number, "err", err)
	}
	if target == "" {
		target = views.OrderURL(o)
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// stripeReturn is where Stripe sends the shopper of o back (the order's
// address in their language), and how o's lines are named to them.
func (h *Handler) stripeReturn(r *http.Request, o *store.Order) payment.Return {
	ctx := r.Context()
	return payment.Return{
		OrderURL:  h.LocalURL(r, "/orders/"+url.PathEscape(o.Number)),
		AccessKey: o.AccessKey,
		ItemName:  func(title, variant string) string { return views.ItemName(ctx, title, variant) },
	}
}

// OrderPay (POST /orders/{number}/pay, field key) starts paying a Stripe
// order again: after starting failed, or after the shopper left Stripe's
// page. An order not waiting for a Stripe payment just shows its page.
func (h *Handler) OrderPay(w http.ResponseWriter, r *http.Request) {
	o, err := h.keyedOrder(r.Context(), r.PathValue("number"), r.PostFormValue("key"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if o.PaymentMethod != store.PayStripe || !o.AwaitingPayment() {
		http.Redirect(w, r, views.OrderURL(o), http.StatusSeeOther)
		return
	}
	h.startStripe(w, r, o)
}

// OrderPaid (GET /orders/{number}/paid?key=&session_id=) is where Stripe
// sends the shopper back after paying. The query proves nothing: the
// session is asked of Stripe, and only a paid session of this very order
// marks it paid. The webhook does the same, so whichever comes first
// records the payment and the other changes nothing.
func (h *Handler) OrderPaid(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	o, err := h.keyedOrder(ctx, r.PathValue("number"), q.Get("key"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if id := q.Get("session_id"); o.PaymentMethod == store.PayStripe && !o.Paid() && payment.ValidSessionID(id) {
		if err := h.payments.Confirm(ctx, o, id); err != nil {
			// The webhook will settle it; the order page says payment is awaited.
			h.Log.Warn("confirm stripe return", "id", kit.RequestID(ctx), "order", o.Number, "err", err)
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, views.OrderURL(o), http.StatusSeeOther)
}
