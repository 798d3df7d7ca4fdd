package admin_test

import (
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestCouponFormAndPreviewWording: a coupon's form does not offer to
// combine it with a coupon (an order has one at most), while an automatic
// promotion's does; the preview's reason continues its sentence after a
// colon instead of starting a new one in lower case, in both languages.
func TestCouponFormAndPreviewWording(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for kind, want := range map[string]int{"coupon": 0, "automatic": 1} {
		doc := shop.Get("/admin/promotions/new?kind=" + kind).Doc(t)
		if got := doc.Find(`input[name=combines_coupons]`).Length(); got != want {
			t.Errorf("a new %s's form has %d combines-with-a-coupon boxes, want %d", kind, got, want)
		}
	}
	form := couponForm()
	form.Set("min_subtotal", "500")
	path := "/admin/promotions/" + strconv.FormatInt(promotionID(t, shop.Post("/admin/promotions", form)), 10)
	doc := shop.Get(path).Doc(t)
	if doc.Find(`input[name=combines_coupons]`).Length() != 0 {
		t.Error("a stored coupon's form offers to combine it with a coupon")
	}
	why := func() string {
		return strings.Join(strings.Fields(shop.Get(path).Doc(t).Find("[data-preview-why]").Text()), " ")
	}
	if got, want := why(), "It does not apply to this cart: add $423.00 more to reach $500.00."; got != want {
		t.Errorf("why not = %q, want %q", got, want)
	}
	shop.Get("/lang/zh?next=" + path)
	if got, want := why(), "它不适用于这个购物车：再买US$423.00即可达到US$500.00。"; got != want {
		t.Errorf("why not = %q, want %q", got, want)
	}
}
