package store

import (
	"context"
	"database/sql"
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

// TestCardSaleColumnsFilledFromVariants runs migration 0029 on a catalog
// saved before it: each product's row gets the compare-at price of its
// cheapest variants and whether any variant is on sale, as refreshProduct
// would set them, and the description stays last and whole.
func TestCardSaleColumnsFilledFromVariants(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	type want struct{ from, discounted int64 }
	cases := map[string]struct {
		variants []VariantInput
		want     want
	}{
		// A dearer size's discount is not the cheapest's: no "was" price.
		"tea": {[]VariantInput{{SKU: "t50", Options: [3]string{"50g"}, Price: 1500, Stock: 1}, {SKU: "t100", Options: [3]string{"100g"}, Price: 2800, CompareAtPrice: 3000, Stock: 1}}, want{0, 1}},
		"mug": {[]VariantInput{{SKU: "m", Price: 1000, CompareAtPrice: 1200, Stock: 1}}, want{1200, 1}},
		"cap": {[]VariantInput{{SKU: "c1", Options: [3]string{"Red"}, Price: 900, Stock: 1}, {SKU: "c2", Options: [3]string{"Blue"}, Price: 900, CompareAtPrice: 2000, Stock: 1}}, want{2000, 1}},
		"pen": {[]VariantInput{{SKU: "p", Price: 300, Stock: 1}}, want{0, 0}},
	}
	desc := strings.Repeat("A long description, as real shops write them. ", 200)
	for handle, c := range cases {
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: handle, Title: handle, Description: desc, Status: StatusActive,
			Variants: c.variants}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`ALTER TABLE products DROP COLUMN compare_at_from; ALTER TABLE products DROP COLUMN discounted`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	runMigration(t, s, "0029_card_sale_columns.sql")
	for handle, c := range cases {
		var got want
		var d string
		if err := s.queryRow(ctx, `SELECT compare_at_from, discounted, description FROM products WHERE handle = ?`, handle).
			Scan(&got.from, &got.discounted, &d); err != nil {
			t.Fatal(err)
		}
		if got != c.want || d != desc {
			t.Errorf("%s: compare_at_from, discounted = %v, want %v; description kept: %v", handle, got, c.want, d == desc)
		}
	}
	var last string
	if err := s.queryRow(ctx, `SELECT name FROM pragma_table_info('products') ORDER BY cid DESC LIMIT 1`).Scan(&last); err != nil || last != "description" {
		t.Fatalf("the last column of products is %q (%v), want description", last, err)
	}
}
