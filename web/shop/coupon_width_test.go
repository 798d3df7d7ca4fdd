package shop_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/web/webtest"
)

// TestChineseCartTakesAFullWidthCode: a Chinese keyboard in full-width
// mode types ＷＥＬＣＯＭＥ１０; the Chinese cart applies WELCOME10.
func TestChineseCartTakesAFullWidthCode(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	shop.AddPromotion(webtest.Promotion{Name: "Welcome", Code: "WELCOME10", Type: "percent", Value: 1000})

	res := shop.Post("/zh-cn/cart/coupon", url.Values{"code": {"ＷＥＬＣＯＭＥ１０"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/zh-cn/cart" {
		t.Fatalf("apply = %d %q, want 303 to /zh-cn/cart:\n%.2000s", res.Status, res.Header.Get("Location"), res.Body)
	}
	page := shop.Get("/zh-cn/cart")
	if got := page.CartDiscount(t); got != 560 {
		t.Errorf("data-cart-discount = %d, want 560", got)
	}
	if !strings.Contains(page.Body, "已添加优惠码 WELCOME10。") {
		t.Error("the cart does not confirm the code as WELCOME10")
	}
}
