package store

import "fmt"

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
// carries, and the units shipped, which alone can come back; the units
// earlier returns (not rejected or cancelled) already took, of which
// Exchanged by exchanges, and what the refunds among them hold.
type quotedLine struct {
	ID, Ordered, Shipped, Paid, PointsEarned, PointsPaid int64
	Returned, Exchanged                                  int64
	Held                                                 [3]int64
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
		case n < 0 || n > l.Shipped-l.Returned:
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
