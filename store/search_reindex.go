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
			rows, err := tx.QueryContext(ctx, `SELECT product_id FROM search_reindex ORDER BY product_id LIMIT 500`)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
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
