package store

import (
	"context"
	"testing"
)

// TestProductDescriptionIsLastColumn keeps the description at the end of
// a product's row (migration 0022). Every card reads the columns of the
// row but not the description; a column stored after a description of a
// few KB sits on an overflow page, and reaching it reads the description
// first. A migration that adds a column to products must move the
// description back to the end, as 0022 does.
func TestProductDescriptionIsLastColumn(t *testing.T) {
	s := newTestStore(t)
	var last string
	err := s.queryRow(context.Background(),
		`SELECT name FROM pragma_table_info('products') ORDER BY cid DESC LIMIT 1`).Scan(&last)
	if err != nil {
		t.Fatal(err)
	}
	if last != "description" {
		t.Fatalf("the last column of products is %q, want description", last)
	}
}
