// Package payment puts every way of paying for an order behind one
// interface: Stripe Checkout, and the offline methods (bank transfer, cash
// on delivery) that need no configuration.
//
// It is a leaf: it knows nothing of the store's database, the HTTP layer or
// the catalogs. The caller describes the order with a small Order snapshot
// and does what Start says.
package payment

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Payment methods, the same strings as the checkout's payment_method values.
const (
	MethodStripe       = "stripe"
	MethodBankTransfer = "bank_transfer"
	MethodCOD          = "cod"
)

// Provider is one way of paying.
type Provider interface {
	// Method is the checkout's payment_method value this provider answers to.
	Method() string
	// Start begins paying for o and says what the shopper does next.
	Start(ctx context.Context, o Order) (Start, error)
}

// Order is what a provider needs to know about an order: the amounts as
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
// RedirectURL (Stripe), or show Instructions (offline methods).
type Start struct {
	RedirectURL  string
	SessionID    string // the Stripe Checkout Session that pays the order
	Instructions string
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

// Offline is a method paid outside the shop (bank transfer, cash on
// delivery): starting it only tells the shopper how to pay, and staff mark
// the order paid when the money arrives.
type Offline struct {
	Name         string // MethodBankTransfer or MethodCOD
	Instructions string // the owner's text; may be empty
}

// Method implements Provider.
func (p Offline) Method() string { return p.Name }

// Start implements Provider.
func (p Offline) Start(context.Context, Order) (Start, error) {
	return Start{Instructions: p.Instructions}, nil
}
