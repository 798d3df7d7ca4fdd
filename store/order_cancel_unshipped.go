package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Cancelling what a partly shipped order has not shipped: the merchant
// shipped some of it and cannot get the rest.
const (
	ActionOrderCancelUnshipped = "order.cancel_unshipped"
	// EventUnshippedCancelled is on the order's timeline; detail is how
	// many units were cancelled.
	EventUnshippedCancelled = "unshipped_cancelled"
	// EmailUnshippedCancelled tells the shopper what was cancelled and
	// that its money follows; ref_id is the cancellation's return row.
	EmailUnshippedCancelled = "unshipped_cancelled"
	// ReturnReasonUnshipped is the reason the cancellation's return row
	// records: not one of the owner's reasons, never offered to shoppers.
	ReturnReasonUnshipped = "unshipped"
	// RefundNotCollected is how the cancellation of an unpaid order's
	// unshipped items is settled when staff mark the order paid: the
	// shopper was asked for the total less those items, so nothing goes
	// back (settleUncollected).
	RefundNotCollected = "not_collected"
	// EventUncollectedSettled is on the timeline when that happens;
	// detail is the cancellation's return row.
	EventUncollectedSettled = "unshipped_not_collected"
)

// settleUncollected settles the cancellations of what order orderID had
// not shipped, made while it was unpaid, as staff mark it paid: the
// shopper was asked for the total less those items (its page and the
// cancellation's email said so), so the money staff record is what was
// collected, and the cancellations count as refunded without a refund
// to make. Their points are settled as a refund's are; no refund email
// goes out, since nothing was charged.
func settleUncollected(ctx context.Context, tx *sql.Tx, orderID int64, actor Actor, now time.Time) error {
	ids, err := queryIDs(ctx, tx, `SELECT id FROM returns WHERE order_id = ? AND kind = ? AND status = ?`,
		orderID, ReturnKindUnshipped, ReturnReceived)
	if err != nil {
		return fmt.Errorf("settle cancellations: %w", err)
	}
	for _, id := range ids {
		if _, _, err := moveReturn(ctx, tx, id, ReturnReceived, ReturnRefunded, EventUncollectedSettled, actor, now,
			`, refund_amount = refund_total, refund_method = ?, refunded_at = ?`, RefundNotCollected, now.Unix()); err != nil {
			return err
		}
		if err := refundPoints(ctx, tx, orderID, id, now); err != nil {
			return err
		}
	}
	return nil
}

// QuoteUnshipped is what CancelUnshipped would give back of o now, worked
// out by the code that does it, for staff to see before they confirm.
func (s *Store) QuoteUnshipped(ctx context.Context, o *Order) (ReturnQuote, error) {
	return quoteUnshipped(ctx, s.query, o)
}

// quoteUnshipped is what cancelling every unit of o not yet shipped gives
// back: each line's share of what it was paid, of the points it earned and
// of what points paid of it, exactly as a return of the same units would
// (quoteLines, over the units ordered), and the redeemed points in the
// same shares. The shop chose to cancel, so no fee is kept; a free gift
// the shopper already has while the cancellation takes the order below its
// threshold keeps its value, as in a return.
func quoteUnshipped(ctx context.Context, query queryFunc, o *Order) (ReturnQuote, error) {
	q := ReturnQuote{ShopFault: true, Unshipped: true}
	h, err := readHolds(ctx, query, o.ID)
	if err != nil {
		return q, err
	}
	returned, err := returnedUnits(ctx, query, o.ID)
	if err != nil {
		return q, err
	}
	ask := map[int64]int64{}
	var lines []quotedLine
	var kept ReturnOptions // what of each line the shopper has, for the gift rule
	for _, l := range o.Lines {
		if n := l.Unfulfilled(); n > 0 {
			ask[l.ID] = n
		}
		lines = append(lines, h.quoted(l, l.Unfulfilled()))
		kept.Lines = append(kept.Lines, ReturnableLine{OrderLine: l, Left: l.FulfilledQuantity - returned[l.ID]})
	}
	if len(ask) == 0 {
		return q, ErrConflict
	}
	if q.Lines, err = quoteLines(lines, ask); err != nil {
		return q, err
	}
	return q, refundOf(ctx, query, o, h, kept, ask, &q)
}

// CancelUnshipped cancels every unit of an open, partly shipped order
// that has not shipped, in one transaction: the units count as cancelled
// (never to ship, never returnable), their stock goes back, and their
// money and points are given back through a return row of their own kind,
// created received (nothing travels; the stock is back already), which
// staff refund with the return's Refund step, so every sum of refunds
// counts it. The order is then fulfilled: everything not cancelled has
// shipped. It returns the return row's id.
//
// An order with nothing shipped is cancelled whole (CancelOrder); one
// cancelled, fully shipped or whose rest was cancelled already (a second
// click) is ErrConflict; the replacement of an exchange is
// ErrReplacementOrder.
func (s *Store) CancelUnshipped(ctx context.Context, actor Actor, orderID int64) (id int64, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		o, err := scanOrder(tx.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, orderID))
		if err != nil {
			return err
		}
		if o.Status != OrderOpen || o.FulfillmentStatus != FulfillmentPartial {
			return ErrConflict
		}
		if err := checkNotReplacement(ctx, tx, orderID); err != nil {
			return err
		}
		if o.Lines, err = orderLines(ctx, tx.QueryContext, orderID); err != nil {
			return err
		}
		q, err := quoteUnshipped(ctx, tx.QueryContext, o)
		if err != nil {
			return err
		}
		now := s.Now()
		if id, err = insertCancellation(ctx, tx, orderID, ReturnReasonUnshipped, q, now); err != nil {
			return err
		}
		var units int64
		cancelled := map[int64]int64{}
		for _, l := range q.Lines {
			if err := cancelLineUnits(ctx, tx, orderID, id, l); err != nil {
				return err
			}
			units += l.Quantity
			cancelled[l.OrderLineID] = l.Quantity
		}
		if err := endPaidUnits(ctx, tx, orderID, "cancelled", now); err != nil {
			return err
		}
		var after string
		if err := tx.QueryRowContext(ctx, `UPDATE orders SET updated_at = ?, fulfillment_status = `+fulfillmentNow+`
			WHERE id = ? RETURNING fulfillment_status`, now.Unix(), orderID).Scan(&after); err != nil {
			return fmt.Errorf("cancel unshipped: %w", err)
		}
		if after == FulfillmentDone {
			if err := pointsShipped(ctx, tx, orderID, now); err != nil {
				return err
			}
		}
		if err := addOrderEvent(ctx, tx, orderID, EventUnshippedCancelled, strconv.FormatInt(units, 10), actor, now); err != nil {
			return err
		}
		if err := queueReturnEmail(ctx, tx, EmailUnshippedCancelled, orderID, id, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderCancelUnshipped, Entity: EntityOrder,
			EntityID: fmt.Sprint(orderID), Before: map[string]any{"fulfillment_status": o.FulfillmentStatus},
			After: map[string]any{"fulfillment_status": after, "return_id": id, "lines": cancelled, "refund": q.Total}})
	})
	if err == nil {
		s.bumpStock()
	}
	return id, err
}

// cancelLineUnits cancels line l's units for return id and gives their
// stock back. The conditional update decides against a parcel recorded
// by someone else: a unit is shipped or cancelled, never both, and the
// line must still have exactly the units the quote cancels.
func cancelLineUnits(ctx context.Context, tx *sql.Tx, orderID, id int64, l ReturnLine) error {
	var variantID sql.NullInt64
	err := tx.QueryRowContext(ctx, `UPDATE order_lines SET cancelled_quantity = cancelled_quantity + ?1
		WHERE id = ?2 AND order_id = ?3 AND quantity - fulfilled_quantity - cancelled_quantity = ?1
		RETURNING variant_id`, l.Quantity, l.OrderLineID, orderID).Scan(&variantID)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("cancel unshipped: %w", err)
	}
	// A variant deleted from the catalog since has no stock to take them.
	if variantID.Valid {
		if _, err := tx.ExecContext(ctx, `UPDATE variants SET stock = stock + ? WHERE id = ?`, l.Quantity, variantID.Int64); err != nil {
			return fmt.Errorf("restock: %w", err)
		}
	}
	return insertCancelledLine(ctx, tx, id, l)
}

// insertCancellation records q, the shop's cancellation of what order
// orderID had not shipped, as a return row of its own kind for reason,
// created received (nothing travels back), so that only its refund is
// left; it returns the row's id. The lines follow (insertCancelledLine).
func insertCancellation(ctx context.Context, tx *sql.Tx, orderID int64, reason string, q ReturnQuote, now time.Time) (id int64, err error) {
	err = tx.QueryRowContext(ctx, `INSERT INTO returns (order_id, kind, status, resolution, reason, shop_fault,
		lines_total, deduction, refund_total, shipping_refund, points_back, points_restored, gift_kept,
		decided_at, received_at, created_at, updated_at)
		VALUES (?, 'unshipped', 'received', 'refund', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		orderID, reason, q.LinesTotal, q.Deduction, q.Total, q.Shipping, q.PointsBack, q.PointsRestored, q.GiftKept,
		now.Unix(), now.Unix(), now.Unix(), now.Unix()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record cancellation: %w", err)
	}
	return id, nil
}

// insertCancelledLine records line l of cancellation id; its stock is
// back already (restocked), so receiving it can never restock it again.
func insertCancelledLine(ctx context.Context, tx *sql.Tx, id int64, l ReturnLine) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO return_lines (return_id, order_line_id, quantity, refund_amount,
		points_earned, points_paid, restocked) VALUES (?, ?, ?, ?, ?, ?, 1)`,
		id, l.OrderLineID, l.Quantity, l.Paid, l.PointsEarned, l.PointsPaid)
	if err != nil {
		return fmt.Errorf("record cancellation: %w", err)
	}
	return nil
}
