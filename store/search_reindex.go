package store

import (
	"context"
	"database/sql"
	"fmt"
)

// reindexQueued indexes again the products a migration queued in
// search_reindex (one that changed what the search indexes hold), a
// batch to a transaction so that the shop's other writes are not held
// up behind a large catalog's.
func (s *Store) reindexQueued(ctx context.Context) error {
	for {
		var n int
		err := s.tx(ctx, func(tx *sql.Tx) error {
			ids, err := queryIDs(ctx, tx, `SELECT product_id FROM search_reindex ORDER BY product_id LIMIT 500`)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := refreshSearch(ctx, tx, id); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM search_reindex WHERE product_id = ?`, id); err != nil {
					return err
				}
			}
			n = len(ids)
			return nil
		})
		if err != nil {
			return fmt.Errorf("reindex search: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}
