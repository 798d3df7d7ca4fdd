package store

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// Every admin list that searches with LIKE takes a search as long as its
// box allows and refuses a longer one as the shopper's mistake it is, not
// as SQLite's error (a pattern past 50,000 bytes), whichever page asks.
func TestListSearchesRefuseOverlongText(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	searches := map[string]func(q string) error{
		"products": func(q string) error {
			_, err := s.AdminProducts(ctx, AdminProductQuery{Search: q})
			return err
		},
		"orders": func(q string) error {
			_, err := s.ListOrders(ctx, OrderFilter{Query: q})
			return err
		},
		"orders csv": func(q string) error { return s.OrdersCSV(ctx, OrderFilter{Query: q}, io.Discard) },
		"customers": func(q string) error {
			_, err := s.ListCustomers(ctx, q, 1)
			return err
		},
		"customers csv": func(q string) error { return s.CustomersCSV(ctx, CustomerFilter{Q: q}, 2, io.Discard) },
		"promotions": func(q string) error {
			_, err := s.ListPromotions(ctx, PromotionFilter{Query: q}, 1, 0)
			return err
		},
		"returns": func(q string) error {
			_, err := s.ListReturns(ctx, ReturnFilter{Query: q}, 1, 0)
			return err
		},
		"collection candidates": func(q string) error {
			_, err := s.CollectionCandidates(ctx, 1, q, 0)
			return err
		},
	}
	for name, search := range searches {
		if err := search(strings.Repeat("%", MaxSearchLen)); err != nil {
			t.Errorf("%s: a search of %d bytes: %v", name, MaxSearchLen, err)
		}
		for _, n := range []int{MaxSearchLen + 1, 60000} {
			var verr *ValidationError
			if err := search(strings.Repeat("_", n)); !errors.As(err, &verr) || verr.Fields["q"] != "error.too_long" {
				t.Errorf("%s: a search of %d bytes: %v, want it refused as too long", name, n, err)
			}
		}
	}
}

// TestAdminProductSearch: the admin's product search finds a product of
// any status by part of its title in either language, its vendor, handle
// or a SKU, whatever the letter case, and takes every character typed
// literally; it follows each way a product changes; and a search of three
// characters or more reads the index, not every product.
func TestAdminProductSearch(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, in := range []ProductInput{
		{Handle: "linen-shirt", Title: "Linen Shirt", Vendor: "Acme Mills", Status: StatusActive,
			Tr: Texts{}.Set(FieldTitle, "zh", "亚麻衬衫"), Variants: []VariantInput{{SKU: "LS-100", Price: 100}}},
		{Handle: "green-tea", Title: "Green Tea 100% \"Pure\"", Status: StatusDraft,
			Tr: Texts{}.Set(FieldTitle, "zh", "绿茶"), Variants: []VariantInput{{SKU: "GT_1", Price: 100}}},
		{Handle: "old-mug", Title: "Old Mug", Status: StatusArchived, Variants: []VariantInput{{SKU: "MUG-7", Price: 100}}},
	} {
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	found := func(q string) []string {
		t.Helper()
		page, err := s.AdminProducts(ctx, AdminProductQuery{Search: q, Sort: AdminSortTitle})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var handles []string
		for _, r := range page.Rows {
			handles = append(handles, r.Handle)
		}
		if page.Total != len(handles) {
			t.Errorf("search %q: total %d, rows %v", q, page.Total, handles)
		}
		return handles
	}
	check := func(when string, want map[string][]string) {
		t.Helper()
		for q, handles := range want {
			if got := found(q); !slices.Equal(got, handles) {
				t.Errorf("%s: search %q = %v, want %v", when, q, got, handles)
			}
		}
	}
	check("saved", map[string][]string{
		"linen":     {"linen-shirt"},
		"LINEN SH":  {"linen-shirt"}, // any letter case
		"衬衫":        {"linen-shirt"}, // the Chinese title, two characters
		"亚麻衬":       {"linen-shirt"}, // and three
		"acme":      {"linen-shirt"}, // the vendor
		"ls-1":      {"linen-shirt"}, // a SKU
		"en-sh":     {"linen-shirt"}, // the handle
		"old":       {"old-mug"},     // archived products too
		"绿茶":        {"green-tea"},   // drafts too
		"100%":      {"green-tea"},   // % is literal
		"%":         {"green-tea"},   // also in a short search
		"GT_":       {"green-tea"},   // so is _
		"T_":        {"green-tea"},   // in a short one too
		"_1":        {"green-tea"},   // one SKU ends so
		"\"Pure\"":  {"green-tea"},   // quotes are searched for
		"-":         {"green-tea", "linen-shirt", "old-mug"},
		"Pure AND":  nil, // FTS5's syntax is only text
		"NEAR(tea":  nil,
		"tea*":      nil,
		"zzzz":      nil,
		"linen tea": nil,
	})

	// Renamed, re-SKU'd, translated by import, archived, duplicated: each
	// is found by what it is now, and not by what it was.
	shirt, err := s.ProductByHandle(ctx, "linen-shirt", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "linen-shirt", Title: "Flax Shirt", Vendor: "Acme Mills", Status: StatusActive,
		Variants: []VariantInput{{SKU: "FS-200", Price: 100}}}); err != nil {
		t.Fatal(err)
	}
	importTranslations(t, s, "Type,Handle,Field,Locale,Value\nproduct,linen-shirt,title,zh,麻布衬衫\n")
	if _, err := s.SetProductsStatus(ctx, Actor{}, []int64{shirt.ID}, StatusArchived); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DuplicateProduct(ctx, Actor{}, shirt.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO product_finder (product_finder) VALUES ('integrity-check')`); err != nil {
		t.Errorf("the index after the changes: %v", err)
	}
	check("changed", map[string][]string{
		"linen s": nil,
		"LS-100":  nil,
		"亚麻衬衫":    nil,
		"flax":    {"linen-shirt", "linen-shirt-copy"},
		"fs-2":    {"linen-shirt"}, // a copy has no SKUs
		"麻布衬衫":    {"linen-shirt", "linen-shirt-copy"},
		"布衬":      {"linen-shirt", "linen-shirt-copy"},
	})

	// A shop from before the index gets it filled when it opens.
	if _, err := s.write.ExecContext(ctx, `DROP TABLE product_finder`); err != nil {
		t.Fatal(err)
	}
	runMigration(t, s, "0024_product_finder.sql")
	check("migrated", map[string][]string{
		"flax":  {"linen-shirt", "linen-shirt-copy"},
		"麻布衬衫":  {"linen-shirt", "linen-shirt-copy"},
		"fs-2":  {"linen-shirt"},
		"acme":  {"linen-shirt", "linen-shirt-copy"},
		"d-mug": {"old-mug"},
	})

	cond, args, err := productFound("linen")
	if err != nil {
		t.Fatal(err)
	}
	plan := planOf(t, s, `SELECT count(*) FROM products p WHERE `+cond, args...)
	if strings.Contains(plan, "SCAN p\n") || !strings.Contains(plan, "product_finder VIRTUAL TABLE INDEX 0:M") {
		t.Errorf("a search of five letters reads every product:\n%s", plan)
	}
}
