// Package payment holds the Stripe client and the flows that move an
// order through payment: starting or reusing a Checkout Session, the
// shopper's return, the webhook's events and the expiry of an unpaid order
// (Flows). Offline methods (bank transfer, cash on delivery) need nothing
// here: staff record their payment in the store (store.MarkPaid).
//
// The store knows nothing of this package (store never imports it): the
// flows read the keys and settings from the store and record what Stripe
// says through it. The Stripe client itself is told about an order with a
// small Order snapshot and knows nothing of the database, the HTTP layer or
// the catalogs.
package payment

import (
	"errors"
	"fmt"
	"time"
)

// Order is what Stripe needs to know about an order: the amounts as
// charged (the order's snapshot, never catalog prices) and where to send
// the shopper afterwards.
type Order struct {
	Number   string // the order number people see, e.g. "K7QM-4XR2"
	Currency string // ISO 4217, e.g. "USD"
	Email    string
	Total    int64  // minor units; the lines add up to exactly this
	Lines    []Line // goods, then shipping; tax and discounts already in the amounts

	SuccessURL string // may contain Stripe's {CHECKOUT_SESSION_ID} placeholder
	CancelURL  string

	// PlacedAt anchors a first Stripe session's expiry, so that repeating
	// the request (a double submit) repeats it exactly (see Stripe.attempt).
	PlacedAt time.Time
	// Replaces is the Stripe session this one stands in for, "" for the
	// first, so that a replacement gets its own idempotency key.
	Replaces string
}

// Line is one line the shopper is charged for.
type Line struct {
	Name       string
	Quantity   int64
	UnitAmount int64 // minor units
}

// Start is what to do once payment has started: send the shopper to
// RedirectURL, Stripe Checkout.
type Start struct {
	RedirectURL string
	SessionID   string // the Stripe Checkout Session that pays the order
}

// ErrInvalidOrder means the snapshot cannot be charged as it is: its lines
// do not add up to its total, or an amount is out of range.
var ErrInvalidOrder = errors.New("payment: invalid order")

// check verifies that the lines charge exactly the total.
func (o Order) check() error {
	if o.Number == "" || o.Currency == "" || len(o.Lines) == 0 || o.Total <= 0 {
		return fmt.Errorf("%w %s: nothing to charge", ErrInvalidOrder, o.Number)
	}
	var sum int64
	for _, l := range o.Lines {
		if l.Quantity <= 0 || l.UnitAmount < 0 || l.Name == "" {
			return fmt.Errorf("%w %s: line %q", ErrInvalidOrder, o.Number, l.Name)
		}
		sum += l.Quantity * l.UnitAmount
	}
	if sum != o.Total {
		return fmt.Errorf("%w %s: lines add up to %d, total is %d", ErrInvalidOrder, o.Number, sum, o.Total)
	}
	return nil
}
