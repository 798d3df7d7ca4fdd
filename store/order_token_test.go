package store

import (
	"context"
	"errors"
	"testing"
)

// TestCheckoutTokenOpensOnlyItsCartsOrder: a second submit of a checkout
// form returns the first order, but only to the cart that placed it. The
// same token posted from another session (another cart) is refused as an
// expired form, whatever that cart holds: it must never hand over the
// order, whose page carries its secret key.
func TestCheckoutTokenOpensOnlyItsCartsOrder(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	in := checkoutFor(f.add(t, "", f.small, 1).Token, ship)
	in.PaymentMethod = PayCOD
	first, created, err := f.s.PlaceOrder(ctx, in)
	if err != nil || !created {
		t.Fatalf("first submit: %v, created %v", err, created)
	}
	again, created, err := f.s.PlaceOrder(ctx, in)
	if err != nil || created || again.Number != first.Number {
		t.Fatalf("second submit from the same cart = %v, created %v, %v", again, created, err)
	}

	for name, cart := range map[string]string{
		"another cart":   f.add(t, "", f.mug, 1).Token,
		"an empty cart":  "",
		"an unknown one": "no-such-cart-token",
	} {
		replay := in
		replay.CartToken = cart
		o, _, err := f.s.PlaceOrder(ctx, replay)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Fields["checkout_token"] != "checkout.error.token" {
			t.Errorf("replay from %s = %v, %v; want the expired-form error", name, o, err)
		}
	}
	var n int
	if err := f.s.read.QueryRow(`SELECT count(*) FROM orders`).Scan(&n); err != nil || n != 1 {
		t.Errorf("orders = %d (%v), want 1", n, err)
	}
}
