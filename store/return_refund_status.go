package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// A Stripe refund's states (returns.refund_status), as Stripe names them.
// The last three are final.
const (
	RefundPending        = "pending"
	RefundRequiresAction = "requires_action"
	RefundSucceeded      = "succeeded"
	RefundFailed         = "failed"
	RefundCanceled       = "canceled"
)

// Timeline events of a Stripe refund that did not reach the shopper, so
// that the owner sees it and refunds another way; detail is the return's id.
const (
	EventReturnRefundFailed   = "return_refund_failed"
	EventReturnRefundCanceled = "return_refund_canceled"
)

// StripeRefundUpdated records the state Stripe reports for refund
// refundID of a return (its refund_reference), once per eventID (the
// stripe_events table, as StripePaid; "" for a state read from Stripe's
// own answer, which needs none). Events arrive in any order, so a final
// state is never overwritten by a later-arriving older one (a "pending"
// after "succeeded" changes nothing), with one exception: a refund that
// succeeded can still fail later (the card was closed), and then failed is
// the truth. A refund that fails or is cancelled is put on the order's
// timeline.
//
// A refund of no return here (made in Stripe's dashboard, or by another
// integration on the account) is ErrNotFound, which the webhook answers
// 200 like a session of no order: Stripe must not deliver it forever. A
// state the shop does not know (a newer API's) changes nothing.
func (s *Store) StripeRefundUpdated(ctx context.Context, eventID, refundID, status string) (changed bool, err error) {
	switch status {
	case RefundPending, RefundRequiresAction, RefundSucceeded, RefundFailed, RefundCanceled:
	default:
		return false, nil
	}
	err = s.stripeEvent(ctx, eventID, "refund.updated", func(tx *sql.Tx, now time.Time) error {
		changed, err = setRefundStatus(ctx, tx, refundID, status, now)
		return err
	})
	return changed, err
}

// setRefundStatus moves the refund's return to status when the rule of
// StripeRefundUpdated allows it, in one conditional UPDATE.
func setRefundStatus(ctx context.Context, tx *sql.Tx, refundID, status string, now time.Time) (bool, error) {
	var id, orderID int64
	err := tx.QueryRowContext(ctx, `
		UPDATE returns SET refund_status = ?1, updated_at = ?2
		WHERE refund_method = 'stripe' AND refund_reference = ?3 AND refund_status <> ?1
			AND (refund_status NOT IN ('succeeded', 'failed', 'canceled')
				OR (refund_status = 'succeeded' AND ?1 = 'failed'))
		RETURNING id, order_id`, status, now.Unix(), refundID).Scan(&id, &orderID)
	if errors.Is(err, sql.ErrNoRows) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM returns WHERE refund_method = 'stripe' AND refund_reference = ?`,
			refundID).Scan(&n); err != nil {
			return false, err
		}
		if n == 0 {
			return false, fmt.Errorf("stripe refund %s: %w", refundID, ErrNotFound)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("refund status: %w", err)
	}
	event := ""
	switch status {
	case RefundFailed:
		event = EventReturnRefundFailed
	case RefundCanceled:
		event = EventReturnRefundCanceled
	}
	if event != "" {
		if err := addOrderEvent(ctx, tx, orderID, event, strconv.FormatInt(id, 10), Actor{}, now); err != nil {
			return false, err
		}
	}
	return true, nil
}
