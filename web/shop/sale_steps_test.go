package shop_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// TestFlashSaleInStepsSaysItsPriceAndItsEnd: a sale at 30 % off for two
// days, then 15 % off until its end a week later. The product page and
// the cart give data-sale-ends as the sale's end, and say the price holds
// until the step and what follows until the end, in both languages; the
// countdown runs to the step, when the page shows the next price. A sale
// with more steps after this price says only when the sale ends.
func TestFlashSaleInStepsSaysItsPriceAndItsEnd(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	v := shop.Variants()
	settings, err := shop.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	loc := settings.Location()
	start := shop.Clock.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	step, end := start.Add(48*time.Hour), start.Add(7*24*time.Hour)
	shop.AddPromotion(webtest.Promotion{Name: "Cashmere flash sale", Type: pricing.TypeFlash, Value: 3000, StartsAt: start, EndsAt: end,
		Rules: pricing.Rules{Variants: []int64{v.ShirtL}, Steps: []pricing.Step{{At: start.Unix(), Value: 3000}, {At: step.Unix(), Value: 1500}}}})
	shop.AddPromotion(webtest.Promotion{Name: "Three steps", Type: pricing.TypeFlash, Value: 3000, StartsAt: start, EndsAt: end,
		Rules: pricing.Rules{Variants: []int64{v.ShirtM}, Steps: []pricing.Step{{At: start.Unix(), Value: 3000},
			{At: step.Unix(), Value: 2000}, {At: step.Add(time.Hour).Unix(), Value: 1000}}}})
	shop.AddToCart("linen-shirt", v.ShirtL, "1")
	when := func(lang string, t time.Time) string {
		return i18n.FormatTime(lang, t.In(loc), i18n.TL(lang, "order.time_format"))
	}
	saleEnds := end.UTC().Format(time.RFC3339)

	for _, lang := range []string{"en", "zh"} {
		prefix := map[string]string{"en": "", "zh": "/zh-cn"}[lang]
		// 52.00 at 30 % off is 36.40; at 15 % off, 44.20.
		want := i18n.TL(lang, "promo.sale_then", when(lang, step), i18n.MoneyIn(lang, "USD", 4420), when(lang, end))
		product := shop.Get(prefix + "/products/linen-shirt?variant=" + itoa(v.ShirtL)).Doc(t).Find("#price-block")
		cart := shop.Get(prefix + "/cart").Doc(t).Find(".sale-price")
		for name, block := range map[string]interface {
			AttrOr(string, string) string
			Text() string
		}{"product page": product, "cart": cart} {
			if got := block.AttrOr("data-sale-ends", ""); got != saleEnds {
				t.Errorf("%s %s: data-sale-ends %q, want the sale's end %q", lang, name, got, saleEnds)
			}
			if got := strings.Join(strings.Fields(block.Text()), " "); !strings.Contains(got, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s %s says %q, want %q", lang, name, got, want)
			}
		}
		if left := product.Find("[data-seconds-left]").AttrOr("data-seconds-left", ""); left != itoa(int64(step.Sub(shop.Clock.Now())/time.Second)) &&
			left != itoa(int64(step.Sub(shop.Clock.Now())/time.Second)+1) {
			t.Errorf("%s: the countdown runs %s seconds, want to the step", lang, left)
		}
		medium := shop.Get(prefix + "/products/linen-shirt?variant=" + itoa(v.ShirtM)).Doc(t).Find("#price-block")
		if got, want := strings.Join(strings.Fields(medium.Text()), " "),
			i18n.TL(lang, "promo.sale_price_ends", when(lang, step), when(lang, end)); !strings.Contains(got, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("%s: a sale with two more steps says %q, want %q", lang, got, want)
		}
	}

	// From the step, the last price: the sale ends with it.
	shop.Clock.Advance(step.Sub(shop.Clock.Now()) + time.Minute)
	block := shop.Get("/products/linen-shirt?variant=" + itoa(v.ShirtL)).Doc(t).Find("#price-block")
	if got, want := block.Text(), i18n.TL("en", "promo.sale_ends", when("en", end)); !strings.Contains(got, want) || !strings.Contains(got, "44.20") {
		t.Errorf("after the step the page says %q, want %q at 44.20", strings.Join(strings.Fields(got), " "), want)
	}
}
