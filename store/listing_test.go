package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
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
		return cardHandles(cards)
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

// TestCollectionListingReadsTheCollection: a collection's page, in every
// order and with every filter, lists its own active products that pass the
// filter, in that order; and except newest first, which walks the
// catalog's newest in order and stops at the page, it reads the
// collection's members rather than every active product (left to itself,
// SQLite chose the latter for a price filter with a price or name sort:
// 500 ms for a collection of 20,000 among 100,000 products).
func TestCollectionListingReadsTheCollection(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for i, p := range []struct {
		handle       string
		price, stock int64
		status       string
		in           bool
	}{
		{"cheap", 500, 5, StatusActive, true}, {"mid", 1500, 0, StatusActive, true}, {"dear", 9000, 5, StatusActive, true},
		{"draft", 1500, 5, StatusDraft, true}, {"outside", 1500, 5, StatusActive, false}, {"zeta", 2000, 5, StatusActive, true},
	} {
		in := ProductInput{Handle: p.handle, Title: p.handle, Status: p.status,
			Variants: []VariantInput{{SKU: p.handle, Price: p.price, Stock: p.stock}}}
		if p.in {
			in.Collections = []string{"home"}
		}
		if i == 0 {
			in.Collections = append(in.Collections, "other")
		}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	home, err := s.CollectionByHandle(ctx, "home")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    ProductQuery
		want []string
	}{
		{ProductQuery{}, []string{"cheap", "mid", "dear", "zeta"}},
		{ProductQuery{Sort: SortPriceAsc, PriceMin: 1000, PriceMax: 5000}, []string{"mid", "zeta"}},
		{ProductQuery{Sort: SortPriceDesc, InStock: true}, []string{"dear", "zeta", "cheap"}},
		{ProductQuery{Sort: SortName, PriceMin: 1000}, []string{"dear", "mid", "zeta"}},
		{ProductQuery{Sort: SortNewest, PriceMax: 2000, InStock: true}, []string{"zeta", "cheap"}},
	} {
		c.q.CollectionID = home.ID
		page, err := s.Products(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := cardHandles(page.Products); !slices.Equal(got, c.want) || page.Total != len(c.want) {
			t.Errorf("%+v = %v (%d in all), want %v", c.q, got, page.Total, c.want)
		}
	}

	planned := 0
	eachPrepared(t, s.read, func(q string, plan []string) {
		if !strings.Contains(q, "collection_products cp") || strings.Contains(q, "created_at DESC") {
			return
		}
		planned++
		if steps := strings.Join(plan, "\n"); strings.Contains(steps, "products_status_created_idx") {
			t.Errorf("reads every active product:\n%s\nin:\n%s", steps, q)
		}
	})
	if planned < 4 {
		t.Fatalf("only %d listing statements were prepared", planned)
	}
}

func cardHandles(cards []ProductCard) []string {
	var out []string
	for _, c := range cards {
		out = append(out, c.Handle)
	}
	return out
}

// TestPriceFilterFindsAnyVariant: a product passes a price filter when one
// of its variants' prices is in the range, bounds included, in the whole
// catalog and in a collection, whatever the order. The filter read the
// cheapest price only, so a tea of 18.00 (50 g) and 72.00 (250 g) was not
// found between 50 and 100; a product whose prices straddle the range
// with none inside it stays out.
func TestPriceFilterFindsAnyVariant(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []struct {
		handle string
		prices []int64
	}{
		{"tea", []int64{1800, 7200}}, {"straddles", []int64{1000, 20000}}, {"gap", []int64{1000, 6000, 20000}},
		{"cheap", []int64{1800}}, {"dear", []int64{15000}}, {"edge", []int64{10000}}, {"floor", []int64{5000, 30000}},
	} {
		in := ProductInput{Handle: p.handle, Title: p.handle, Status: StatusActive, Collections: []string{"all"}}
		for i, price := range p.prices {
			in.Variants = append(in.Variants, VariantInput{SKU: p.handle + strconv.Itoa(i), Options: [3]string{strconv.Itoa(i)}, Price: price, Stock: 3})
		}
		if len(in.Variants) > 1 {
			in.OptionNames = []string{"Size"}
		}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.CollectionByHandle(ctx, "all")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		min, max int64
		want     []string
	}{
		{5000, 10000, []string{"edge", "floor", "gap", "tea"}},
		{5000, 0, []string{"dear", "edge", "floor", "gap", "straddles", "tea"}},
		{0, 1500, []string{"gap", "straddles"}},
		{7300, 9900, nil},
	} {
		for _, collection := range []int64{0, all.ID} {
			for _, sort := range []string{SortName, SortNewest} {
				q := ProductQuery{CollectionID: collection, Sort: sort, PriceMin: c.min, PriceMax: c.max, InStock: true}
				page, err := s.Products(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got := cardHandles(page.Products)
				slices.Sort(got)
				if !slices.Equal(got, c.want) || page.Total != len(c.want) {
					t.Errorf("%+v = %v (%d in all), want %v", q, got, page.Total, c.want)
				}
			}
		}
	}
}
