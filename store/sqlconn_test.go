package store

import (
	"context"
	"testing"
)

// TestStatementRunAgainWhileItsRowsAreOpen: a query run again inside the
// loop over its own rows (same text, same connection: a transaction) gets
// a statement of its own, and the outer rows read on unharmed.
func TestStatementRunAgainWhileItsRowsAreOpen(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	tx, err := s.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE value >= ? ORDER BY value`
	rows, err := tx.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var outer, inner []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		outer = append(outer, v)
		var n int
		if err := tx.QueryRowContext(ctx, q, 3).Scan(&n); err != nil {
			t.Fatal(err)
		}
		inner = append(inner, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if len(outer) != 3 || outer[2] != 3 || len(inner) != 3 || inner[0] != 3 {
		t.Fatalf("outer %v, inner %v", outer, inner)
	}
	// And once the rows are closed the prepared statement runs again.
	var n int
	if err := tx.QueryRowContext(ctx, q, 2).Scan(&n); err != nil || n != 2 {
		t.Fatalf("after: %d, %v", n, err)
	}
}
