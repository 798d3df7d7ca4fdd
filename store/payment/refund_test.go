package payment

import (
	"context"
	"errors"
	"strings"
	"testing"

	"storefront/store"
	"storefront/store/payment/stripemock"
)

// TestRefundReturnThroughStripe: a card order's received return is
// refunded through Stripe (stripe-mock) and recorded with Stripe's refund
// id and state, once; an offline order's is recorded as the owner says, and cannot
// pretend to be Stripe's.
func TestRefundReturnThroughStripe(t *testing.T) {
	s := newFlowShop(t, stripemock.URL(t))
	ctx := context.Background()
	staff := store.Actor{Email: "owner@example.com"}
	_, id := receivedReturn(t, s, store.PayStripe)
	if err := s.flows.RefundReturn(ctx, staff, id, "", ""); err != nil {
		t.Fatal(err)
	}
	r, _ := s.st.ReturnByID(ctx, id)
	if r.Status != store.ReturnRefunded || r.RefundMethod != store.RefundStripe || !strings.HasPrefix(r.RefundRef, "re_") || r.RefundAmount != 4900 {
		t.Fatalf("refunded return %+v", r)
	}
	if r.RefundStatus != store.RefundSucceeded { // stripe-mock's refunds have succeeded
		t.Errorf("refund status %q from Stripe's answer, want succeeded", r.RefundStatus)
	}
	if err := s.flows.RefundReturn(ctx, staff, id, "", ""); !errors.Is(err, store.ErrConflict) {
		t.Errorf("refunding twice: %v", err)
	}

	_, offline := receivedReturn(t, s, store.PayBankTransfer)
	if err := s.flows.RefundReturn(ctx, staff, offline, store.RefundStripe, "re_fake"); err == nil {
		t.Error("an offline order's refund was recorded as Stripe's")
	}
	if err := s.flows.RefundReturn(ctx, staff, offline, "bank_transfer", "TX-9"); err != nil {
		t.Fatal(err)
	}
}

// receivedReturn places, pays and ships an order of two with method, and
// returns it with a received return of one unit, ready to refund.
func receivedReturn(t *testing.T, s *flowShop, method string) (*store.Order, int64) {
	t.Helper()
	ctx := context.Background()
	staff := store.Actor{Email: "owner@example.com"}
	o := s.place(t, method, 2)
	if method == store.PayStripe {
		if err := s.st.SetStripeSession(ctx, o.ID, "cs_test_refund"+o.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := s.st.StripePaid(ctx, "", store.StripeSession{ID: "cs_test_refund" + o.Number, OrderNumber: o.Number,
			PaymentIntent: "pi_123"}); err != nil {
			t.Fatal(err)
		}
	} else if _, err := s.st.MarkPaid(ctx, staff, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.FulfillOrder(ctx, staff, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = s.order(t, o.ID)
	id, err := s.st.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: store.ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.st.ApproveReturn(ctx, staff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.st.ReceiveReturn(ctx, staff, id, nil); err != nil {
		t.Fatal(err)
	}
	return o, id
}
