package store

import (
	"context"
	"errors"
	"testing"
)

// stripeRefunded is a return of o refunded through Stripe as refund
// refundID, as payment.Flows.RefundReturn records it.
func (f *cartFixture) stripeRefunded(t *testing.T, refundID string) (*Order, int64) {
	t.Helper()
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	staff := Actor{Email: "owner@example.com"}
	if err := f.s.ApproveReturn(ctx, staff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, staff, id, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RefundReturn(ctx, staff, id, RefundStripe, refundID); err != nil {
		t.Fatal(err)
	}
	return o, id
}

func refundStatusOf(t *testing.T, s *Store, orderID, id int64) string {
	t.Helper()
	r, err := s.OrderReturn(context.Background(), orderID, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.RefundStatus
}

func countEvents(t *testing.T, s *Store, orderID int64, kind string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM order_events WHERE order_id = ? AND kind = ?`, orderID, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRefundWebhookAppliesOnce: the same event delivered twice (even at
// once) is applied once: one timeline entry for a failed refund.
func TestRefundWebhookAppliesOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o, id := f.stripeRefunded(t, "re_once")
	if got := refundStatusOf(t, f.s, o.ID, id); got != "" {
		t.Fatalf("refund status %q before any event", got)
	}
	if changed, err := f.s.StripeRefundUpdated(ctx, "evt_pending", "re_once", RefundPending); err != nil || !changed {
		t.Fatalf("pending: %v, %v", changed, err)
	}
	changes := make(chan bool, 2)
	for range 2 {
		go func() {
			changed, err := f.s.StripeRefundUpdated(ctx, "evt_failed", "re_once", RefundFailed)
			if err != nil {
				t.Error(err)
			}
			changes <- changed
		}()
	}
	if a, b := <-changes, <-changes; a == b {
		t.Errorf("the failed event applied %v and %v, want once", a, b)
	}
	if got := refundStatusOf(t, f.s, o.ID, id); got != RefundFailed {
		t.Errorf("refund status %q, want failed", got)
	}
	if n := countEvents(t, f.s, o.ID, EventReturnRefundFailed); n != 1 {
		t.Errorf("%d failed refund entries on the timeline, want 1", n)
	}
}

// TestRefundWebhookOutOfOrder: a final state stays when an older event
// arrives after it; a refund that succeeded can still fail later.
func TestRefundWebhookOutOfOrder(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o, id := f.stripeRefunded(t, "re_late")
	steps := []struct {
		event, status, want string
		changed             bool
	}{
		{"evt_action", RefundRequiresAction, RefundRequiresAction, true},
		{"evt_succeeded", RefundSucceeded, RefundSucceeded, true},
		{"evt_pending_late", RefundPending, RefundSucceeded, false},
		{"evt_action_late", RefundRequiresAction, RefundSucceeded, false},
		{"evt_canceled_late", RefundCanceled, RefundSucceeded, false},
		{"evt_unknown_state", "reversed", RefundSucceeded, false},
		{"evt_failed_after", RefundFailed, RefundFailed, true},
		{"evt_succeeded_again", RefundSucceeded, RefundFailed, false},
	}
	for _, s := range steps {
		changed, err := f.s.StripeRefundUpdated(ctx, s.event, "re_late", s.status)
		if err != nil || changed != s.changed {
			t.Errorf("%s (%s): changed %v, %v; want %v", s.event, s.status, changed, err, s.changed)
		}
		if got := refundStatusOf(t, f.s, o.ID, id); got != s.want {
			t.Fatalf("after %s: refund status %q, want %q", s.event, got, s.want)
		}
	}

	o2, id2 := f.stripeRefunded(t, "re_cancelled")
	f.s.StripeRefundUpdated(ctx, "evt_c1", "re_cancelled", RefundCanceled)
	f.s.StripeRefundUpdated(ctx, "evt_c2", "re_cancelled", RefundPending)
	f.s.StripeRefundUpdated(ctx, "evt_c3", "re_cancelled", RefundSucceeded)
	if got := refundStatusOf(t, f.s, o2.ID, id2); got != RefundCanceled {
		t.Errorf("cancelled refund now %q", got)
	}
	if n := countEvents(t, f.s, o2.ID, EventReturnRefundCanceled); n != 1 {
		t.Errorf("%d cancelled refund entries, want 1", n)
	}
}

// TestRefundWebhookOfNoReturn: a refund made in Stripe's dashboard is no
// return's (ErrNotFound, which the webhook acknowledges), records nothing,
// and an offline refund's reference is never taken for a Stripe refund id.
func TestRefundWebhookOfNoReturn(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	if _, err := f.s.StripeRefundUpdated(ctx, "evt_dashboard", "re_dashboard", RefundSucceeded); !errors.Is(err, ErrNotFound) {
		t.Fatalf("refund of no return: %v, want ErrNotFound", err)
	}
	var n int
	f.s.DB().QueryRow(`SELECT count(*) FROM stripe_events WHERE id = 'evt_dashboard'`).Scan(&n)
	if n != 0 {
		t.Error("an event about no return was recorded")
	}

	o := f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	staff := Actor{Email: "owner@example.com"}
	f.s.ApproveReturn(ctx, staff, id, "")
	f.s.ReceiveReturn(ctx, staff, id, nil)
	if err := f.s.RefundReturn(ctx, staff, id, "bank_transfer", "re_lookalike"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.StripeRefundUpdated(ctx, "evt_lookalike", "re_lookalike", RefundFailed); !errors.Is(err, ErrNotFound) {
		t.Errorf("an offline refund's reference: %v, want ErrNotFound", err)
	}
	if got := refundStatusOf(t, f.s, o.ID, id); got != "" {
		t.Errorf("offline refund status %q", got)
	}
}
