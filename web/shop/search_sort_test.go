package shop_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// TestSearchResultsSort: the results of a search can be put in price or
// name order with a plain GET form that keeps the query; an unknown sort
// is the best match first, not an error.
func TestSearchResultsSort(t *testing.T) {
	shop := webtest.New(t)
	for _, p := range []struct {
		handle, title string
		price         int64
	}{{"teapot", "Clay Teapot", 6000}, {"cup", "Tea Cup", 900}, {"tin", "Tea Tin", 2500}} {
		if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{Handle: p.handle, Title: p.title,
			Status: store.StatusActive, Variants: []store.VariantInput{{SKU: p.handle, Price: p.price, Stock: 5}}}); err != nil {
			t.Fatal(err)
		}
	}
	hits := func(doc *goquery.Document) []string {
		var out []string
		doc.Find(".search-hit-title").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
		return out
	}
	doc := shop.Get("/search?q=tea").Doc(t)
	form := doc.Find("form.search-sort")
	if got := form.Find(`input[type=hidden][name=q]`).AttrOr("value", ""); got != "tea" {
		t.Fatalf("the sort form keeps q = %q, want tea", got)
	}
	if got := form.Find("select[name=sort] option[selected]").Length(); got != 0 {
		t.Errorf("with no sort, %d options are selected, want the first (best match)", got)
	}
	for sort, want := range map[string][]string{
		"price-asc":  {"Tea Cup", "Tea Tin", "Clay Teapot"},
		"price-desc": {"Clay Teapot", "Tea Tin", "Tea Cup"},
		"name":       {"Clay Teapot", "Tea Cup", "Tea Tin"},
	} {
		doc := shop.Get("/search?" + url.Values{"q": {"tea"}, "sort": {sort}}.Encode()).Doc(t)
		if got := hits(doc); !slices.Equal(got, want) {
			t.Errorf("sort=%s: %v, want %v", sort, got, want)
		}
		if got := doc.Find("select[name=sort] option[selected]").AttrOr("value", ""); got != sort {
			t.Errorf("sort=%s: the form shows %q selected", sort, got)
		}
	}
	// A tag chip's search keeps its tag through a sort.
	tagged := shop.Get("/search?q=tea&tag=1").Doc(t).Find("form.search-sort")
	if got := tagged.Find(`input[type=hidden][name=tag]`).AttrOr("value", ""); got != "1" {
		t.Errorf("the sort form of a tag's search keeps tag = %q, want 1", got)
	}
	if res := shop.Get("/search?q=tea&sort=%27;drop"); res.Status != 200 || len(hits(res.Doc(t))) != 3 {
		t.Errorf("an unknown sort = %d with %v, want 200 and the best match first", res.Status, hits(res.Doc(t)))
	}
}

// TestNothingFoundOffersBestSellers: a search that finds nothing offers
// what sold most this month first, not only the newest.
func TestNothingFoundOffersBestSellers(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	// The fixture's oldest product, so not first by age.
	shop.Buy(shop.Variants().ShirtM, 3, flat)
	doc := shop.Get("/search?q=zzzqqq").Doc(t)
	first := strings.TrimSpace(doc.Find("#popular-title ~ * .product-card-title").First().Text())
	if !strings.Contains(first, "Linen Shirt") {
		t.Errorf("popular starts with %q, want the Linen Shirt that sold", first)
	}
}

// TestCollectionSortsByBestSelling: a collection can be sorted with the
// month's best seller first (the tea is the newer of the two), in both
// languages' select.
func TestCollectionSortsByBestSelling(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	shop.Buy(shop.Variants().ShirtM, 2, flat)
	for _, path := range []string{"/collections/summer?sort=best-selling", "/zh-cn/collections/summer?sort=best-selling"} {
		res := shop.Get(path)
		if res.Status != 200 {
			t.Fatalf("%s = %d", path, res.Status)
		}
		doc := res.Doc(t)
		first := strings.TrimSpace(doc.Find(".product-card-title").First().Text())
		if !strings.Contains(first, "Linen Shirt") {
			t.Errorf("%s starts with %q, want the Linen Shirt that sold", path, first)
		}
		if got := doc.Find("select[name=sort] option[selected]").Text(); got == "" || strings.Contains(got, "listing.sort") {
			t.Errorf("%s: the selected sort reads %q", path, got)
		}
	}
}
