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
	var availableAt *time.Time
	if fulfillment == FulfillmentDone {
		// Paid on delivery: the window runs from now.
		at := now.AddDate(0, 0, int(l.ReturnDays+l.MarginDays))
		availableAt = &at
	}
	return newLot(ctx, tx, customerID.Int64, orderID, total, availableAt, PointsEarn, "", Actor{}, l, now)
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
	var customerID sql.NullInt64
	var earned int64
	if err := tx.QueryRowContext(ctx, `SELECT o.customer_id, coalesce((SELECT sum(points) FROM points_lots WHERE order_id = o.id), 0)
		FROM orders o WHERE o.id = ?`, orderID).Scan(&customerID, &earned); err != nil {
		return fmt.Errorf("cancel points: %w", err)
	}
	if !customerID.Valid {
		return nil
	}
	customer := customerID.Int64
	if err := settlePoints(ctx, tx, customer, now); err != nil {
		return err
	}
	// Restore first, so that points the order both earned and redeemed
	// are not counted as spent.
	rows, err := tx.QueryContext(ctx, `SELECT lot_id, -sum(points) FROM points_ledger
		WHERE order_id = ? AND kind = 'redeem' GROUP BY lot_id`, orderID)
	if err != nil {
		return fmt.Errorf("cancel points: %w", err)
	}
	redeemed := map[int64]int64{}
	for rows.Next() {
		var lot, n int64
		if err := rows.Scan(&lot, &n); err != nil {
			rows.Close()
			return err
		}
		redeemed[lot] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for lot, n := range redeemed {
		if err := ledgerRow(ctx, tx, customer, lot, PointsRestore, false, n, orderID, "", Actor{}, now); err != nil {
			return err
		}
	}
	if err := settlePoints(ctx, tx, customer, now); err != nil { // a restored lot may be past its expiry
		return err
	}
	var reversed int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(-sum(points), 0) FROM points_ledger WHERE order_id = ? AND kind = 'reverse'`,
		orderID).Scan(&reversed); err != nil {
		return err
	}
	owed := earned - reversed
	for _, pending := range []bool{true, false} {
		parts, err := lotParts(ctx, tx, customer, pending, "AND l.order_id = ?", orderID)
		if err != nil {
			return err
		}
		for _, p := range parts {
			take := min(p.left, owed)
			if err := ledgerRow(ctx, tx, customer, p.lot, PointsReverse, pending, -take, orderID, "", Actor{}, now); err != nil {
				return err
			}
			owed -= take
		}
	}
	if owed <= 0 {
		return nil
	}
	// Already spent: take it from the other available lots, as far as they go.
	parts, err := lotParts(ctx, tx, customer, false, "")
	if err != nil {
		return err
	}
	for _, p := range parts {
		take := min(p.left, owed)
		if err := ledgerRow(ctx, tx, customer, p.lot, PointsReverse, false, -take, orderID, "", Actor{}, now); err != nil {
			return err
		}
		owed -= take
	}
	return nil
}
