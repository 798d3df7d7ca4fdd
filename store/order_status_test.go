package store

import (
	"context"
	"errors"
	"testing"
)

// TestMarkPaidRefusesStripeOrder: staff cannot record a card order paid by
// hand, paid or not, cancelled or not: only Stripe says so. An offline
// order still gets paid, and a cancelled one is refused for its own reason.
func TestMarkPaidRefusesStripeOrder(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	card := f.placeStripeOrder(t, ship)
	changed, err := f.s.MarkPaid(ctx, staffActor, card.ID)
	if !errors.Is(err, ErrStripeOrder) || !errors.Is(err, ErrConflict) || changed {
		t.Fatalf("MarkPaid(stripe) = %v, %v; want ErrStripeOrder, an ErrConflict", changed, err)
	}
	got, err := f.s.OrderByID(ctx, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Paid() || !got.AwaitingPayment() || outboxCount(t, f.s, card.ID, EmailPaymentReceived) != 0 {
		t.Errorf("stripe order after MarkPaid = %s/%s", got.Status, got.PaymentStatus)
	}
	for _, e := range got.Events {
		if e.Kind == EventPaid {
			t.Errorf("timeline has %q", e.Kind)
		}
	}
	// Cancelled, it is still refused as a card order.
	if err := f.s.CancelOrder(ctx, staffActor, card.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, staffActor, card.ID); !errors.Is(err, ErrStripeOrder) {
		t.Errorf("MarkPaid(cancelled stripe) = %v, want ErrStripeOrder", err)
	}

	bank := f.placeFor(t, ship, "bo@example.org", "Bo Chen", f.mug, 1)
	if changed, err := f.s.MarkPaid(ctx, staffActor, bank.ID); !changed || err != nil {
		t.Fatalf("MarkPaid(bank transfer) = %v, %v", changed, err)
	}
	if got, _ := f.s.OrderByID(ctx, bank.ID); !got.Paid() {
		t.Errorf("bank transfer order = %s", got.PaymentStatus)
	}

	cod := f.placeFor(t, ship, "cy@example.net", "Cy Twombly", f.mug, 1)
	if err := f.s.CancelOrder(ctx, staffActor, cod.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.MarkPaid(ctx, staffActor, cod.ID)
	if !errors.Is(err, ErrConflict) || errors.Is(err, ErrStripeOrder) {
		t.Errorf("MarkPaid(cancelled offline) = %v, want ErrConflict but not ErrStripeOrder", err)
	}
}
