package store

import (
	"context"
	"database/sql"
)

// PaymentStartFailed is the timeline detail of an EventPayment when the
// shop could not start a Stripe payment (Stripe unreachable or refusing).
const PaymentStartFailed = "stripe_error"

// NotePaymentFailed records on the order's timeline, for staff, that a
// Stripe payment could not be started; the shopper's page leaves payment
// attempts out and offers to try again.
func (s *Store) NotePaymentFailed(ctx context.Context, orderID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return addOrderEvent(ctx, tx, orderID, EventPayment, PaymentStartFailed, Actor{}, s.Now())
	})
}
