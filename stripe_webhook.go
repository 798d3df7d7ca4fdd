package main

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/stripe/stripe-go/v76"

	"storefront/store"
	"storefront/store/payment"
)

// maxWebhookBytes bounds a Stripe event; checkout.session events are a few
// kilobytes.
const maxWebhookBytes = 64 << 10

// stripeWebhook (POST /webhooks/stripe) takes Stripe's signed events. It
// answers 400 to a body that is not a genuine, fresh event, 200 once an
// event is handled, seen before or of no interest, and 500 only when the
// database failed, so that Stripe delivers it again later.
//
// It sits outside the session middleware (routes.go): Stripe has no
// cookie. CrossOriginProtection lets it through, as a POST without the
// Origin and Sec-Fetch-Site headers that only browsers send.
func (a *app) stripeWebhook(w http.ResponseWriter, r *http.Request) {
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
	sec, err := a.store.StripeSecrets(ctx)
	if err != nil {
		a.log.Error("stripe webhook: read secrets", "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	ev, err := payment.ParseWebhook(body, r.Header.Get("Stripe-Signature"), sec.WebhookSecret)
	if err != nil {
		a.log.Warn("stripe webhook refused", "id", requestID(ctx), "remote", a.clientIP(r), "err", err)
		http.Error(w, "bad signature or event", http.StatusBadRequest)
		return
	}
	if !ev.VersionMatches() && a.stripe.versionNoted.CompareAndSwap(false, true) {
		a.log.Info("stripe webhook: the endpoint's API version differs from stripe-go's; "+
			"checkout session events are read field by field, so this is fine",
			"event_version", ev.APIVersion, "stripe_go_version", stripe.APIVersion)
	}
	if err := a.handleStripeEvent(ctx, ev); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			// A session of no order here: another integration on the same account.
			a.log.Info("stripe webhook: no order for session", "event", ev.ID, "session", ev.Session.ID)
		} else {
			a.log.Error("stripe webhook", "event", ev.ID, "type", ev.Type, "err", err)
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
	}
	io.WriteString(w, "ok\n")
}

// handleStripeEvent applies one event; the store makes it happen once per
// event id, and marks an order paid once whatever the order of events.
func (a *app) handleStripeEvent(ctx context.Context, ev payment.Event) error {
	ss := store.StripeSession{ID: ev.Session.ID, OrderNumber: ev.Session.OrderNumber, PaymentIntent: ev.Session.PaymentIntent}
	switch ev.Type {
	case payment.EventSessionCompleted, payment.EventAsyncPaymentSuccess:
		if !ev.Session.Paid() {
			return nil // a delayed method (a bank debit): async_payment_succeeded follows
		}
		_, err := a.store.StripePaid(ctx, ev.ID, ss)
		return err
	case payment.EventSessionExpired:
		_, err := a.store.StripeExpired(ctx, ev.ID, ss)
		return err
	case payment.EventAsyncPaymentFailed:
		_, err := a.store.StripePaymentFailed(ctx, ev.ID, ss)
		return err
	}
	return nil
}
