package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// cancelRefunds is the refunds of cancelled-order payments (CancelsOrder)
// recorded for the order.
func cancelRefunds(t *testing.T, s *Store, orderID int64) []ReturnRequest {
	t.Helper()
	all, err := s.OrderReturns(context.Background(), orderID)
	if err != nil {
		t.Fatal(err)
	}
	var out []ReturnRequest
	for _, r := range all {
		if r.CancelsOrder() {
			out = append(out, r)
		}
	}
	return out
}

// pointsRows is how many points ledger rows the order has moved.
func pointsRows(t *testing.T, s *Store, orderID int64) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM points_ledger WHERE order_id = ?`, orderID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCancelPaidOrderRecordsItsRefund: a member's paid order, part paid
// by 100 points and earning 51, is cancelled. The points move back at the
// cancel, and the payment, shirt and shipping, is recorded as a refund to
// make: received, of the order's whole total, listed under Returns. The
// Refund step gives it back and moves no point a second time. Then the
// order counts as refunded, and the return statistics are untouched.
func TestCancelPaidOrderRecordsItsRefund(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "member@example.com")
	first := f.memberOrder(t, ship, c, 2, 0) // earns 104 points
	if _, err := f.s.FulfillOrder(ctx, Actor{}, first.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	f.clockOffset += 11 * 24 * time.Hour // past the window: the 104 are available
	statsBefore, _ := f.s.ReturnStatsOf(ctx, 90)

	o := f.memberOrder(t, ship, c, 1, 100) // 52.00 less 1.00 of points, and 10.00 shipping
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 4 || b.Pending != 51 {
		t.Fatalf("before the cancel: %+v, want 4 available and 51 pending", b)
	}
	refundID, err := f.s.CancelOrderSeen(ctx, refundStaff, o.ID, PaymentPaid)
	if err != nil || refundID == 0 {
		t.Fatalf("cancel a paid order = %d, %v; want its refund recorded", refundID, err)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 104 || b.Pending != 0 {
		t.Fatalf("after the cancel: %+v, want the 100 back and the 51 taken back", b)
	}
	moved := pointsRows(t, f.s, o.ID)

	r, err := f.s.ReturnByID(ctx, refundID)
	if err != nil {
		t.Fatal(err)
	}
	if !r.CancelsOrder() || r.Status != ReturnReceived || r.Resolution != ResolutionRefund || r.Quote.Total != o.Total ||
		r.Quote.Shipping != 1000 || r.Quote.LinesTotal != o.Lines[0].Paid || r.Quote.Deduction != 0 ||
		r.Quote.PointsBack != 0 || r.Quote.PointsRestored != 0 || r.Items != 1 || r.Lines[0].PointsEarned != 0 || r.Lines[0].PointsPaid != 0 {
		t.Fatalf("the cancellation's refund: %+v, quote %+v, lines %+v; want the total %d of 1 shirt and 10.00 shipping, no points",
			r.ReturnRequest, r.Quote, r.Lines, o.Total)
	}
	if o.Total != o.Lines[0].Paid+1000 {
		t.Fatalf("order total %d is not the shirt's %d and the shipping", o.Total, o.Lines[0].Paid)
	}
	list, err := f.s.ListReturns(ctx, ReturnFilter{Status: ReturnReceived}, 1, 50)
	if err != nil || list.Total != 1 || list.Rows[0].ID != refundID {
		t.Fatalf("returns to refund: %+v, %v; want the cancellation's", list.Rows, err)
	}
	if n := outboxCount(t, f.s, o.ID, EmailCancelled); n != 1 {
		t.Errorf("%d cancellation emails, want 1", n)
	}

	if err := f.s.RefundReturn(ctx, refundStaff, refundID, "bank_transfer", "TX-9"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RefundReturn(ctx, refundStaff, refundID, "bank_transfer", "TX-9"); !errors.Is(err, ErrConflict) {
		t.Errorf("refunded twice: %v", err)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 104 || b.Pending != 0 || pointsRows(t, f.s, o.ID) != moved {
		t.Fatalf("after the refund: %+v and %d ledger rows (%d before); want the points moved once, at the cancel",
			b, pointsRows(t, f.s, o.ID), moved)
	}
	returns, _ := f.s.OrderReturns(ctx, o.ID)
	var refunded int64
	for _, rf := range OrderRefunds(returns) {
		refunded += rf.Amount
	}
	if after, _ := f.s.OrderByID(ctx, o.ID); refunded != o.Total || FinancialStatus(after.PaymentStatus, after.Total, refunded) != PaymentRefunded {
		t.Errorf("refunded %d of %d; want the whole payment", refunded, o.Total)
	}
	if n := outboxCount(t, f.s, o.ID, EmailReturnRefunded); n != 1 {
		t.Errorf("%d refund emails, want 1", n)
	}
	if statsAfter, _ := f.s.ReturnStatsOf(ctx, 90); statsAfter.Returned != statsBefore.Returned || statsAfter.Refunded != statsBefore.Refunded {
		t.Errorf("return statistics moved: %+v → %+v", statsBefore, statsAfter)
	}
}

// TestCancelFormShownBeforePayment: a cancel form shown while the order
// was unpaid is refused once it is paid (ErrPaidSince), and nothing moves.
// The form of the order as it stands then cancels it, with its refund. A
// post that does not say what it was shown is not checked, and records
// the refund too. An unpaid order's cancel records none.
func TestCancelFormShownBeforePayment(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	o := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 2)
	stock := stockOf(t, f.s, f.mug)
	if _, err := f.s.MarkPaid(ctx, staffActor, o.ID); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.CancelOrderSeen(ctx, staffActor, o.ID, PaymentPending)
	if !errors.Is(err, ErrPaidSince) || !errors.Is(err, ErrConflict) {
		t.Fatalf("cancel from a page shown unpaid = %v, want ErrPaidSince", err)
	}
	if got, _ := f.s.OrderByID(ctx, o.ID); got.Cancelled() || !got.Paid() || stockOf(t, f.s, f.mug) != stock ||
		len(cancelRefunds(t, f.s, o.ID)) != 0 || outboxCount(t, f.s, o.ID, EmailCancelled) != 0 {
		t.Fatalf("after the refused cancel: %s/%s, stock %d (was %d)", got.Status, got.PaymentStatus, stockOf(t, f.s, f.mug), stock)
	}
	if id, err := f.s.CancelOrderSeen(ctx, staffActor, o.ID, PaymentPaid); err != nil || id == 0 {
		t.Fatalf("cancel from the page as it stands = %d, %v", id, err)
	}
	if rs := cancelRefunds(t, f.s, o.ID); len(rs) != 1 || rs[0].RefundTotal != o.Total || stockOf(t, f.s, f.mug) != stock+2 {
		t.Fatalf("refunds %+v, stock %d; want one of %d and the 2 mugs back", rs, stockOf(t, f.s, f.mug), o.Total)
	}
	if id, err := f.s.CancelOrderSeen(ctx, staffActor, o.ID, PaymentPaid); err != nil || id != 0 || len(cancelRefunds(t, f.s, o.ID)) != 1 {
		t.Errorf("cancelling again = %d, %v; want nothing more", id, err)
	}

	script := f.placeFor(t, ship, "bo@example.com", "Bo Chen", f.mug, 1)
	if _, err := f.s.MarkPaid(ctx, staffActor, script.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelOrder(ctx, staffActor, script.ID); err != nil {
		t.Fatal(err)
	}
	if rs := cancelRefunds(t, f.s, script.ID); len(rs) != 1 || rs[0].RefundTotal != script.Total {
		t.Errorf("a cancel without the form's field recorded %+v, want the refund of %d", rs, script.Total)
	}

	unpaid := f.placeFor(t, ship, "cy@example.com", "Cy Twombly", f.mug, 1)
	if id, err := f.s.CancelOrderSeen(ctx, staffActor, unpaid.ID, PaymentPending); err != nil || id != 0 {
		t.Fatalf("cancel an unpaid order = %d, %v", id, err)
	}
	if rs, _ := f.s.OrderReturns(ctx, unpaid.ID); len(rs) != 0 {
		t.Errorf("an unpaid order's cancel recorded %+v", rs)
	}
}

// TestPaymentAfterCancelRecordsItsRefund: a card payment that completes
// after staff cancelled the order is recorded and owed back, once however
// often Stripe says so. The shopper is sent the cancellation's email
// again (which says a paid order is refunded), not the payment's, and the
// order earns no points.
func TestPaymentAfterCancelRecordsItsRefund(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.placeStripeOrder(t, flatShipping(t, f.s))
	if err := f.s.CancelOrder(ctx, staffActor, o.ID); err != nil {
		t.Fatal(err)
	}
	if len(cancelRefunds(t, f.s, o.ID)) != 0 {
		t.Fatal("an unpaid card order's cancel recorded a refund")
	}
	ss := StripeSession{ID: "cs_test_late", OrderNumber: o.Number, PaymentIntent: "pi_late"}
	for i := range 3 {
		if _, err := f.s.StripePaid(ctx, fmt.Sprintf("evt_late_%d", i%2), ss); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := f.s.OrderByID(ctx, o.ID)
	rs := cancelRefunds(t, f.s, o.ID)
	if !got.Cancelled() || !got.Paid() || len(rs) != 1 || rs[0].RefundTotal != o.Total || rs[0].Status != ReturnReceived {
		t.Fatalf("after a late payment: %s/%s, refunds %+v; want one of %d to make", got.Status, got.PaymentStatus, rs, o.Total)
	}
	if n, m := outboxCount(t, f.s, o.ID, EmailCancelled), outboxCount(t, f.s, o.ID, EmailPaymentReceived); n != 2 || m != 0 {
		t.Errorf("%d cancellation emails and %d payment emails, want 2 and 0", n, m)
	}
	if n := pointsRows(t, f.s, o.ID); n != 0 {
		t.Errorf("a cancelled order's payment moved %d points rows", n)
	}
}

// TestMarkPaidRacesCancel: staff mark an order paid while another cancels
// it from a page that showed it unpaid, at the same moment; and Stripe's
// webhook races the same cancel for a card order. Whichever comes first,
// the order ends in one consistent state: paid and open with the cancel
// refused, or cancelled, with no refund if the order was never paid, and
// the refund of the whole payment if a card payment landed after the
// cancel.
func TestMarkPaidRacesCancel(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	if err := f.s.SetSetting(ctx, SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	outcomes := map[string]int{}
	for i := range 24 {
		var o *Order
		var pay func() error
		if i%2 == 0 {
			o = f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 1)
			pay = func() error { _, err := f.s.MarkPaid(ctx, staffActor, o.ID); return err }
		} else {
			in := checkoutFor(f.add(t, "", f.big, 1).Token, ship)
			in.PaymentMethod = PayStripe
			var err error
			if o, _, err = f.s.PlaceOrder(ctx, in); err != nil {
				t.Fatal(err)
			}
			ss := StripeSession{ID: fmt.Sprintf("cs_race_%d", i), OrderNumber: o.Number, PaymentIntent: fmt.Sprintf("pi_race_%d", i)}
			pay = func() error { _, err := f.s.StripePaid(ctx, "", ss); return err }
		}
		var payErr, cancelErr error
		start := make(chan struct{})
		var wg sync.WaitGroup
		steps := []func(){func() { payErr = pay() }, func() { _, cancelErr = f.s.CancelOrderSeen(ctx, staffActor, o.ID, PaymentPending) }}
		if i%4 >= 2 { // either may be scheduled first
			steps[0], steps[1] = steps[1], steps[0]
		}
		for _, step := range steps {
			wg.Go(func() { <-start; step() })
		}
		close(start)
		wg.Wait()

		got, err := f.s.OrderByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		rs := cancelRefunds(t, f.s, o.ID)
		switch {
		case !got.Cancelled():
			if !got.Paid() || payErr != nil || !errors.Is(cancelErr, ErrPaidSince) || len(rs) != 0 {
				t.Fatalf("%s open: %s, pay %v, cancel %v, refunds %+v", o.PaymentMethod, got.PaymentStatus, payErr, cancelErr, rs)
			}
			outcomes["paid"]++
		case o.PaymentMethod == PayStripe:
			if !got.Paid() || payErr != nil || cancelErr != nil || len(rs) != 1 || rs[0].RefundTotal != o.Total {
				t.Fatalf("card cancelled: %s, pay %v, cancel %v, refunds %+v", got.PaymentStatus, payErr, cancelErr, rs)
			}
			outcomes["cancelled, paid after"]++
		default:
			if got.Paid() || !errors.Is(payErr, ErrConflict) || cancelErr != nil || len(rs) != 0 {
				t.Fatalf("offline cancelled: %s, pay %v, cancel %v, refunds %+v", got.PaymentStatus, payErr, cancelErr, rs)
			}
			outcomes["cancelled"]++
		}
	}
	t.Logf("outcomes: %v", outcomes)
}
