package store

import (
	"context"
	"fmt"
	"slices"
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
	ranked, err := s.bestSellerRanks(ctx)
	if err != nil {
		return nil, err
	}
	ids := searchIDs(ranked[:min(len(ranked), 2*n)]).json()
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
		)`, n, ids)
	if err != nil {
		return nil, fmt.Errorf("popular products: %w", err)
	}
	return cards, withCardTexts(ctx, s.query, cards, productNames)
}

// bestSellerCap bounds the month's best sellers that rank before the
// others (the newest first) in SortBestSelling's order.
const bestSellerCap = 1000

// bestSellerRanks is bestSellers up to bestSellerCap, read again at most
// every CacheTTL and not for every order that takes stock
// (memoizedShelves): it sums a month of order lines.
func (s *Store) bestSellerRanks(ctx context.Context) ([]int64, error) {
	return memoizedShelves(s, "best-sellers", func() ([]int64, error) { return s.bestSellers(ctx, bestSellerCap) })
}

// bestSellingPage is the page q asks for of the products cond (a FROM and
// WHERE of products p) selects, args its arguments, in SortBestSelling's
// order. The best sellers among them are few, ranked in Go; the others
// are read as the newest-first listing reads them, with the best sellers
// left out. A best seller's units are not on its row: joining the ranking
// made SQLite look it up for every product the listing walks.
func (s *Store) bestSellingPage(ctx context.Context, cond string, args []any, q ProductQuery) ([]ProductCard, error) {
	ranked, err := s.bestSellerRanks(ctx)
	if err != nil {
		return nil, err
	}
	rankedIDs := searchIDs(ranked).json()
	listed, err := s.query(ctx, `SELECT p.id`+cond+` AND p.id IN (SELECT value FROM json_each(?))`, append(slices.Clone(args), rankedIDs)...)
	if err != nil {
		return nil, err
	}
	in := map[int64]bool{}
	for listed.Next() {
		var id int64
		if err := listed.Scan(&id); err != nil {
			listed.Close()
			return nil, err
		}
		in[id] = true
	}
	listed.Close()
	if err := listed.Err(); err != nil {
		return nil, err
	}
	top := slices.DeleteFunc(slices.Clone(ranked), func(id int64) bool { return !in[id] })
	off := (q.Page - 1) * q.PerPage
	first := top[min(off, len(top)):min(off+q.PerPage, len(top))]
	var cards []ProductCard
	if len(first) > 0 {
		cards, err = s.queryCards(ctx, `SELECT `+cardColumns+` FROM json_each(?) c CROSS JOIN products p ON p.id = c.value
			ORDER BY c.key`, searchIDs(first).json())
		if err != nil {
			return nil, err
		}
	}
	if need := q.PerPage - len(first); need > 0 {
		rest, err := s.queryCards(ctx, `SELECT `+cardColumns+cond+` AND p.id NOT IN (SELECT value FROM json_each(?))
			ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`,
			slices.Concat(args, []any{rankedIDs, need, max(0, off-len(top))})...)
		if err != nil {
			return nil, err
		}
		cards = append(cards, rest...)
	}
	return cards, nil
}

// bestSellingFirst is ids (a search's, newest first) with the best sellers
// among them first, most units first (SortBestSelling).
func bestSellingFirst(ids, ranked []int64) []int64 {
	rank := make(map[int64]int, len(ranked))
	for i, id := range ranked {
		rank[id] = i
	}
	out := slices.Clone(ids)
	slices.SortStableFunc(out, func(a, b int64) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	return out
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
