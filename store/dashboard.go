package store

import (
	"context"
	"fmt"
)

// LowStockVariant is a variant running out, for the admin's attention list.
type LowStockVariant struct {
	ProductTitle  string
	ProductStatus string
	Variant       Variant
}

// LowStockVariants lists variants of draft and active products with at
// most threshold in stock, the emptiest first.
func (s *Store) LowStockVariants(ctx context.Context, threshold int64, limit int) ([]LowStockVariant, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT v.id, v.product_id, p.title, p.status, v.sku, v.option1, v.option2, v.option3, v.price, v.stock
		FROM variants v JOIN products p ON p.id = v.product_id
		WHERE v.stock <= ? AND p.status <> 'archived'
		ORDER BY v.stock, p.title, v.position LIMIT ?`, threshold, limit)
	if err != nil {
		return nil, fmt.Errorf("low stock: %w", err)
	}
	defer rows.Close()
	var out []LowStockVariant
	for rows.Next() {
		var l LowStockVariant
		v := &l.Variant
		if err := rows.Scan(&v.ID, &v.ProductID, &l.ProductTitle, &l.ProductStatus,
			&v.SKU, &v.Options[0], &v.Options[1], &v.Options[2], &v.Price, &v.Stock); err != nil {
			return nil, fmt.Errorf("low stock: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

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
