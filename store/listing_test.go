package store

import (
	"context"
	"slices"
	"testing"
)

// TestRelatedProductsRanking: a product's neighbours in its collection
// that share a tag with it come first, then its other neighbours (in stock
// before sold out), then products that only share a tag; drafts and
// strangers never. A product in no collection gets only those that share
// a tag.
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
	save("loner", StatusActive, 5, []string{"coffee"}) // in no collection

	anchor, err := s.ProductByHandle(ctx, "anchor", false)
	if err != nil {
		t.Fatal(err)
	}
	related := func(p *Product, n int) []string {
		t.Helper()
		cards, err := s.relatedProducts(ctx, p, n)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cards {
			got = append(got, c.Handle)
		}
		return got
	}
	for n, want := range map[int][]string{
		4: {"both", "near", "gone", "tagged"},
		9: {"both", "near", "gone", "tagged"},
		2: {"both", "near"},
	} {
		if got := related(anchor, n); !slices.Equal(got, want) {
			t.Errorf("related, up to %d = %v, want %v", n, got, want)
		}
	}
	// A product in no collection has no neighbours: only what shares a tag.
	loner, err := s.ProductByHandle(ctx, "loner", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := related(loner, 4); !slices.Equal(got, []string{"stranger"}) {
		t.Errorf("related to a product in no collection = %v, want [stranger]", got)
	}
	// A product without tags has only its neighbours, in stock first.
	near, err := s.ProductByHandle(ctx, "near", false)
	if err != nil {
		t.Fatal(err)
	}
	got := related(near, 9)
	if len(got) != 3 || got[2] != "gone" || !slices.Contains(got, "anchor") || !slices.Contains(got, "both") {
		t.Errorf("related to a product without tags = %v, want anchor and both, then gone", got)
	}
}
