package shop_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"

	"storefront/store"
	"storefront/views"
	"storefront/web/shop"
	"storefront/web/webtest"
)

// maxWebhookBytes is the webhook's body limit, named here because the
// tests' shop variables hide the package.
const maxWebhookBytes = shop.MaxWebhookBytes

// stripeEvent is a checkout.session event as Stripe sends it.
type stripeEvent struct {
	id, typ, version      string
	session, number       string
	status, paymentStatus string
}

func (e stripeEvent) body() []byte {
	version := e.version
	if version == "" {
		version = "2023-10-16"
	}
	return fmt.Appendf(nil, `{"id":%q,"object":"event","api_version":%q,"created":%d,"type":%q,"livemode":false,
		"data":{"object":{"id":%q,"object":"checkout.session","client_reference_id":%q,"status":%q,
		"payment_status":%q,"payment_intent":"pi_%s","metadata":{"order_number":%q}}}}`,
		e.id, version, time.Now().Unix(), e.typ, e.session, e.number, e.status, e.paymentStatus, e.session, e.number)
}

func paidEvent(id string, o *store.Order) stripeEvent {
	return stripeEvent{id: id, typ: "checkout.session.completed", session: o.StripeSessionID, number: o.Number,
		status: "complete", paymentStatus: "paid"}
}

func expiredEvent(id string, o *store.Order) stripeEvent {
	return stripeEvent{id: id, typ: "checkout.session.expired", session: o.StripeSessionID, number: o.Number,
		status: "expired", paymentStatus: "unpaid"}
}

// deliver posts body to the webhook the way Stripe does: signed at at,
// with no cookie and none of the headers a browser adds.
func deliver(s *webtest.Shop, body []byte, at time.Time, secret string) webtest.Response {
	s.T.Helper()
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: at})
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+"/webhooks/stripe", bytes.NewReader(body))
	if err != nil {
		s.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Stripe-Signature", signed.Header)
	req.Header.Set("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
	return s.Do(req)
}

func event(s *webtest.Shop, e stripeEvent) webtest.Response {
	s.T.Helper()
	return deliver(s, e.body(), time.Now(), testWebhookSecret)
}

func wantStatus(t *testing.T, what string, res webtest.Response, want int) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("%s: webhook = %d, want %d: %s", what, res.Status, want, res.Body)
	}
}

// TestWebhookPaysOnce: completed pays; the same event again, the
// async-payment event after it and a late expiry change nothing; one
// payment email in all.
func TestWebhookPaysOnce(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)
	stock := shop.VariantStock(shop.Variants().ShirtL)

	res := event(shop, paidEvent("evt_paid", o))
	wantStatus(t, "paid", res, http.StatusOK)
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("webhook Cache-Control = %q", res.Header.Get("Cache-Control"))
	}
	if res.Header.Get("Set-Cookie") != "" {
		t.Error("the webhook started a session")
	}
	got := shop.Order(o.Number)
	if !got.Paid() || got.StripePaymentIntent != "pi_"+o.StripeSessionID {
		t.Fatalf("after completed: %s, intent %q", got.PaymentStatus, got.StripePaymentIntent)
	}

	wantStatus(t, "duplicate", event(shop, paidEvent("evt_paid", o)), http.StatusOK)
	async := paidEvent("evt_async", o)
	async.typ = "checkout.session.async_payment_succeeded"
	wantStatus(t, "async after completed", event(shop, async), http.StatusOK)
	wantStatus(t, "expired after completed", event(shop, expiredEvent("evt_late_expiry", o)), http.StatusOK)

	got = shop.Order(o.Number)
	if !got.Paid() || got.Cancelled() {
		t.Fatalf("after the late events: %s/%s, want open and paid", got.Status, got.PaymentStatus)
	}
	if n := paymentEmails(t, shop.Store, o); n != 1 {
		t.Errorf("%d payment emails, want 1", n)
	}
	paidEvents := 0
	for _, e := range got.Events {
		if e.Kind == store.EventPaid {
			paidEvents++
		}
	}
	if paidEvents != 1 {
		t.Errorf("%d paid entries on the timeline, want 1", paidEvents)
	}
	if got := shop.VariantStock(shop.Variants().ShirtL); got != stock {
		t.Errorf("stock moved to %d from %d", got, stock)
	}
}

// TestWebhookExpiredReturnsStock: an expired session cancels its unpaid
// order and gives the stock back.
func TestWebhookExpiredReturnsStock(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	before := shop.VariantStock(shop.Variants().ShirtL)
	_, o := buy(t, shop, store.PayStripe)

	wantStatus(t, "expired", event(shop, expiredEvent("evt_expired", o)), http.StatusOK)
	if got := shop.Order(o.Number); !got.Cancelled() || got.CancelReason != store.CancelStripe {
		t.Fatalf("after expired: %s (%s)", got.Status, got.CancelReason)
	}
	if got := shop.VariantStock(shop.Variants().ShirtL); got != before {
		t.Errorf("stock = %d, want %d back", got, before)
	}
}

// TestWebhookAsyncPaymentFailed: a delayed payment that fails after the
// session completed cancels the unpaid order and gives the stock back.
func TestWebhookAsyncPaymentFailed(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	before := shop.VariantStock(shop.Variants().ShirtL)
	_, o := buy(t, shop, store.PayStripe)
	failed := expiredEvent("evt_failed", o)
	failed.typ, failed.status = "checkout.session.async_payment_failed", "complete"
	wantStatus(t, "async payment failed", event(shop, failed), http.StatusOK)
	got := shop.Order(o.Number)
	if !got.Cancelled() || got.CancelReason != store.CancelPaymentFailed {
		t.Fatalf("after the failed payment: %s (%s)", got.Status, got.CancelReason)
	}
	if stock := shop.VariantStock(shop.Variants().ShirtL); stock != before {
		t.Errorf("stock = %d, want %d back", stock, before)
	}
	if page := shop.Get(views.OrderURL(got)); !strings.Contains(page.Body, "The bank declined the payment.") {
		t.Error("the order page does not say why it was cancelled")
	}
}

// TestWebhookOvertakesTheRedirect: an event for a session the shop has not
// recorded yet finds its order by client_reference_id. A delayed method's
// "completed" (unpaid) waits for async_payment_succeeded.
func TestWebhookOvertakesTheRedirect(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)
	o.StripeSessionID = "cs_test_not_recorded_yet"

	delayed := paidEvent("evt_delayed", o)
	delayed.paymentStatus = "unpaid"
	wantStatus(t, "completed, unpaid", event(shop, delayed), http.StatusOK)
	if shop.Order(o.Number).Paid() {
		t.Fatal("an unpaid completed session paid the order")
	}
	async := paidEvent("evt_async", o)
	async.typ = "checkout.session.async_payment_succeeded"
	wantStatus(t, "async succeeded", event(shop, async), http.StatusOK)
	if !shop.Order(o.Number).Paid() {
		t.Fatal("the event for an unrecorded session did not find its order by number")
	}
}

// TestWebhookRefusesForgeries: a tampered body, a stale, future-dated or
// foreign signature, none at all: 400, and nothing changes.
func TestWebhookRefusesForgeries(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)
	body := paidEvent("evt_forged", o).body()
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: testWebhookSecret})

	tampered := bytes.Replace(body, []byte(`"pi_`), []byte(`"pi_x`), 1)
	req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/webhooks/stripe", bytes.NewReader(tampered))
	req.Header.Set("Stripe-Signature", signed.Header)
	wantStatus(t, "tampered", shop.Do(req), http.StatusBadRequest)

	wantStatus(t, "stale", deliver(shop, body, time.Now().Add(-6*time.Minute), testWebhookSecret), http.StatusBadRequest)
	wantStatus(t, "from the future", deliver(shop, body, time.Now().Add(6*time.Minute), testWebhookSecret), http.StatusBadRequest)
	wantStatus(t, "other secret", deliver(shop, body, time.Now(), "whsec_someone_else"), http.StatusBadRequest)
	req, _ = http.NewRequest(http.MethodPost, shop.Server.URL+"/webhooks/stripe", bytes.NewReader(body))
	wantStatus(t, "unsigned", shop.Do(req), http.StatusBadRequest)
	huge := append(bytes.Repeat([]byte(" "), maxWebhookBytes), body...)
	wantStatus(t, "too large", deliver(shop, huge, time.Now(), testWebhookSecret), http.StatusRequestEntityTooLarge)

	if shop.Order(o.Number).Paid() {
		t.Fatal("a forged event paid the order")
	}
	// The genuine event still works after all that.
	wantStatus(t, "genuine", deliver(shop, body, time.Now(), testWebhookSecret), http.StatusOK)
	if !shop.Order(o.Number).Paid() {
		t.Fatal("the genuine event did not pay the order")
	}
}

// TestWebhookOtherAPIVersion: an endpoint on another API version than
// stripe-go's still pays; unknown event types and sessions of no order
// here are acknowledged.
func TestWebhookOtherAPIVersion(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)

	e := paidEvent("evt_basil", o)
	e.version = "2025-03-31.basil"
	wantStatus(t, "other API version", event(shop, e), http.StatusOK)
	if !shop.Order(o.Number).Paid() {
		t.Fatal("an event of another API version did not pay the order")
	}
	wantStatus(t, "unknown type", event(shop, stripeEvent{id: "evt_other", typ: "customer.created", session: "cus_1"}), http.StatusOK)
	stranger := stripeEvent{id: "evt_stranger", typ: "checkout.session.completed", session: "cs_elsewhere",
		number: "NOPE-NOPE", status: "complete", paymentStatus: "paid"}
	wantStatus(t, "session of no order", event(shop, stranger), http.StatusOK)
}

// TestWebhookDatabaseFailureAsksForRetry: a 500, so that Stripe delivers
// the event again.
func TestWebhookDatabaseFailureAsksForRetry(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)
	if _, err := shop.Store.StripeSecrets(context.Background()); err != nil { // settings now cached
		t.Fatal(err)
	}
	shop.Store.Close()
	res := event(shop, paidEvent("evt_db_down", o))
	if res.Status != http.StatusInternalServerError || strings.Contains(res.Body, "sql") {
		t.Fatalf("database down: webhook = %d %q, want a bare 500", res.Status, res.Body)
	}
}
