package shop_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"storefront/store/pricing"
	"storefront/web/webtest"
)

// A flash sale on one variant shows on the product page from its start
// second (the cached page goes), follows the variant picked, and ends at
// its end second.
func TestFlashSaleOnProductPage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	start := shop.Clock.Now().Add(time.Hour).Truncate(time.Second)
	end := start.Add(2 * time.Hour)
	shop.AddPromotion(webtest.Promotion{Name: "Midsummer flash", Type: pricing.TypeFlash, Value: 5000,
		StartsAt: start, EndsAt: end, Rules: pricing.Rules{Variants: []int64{v.ShirtL}}})
	large := "/products/linen-shirt?variant=" + itoa(v.ShirtL)

	before := shop.Get(large)
	if before.Status != 200 || strings.Contains(before.Body, "data-sale-ends") {
		t.Fatalf("before the start: status %d, sale shown: %v", before.Status, strings.Contains(before.Body, "data-sale-ends"))
	}
	shop.Clock.Advance(start.Sub(shop.Clock.Now()))
	on := shop.Get(large)
	block := on.Doc(t).Find("#price-block")
	if got, want := block.AttrOr("data-sale-ends", ""), end.UTC().Format(time.RFC3339); got != want {
		t.Fatalf("at the start second: data-sale-ends %q, want %q (a stale cached page?)", got, want)
	}
	text := block.Text()
	for _, want := range []string{"26.00", "52.00", "Midsummer flash", "Ends "} {
		if !strings.Contains(text, want) {
			t.Errorf("price block %q lacks %q", text, want)
		}
	}
	if got := block.Find(".price-compare").Text(); !strings.Contains(got, "52.00") {
		t.Errorf("regular price not struck through: %q", got)
	}
	ld := on.Doc(t).Find(`script[type="application/ld+json"]`).Text()
	settings, err := shop.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// priceValidUntil is a date, good all that day: the day before the end's.
	if !strings.Contains(ld, `"price":"26.00"`) || !strings.Contains(ld, `"priceValidUntil":"`+end.In(settings.Location()).AddDate(0, 0, -1).Format(time.DateOnly)+`"`) {
		t.Errorf("JSON-LD lacks the sale price or priceValidUntil: %s", ld)
	}

	medium := shop.Get("/products/linen-shirt?variant=" + itoa(v.ShirtM))
	if strings.Contains(medium.Body, "data-sale-ends") || strings.Contains(medium.Doc(t).Find("#price-block").Text(), "Midsummer") {
		t.Error("a variant not in the sale shows the sale")
	}
	swap := shop.Get(large, "HX-Request", "true")
	if _, ok := swap.Doc(t).Find("#price-block").Attr("data-sale-ends"); !ok {
		t.Error("the htmx swap to the variant on sale lacks data-sale-ends")
	}

	shop.Clock.Advance(end.Sub(shop.Clock.Now()))
	after := shop.Get(large)
	if strings.Contains(after.Body, "data-sale-ends") || !strings.Contains(after.Doc(t).Find("#price-block .price-current").Text(), "52.00") {
		t.Errorf("after the end the regular price should return: %q", after.Doc(t).Find("#price-block").Text())
	}
}

// A product on flash sale shows it on its collection card and in search
// results, in both languages.
func TestFlashSaleOnCollectionCard(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shirt, err := shop.Store.ProductByHandle(context.Background(), "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	end := shop.Clock.Now().Add(time.Hour).Truncate(time.Second)
	shop.AddPromotion(webtest.Promotion{Name: "Half price", Type: pricing.TypeFlash, Value: 5000,
		EndsAt: end, Rules: pricing.Rules{Products: []int64{shirt.ID}}})
	for _, page := range []struct{ path, lang, card string }{
		{"/collections/summer", "en", ".product-card .card-sale"},
		{"/collections/summer", "zh-CN", ".product-card .card-sale"},
		{"/search?q=linen", "en", ".search-hit .card-sale"},
		{"/search?q=shirt", "zh-CN", ".search-hit .card-sale"},
	} {
		path := page.path + " " + page.lang
		card := shop.Get(page.path, "Accept-Language", page.lang).Doc(t).Find(page.card)
		if got, want := card.AttrOr("data-sale-ends", ""), end.UTC().Format(time.RFC3339); got != want {
			t.Fatalf("%s: card data-sale-ends %q, want %q", path, got, want)
		}
		if got := card.Find(".price-current").Text(); !strings.Contains(got, "24.50") {
			t.Errorf("%s: card price %q, want the sale price 24.50", path, got)
		}
		if card.Find(".price-compare").Length() == 0 || card.Find(".sale-ends time").Length() == 0 {
			t.Errorf("%s: card lacks the struck regular price or the end time", path)
		}
	}
}

// TestSaleCountdownCountsDays: a sale days away counts down in days and
// hours in the shopper's language, where it read "593:59:32".
func TestSaleCountdownCountsDays(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddPromotion(webtest.Promotion{Name: "Long sale", Type: pricing.TypeFlash, Value: 5000,
		EndsAt: shop.Clock.Now().Add(49*time.Hour + 30*time.Second), Rules: pricing.Rules{Variants: []int64{v.ShirtL}}})
	shop.AddToCart("linen-shirt", v.ShirtL, "1")
	for lang, want := range map[string]string{"en": "2d 1:00:", "zh-CN": "2天 1:00:"} {
		clock := shop.Get("/cart", "Accept-Language", lang).Doc(t).Find(".sale-countdown-clock")
		if got := clock.Text(); !strings.HasPrefix(got, want) {
			t.Errorf("%s countdown = %q, want %q", lang, got, want)
		}
	}
}
