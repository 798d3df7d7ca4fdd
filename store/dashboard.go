package store

import (
	"context"
	"fmt"
)

// ProductCounts returns how many products have each status.
func (s *Store) ProductCounts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{StatusDraft: 0, StatusActive: 0, StatusArchived: 0}
	rows, err := s.read.QueryContext(ctx, `SELECT status, count(*) FROM products GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("product counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("product counts: %w", err)
		}
		out[status] = n
	}
	return out, rows.Err()
}

// OrderCounts are the dashboard's order figures.
type OrderCounts struct {
	ToShip          int // open, paid or cash on delivery, not all shipped
	ToSetAside      int // the same for pickups: to set aside for collection
	AwaitingPayment int // open and unpaid
}

// CountOrders returns the dashboard's order figures.
func (s *Store) CountOrders(ctx context.Context) (OrderCounts, error) {
	var c OrderCounts
	err := s.read.QueryRowContext(ctx, `
		SELECT coalesce(sum(CASE WHEN `+toShipCond+` THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN `+toSetAsideCond+` THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN o.status = 'open' AND o.payment_status = 'pending' THEN 1 ELSE 0 END), 0)
		FROM orders o WHERE o.status = 'open'`).Scan(&c.ToShip, &c.ToSetAside, &c.AwaitingPayment)
	if err != nil {
		return c, fmt.Errorf("count orders: %w", err)
	}
	return c, nil
}
