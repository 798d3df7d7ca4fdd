package payment

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/refund"

	"storefront/store"
)

// ErrNoPaymentIntent means a Stripe order has no payment to refund.
var ErrNoPaymentIntent = errors.New("payment: the order has no Stripe payment to refund")

// ErrRefundNotTaken means Stripe could not be reached or refused the
// refund: nothing was refunded or recorded, and staff may try again (the
// return's idempotency key makes a retry refund once).
var ErrRefundNotTaken = errors.New("payment: stripe did not take the refund")

// Refund refunds amount of paymentIntent through Stripe, once however
// often it is called with the same key, and returns Stripe's refund id and
// the refund's state (store.RefundPending, …), which its webhooks follow.
func (s *Stripe) Refund(ctx context.Context, paymentIntent string, amount int64, key string) (id, status string, err error) {
	if s.Key == "" {
		return "", "", ErrNotConfigured
	}
	c := refund.Client{B: s.Backend, Key: s.Key}
	p := &stripe.RefundParams{PaymentIntent: stripe.String(paymentIntent), Amount: stripe.Int64(amount),
		Reason: stripe.String(string(stripe.RefundReasonRequestedByCustomer))}
	p.Context = ctx
	p.SetIdempotencyKey(key)
	r, err := c.New(p)
	if err != nil {
		return "", "", fmt.Errorf("stripe refund: %w", err)
	}
	return r.ID, string(r.Status), nil
}

// RefundReturn refunds a received return: through Stripe for a card order
// (the idempotency key is the return's, so a retry after a lost answer
// refunds once), then records it (store.RefundReturn, which takes the
// points back) with Stripe's refund id and state; an offline order
// records the method and reference the owner gave.
func (f *Flows) RefundReturn(ctx context.Context, actor store.Actor, id int64, method, reference string) error {
	r, err := f.store.ReturnByID(ctx, id)
	if err != nil {
		return err
	}
	o, err := f.store.OrderByID(ctx, r.OrderID)
	if err != nil {
		return err
	}
	if o.PaymentMethod != store.PayStripe {
		if method == store.RefundStripe {
			return &store.ValidationError{Fields: map[string]string{"refund_method": "returns.error.refund_method"}}
		}
		return f.store.RefundReturn(ctx, actor, id, method, reference)
	}
	if r.Status != store.ReturnReceived {
		return store.ErrConflict
	}
	if o.StripePaymentIntent == "" {
		return ErrNoPaymentIntent
	}
	c, err := f.client(ctx)
	if err != nil {
		return err
	}
	refundID, status, err := c.Refund(ctx, o.StripePaymentIntent, r.Quote.Total, "return-"+strconv.FormatInt(id, 10))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrRefundNotTaken, err)
	}
	if err := f.store.RefundReturn(ctx, actor, id, store.RefundStripe, refundID); err != nil {
		return err
	}
	// The refund's first state, from Stripe's answer. A webhook that came
	// in just before it with a final state is not overwritten by it; one
	// that beat store.RefundReturn found no return and was acknowledged,
	// so this answer is the state the return starts from.
	if _, err := f.store.StripeRefundUpdated(ctx, "", refundID, status); err != nil {
		return fmt.Errorf("record the state of refund %s: %w", refundID, err)
	}
	return nil
}
