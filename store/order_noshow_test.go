package store

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// pickupShipping gives the shop an address and a local pickup method,
// and returns the method's id.
func pickupShipping(t *testing.T, s *Store) int64 {
	t.Helper()
	ctx := context.Background()
	if err := s.SetSetting(ctx, SettingAddress, "1 Dam, Amsterdam"); err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{Name: Plain("Pickup"), Kind: ShippingPickup, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// setAsidePickup places an order of qty large shirts to collect from the
// shop, paid by pay (marked paid when paid), and sets aside setAside of
// them for collection.
func (f *cartFixture) setAsidePickup(t *testing.T, pickup int64, c *Customer, qty, setAside int64, pay string, paid bool) *Order {
	t.Helper()
	ctx := context.Background()
	in := checkoutFor(f.add(t, "", f.big, qty).Token, pickup)
	in.PaymentMethod = pay
	if c != nil {
		in.Email, in.CustomerID = c.Email, c.ID
	}
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if paid {
		if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: setAside}, "", ""); err != nil {
		t.Fatal(err)
	}
	if o, err = f.s.OrderByID(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestCancelUncollectedPickup: a pickup set aside that its shopper never
// collects is cancelled by staff like an order not yet shipped. Every unit
// goes back in stock, set aside or not; a paid one records the refund of
// its whole payment, and its points go back; one to be paid at collection
// owes nothing. Once collected, or for a parcel that left, it is refused.
func TestCancelUncollectedPickup(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	pickup := pickupShipping(t, f.s)
	c := registerCustomer(t, f.s, "member@example.com")

	stock := variantStock(t, f.s, f.big)
	paid := f.setAsidePickup(t, pickup, c, 2, 2, PayBankTransfer, true)
	if !paid.AwaitsCollection() {
		t.Fatalf("a pickup set aside: %+v, want it awaiting collection", paid)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending == 0 {
		t.Fatalf("the paid pickup earned no points: %+v", b)
	}
	refundID, err := f.s.CancelOrderSeen(ctx, refundStaff, paid.ID, PaymentPaid)
	if err != nil || refundID == 0 {
		t.Fatalf("cancel an uncollected paid pickup = %d, %v; want its refund recorded", refundID, err)
	}
	if got := variantStock(t, f.s, f.big); got != stock {
		t.Errorf("stock %d after the cancel, want %d: both shirts back on the shelf", got, stock)
	}
	if r := cancelRefunds(t, f.s, paid.ID); len(r) != 1 || r[0].ID != refundID || r[0].RefundTotal != paid.Total {
		t.Errorf("the cancellation's refunds: %+v, want one of the whole %d", r, paid.Total)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending != 0 || b.Available != 0 {
		t.Errorf("points after the cancel: %+v, want the earned points taken back", b)
	}
	if n := outboxCount(t, f.s, paid.ID, EmailCancelled); n != 1 {
		t.Errorf("%d cancellation emails, want 1", n)
	}
	if after, _ := f.s.OrderByID(ctx, paid.ID); !after.Cancelled() || after.AwaitsCollection() {
		t.Errorf("after the cancel the order is %s", after.Status)
	}

	// To be paid at the counter, half set aside: nothing to refund.
	stock = variantStock(t, f.s, f.big)
	cod := f.setAsidePickup(t, pickup, nil, 2, 1, PayCOD, false)
	if refundID, err := f.s.CancelOrderSeen(ctx, refundStaff, cod.ID, PaymentPending); err != nil || refundID != 0 {
		t.Fatalf("cancel an uncollected cash pickup = %d, %v; want it cancelled, nothing owed", refundID, err)
	}
	if got := variantStock(t, f.s, f.big); got != stock {
		t.Errorf("stock %d → %d, want both shirts back", stock, got)
	}
	if r := cancelRefunds(t, f.s, cod.ID); len(r) != 0 {
		t.Errorf("an unpaid pickup's cancel records refunds %+v", r)
	}

	// Collected, it is the shopper's: only a return brings it back.
	collected := f.setAsidePickup(t, pickup, nil, 1, 1, PayCOD, false)
	if err := f.s.MarkDelivered(ctx, refundStaff, collected.ID); err != nil {
		t.Fatal(err)
	}
	stock = variantStock(t, f.s, f.big)
	if _, err := f.s.CancelOrderSeen(ctx, refundStaff, collected.ID, ""); !errors.Is(err, ErrConflict) {
		t.Errorf("cancel a collected pickup = %v, want ErrConflict", err)
	}
	if got := variantStock(t, f.s, f.big); got != stock {
		t.Errorf("a refused cancel moved the stock %d → %d", stock, got)
	}
	parcel := f.placeFor(t, flatShipping(t, f.s), "bo@example.com", "Bo Chen", f.small, 1, f.mug, 1)
	if _, err := f.s.FulfillOrder(ctx, Actor{}, parcel.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CancelOrderSeen(ctx, refundStaff, parcel.ID, ""); !errors.Is(err, ErrConflict) {
		t.Errorf("cancel a shipped parcel = %v, want ErrConflict", err)
	}
}

// TestCancelUncollectedPickupTwice: two members of staff cancel the same
// no-show at once, many times over; it is cancelled once: one refund, one
// email, its stock back once.
func TestCancelUncollectedPickupTwice(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	pickup := pickupShipping(t, f.s)
	for range 10 {
		stock := variantStock(t, f.s, f.big)
		o := f.setAsidePickup(t, pickup, nil, 2, 2, PayBankTransfer, true)
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				<-start
				_, errs[i] = f.s.CancelOrderSeen(ctx, refundStaff, o.ID, PaymentPaid)
			})
		}
		close(start)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("cancels = %v, %v", errs[0], errs[1])
		}
		if got := variantStock(t, f.s, f.big); got != stock {
			t.Fatalf("stock %d → %d, want it back once", stock, got)
		}
		if r := cancelRefunds(t, f.s, o.ID); len(r) != 1 {
			t.Fatalf("%d refunds recorded, want 1", len(r))
		}
		if n := outboxCount(t, f.s, o.ID, EmailCancelled); n != 1 {
			t.Fatalf("%d cancellation emails, want 1", n)
		}
	}
}
