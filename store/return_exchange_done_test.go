package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// exchangedReturn is an exchange of qty of two shirts for variant, taken
// by actor to its end: approved (making the replacement order), received
// and completed. It returns the return's id and the replacement, not
// shipped yet.
func (f *cartFixture) exchangedReturn(t *testing.T, actor Actor, qty, variant int64) (int64, *Order) {
	t.Helper()
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0)
	line := o.Lines[0].ID
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: qty}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{line: variant}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, actor, id, "x"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, actor, id, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CompleteExchange(ctx, actor, id); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil || r.Status != ReturnExchanged {
		t.Fatalf("return %+v, %v", r, err)
	}
	repl, err := f.s.OrderByNumber(ctx, r.ExchangeOrder)
	if err != nil {
		t.Fatal(err)
	}
	return id, repl
}

// TestCompletedExchangeStillSendsItsReplacement: once the exchange is
// marked done the shopper's item is back with the shop and nothing is
// refunded, so its replacement, not shipped yet, can be neither cancelled
// (as staff saw it, paid) nor cancelled in part once half of it is out.
func TestCompletedExchangeStillSendsItsReplacement(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	_, repl := f.exchangedReturn(t, refundStaff, 1, f.small)
	smallBefore := variantStock(t, f.s, f.small)

	if _, err := f.s.CancelOrderSeen(ctx, refundStaff, repl.ID, PaymentPaid); !errors.Is(err, ErrReplacementOrder) {
		t.Errorf("cancel the replacement of a completed exchange: %v, want ErrReplacementOrder", err)
	}
	if got, _ := f.s.OrderByID(ctx, repl.ID); got.Status != OrderOpen {
		t.Errorf("replacement %s, want open", got.Status)
	}
	if got := variantStock(t, f.s, f.small); got != smallBefore {
		t.Errorf("small stock %d, want %d: the replacement keeps its unit", got, smallBefore)
	}

	// Two units exchanged, one shipped: the other must still go.
	_, two := f.exchangedReturn(t, refundStaff, 2, f.big)
	if _, err := f.s.FulfillOrder(ctx, refundStaff, two.ID, map[int64]int64{two.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CancelUnshipped(ctx, refundStaff, two.ID); !errors.Is(err, ErrReplacementOrder) {
		t.Errorf("cancel the rest of a completed exchange's replacement: %v, want ErrReplacementOrder", err)
	}
}

// TestReturnStepsAreAudited: every decision staff take on a return, the
// refund, the completed exchange and a parcel marked delivered leave a
// row in the audit log naming who did it and what changed.
func TestReturnStepsAreAudited(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	owner, err := f.s.CreateStaff(ctx, Actor{}, StaffInput{Email: "owner@example.com", Password: "long enough pw", Role: RoleOwner})
	if err != nil {
		t.Fatal(err)
	}
	staff := Actor{StaffID: owner.ID, Email: owner.Email, IP: "192.0.2.7"}

	exchange, _ := f.exchangedReturn(t, staff, 1, f.small)

	o := f.shippedOrder(t, nil, 3, 0)
	line := o.Lines[0].ID
	refund, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "too_large",
		Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, staff, refund, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, staff, refund, map[int64]string{line: ConditionDamaged}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RefundReturn(ctx, staff, refund, "bank_transfer", "TX-1"); err != nil {
		t.Fatal(err)
	}
	rejected, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "too_large",
		Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RejectReturn(ctx, staff, rejected, "worn"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.MarkDelivered(ctx, staff, o.ID); err != nil {
		t.Fatal(err)
	}
	// A refused step records nothing: its transaction is rolled back.
	if err := f.s.RejectReturn(ctx, staff, rejected, "again"); !errors.Is(err, ErrConflict) {
		t.Fatalf("reject twice: %v", err)
	}

	ids := func(id int64) string { return strconv.FormatInt(id, 10) }
	for _, c := range []struct {
		action, entity, id string
		after              []string // fragments of the After JSON
	}{
		{ActionReturnApprove, EntityReturn, ids(exchange), []string{`"status":"approved"`, `"exchange_order_id":`}},
		{ActionReturnReceive, EntityReturn, ids(exchange), []string{`"status":"received"`}},
		{ActionReturnExchange, EntityReturn, ids(exchange), []string{`"status":"exchanged"`}},
		{ActionReturnApprove, EntityReturn, ids(refund), []string{`"status":"approved"`}},
		{ActionReturnReceive, EntityReturn, ids(refund), []string{`"damaged"`}},
		{ActionReturnRefund, EntityReturn, ids(refund), []string{`"status":"refunded"`, `"refund_method":"bank_transfer"`, `"refund_reference":"TX-1"`}},
		{ActionReturnReject, EntityReturn, ids(rejected), []string{`"status":"rejected"`, `"reject_reason":"worn"`}},
		{ActionOrderMarkDelivered, EntityOrder, ids(o.ID), []string{`"delivered_at"`}},
	} {
		log, err := f.s.AuditLog(ctx, AuditFilter{Action: c.action, Entity: c.entity, EntityID: c.id})
		if err != nil {
			t.Fatal(err)
		}
		if len(log.Records) != 1 {
			t.Errorf("%s %s #%s: %d audit rows, want 1", c.action, c.entity, c.id, len(log.Records))
			continue
		}
		r := log.Records[0]
		if r.StaffID != staff.StaffID || r.StaffEmail != staff.Email || r.IP != staff.IP {
			t.Errorf("%s #%s by %d %s from %s", c.action, c.id, r.StaffID, r.StaffEmail, r.IP)
		}
		for _, want := range c.after {
			if !strings.Contains(r.AfterJSON, want) {
				t.Errorf("%s #%s after %s, want %s", c.action, c.id, r.AfterJSON, want)
			}
		}
	}
}
