package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// TagLabel is what shoppers reading locale see for tag on the shop's
// products: its translation there (the one most of its active products
// give it, since each product translates its own tags), or the tag itself
// when none does.
func (s *Store) TagLabel(ctx context.Context, tag, locale string) (string, error) {
	var label string
	err := s.queryRow(ctx, `SELECT t.value FROM product_tags pt
		JOIN products p ON p.id = pt.product_id AND p.status = 'active'
		JOIN translations t ON t.entity = 'product' AND t.entity_id = pt.product_id AND t.field = ? AND t.locale = ?
		WHERE pt.tag = ?
		GROUP BY t.value ORDER BY count(*) DESC, t.value LIMIT 1`, TagField(tag), locale, tag).Scan(&label)
	if errors.Is(err, sql.ErrNoRows) {
		return tag, nil
	}
	if err != nil {
		return "", fmt.Errorf("tag label %q: %w", tag, err)
	}
	return label, nil
}
