package shop_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/views/admin"
	"storefront/web/webtest"
)

// refundEvent is a refund event as Stripe sends it (API 2024-10-28 and
// later send refund.* for card refunds).
func refundEvent(id, typ, refundID, status string) []byte {
	reason := "null"
	if status == store.RefundFailed {
		reason = `"expired_or_canceled_card"`
	}
	return fmt.Appendf(nil, `{"id":%q,"object":"event","api_version":"2024-10-28.acacia","created":%d,"type":%q,
		"livemode":false,"data":{"object":{"id":%q,"object":"refund","amount":4900,"currency":"eur","status":%q,
		"payment_intent":"pi_x","failure_reason":%s}}}`,
		id, time.Now().Unix(), typ, refundID, status, reason)
}

// stripeRefundedReturn buys with Stripe (paid through the webhook), ships,
// and has one shirt returned and refunded through Stripe as refundID, as
// payment.Flows.RefundReturn records it.
func stripeRefundedReturn(t *testing.T, shop *webtest.Shop, refundID string) (*store.Order, int64) {
	t.Helper()
	ctx := context.Background()
	_, o := buy(t, shop, store.PayStripe)
	wantStatus(t, "paid", event(shop, paidEvent("evt_paid_"+refundID, o)), http.StatusOK)
	staff := store.Actor{Email: "owner@example.com"}
	o, id := shop.ShipAndReturnOne(o)
	if err := shop.Store.ApproveReturn(ctx, staff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, staff, id, nil); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.RefundReturn(ctx, staff, id, store.RefundStripe, refundID); err != nil {
		t.Fatal(err)
	}
	return o, id
}

// TestWebhookFollowsARefund: refund.updated sets the state of the return's
// refund; a failed refund, delivered twice, is acknowledged both times and
// put on the order's timeline once, where the owner reads it; a late
// "pending" changes nothing; a refund made in Stripe's dashboard is
// acknowledged and changes nothing.
func TestWebhookFollowsARefund(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	o, id := stripeRefundedReturn(t, shop, "re_test_web")
	status := func() string {
		t.Helper()
		r, err := shop.Store.ReturnByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return r.RefundStatus
	}

	wantStatus(t, "pending", deliver(shop, refundEvent("evt_r1", "refund.updated", "re_test_web", "pending"), time.Now(), testWebhookSecret), http.StatusOK)
	if got := status(); got != store.RefundPending {
		t.Fatalf("refund status %q after refund.updated, want pending", got)
	}
	failed := refundEvent("evt_r2", "refund.failed", "re_test_web", "failed")
	for i := range 2 {
		wantStatus(t, fmt.Sprint("failed, delivery ", i+1), deliver(shop, failed, time.Now(), testWebhookSecret), http.StatusOK)
	}
	wantStatus(t, "late pending", deliver(shop, refundEvent("evt_r0", "refund.created", "re_test_web", "pending"), time.Now(), testWebhookSecret), http.StatusOK)
	if got := status(); got != store.RefundFailed {
		t.Fatalf("refund status %q, want failed", got)
	}
	n := 0
	for _, e := range shop.Order(o.Number).Events {
		if e.Kind == store.EventReturnRefundFailed {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d failed refund entries on the timeline, want 1", n)
	}

	wantStatus(t, "dashboard refund", deliver(shop, refundEvent("evt_r3", "refund.updated", "re_dashboard", "succeeded"), time.Now(), testWebhookSecret), http.StatusOK)

	shop.LoginAs(store.RoleOwner)
	page := shop.Get(admin.OrderURL(o.ID))
	if page.Status != http.StatusOK || !strings.Contains(page.Body, `data-event="return_refund_failed"`) ||
		!strings.Contains(page.Body, "Card refund failed") {
		t.Errorf("the owner's order page does not show the failed refund (%d)", page.Status)
	}
}
