package store

import (
	"context"
	"database/sql"
	"slices"
)

// Lists the merchant orders by hand (a product's gallery, the shipping
// methods) move one entry at a time: read the ids in their order, swap one
// with its neighbour, write every position back. Writing them all also
// repairs the gaps and ties that imports and deletions leave.

// queryIDs runs query, which selects one id column, in tx and returns the
// ids in the order it gives them.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// moveOne swaps id in order with its neighbour, the one before it when up,
// else the one after, and returns the indexes it moved from and to; at
// either end it stays put (to == from). It is ErrNotFound when order does
// not hold id.
func moveOne(order []int64, id int64, up bool) (from, to int, err error) {
	from = slices.Index(order, id)
	if from < 0 {
		return 0, 0, ErrNotFound
	}
	to = from + 1
	if up {
		to = from - 1
	}
	if to < 0 || to >= len(order) {
		return from, from, nil
	}
	order[from], order[to] = order[to], order[from]
	return from, to, nil
}

// renumber writes order into table's position column: first for the first
// id, then one more for each. table is one of the package's own names,
// never input.
func renumber(ctx context.Context, tx *sql.Tx, table string, order []int64, first int) error {
	for i, id := range order {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET position = ? WHERE id = ?`, first+i, id); err != nil {
			return err
		}
	}
	return nil
}
