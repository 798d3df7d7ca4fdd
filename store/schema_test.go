package store

import (
	"context"
	"strings"
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

// TestDescriptionMoveKeepsEveryDescription runs migration 0022 again on a
// catalog (it moves the description to the end whichever place it has):
// every description, long or in Chinese, comes back to its own product.
func TestDescriptionMoveKeepsEveryDescription(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	want := map[string]string{
		"tea":   "明前龙井，清明前采摘的嫩芽。",
		"long":  strings.Repeat("A long description, as real shops write them. ", 200),
		"empty": "",
	}
	for handle, desc := range want {
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: handle, Title: handle, Description: desc, Status: StatusActive,
			Variants: []VariantInput{{SKU: handle, Price: 100, Stock: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	runMigration(t, s, "0022_description_last.sql")
	for handle, desc := range want {
		var got string
		if err := s.queryRow(ctx, `SELECT description FROM products WHERE handle = ?`, handle).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != desc {
			t.Errorf("%s: description %.40q…, want %.40q…", handle, got, desc)
		}
	}
	var ok string
	if err := s.queryRow(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
}
