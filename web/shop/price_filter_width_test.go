package shop_test

import (
	"net/url"
	"testing"

	"storefront/web/webtest"
)

// TestPriceFilterTakesFullWidthDigits: a range typed with a Chinese input
// method's full-width digits (２０ to ３０．００) filters as 20 to 30 does,
// instead of being refused as no price.
func TestPriceFilterTakesFullWidthDigits(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	seedSencha(t, shop)
	q := url.Values{"price_min": {"２０"}, "price_max": {"３０．００"}, "in_stock": {"1"}}
	res := shop.Get("/zh-cn/collections/summer?" + q.Encode())
	doc := res.Doc(t)
	if res.Status != 200 || doc.Find(".product-card").Length() != 2 || cardFor(doc, ".product-card", "sencha").Length() != 1 {
		t.Errorf("full-width range: %d, %d cards, want sencha and the Dragon Well tea", res.Status, doc.Find(".product-card").Length())
	}
}
