package shop

import (
	"errors"
	"io"
	"net/http"

	"github.com/stripe/stripe-go/v76"

	"storefront/store"
	"storefront/store/payment"
	"storefront/web/kit"
)

// maxWebhookBytes bounds a Stripe event; checkout.session and refund
// events are a few kilobytes.
const maxWebhookBytes = 64 << 10

// StripeWebhook (POST /webhooks/stripe) takes Stripe's signed events. It
// answers 400 to a body that is not a genuine, fresh event, 200 once an
// event is handled, seen before or of no interest, and 500 only when the
// database failed, so that Stripe delivers it again later.
//
// It sits outside the session middleware (web/routes.go): Stripe has no
// cookie. CrossOriginProtection lets it through, as a POST without the
// Origin and Sec-Fetch-Site headers that only browsers send.
func (h *Handler) StripeWebhook(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		http.Error(w, "event too large", http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		http.Error(w, "cannot read event", http.StatusBadRequest)
		return
	}
	ev, err := h.payments.Webhook(ctx, body, r.Header.Get("Stripe-Signature"))
	switch {
	case errors.Is(err, payment.ErrBadEvent):
		h.Log.Warn("stripe webhook refused", "id", kit.RequestID(ctx), "remote", h.ClientIP(r), "err", err)
		http.Error(w, "bad signature or event", http.StatusBadRequest)
		return
	case errors.Is(err, store.ErrNotFound):
		// A session of no order or a refund of no return here: another
		// integration on the same account, or a refund made in Stripe's
		// dashboard. Acknowledged, or Stripe would deliver it for days.
		h.Log.Info("stripe webhook: not about this shop's orders", "event", ev.ID, "type", ev.Type,
			"session", ev.Session.ID, "err", err)
	case err != nil:
		h.Log.Error("stripe webhook", "event", ev.ID, "type", ev.Type, "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	if h.payments.FirstVersionMismatch(ev) {
		h.Log.Info("stripe webhook: the endpoint's API version differs from stripe-go's; "+
			"events are read field by field, so this is fine",
			"event_version", ev.APIVersion, "stripe_go_version", stripe.APIVersion)
	}
	io.WriteString(w, "ok\n")
}
