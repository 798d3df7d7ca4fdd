package web

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
)

// TestPageCacheKeepsLanguageURLsApart: the Chinese URL of a page is cached
// as a Chinese page and the default one as an English page, and neither is
// ever served for the other. A write behind the store's back shows which
// answers came from the cache: they keep the old price.
func TestPageCacheKeepsLanguageURLsApart(t *testing.T) {
	s, h := newTestServer(t, slog.New(slog.DiscardHandler))
	tea := store.ProductInput{Handle: "dragon-well-tea", Title: "Dragon Well Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}}}
	if _, _, err := s.Store.SaveProduct(context.Background(), tea); err != nil {
		t.Fatal(err)
	}
	type page struct{ lang, button, price string }
	fetch := func(path string, headers ...string) page {
		t.Helper()
		rec := get(h, path, headers...)
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d", path, rec.Code)
		}
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		return page{doc.Find("html").AttrOr("lang", ""), strings.TrimSpace(doc.Find("form.add-to-cart button[type=submit]").Text()),
			doc.Find("#price-block .price-current").Text()}
	}
	en := fetch("/products/dragon-well-tea")
	zh := fetch("/zh-cn/products/dragon-well-tea")
	if en.lang != "en" || zh.lang != "zh-CN" || en.button == zh.button {
		t.Fatalf("first answers: en %+v, zh %+v", en, zh)
	}
	if _, err := s.Store.DB().Exec(`UPDATE variants SET price = 3100 WHERE sku = 'TEA-1'`); err != nil {
		t.Fatal(err)
	}
	// Both are cached now, each in its own language, whichever order they
	// are asked for in; a cookie or Accept-Language that names the other
	// language does not move the prefixed URL.
	for _, c := range []struct {
		path    string
		headers []string
		want    page
	}{
		{"/zh-cn/products/dragon-well-tea", nil, zh},
		{"/products/dragon-well-tea", nil, en},
		{"/zh-cn/products/dragon-well-tea", []string{"Accept-Language", "en"}, zh},
		{"/zh-cn/products/dragon-well-tea", []string{"Cookie", "lang=en"}, zh},
		// The unprefixed URL asked for in Chinese is the same Chinese page.
		{"/products/dragon-well-tea", []string{"Cookie", "lang=zh"}, zh},
	} {
		if got := fetch(c.path, c.headers...); got != c.want {
			t.Errorf("GET %s %v = %+v, want the cached %+v", c.path, c.headers, got, c.want)
		}
	}
	if en.price != "$28.00" || zh.price != "US$28.00" {
		t.Errorf("prices = %q, %q", en.price, zh.price)
	}
}
