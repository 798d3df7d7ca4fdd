package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ReturnReasonOrderCancelled is the reason recorded on the return row that
// holds what a cancelled order owes back of its payment (refundCancelled).
// The row is of the unshipped kind, since nothing of the order shipped, and
// this reason tells it apart from a cancellation of some items only.
const ReturnReasonOrderCancelled = "order_cancelled"

// CancelsOrder reports whether r is the refund of a whole cancelled
// order's payment rather than of items cancelled before shipping.
func (r ReturnRequest) CancelsOrder() bool {
	return r.Kind == ReturnKindUnshipped && r.Reason == ReturnReasonOrderCancelled
}

// refundCancelled records the refund that cancelled order orderID owes of
// its payment, the way CancelUnshipped records its own: a return row of
// the unshipped kind, created received, which staff refund with the
// return's Refund step (through Stripe for a card order). So it is listed
// under Returns as a refund to make, and every sum of refunds counts it
// once it is made. Each line gets back what it was paid, and the shipping
// is given back too, less what the order's other returns already hold:
// the refunds of an order never add up to more than its total.
//
// The row moves no points. cancelOrder has already settled them all
// (cancelPoints), and a payment after the cancel earns none, so the row's
// points are zero and its refund does not move them again. An order that
// paid nothing owes nothing and gets no row. It returns the row's id, or
// 0 when there is none.
func refundCancelled(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) (int64, error) {
	o, err := scanOrder(tx.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, orderID))
	if err != nil {
		return 0, err
	}
	if o.Lines, err = orderLines(ctx, tx.QueryContext, orderID); err != nil {
		return 0, err
	}
	h, err := readHolds(ctx, tx.QueryContext, orderID)
	if err != nil {
		return 0, err
	}
	q := ReturnQuote{ShopFault: true, Unshipped: true}
	var linesPaid int64
	for _, l := range o.Lines {
		linesPaid += l.Paid
		lh := h.lines[l.ID]
		if n := l.Quantity - lh.units; n > 0 {
			rl := ReturnLine{OrderLineID: l.ID, Quantity: n, Paid: max(l.Paid-lh.held[0], 0)}
			q.Lines = append(q.Lines, rl)
			q.LinesTotal += rl.Paid
		}
	}
	var shippingBack int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(shipping_refund), 0) FROM returns r
		WHERE order_id = ? AND `+activeReturn, orderID).Scan(&shippingBack); err != nil {
		return 0, fmt.Errorf("cancelled order's refund: %w", err)
	}
	// What the total holds beyond the lines is the shipping with its tax.
	q.Shipping = max(o.Total-linesPaid-shippingBack, 0)
	q.Total = q.LinesTotal + q.Shipping
	if q.Total == 0 {
		return 0, nil
	}
	id, err := insertCancellation(ctx, tx, orderID, ReturnReasonOrderCancelled, q, now)
	if err != nil {
		return 0, err
	}
	for _, l := range q.Lines {
		if err := insertCancelledLine(ctx, tx, id, l); err != nil {
			return 0, err
		}
	}
	return id, nil
}
