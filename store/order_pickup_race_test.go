package store

import (
	"context"
	"errors"
	"testing"
)

// TestPickupReadyFromTwoTabs: staff mark a pickup order ready for
// collection from two tabs at once, both opened with nothing set aside,
// many times over: one parcel is set aside, with one event and one "ready
// to collect" email; the other tab is told it was done meanwhile.
func TestPickupReadyFromTwoTabs(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	pickup := pickupShipping(t, f.s)
	for range 15 {
		in := checkoutFor(f.add(t, "", f.big, 2).Token, pickup)
		in.PaymentMethod = PayBankTransfer
		o, _, err := f.s.PlaceOrder(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
		ready := func() error {
			_, err := f.s.FulfillOrderSeen(ctx, Actor{}, o.ID, ShippedUnits(o.Lines), nil, "", "")
			return err
		}
		errs := atOnce(ready, ready)
		lost := errs[1]
		if errs[0] != nil {
			lost = errs[0]
		}
		if (errs[0] == nil) == (errs[1] == nil) || !errors.Is(lost, ErrShippedSince) {
			t.Fatalf("ready from two tabs: %v and %v, want one set aside and the other told it was done", errs[0], errs[1])
		}
		var events, emails, parcels int
		f.s.read.QueryRow(`SELECT count(*) FROM order_events WHERE order_id = ? AND kind = ?`, o.ID, EventFulfilled).Scan(&events)
		f.s.read.QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, EmailShipped).Scan(&emails)
		f.s.read.QueryRow(`SELECT count(*) FROM fulfillments WHERE order_id = ?`, o.ID).Scan(&parcels)
		if events != 1 || emails != 1 || parcels != 1 {
			t.Fatalf("%d ready events, %d emails, %d parcels; want one each", events, emails, parcels)
		}
		if after, _ := f.s.OrderByID(ctx, o.ID); !after.AwaitsCollection() || after.Lines[0].FulfilledQuantity != 2 {
			t.Fatalf("after: %s, %d set aside; want both set aside, awaiting collection",
				after.FulfillmentStatus, after.Lines[0].FulfilledQuantity)
		}
	}
}
