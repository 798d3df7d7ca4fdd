package shop_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// TestChinesePagesSayBeijingTime: in a shop on Asia/Shanghai time, the
// flash sale's end reads 北京时间 on the Chinese product page and cart,
// never "CST", which is US Central time to many.
func TestChinesePagesSayBeijingTime(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	v := shop.Variants()
	shop.AddPromotion(webtest.Promotion{Name: "Flash", Type: pricing.TypeFlash, Value: 5000,
		StartsAt: shop.Clock.Now().Add(-time.Hour), EndsAt: shop.Clock.Now().Add(3 * time.Hour), Rules: pricing.Rules{Variants: []int64{v.ShirtL}}})
	shop.AddToCart("linen-shirt", v.ShirtL, "1")
	for _, path := range []string{"/zh-cn/products/linen-shirt?variant=" + itoa(v.ShirtL), "/zh-cn/cart"} {
		ends := shop.Get(path).Doc(t).Find(".sale-ends, [data-sale-ends]").First().Text()
		if !strings.Contains(ends, "（北京时间）") || strings.Contains(ends, "CST") {
			t.Errorf("%s: the sale's end reads %q, want it in 北京时间", path, ends)
		}
	}
}
