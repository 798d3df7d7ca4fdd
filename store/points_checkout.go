package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PointsUse is what a signed-in shopper's points can do at checkout: their
// available balance, and what they asked to redeem, already capped by it
// and by the per-order maximum.
type PointsUse struct {
	Balance   int64
	Requested int64
	Rules     Loyalty
}

// discount is the most the requested points may pay.
func (u PointsUse) discount() pointsDiscount {
	return pointsDiscount{Value: u.Rules.Value(u.Requested), Percent: u.Rules.MaxPercent}
}

// Max is the most points an order of merchandise (after the promotions)
// can take: what the balance, the per-order maximum and the share of the
// merchandise allow, in whole points worth no more than that share.
func (u PointsUse) Max(merchandise int64) int64 {
	n := u.capped(u.Balance)
	if !u.Rules.Redeems() {
		return 0
	}
	return min(n, mulDiv(mulDiv(merchandise, u.Rules.MaxPercent, 100), u.Rules.RedeemPoints, u.Rules.RedeemValue))
}

func (u PointsUse) capped(n int64) int64 {
	if u.Rules.MaxPerOrder > 0 {
		n = min(n, u.Rules.MaxPerOrder)
	}
	return min(max(n, 0), u.Balance)
}

// PointsToUse is what customerID's points can do at checkout with
// requested points asked for; nothing for a guest.
func (s *Store) PointsToUse(ctx context.Context, customerID, requested int64) (PointsUse, error) {
	var u PointsUse
	if customerID <= 0 {
		return u, nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = pointsToUse(ctx, tx, customerID, requested, s.Now())
		return err
	})
	return u, err
}

func pointsToUse(ctx context.Context, tx *sql.Tx, customerID, requested int64, now time.Time) (PointsUse, error) {
	var u PointsUse
	l, err := readLoyalty(ctx, tx.QueryContext)
	if err != nil {
		return u, err
	}
	if err := settlePoints(ctx, tx, customerID, now); err != nil {
		return u, err
	}
	b, err := pointsBalance(ctx, tx, customerID)
	if err != nil {
		return u, err
	}
	u = PointsUse{Balance: b.Available, Rules: l}
	u.Requested = u.capped(requested)
	return u, nil
}

// redeemPoints spends the points that paid the order's points discount
// (whole points, rounded up) and records them on the order; used is what
// the checkout made available, read in the same transaction.
func redeemPoints(ctx context.Context, tx *sql.Tx, orderID, customerID, amount int64, used PointsUse, now time.Time) error {
	if amount <= 0 {
		return nil
	}
	n := min(used.Rules.PointsFor(amount), used.Requested)
	if err := spendPoints(ctx, tx, customerID, n, PointsRedeem, orderID, "", Actor{}, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_discounts (order_id, code, amount, promotion_id, shipping)
		VALUES (?, ?, ?, NULL, 0)`, orderID, PointsCode, amount); err != nil {
		return fmt.Errorf("points discount: %w", err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE orders SET points_redeemed = ? WHERE id = ?`, n, orderID)
	return err
}
