package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"storefront/store/pricing"
)

// partlyShipped places and pays an order of shirts large shirts and one
// mug for c (nil: a guest) redeeming redeem points, with coupon applied
// when not "", and ships ship of the shirts and the mug.
func (f *cartFixture) partlyShipped(t *testing.T, c *Customer, shirts, redeem int64, coupon string, ship int64) *Order {
	t.Helper()
	ctx := context.Background()
	token := f.add(t, "", f.big, shirts).Token
	f.add(t, token, f.mug, 1)
	if coupon != "" {
		if err := f.s.ApplyCoupon(ctx, token, coupon); err != nil {
			t.Fatal(err)
		}
	}
	in := checkoutFor(token, flatShipping(t, f.s))
	if c != nil {
		in.Email, in.CustomerID, in.RedeemPoints = c.Email, c.ID, redeem
	}
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: ship, o.Lines[1].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	if o, err = f.s.OrderByID(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestCancelUnshippedWorkedExample: 4 shirts at 52.00 and a mug at 15.00
// with 10.00 off, which gives the shirts 9.33 of it (largest remainder:
// 1000·20800/22300 = 932.7): the line paid 198.67. One shirt and the mug
// ship; the other 3 shirts are cancelled. They refund their share of the
// line over its 4 ordered units, floor(19867·3/4) = 149.00, with no fee
// though the owner keeps 5.00 and 10% from a change of mind; their stock
// comes back once, the order is fulfilled, nothing more ships, and the
// shirt that shipped can still go back for the rest of the line, 49.67.
func TestCancelUnshippedWorkedExample(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	addPromo(t, f.s, map[string]any{"name": "Ten off", "kind": PromoCoupon, "code": "TEN", "type": pricing.TypeFixed,
		"value": 1000, "combines_promotions": 1})
	if err := f.s.SetReturnPolicy(ctx, 0, ReturnPolicy{WindowDays: 7, TransitDays: 3, Fee: 500, RestockingBP: 1000}); err != nil {
		t.Fatal(err)
	}
	statsBefore, _ := f.s.ReturnStatsOf(ctx, 90)
	o := f.partlyShipped(t, nil, 4, 0, "TEN", 1)
	shirt := o.Lines[0]
	if shirt.Paid != 19867 || o.FulfillmentStatus != FulfillmentPartial {
		t.Fatalf("shirts paid %d (%s), want 198.67 partly shipped", shirt.Paid, o.FulfillmentStatus)
	}
	stock := variantStock(t, f.s, f.big)

	q, err := f.s.QuoteUnshipped(ctx, o)
	if err != nil || q.Total != 14900 || q.Deduction != 0 || len(q.Lines) != 1 || q.Lines[0].Quantity != 3 {
		t.Fatalf("quote %+v, %v; want 3 shirts refunding 149.00, nothing kept", q, err)
	}
	id, err := f.s.CancelUnshipped(ctx, refundStaff, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := variantStock(t, f.s, f.big); got != stock+3 {
		t.Errorf("shirt stock %d, want %d", got, stock+3)
	}
	after, _ := f.s.OrderByID(ctx, o.ID)
	if after.FulfillmentStatus != FulfillmentDone || after.Lines[0].CancelledQuantity != 3 || after.Lines[0].Unfulfilled() != 0 {
		t.Fatalf("after: %s, line %+v", after.FulfillmentStatus, after.Lines[0])
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil || r.Kind != ReturnKindUnshipped || r.Status != ReturnReceived || r.Quote.Total != 14900 || r.Items != 3 {
		t.Fatalf("cancellation %+v, %v", r, err)
	}

	// Nothing is left to ship or to cancel, and the whole order cannot be
	// cancelled: the stock stays as it is.
	if _, err := f.s.FulfillOrder(ctx, refundStaff, o.ID, map[int64]int64{shirt.ID: 1}, "", ""); err == nil {
		t.Error("a cancelled shirt was shipped")
	}
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, o.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("cancelling again: %v, want ErrConflict", err)
	}
	if err := f.s.CancelOrder(ctx, refundStaff, o.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("cancel the order: %v, want ErrConflict", err)
	}
	if got := variantStock(t, f.s, f.big); got != stock+3 {
		t.Errorf("shirt stock %d after the refusals, want %d", got, stock+3)
	}

	if err := f.s.RefundReturn(ctx, refundStaff, id, "bank_transfer", "TX-1"); err != nil {
		t.Fatal(err)
	}
	opts, _ := f.s.ReturnOptionsOf(ctx, after)
	if opts.Lines[0].Left != 1 {
		t.Errorf("shirts left to return %d, want the 1 shipped", opts.Lines[0].Left)
	}
	back, err := f.s.QuoteReturn(ctx, after, map[int64]int64{shirt.ID: 1}, "damaged", ResolutionRefund)
	if err != nil || back.Total != 19867-14900 {
		t.Fatalf("the shipped shirt back: %+v, %v; want 49.67", back, err)
	}
	if _, err := f.s.QuoteReturn(ctx, after, map[int64]int64{shirt.ID: 2}, "damaged", ResolutionRefund); err == nil {
		t.Error("a cancelled shirt could be returned")
	}
	statsAfter, _ := f.s.ReturnStatsOf(ctx, 90)
	if statsAfter.Returned != statsBefore.Returned || statsAfter.Refunded != statsBefore.Refunded || len(statsAfter.ByReason) != 0 ||
		len(statsAfter.ByProduct) != 0 {
		t.Errorf("return stats %+v, want none: nothing was returned", statsAfter)
	}

	var events, emails, audits int
	f.s.read.QueryRow(`SELECT count(*) FROM order_events WHERE order_id = ? AND kind = ? AND detail = '3'`, o.ID, EventUnshippedCancelled).Scan(&events)
	f.s.read.QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ? AND ref_id = ?`, o.ID, EmailUnshippedCancelled, id).Scan(&emails)
	if log, _ := f.s.AuditLog(ctx, AuditFilter{Action: ActionOrderCancelUnshipped}); log.Total == 1 && log.Records[0].StaffEmail == refundStaff.Email {
		audits = 1
	}
	if events != 1 || emails != 1 || audits != 1 {
		t.Errorf("%d events, %d emails, %d audit entries; want one each", events, emails, audits)
	}
}

// TestCancelUnshippedPoints: a member redeems 1,001 points (10.01) on 4
// shirts at 52.00 and earns 197 on the 197.99 paid. With one shirt
// shipped and three cancelled, the refund of 148.49 = floor(19799·3/4)
// takes back floor(197·3/4) = 147 earned points and gives back the 750
// redeemed points that paid floor(1001·3/4) = 7.50 of them; the shipped
// shirt returned later takes the rest of each.
func TestCancelUnshippedPoints(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	c := registerCustomer(t, f.s, "points@example.com")
	if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, 1001, "gift"); err != nil {
		t.Fatal(err)
	}
	token := f.add(t, "", f.big, 4).Token
	in := checkoutFor(token, flatShipping(t, f.s))
	in.Email, in.CustomerID, in.RedeemPoints = c.Email, c.ID, 1001
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	o, _ = f.s.OrderByID(ctx, o.ID)
	if o.Lines[0].Paid != 19799 {
		t.Fatalf("paid %d, want 197.99", o.Lines[0].Paid)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 0 || b.Pending != 197 {
		t.Fatalf("before: %+v, want 197 pending", b)
	}
	id, err := f.s.CancelUnshipped(ctx, refundStaff, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.s.ReturnByID(ctx, id)
	if q := r.Quote; q.Total != 14849 || q.PointsBack != 147 || q.PointsRestored != 750 || r.Lines[0].PointsPaid != 750 {
		t.Fatalf("cancellation quote %+v, lines %+v", q, r.Lines)
	}
	if err := f.s.RefundReturn(ctx, refundStaff, id, "bank_transfer", ""); err != nil {
		t.Fatal(err)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 750 || b.Pending != 50 {
		t.Fatalf("after the refund: %+v, want 750 back and 50 still pending", b)
	}
	o, _ = f.s.OrderByID(ctx, o.ID)
	rest, err := f.s.RequestReturn(ctx, o, c.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	refundWhole(t, f.s, rest)
	last, _ := f.s.ReturnByID(ctx, rest)
	if q := last.Quote; q.Total != 19799-14849 || q.PointsBack != 50 || q.PointsRestored != 251 {
		t.Fatalf("the shipped shirt back: %+v; want 49.50, 50 points back, 251 restored", q)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 1001 || b.Pending != 0 {
		t.Fatalf("all back: %+v, want the 1,001 points and nothing pending", b)
	}
}

// TestCancelUnshippedRefusals: an order with nothing shipped is cancelled
// whole, a cancelled one and an unknown one have nothing to cancel, the
// replacement of an open exchange must go out whole, and an unpaid
// order's cancellation waits for the payment before its refund.
func TestCancelUnshippedRefusals(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	placed := f.placedOrder(t, ship, "ana@example.com", "Ana")
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, placed.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("nothing shipped: %v, want ErrConflict", err)
	}
	if err := f.s.CancelOrder(ctx, refundStaff, placed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, placed.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("cancelled order: %v, want ErrConflict", err)
	}
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown order: %v, want ErrNotFound", err)
	}

	// A replacement of 2 shirts, one shipped.
	o := f.shippedOrder(t, nil, 2, 0)
	line := o.Lines[0].ID
	x, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 2}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{line: f.big}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, refundStaff, x, ""); err != nil {
		t.Fatal(err)
	}
	xr, _ := f.s.ReturnByID(ctx, x)
	repl, err := f.s.OrderByNumber(ctx, xr.ExchangeOrder)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, refundStaff, repl.ID, map[int64]int64{repl.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, repl.ID); !errors.Is(err, ErrReplacementOrder) {
		t.Errorf("replacement order: %v, want ErrReplacementOrder", err)
	}

	// Cash on delivery not collected: cancelled all the same; the shopper
	// is asked for the total less the cancelled items, so marking the
	// order paid settles the cancellation, and no refund is left to make.
	token := f.add(t, "", f.big, 2).Token
	in := checkoutFor(token, ship)
	in.PaymentMethod = PayCOD
	cod, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, refundStaff, cod.ID, map[int64]int64{cod.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.CancelUnshipped(ctx, refundStaff, cod.ID)
	if err != nil {
		t.Fatal(err)
	}
	var verr *ValidationError
	if err := f.s.RefundReturn(ctx, refundStaff, id, "cash", ""); !errors.As(err, &verr) || verr.Fields["refund_method"] != "admin.return.unpaid" {
		t.Fatalf("refund before payment: %v", err)
	}
	// Nothing can be refunded before the payment, so a week's wait is
	// not the shop being late.
	f.clockOffset = 8 * 24 * time.Hour
	list, _ := f.s.ListReturns(ctx, ReturnFilter{Status: ReturnReceived}, 1, 50)
	for _, r := range list.Rows {
		if r.ID == id && r.Overdue(f.s.Now()) {
			t.Error("the unpaid order's cancellation is overdue for a refund it cannot have")
		}
	}
	f.clockOffset = 0
	if _, err := f.s.MarkPaid(ctx, refundStaff, cod.ID); err != nil {
		t.Fatal(err)
	}
	settled, _ := f.s.ReturnByID(ctx, id)
	if settled.Status != ReturnRefunded || settled.RefundMethod != RefundNotCollected || settled.RefundAmount != settled.Quote.Total ||
		settled.RefundAmount == 0 {
		t.Errorf("once paid the cancellation is %s by %q, %d of %d", settled.Status, settled.RefundMethod,
			settled.RefundAmount, settled.Quote.Total)
	}
	if err := f.s.RefundReturn(ctx, refundStaff, id, "cash", ""); !errors.Is(err, ErrConflict) {
		t.Errorf("a refund of the settled cancellation: %v, want ErrConflict", err)
	}
	if n := outboxCount(t, f.s, cod.ID, EmailReturnRefunded); n != 0 {
		t.Errorf("%d refund emails for money never charged", n)
	}
	// Nor does the order list count a refund: the order is paid, what it
	// was never charged apart, and its payment filter says the same.
	if settled.Refunded() != 0 {
		t.Errorf("the settled cancellation refunded %d", settled.Refunded())
	}
	for payment, listed := range map[string]int{PaymentPaid: 1, PaymentPartlyRefunded: 0, PaymentRefunded: 0} {
		page, err := f.s.ListOrders(ctx, OrderFilter{Payment: payment, Query: cod.Number})
		if err != nil || len(page.Rows) != listed {
			t.Fatalf("payment %s lists %+v, %v", payment, page.Rows, err)
		}
		for _, r := range page.Rows {
			if r.Refunded != 0 || r.Uncollected != settled.RefundAmount || r.FinancialStatus() != PaymentPaid {
				t.Errorf("the order's row = %+v (%s), want %d not charged and nothing refunded", r, r.FinancialStatus(), settled.RefundAmount)
			}
		}
	}
}

// TestCancelUnshippedRacesFulfil: one member of staff ships what is left
// as another cancels it, many times over: exactly one of them wins each
// time, no unit is both shipped and cancelled, and the stock comes back
// for the cancelled units alone, once.
func TestCancelUnshippedRacesFulfil(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	for range 20 {
		o := f.partlyShipped(t, nil, 3, 0, "", 1)
		stock := variantStock(t, f.s, f.big)
		var fulfilErr, cancelErr error
		start := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			<-start
			_, fulfilErr = f.s.FulfillOrder(ctx, refundStaff, o.ID, map[int64]int64{o.Lines[0].ID: 2}, "", "")
		})
		wg.Go(func() {
			<-start
			_, cancelErr = f.s.CancelUnshipped(ctx, refundStaff, o.ID)
		})
		close(start)
		wg.Wait()
		var verr *ValidationError
		switch {
		case fulfilErr == nil && errors.Is(cancelErr, ErrConflict):
			if got := variantStock(t, f.s, f.big); got != stock {
				t.Fatalf("all shipped, yet the stock moved %d → %d", stock, got)
			}
		case cancelErr == nil && errors.As(fulfilErr, &verr):
			if got := variantStock(t, f.s, f.big); got != stock+2 {
				t.Fatalf("two cancelled, stock %d → %d", stock, got)
			}
		default:
			t.Fatalf("fulfil: %v, cancel: %v; want exactly one to win", fulfilErr, cancelErr)
		}
		after, _ := f.s.OrderByID(ctx, o.ID)
		l := after.Lines[0]
		if l.FulfilledQuantity+l.CancelledQuantity != l.Quantity || after.FulfillmentStatus != FulfillmentDone {
			t.Fatalf("line %d shipped + %d cancelled of %d, order %s", l.FulfilledQuantity, l.CancelledQuantity, l.Quantity,
				after.FulfillmentStatus)
		}
	}
}

// TestCancelUnshippedLineCheck: the schema itself refuses a line with more
// units shipped and cancelled than it has, whatever the code above it does.
func TestCancelUnshippedLineCheck(t *testing.T) {
	f := newCartFixture(t)
	o := f.partlyShipped(t, nil, 3, 0, "", 1)
	if _, err := f.s.write.Exec(`UPDATE order_lines SET cancelled_quantity = 3 WHERE id = ?`, o.Lines[0].ID); err == nil {
		t.Error("3 cancelled beside 1 shipped of 3 was stored")
	}
	if _, err := f.s.write.Exec(`UPDATE order_lines SET cancelled_quantity = 2 WHERE id = ?`, o.Lines[0].ID); err != nil {
		t.Errorf("2 cancelled beside 1 shipped of 3: %v", err)
	}
	if _, err := f.s.write.Exec(`UPDATE order_lines SET fulfilled_quantity = 2 WHERE id = ?`, o.Lines[0].ID); err == nil {
		t.Error("a cancelled unit was counted as shipped")
	}
}

// TestUnpaidOrderEarnsNoPointsForWhatWentBack: a member's cash-on-delivery
// order of 4 ships 1; the other 3 are cancelled before anyone has paid, so
// the cancellation is quoted when the order has earned nothing. Paid on
// delivery, the order earns on all 4 lines' money: the cancellation's
// refund must take back the 3 units' share, as it would have had the order
// been paid first, and the member keeps only the shipped unit's points.
func TestUnpaidOrderEarnsNoPointsForWhatWentBack(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	c := registerCustomer(t, f.s, "cod@example.com")
	token := f.add(t, "", f.big, 4).Token
	in := checkoutFor(token, flatShipping(t, f.s))
	in.Email, in.CustomerID, in.PaymentMethod = c.Email, c.ID, PayCOD
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, refundStaff, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.CancelUnshipped(ctx, refundStaff, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, refundStaff, o.ID); err != nil {
		t.Fatal(err)
	}
	o, _ = f.s.OrderByID(ctx, o.ID)
	var earned int64
	if err := f.s.read.QueryRow(`SELECT points_earned FROM order_lines WHERE id = ?`, o.Lines[0].ID).Scan(&earned); err != nil || earned == 0 {
		t.Fatalf("the line earned %d points (%v)", earned, err)
	}
	r, _ := f.s.ReturnByID(ctx, id)
	if want := earned * 3 / 4; r.Quote.PointsBack != want || r.Lines[0].PointsEarned != want {
		t.Fatalf("the cancellation takes back %d points (line %d), want 3 of 4 units' share of %d: %d",
			r.Quote.PointsBack, r.Lines[0].PointsEarned, earned, want)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available+b.Pending != earned-earned*3/4 {
		t.Errorf("once paid the member holds %+v, want %d: the shipped unit's share", b, earned-earned*3/4)
	}
}
