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

// TestChineseShopperReadsTheCatalogInChinese: the tea and the summer
// collection have Chinese translations; a shopper on the Chinese pages
// reads them on the product page, the collection, the search results,
// the navigation and the cart, and an English shopper keeps the English.
func TestChineseShopperReadsTheCatalogInChinese(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	if _, err := shop.Store.SaveCollection(ctx, store.CollectionInput{Handle: "summer", Title: "Summer", Featured: true,
		Description: "Light things for hot days.",
		Tr:          store.Texts{}.Set(store.FieldTitle, "zh", "夏日精选").Set(store.FieldDescription, "zh", "炎炎夏日的清爽之选。")}); err != nil {
		t.Fatal(err)
	}

	doc := shop.Get("/zh-cn/products/dragon-well-tea").Doc(t)
	if got := doc.Find("h1.product-title").Text(); got != "龙井绿茶" {
		t.Errorf("zh product title = %q", got)
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "龙井绿茶") {
		t.Errorf("zh <title> = %q", got)
	}
	if got := doc.Find(`script[type="application/ld+json"]`).Text(); !strings.Contains(got, `"name":"龙井绿茶"`) {
		t.Errorf("zh JSON-LD = %s", got)
	}
	if !strings.Contains(doc.Find(".breadcrumbs").Text(), "夏日精选") {
		t.Errorf("zh breadcrumbs = %q", doc.Find(".breadcrumbs").Text())
	}
	if en := shop.Get("/products/dragon-well-tea").Doc(t).Find("h1.product-title").Text(); en != "Dragon Well Tea" {
		t.Errorf("en product title = %q", en)
	}
	// The shirt has no translation: the default language shows.
	if got := shop.Get("/zh-cn/products/linen-shirt").Doc(t).Find("h1.product-title").Text(); got != "Linen Shirt" {
		t.Errorf("untranslated zh title = %q", got)
	}

	coll := shop.Get("/zh-cn/collections/summer").Doc(t)
	if got := coll.Find(".page-header h1").Text(); got != "夏日精选" {
		t.Errorf("zh collection = %q", got)
	}
	titles := coll.Find(".product-card-title").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if !slices.Contains(titles, "龙井绿茶") {
		t.Errorf("zh collection cards = %q", titles)
	}
	if !strings.Contains(coll.Find(".site-nav, .site-header").Text(), "夏日精选") {
		t.Error("the navigation does not show the collection in Chinese")
	}

	// Either language's title finds the tea; each shopper reads their own.
	for _, q := range []string{"Dragon Well", "龙井"} {
		hit := shop.Get("/zh-cn/search?q=" + url.QueryEscape(q)).Doc(t).Find(".search-hit-title")
		if hit.Length() != 1 || strings.TrimSpace(hit.Text()) != "龙井绿茶" {
			t.Errorf("zh search %q = %d hits, %q", q, hit.Length(), hit.Text())
		}
		hit = shop.Get("/search?q=" + url.QueryEscape(q)).Doc(t).Find(".search-hit-title")
		if hit.Length() != 1 || strings.TrimSpace(hit.Text()) != "Dragon Well Tea" {
			t.Errorf("en search %q = %d hits, %q", q, hit.Length(), hit.Text())
		}
	}

	// Added with htmx, the mini cart beside the button names it in Chinese too.
	mini := shop.Post("/zh-cn/cart/add", url.Values{"variant_id": {itoa(shop.Variants().Tea)}, "quantity": {"1"}}, "HX-Request", "true")
	if got := mini.Doc(t).Find(".mini-cart-title").Text(); got != "龙井绿茶" {
		t.Errorf("zh mini cart line = %q", got)
	}
	shop.Post("/zh-cn/cart/add", url.Values{"variant_id": {itoa(shop.Variants().Tea)}, "quantity": {"1"}})
	cart := shop.Get("/zh-cn/cart")
	if got := cart.Doc(t).Find(".notice-success").Text(); !strings.Contains(got, "龙井绿茶") {
		t.Errorf("the add notice does not name the tea in Chinese: %q", got)
	}
	lineForm(t, cart, "龙井绿茶")
	lineForm(t, shop.Get("/cart"), "Dragon Well Tea")
	shop.AddShipping()
	if got := shop.Get("/zh-cn/checkout").Doc(t).Find("#checkout-summary .checkout-line-title").Text(); got != "龙井绿茶" {
		t.Errorf("zh checkout summary line = %q", got)
	}
}
