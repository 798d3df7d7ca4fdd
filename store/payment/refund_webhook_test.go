package payment

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/payment/stripemock"
)

// refundEvent is an event of type typ about object, in API version.
func refundEvent(id, typ, version, object string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"object":"event","api_version":%q,"created":1700000000,"type":%q,
		"data":{"object":%s}}`, id, version, typ, object)
}

// refundJSON is a refund object as Stripe renders it.
func refundJSON(id, status string) string {
	return fmt.Sprintf(`{"id":%q,"object":"refund","amount":4900,"currency":"eur","status":%q,
		"payment_intent":{"id":"pi_123","object":"payment_intent"},"charge":"ch_1","failure_reason":null}`, id, status)
}

// TestParseRefundEvents: refund.* and charge.refund.updated carry a
// Refund, charge.refunded a Charge that lists its refunds in old API
// versions only; any version reads the same.
func TestParseRefundEvents(t *testing.T) {
	failed := `{"id":"re_2","object":"refund","amount":100,"status":"failed","failure_reason":"expired_or_canceled_card"}`
	charge := `{"id":"ch_1","object":"charge","refunded":true,"refunds":{"object":"list","has_more":false,
		"data":[` + refundJSON("re_1", "succeeded") + `,` + failed + `]}}`
	for _, c := range []struct {
		typ, version, object string
		want                 []Refund
	}{
		{EventRefundUpdated, "2025-03-31.basil", refundJSON("re_1", "succeeded"), []Refund{{ID: "re_1", Status: "succeeded", Amount: 4900}}},
		{EventRefundFailed, "2024-10-28.acacia", failed, []Refund{{ID: "re_2", Status: "failed", Amount: 100, FailureReason: "expired_or_canceled_card"}}},
		{EventChargeRefundUpdated, "2023-10-16", refundJSON("re_1", "pending"), []Refund{{ID: "re_1", Status: "pending", Amount: 4900}}},
		{EventChargeRefunded, "2020-08-27", charge, []Refund{{ID: "re_1", Status: "succeeded", Amount: 4900},
			{ID: "re_2", Status: "failed", Amount: 100, FailureReason: "expired_or_canceled_card"}}},
		{EventChargeRefunded, "2023-10-16", `{"id":"ch_1","object":"charge","refunded":true,"amount_refunded":4900}`, nil},
	} {
		body := refundEvent("evt_"+c.typ, c.typ, c.version, c.object)
		ev, err := ParseWebhook(body, sign(body, time.Now(), testSecret), testSecret)
		if err != nil {
			t.Fatalf("%s: %v", c.typ, err)
		}
		if fmt.Sprint(ev.Refunds) != fmt.Sprint(c.want) {
			t.Errorf("%s (%s): refunds %+v, want %+v", c.typ, c.version, ev.Refunds, c.want)
		}
	}
	body := refundEvent("evt_bad", EventRefundUpdated, "2023-10-16", `{"object":"refund","status":"succeeded"}`)
	if _, err := ParseWebhook(body, sign(body, time.Now(), testSecret), testSecret); !errors.Is(err, ErrBadEvent) {
		t.Errorf("a refund event without a refund: %v, want ErrBadEvent", err)
	}
}

// TestRefundWebhooksFollowTheRefund: after a refund through stripe-mock,
// a charge.refunded listing it with a dashboard refund applies to the
// return's refund only, once however often it comes; a late "pending"
// changes nothing; a refund of no return here is store.ErrNotFound.
func TestRefundWebhooksFollowTheRefund(t *testing.T) {
	s := newFlowShop(t, stripemock.URL(t))
	ctx := context.Background()
	o, id := receivedReturn(t, s, store.PayStripe)
	if err := s.flows.RefundReturn(ctx, store.Actor{Email: "owner@example.com"}, id, "", ""); err != nil {
		t.Fatal(err)
	}
	r, _ := s.st.ReturnByID(ctx, id)
	deliver := func(body []byte) error {
		t.Helper()
		_, err := s.flows.Webhook(ctx, body, sign(body, time.Now(), flowWebhookSecret))
		return err
	}
	failedLater := `{"id":"ch_1","object":"charge","refunds":{"object":"list","data":[` +
		refundJSON(r.RefundRef, "failed") + `,` + refundJSON("re_dashboard", "succeeded") + `]}}`
	for i := range 2 {
		if err := deliver(refundEvent("evt_charge_refunded", EventChargeRefunded, "2020-08-27", failedLater)); err != nil {
			t.Fatalf("delivery %d: %v", i, err)
		}
	}
	if err := deliver(refundEvent("evt_late", EventRefundUpdated, "2025-03-31.basil", refundJSON(r.RefundRef, "pending"))); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.st.ReturnByID(ctx, id); r.RefundStatus != store.RefundFailed {
		t.Errorf("refund status %q, want failed", r.RefundStatus)
	}
	n := 0
	for _, e := range s.order(t, o.ID).Events {
		if e.Kind == store.EventReturnRefundFailed {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d failed refund entries on the timeline, want 1", n)
	}
	err := deliver(refundEvent("evt_elsewhere", EventRefundUpdated, "2023-10-16", refundJSON("re_dashboard", "succeeded")))
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refund of no return: %v, want store.ErrNotFound", err)
	}
}
