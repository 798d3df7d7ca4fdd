package store

import (
	"context"
	"slices"
	"testing"
)

// TestRelatedProductsRanking: a product's neighbours in its collection
// that share a tag with it come first, then its other neighbours (in stock
// before sold out), then products that only share a tag; drafts and
// strangers never.
func TestRelatedProductsRanking(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	save := func(handle, status string, stock int64, tags []string, collections ...string) {
		t.Helper()
		_, _, err := s.SaveProduct(ctx, ProductInput{Handle: handle, Title: handle, Status: status, Tags: tags,
			Collections: collections, Variants: []VariantInput{{SKU: handle, Price: 1000, Stock: stock}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	save("anchor", StatusActive, 5, []string{"tea"}, "home")
	save("near", StatusActive, 5, nil, "home")
	save("both", StatusActive, 5, []string{"tea"}, "home")
	save("gone", StatusActive, 0, nil, "home")
	save("draft", StatusDraft, 5, []string{"tea"}, "home")
	save("tagged", StatusActive, 5, []string{"tea"}, "away")
	save("stranger", StatusActive, 5, []string{"coffee"}, "away")

	anchor, err := s.ProductByHandle(ctx, "anchor", false)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int][]string{
		4: {"both", "near", "gone", "tagged"},
		9: {"both", "near", "gone", "tagged"},
		2: {"both", "near"},
	} {
		cards, err := s.relatedProducts(ctx, anchor, n)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cards {
			got = append(got, c.Handle)
		}
		if !slices.Equal(got, want) {
			t.Errorf("related, up to %d = %v, want %v", n, got, want)
		}
	}
}
