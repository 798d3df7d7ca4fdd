package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// earnPoints gives a signed-in customer's paid order its lot: each line
// earns on what was paid for it, tax out (never shipping), at the shop's
// rate times the customer's tier multiplier, rounded down per line so a
// returned line takes back exactly its own. The lot is pending until the
// order has shipped and its return window passed.
func earnPoints(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) error {
	var customerID sql.NullInt64
	var status, fulfillment, currency string
	err := tx.QueryRowContext(ctx, `SELECT customer_id, status, fulfillment_status, currency FROM orders WHERE id = ?`, orderID).
		Scan(&customerID, &status, &fulfillment, &currency)
	if err != nil {
		return fmt.Errorf("earn points: %w", err)
	}
	if !customerID.Valid || status == OrderCancelled {
		return nil
	}
	l, err := readLoyalty(ctx, tx.QueryContext)
	if err != nil || l.EarnPerUnit == 0 {
		return err
	}
	multiplier, err := tierMultiplier(ctx, tx, customerID.Int64, now)
	if err != nil {
		return err
	}
	exp, ok := Currencies[currency]
	if !ok {
		exp = 2
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, paid - tax FROM order_lines WHERE order_id = ? AND gift_promotion_id IS NULL`, orderID)
	if err != nil {
		return fmt.Errorf("earn points: %w", err)
	}
	earned := map[int64]int64{}
	var total int64
	for rows.Next() {
		var id, net int64
		if err := rows.Scan(&id, &net); err != nil {
			rows.Close()
			return err
		}
		earned[id] = l.Earned(net, multiplier, exp)
		total += earned[id]
	}
	rows.Close()
	if err := rows.Err(); err != nil || total == 0 {
		return err
	}
	for id, n := range earned {
		if _, err := tx.ExecContext(ctx, `UPDATE order_lines SET points_earned = ? WHERE id = ?`, n, id); err != nil {
			return fmt.Errorf("earn points: %w", err)
		}
	}
	if err := requoteReturnPoints(ctx, tx, orderID, earned); err != nil {
		return err
	}
	var availableAt *time.Time
	if fulfillment == FulfillmentDone {
		// Paid on delivery: the window runs from now.
		at := now.AddDate(0, 0, int(l.ReturnDays+l.MarginDays))
		availableAt = &at
	}
	return newLot(ctx, tx, customerID.Int64, orderID, total, availableAt, PointsEarn, "", Actor{}, l, now)
}

// requoteReturnPoints gives the returns that hold units of the order
// their units' shares of the points it has just earned (earned, by line),
// as a quote made now would (share, in the order they were asked for). A
// cash-on-delivery order returned or partly cancelled before it was paid
// was quoted when it had earned nothing, and its refund then took none of
// them back. An exchange's units keep theirs.
func requoteReturnPoints(ctx context.Context, tx *sql.Tx, orderID int64, earned map[int64]int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT rl.return_id, rl.order_line_id, rl.quantity, ol.quantity, r.resolution = 'exchange'
		FROM return_lines rl JOIN returns r ON r.id = rl.return_id JOIN order_lines ol ON ol.id = rl.order_line_id
		WHERE r.order_id = ? AND `+activeReturn+` ORDER BY r.id, rl.order_line_id`, orderID)
	if err != nil {
		return fmt.Errorf("requote returns' points: %w", err)
	}
	type hold struct{ units, exchanged, points int64 }
	holds := map[int64]*hold{}
	shares := map[[2]int64]int64{} // (return, order line) → the return line's points
	for rows.Next() {
		var ret, line, n, ordered int64
		var exchange bool
		if err := rows.Scan(&ret, &line, &n, &ordered, &exchange); err != nil {
			rows.Close()
			return err
		}
		h := holds[line]
		if h == nil {
			h = &hold{}
			holds[line] = h
		}
		if exchange {
			h.units, h.exchanged = h.units+n, h.exchanged+n
			continue
		}
		p := share(earned[line], ordered, h.units, n, h.exchanged, h.points)
		shares[[2]int64{ret, line}] = p
		h.units, h.points = h.units+n, h.points+p
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(shares) == 0 {
		return err
	}
	for k, n := range shares {
		if _, err := tx.ExecContext(ctx, `UPDATE return_lines SET points_earned = ? WHERE return_id = ? AND order_line_id = ?`,
			n, k[0], k[1]); err != nil {
			return fmt.Errorf("requote returns' points: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE returns SET points_back = (SELECT coalesce(sum(points_earned), 0)
		FROM return_lines WHERE return_id = returns.id) WHERE order_id = ? AND resolution = 'refund'
		AND status NOT IN ('rejected', 'cancelled')`, orderID)
	if err != nil {
		return fmt.Errorf("requote returns' points: %w", err)
	}
	return nil
}

// pointsShipped starts the return window of the order's pending lot when
// the order has shipped in full.
func pointsShipped(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) error {
	l, err := readLoyalty(ctx, tx.QueryContext)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE points_lots SET available_at = ? WHERE order_id = ? AND available_at IS NULL`,
		now.AddDate(0, 0, int(l.ReturnDays+l.MarginDays)).Unix(), orderID)
	return err
}

// cancelPoints undoes a cancelled order's points: what it earned is taken
// back (from its lot, pending or available; what was already spent from
// other available lots as far as they go, never below zero), and what it
// redeemed goes back into the lots it came from, with their expiry.
func cancelPoints(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) error {
	return returnPoints(ctx, tx, orderID, -1, -1, now)
}

// returnPoints gives back restore of the points the order redeemed and
// takes back takeBack of those it earned (-1: all that is left of each),
// for a cancel or a refunded return. Restoring comes first, so points the
// order both earned and redeemed are not counted as spent.
func returnPoints(ctx context.Context, tx *sql.Tx, orderID, restore, takeBack int64, now time.Time) error {
	var customerID sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT customer_id FROM orders WHERE id = ?`, orderID).Scan(&customerID); err != nil {
		return fmt.Errorf("order points: %w", err)
	}
	if !customerID.Valid {
		return nil
	}
	customer := customerID.Int64
	if err := settlePoints(ctx, tx, customer, now); err != nil {
		return err
	}
	if err := restorePoints(ctx, tx, customer, orderID, restore, now); err != nil {
		return err
	}
	if err := settlePoints(ctx, tx, customer, now); err != nil { // a restored lot may be past its expiry
		return err
	}
	return takeBackPoints(ctx, tx, customer, orderID, takeBack, now)
}

// restorePoints puts up to n (-1: all) of what the order redeemed and has
// not had back yet into the lots it came from, oldest lot first.
func restorePoints(ctx context.Context, tx *sql.Tx, customer, orderID, n int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT lot_id, -sum(points) FROM points_ledger
		WHERE order_id = ? AND kind IN ('redeem', 'restore') GROUP BY lot_id HAVING sum(points) < 0 ORDER BY lot_id`, orderID)
	if err != nil {
		return fmt.Errorf("restore points: %w", err)
	}
	type part struct{ lot, left int64 }
	var parts []part
	for rows.Next() {
		var p part
		if err := rows.Scan(&p.lot, &p.left); err != nil {
			rows.Close()
			return err
		}
		parts = append(parts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range parts {
		give := p.left
		if n >= 0 {
			give = min(give, n)
			n -= give
		}
		if err := ledgerRow(ctx, tx, customer, p.lot, PointsRestore, false, give, orderID, "", Actor{}, now); err != nil {
			return err
		}
	}
	return nil
}

// takeBackPoints takes back up to n (-1: all) of what the order earned and
// has not given back yet: from its own lot, pending part first, then, for
// what was already spent, from the other available lots as far as they go
// (a balance never goes below zero).
func takeBackPoints(ctx context.Context, tx *sql.Tx, customer, orderID, n int64, now time.Time) error {
	var earned, reversed int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT sum(points) FROM points_lots WHERE order_id = ?1), 0),
		coalesce((SELECT -sum(points) FROM points_ledger WHERE order_id = ?1 AND kind = 'reverse'), 0)`, orderID).
		Scan(&earned, &reversed); err != nil {
		return fmt.Errorf("take back points: %w", err)
	}
	owed := earned - reversed
	if n >= 0 {
		owed = min(owed, n)
	}
	for _, step := range []struct {
		pending bool
		where   string
	}{{true, "AND l.order_id = ?"}, {false, "AND l.order_id = ?"}, {false, "AND l.order_id IS NOT ?"}} {
		if owed <= 0 {
			return nil
		}
		parts, err := lotParts(ctx, tx, customer, step.pending, step.where, orderID)
		if err != nil {
			return err
		}
		for _, p := range parts {
			take := min(p.left, owed)
			if err := ledgerRow(ctx, tx, customer, p.lot, PointsReverse, step.pending, -take, orderID, "", Actor{}, now); err != nil {
				return err
			}
			owed -= take
		}
	}
	return nil
}
