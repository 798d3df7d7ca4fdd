package store

import (
	"context"
	"testing"
)

// TestMemoForgetsOnWrite: a search is remembered until the catalog
// changes; a product saved since is found at once.
func TestMemoForgetsOnWrite(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if res, err := s.Search(ctx, "kettle", 1, 24); err != nil || res.Total != 0 {
		t.Fatalf("search before = %d, %v", res.Total, err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "kettle", Title: "Cast Iron Kettle", Status: StatusActive,
		Variants: []VariantInput{{SKU: "K", Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Search(ctx, "kettle", 1, 24); err != nil || res.Total != 1 {
		t.Errorf("search after saving = %d, %v; want the new product", res.Total, err)
	}
	page, err := s.Products(ctx, ProductQuery{})
	if err != nil || page.Total != 1 {
		t.Fatalf("listing = %d, %v", page.Total, err)
	}
	if _, err := s.DB().Exec(`UPDATE products SET status = 'archived'`); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Products(ctx, ProductQuery{}); page.Total != 1 {
		t.Errorf("a write behind the store's back showed at once (%d): the memo is not in use", page.Total)
	}
	s.bumpCatalog()
	if page, _ := s.Products(ctx, ProductQuery{}); page.Total != 0 {
		t.Errorf("listing after the catalog changed = %d, want 0", page.Total)
	}
}
