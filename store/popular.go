package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// PopularWindow is how far back PopularProducts counts the units sold.
const PopularWindow = 30 * 24 * time.Hour

// PopularProducts is up to n active products in stock: those that sold
// the most units in orders placed in the last PopularWindow (and not
// cancelled) first, then the newest. It is what a shopper whose search
// found nothing is offered as "popular right now".
//
// The ranking is read again at most every CacheTTL, and not for every
// order that takes stock (memoizedShelves): it sums a month of order
// lines. The cards are read each time, so that one sold out since is
// left out at once.
func (s *Store) PopularProducts(ctx context.Context, n int) ([]ProductCard, error) {
	ranked, err := memoizedShelves(s, fmt.Sprint("popular\x00", n), func() ([]int64, error) { return s.bestSellers(ctx, 2*n) })
	if err != nil {
		return nil, err
	}
	ids, err := json.Marshal(ranked)
	if err != nil {
		return nil, err
	}
	// A best seller ranks by its place (score 3n down to n+1); the newest
	// fill what is left (score 0), but never twice.
	cards, err := s.relatedCards(ctx, `
		WITH ranked AS (
			SELECT p.id, 1 AS stocked, p.created_at, ?1 * 3 - j.key AS score
			FROM json_each(?2) j CROSS JOIN products p ON p.id = j.value
			WHERE p.status = 'active' AND p.stock_total > 0
			ORDER BY score DESC LIMIT ?1
		), top AS (
			SELECT * FROM ranked
			UNION ALL
			SELECT * FROM (SELECT p.id, 1, p.created_at, 0 FROM products p
				WHERE p.status = 'active' AND p.stock_total > 0 AND p.id NOT IN (SELECT id FROM ranked)
				ORDER BY p.created_at DESC, p.id DESC LIMIT ?1 - (SELECT count(*) FROM ranked))
		)`, n, string(ids))
	if err != nil {
		return nil, fmt.Errorf("popular products: %w", err)
	}
	return cards, withCardTexts(ctx, s.query, cards, productNames)
}

// bestSellers is the ids of up to n products by units sold in the orders
// of the last PopularWindow that were not cancelled, most first.
func (s *Store) bestSellers(ctx context.Context, n int) ([]int64, error) {
	rows, err := s.query(ctx, `
		SELECT v.product_id FROM orders o
		JOIN order_lines l ON l.order_id = o.id
		JOIN variants v ON v.id = l.variant_id
		WHERE o.created_at >= ? AND o.status <> 'cancelled'
		GROUP BY v.product_id ORDER BY sum(l.quantity) DESC, v.product_id DESC LIMIT ?`,
		s.Now().Add(-PopularWindow).Unix(), n)
	if err != nil {
		return nil, fmt.Errorf("best sellers: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("best sellers: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
