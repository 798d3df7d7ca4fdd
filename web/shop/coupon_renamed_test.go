package shop_test

import (
	"net/http"
	"strings"
	"testing"

	"storefront/web/webtest"
)

// TestCouponRenamedInTheCartSaysSoOnce: the owner renames a code while it
// is on a cart. The cart and the refused checkout say in one sentence,
// in English and Chinese, that the code is gone; the checkout's "check
// it" is not said twice.
func TestCouponRenamedInTheCartSaysSoOnce(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	id := shop.AddPromotion(webtest.Promotion{Name: "Change", Code: "CHG", Type: "fixed", Value: 1000})
	applyCoupon(t, shop, "CHG")
	en := checkoutForm(t, shop.Get("/checkout"), nil)
	zh := checkoutForm(t, shop.Get("/zh-cn/checkout"), nil)
	if _, err := shop.Store.DB().Exec(`UPDATE promotions SET code = 'CHANGED' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()

	text := func(page webtest.Response, sel string) string {
		return strings.Join(strings.Fields(page.Doc(t).Find(sel).Text()), " ")
	}
	for _, tc := range []struct{ cart, checkout, state, refused string }{
		{"/cart", "/checkout", "Code CHG is not applied: there is no longer a coupon with this code.",
			"The total changed from $56.00 to $66.00: Code CHG is not applied: there is no longer a coupon with this code. Check it and place the order again."},
		{"/zh-cn/cart", "/zh-cn/checkout", "优惠码 CHG 未能使用：该优惠码已不存在。",
			"订单总额已从US$56.00变为US$66.00：优惠码 CHG 未能使用：该优惠码已不存在。请核对后重新下单。"},
	} {
		if got := text(shop.Get(tc.cart), "[data-coupon-state]"); !strings.Contains(got, tc.state) {
			t.Errorf("%s says %q, want %q", tc.cart, got, tc.state)
		}
		form := en
		if strings.HasPrefix(tc.checkout, "/zh-cn") {
			form = zh
		}
		res := shop.Post(tc.checkout, form)
		if res.Status != http.StatusConflict {
			t.Fatalf("%s after the rename = %d, want 409", tc.checkout, res.Status)
		}
		if got := text(res, ".notice-error"); !strings.Contains(got, tc.refused) {
			t.Errorf("%s says %q, want %q", tc.checkout, got, tc.refused)
		}
	}
}
