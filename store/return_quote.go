package store

import (
	"context"
	"fmt"
)

// ReturnLine is what a return takes back of one order line: its units,
// its share of what the line was paid, of the points it earned and of
// what the points paid of it.
type ReturnLine struct {
	OrderLineID  int64 `json:"order_line_id"`
	Quantity     int64 `json:"quantity"`
	Paid         int64 `json:"paid"`          // minor units refunded for these units
	PointsEarned int64 `json:"points_earned"` // taken back
	PointsPaid   int64 `json:"points_paid"`   // minor units the points paid of these units
}

// quotedLine is an order line as a return quote needs it: the units
// ordered, whose share of Paid, PointsEarned and PointsPaid each unit
// carries, and the units that can be taken now (Left: shipped and not
// returned for a return, not shipped for a cancellation of the unshipped);
// the units earlier returns and cancellations (not rejected or cancelled)
// already took, of which Exchanged by exchanges, and what the refunds
// among them hold.
type quotedLine struct {
	ID, Ordered, Left, Paid, PointsEarned, PointsPaid int64
	Returned, Exchanged                               int64
	Held                                              [3]int64
}

// share is the part of total that units k..k+n of q carry when returns
// hold the first k, of which the exchanged ones keep the first x units'
// share (the shopper keeps goods of that value) and the refunds hold
// held: the cumulative share floor(total·(k+n)/q) less the exchanged
// units' share and less what is held, within what is left. What is held,
// not the cumulative share of k: a cancelled request frees its units out
// of turn, and the share of k would count the units after it twice or
// miss some. Returning a line in any number of steps refunds exactly what
// it was paid less what exchanges keep, never more.
func share(total, q, k, n, x, held int64) int64 {
	if q <= 0 {
		return 0
	}
	taken := mulDiv(total, x, q) + held
	return min(max(mulDiv(total, k+n, q)-taken, 0), max(total-taken, 0))
}

// quoteLines works out what returning ask (units by order line) takes
// back of each line. Asking for more than a line has left, or for a line
// not in the order, is an error naming the line's field.
func quoteLines(lines []quotedLine, ask map[int64]int64) ([]ReturnLine, error) {
	v := &ValidationError{}
	known := map[int64]bool{}
	var out []ReturnLine
	for _, l := range lines {
		known[l.ID] = true
		n := ask[l.ID]
		switch {
		case n < 0:
			v.Add(ReturnQtyField(l.ID), "returns.error.quantity_negative")
		case n > l.Left:
			v.Add(ReturnQtyField(l.ID), "returns.error.quantity")
		case n > 0:
			out = append(out, ReturnLine{OrderLineID: l.ID, Quantity: n,
				Paid:         share(l.Paid, l.Ordered, l.Returned, n, l.Exchanged, l.Held[0]),
				PointsEarned: share(l.PointsEarned, l.Ordered, l.Returned, n, l.Exchanged, l.Held[1]),
				PointsPaid:   share(l.PointsPaid, l.Ordered, l.Returned, n, l.Exchanged, l.Held[2])})
		}
	}
	for id, n := range ask {
		if !known[id] && n != 0 {
			v.Add(ReturnQtyField(id), "returns.error.quantity")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &ValidationError{Fields: map[string]string{"lines": "returns.error.nothing"}}
	}
	return out, nil
}

// pointsRestored is how many of the order's redeemed points go back for a
// return whose lines the points paid paidNow of, after earlier returns
// that hold paidBefore gave back restoredBefore; totalPaid is what the
// points paid of the whole order. Cumulative like share, so every return
// of the order together gives back at most what it redeemed, and exactly
// that when everything comes back.
func pointsRestored(redeemed, totalPaid, paidBefore, paidNow, restoredBefore int64) int64 {
	if totalPaid <= 0 {
		return 0
	}
	left := max(redeemed-restoredBefore, 0)
	return min(max(mulDiv(redeemed, paidBefore+paidNow, totalPaid)-restoredBefore, 0), left)
}

// ReturnQtyField is the return form's quantity field of an order line.
func ReturnQtyField(lineID int64) string { return fmt.Sprintf("qty_%d", lineID) }

// orderHolds is what the returns and cancellations holding units of an
// order (neither rejected nor cancelled) already take, for its quotes: by
// line, and the money the order's points paid in all and of that what
// the holds took.
type orderHolds struct {
	lines                     map[int64]lineHold
	pointsMoney, pointsBefore int64
}

// lineHold is one line's part of orderHolds: the points it earned and had
// paid, the units held, of which exchanged, and the refunds' shares.
type lineHold struct {
	earned, pointsPaid, units, exchanged int64
	held                                 [3]int64
}

func readHolds(ctx context.Context, query queryFunc, orderID int64) (orderHolds, error) {
	h := orderHolds{lines: map[int64]lineHold{}}
	rows, err := query(ctx, `SELECT l.id, l.points_earned, l.points_paid, coalesce(sum(rl.quantity), 0),
			coalesce(sum(rl.refund_amount), 0), coalesce(sum(rl.points_earned), 0), coalesce(sum(rl.points_paid), 0),
			coalesce(sum(rl.quantity) FILTER (WHERE r.resolution = 'exchange'), 0)
		FROM order_lines l
		LEFT JOIN (return_lines rl JOIN returns r ON r.id = rl.return_id AND `+activeReturn+`) ON rl.order_line_id = l.id
		WHERE l.order_id = ? GROUP BY l.id`, orderID)
	if err != nil {
		return h, fmt.Errorf("quote: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lh lineHold
		if err := rows.Scan(&id, &lh.earned, &lh.pointsPaid, &lh.units, &lh.held[0], &lh.held[1], &lh.held[2], &lh.exchanged); err != nil {
			return h, err
		}
		h.lines[id] = lh
		h.pointsMoney += lh.pointsPaid
		h.pointsBefore += lh.held[2]
	}
	return h, rows.Err()
}

// quoted is order line l as its quote needs it, with left units that can
// be taken now.
func (h orderHolds) quoted(l OrderLine, left int64) quotedLine {
	lh := h.lines[l.ID]
	return quotedLine{ID: l.ID, Ordered: l.Quantity, Left: left, Paid: l.Paid, PointsEarned: lh.earned,
		PointsPaid: lh.pointsPaid, Returned: lh.units, Exchanged: lh.exchanged, Held: lh.held}
}

// refundOf works out the money and points of q's lines: their total, the
// earned points taken back, the redeemed points given back, the value of
// a free gift kept (opts says what of each line the shopper has), and,
// unless the shop is at fault, the owner's fees.
func refundOf(ctx context.Context, query queryFunc, o *Order, h orderHolds, opts ReturnOptions, ask map[int64]int64, q *ReturnQuote) error {
	var pointsNow int64
	for _, l := range q.Lines {
		q.LinesTotal += l.Paid
		q.PointsBack += l.PointsEarned
		pointsNow += l.PointsPaid
	}
	var redeemed, restoredBefore int64
	if err := queryRowOf(ctx, query, `SELECT points_redeemed, coalesce((SELECT sum(r.points_restored) FROM returns r
		WHERE r.order_id = o.id AND `+activeReturn+`), 0) FROM orders o WHERE o.id = ?`, o.ID).Scan(&redeemed, &restoredBefore); err != nil {
		return err
	}
	q.PointsRestored = pointsRestored(redeemed, h.pointsMoney, h.pointsBefore, pointsNow, restoredBefore)
	var err error
	if q.GiftKept, err = giftKept(ctx, query, o, opts, ask, q.LinesTotal); err != nil {
		return err
	}
	q.Deduction = q.GiftKept
	if !q.ShopFault {
		policy, err := readReturnPolicy(ctx, query)
		if err != nil {
			return err
		}
		q.Deduction += policy.Fee + mulDiv(q.LinesTotal, policy.RestockingBP, 10000)
	}
	q.Deduction = min(q.Deduction, q.LinesTotal)
	q.Total = q.LinesTotal - q.Deduction
	return nil
}
