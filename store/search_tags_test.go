package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestSearchFindsTagTranslations: a Chinese shopper who types the
// Chinese of a tag (畅销 for bestseller, 羊绒 for cashmere) finds its
// products, as they find them by a title's translation; and a product
// whose tag was translated before the index held translations is found
// once the shop opens again (the queue migration 0040 fills).
func TestSearchFindsTagTranslations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "scarf", Title: "Scarf", Status: StatusActive,
		Tags:     []string{"bestseller", "cashmere"},
		Tr:       Texts{}.Set(TagField("bestseller"), "zh", "畅销").Set(TagField("cashmere"), "zh", "羊绒山羊绒"),
		Variants: []VariantInput{{SKU: "SC", Price: 9900, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
	found := func(q string) int {
		t.Helper()
		s.bumpCatalog()
		res, err := s.Search(ctx, q, 1, 20)
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	for _, q := range []string{"畅销", "羊绒山羊绒", "bestseller"} {
		if n := found(q); n != 1 {
			t.Errorf("Search(%q) found %d, want the scarf", q, n)
		}
	}

	// As an index written before tags' translations were in it.
	p, _ := s.ProductByHandle(ctx, "scarf", false)
	if _, err := s.write.Exec(`UPDATE product_search SET tags = 'bestseller cashmere' WHERE rowid = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.Exec(`UPDATE product_terms SET text = 'Scarf bestseller cashmere SC' WHERE rowid = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	if n := found("畅销"); n != 0 {
		t.Fatalf("the old index finds 畅销 %d times; the test does not stand for it", n)
	}
	if _, err := s.write.Exec(`INSERT INTO search_reindex (product_id) VALUES (?)`, p.ID); err != nil {
		t.Fatal(err)
	}
	// The shop opens again, as after an upgrade.
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if n := found("畅销"); n != 1 {
		t.Errorf("after the reindex Search(畅销) found %d, want the scarf", n)
	}
	var left int
	s.read.QueryRow(`SELECT count(*) FROM search_reindex`).Scan(&left)
	if left != 0 {
		t.Errorf("%d products left in the queue", left)
	}
}
