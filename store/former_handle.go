package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// keepFormerHandle records, in the transaction that renames it, that the
// product or collection id (kind EntityProduct or EntityCollection) had
// the handle old before new, so that its old address still leads to it
// (FormerHandle). A handle given up twice leads to the last one to have
// it.
func (s *Store) keepFormerHandle(ctx context.Context, tx *sql.Tx, kind string, id int64, old, new string) error {
	if old == new {
		return nil
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO former_handles (kind, handle, target_id, changed_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, handle) DO UPDATE SET target_id = excluded.target_id, changed_at = excluded.changed_at`,
		kind, old, id, s.Now().Unix())
	if err != nil {
		return fmt.Errorf("keep former handle %s %q: %w", kind, old, err)
	}
	return nil
}

// FormerHandle is the handle now of the product or collection (kind
// EntityProduct or EntityCollection) that had handle before, for a
// redirect from its old address. It is ErrNotFound when none had it, when
// another one has taken it since, and for a product shoppers cannot see
// (a draft, an archived one).
func (s *Store) FormerHandle(ctx context.Context, kind, handle string) (string, error) {
	var query string
	switch kind {
	case EntityProduct:
		query = `SELECT p.handle FROM former_handles f JOIN products p ON p.id = f.target_id
			WHERE f.kind = 'product' AND f.handle = ?1 AND p.status = 'active'
				AND NOT EXISTS (SELECT 1 FROM products WHERE handle = ?1)`
	case EntityCollection:
		query = `SELECT c.handle FROM former_handles f JOIN collections c ON c.id = f.target_id
			WHERE f.kind = 'collection' AND f.handle = ?1
				AND NOT EXISTS (SELECT 1 FROM collections WHERE handle = ?1)`
	default:
		return "", fmt.Errorf("former handle: unknown kind %q", kind)
	}
	var now string
	err := s.queryRow(ctx, query, handle).Scan(&now)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("former handle %s %q: %w", kind, handle, err)
	}
	return now, nil
}
