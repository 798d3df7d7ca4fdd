package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestCartTellsOfAVariantRemoved: two guests have the linen shirt in M in
// their carts, one beside a tea; the owner removes the M from the
// product's form. Each cart then says, once and in the guest's language,
// that the shirt in M is no longer available, and totals what is left.
func TestCartTellsOfAVariantRemoved(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	guest, chinese := shop.OtherBrowser(), shop.OtherBrowser()
	guest.AddToCart("linen-shirt", v.ShirtM, "2")
	guest.AddToCart("dragon-well-tea", v.Tea, "1")
	chinese.AddToCart("linen-shirt", v.ShirtM, "1")
	if got := guest.Get("/cart").CartTotal(t); got != 2*4900+2800 {
		t.Fatalf("cart total before = %d", got)
	}
	chinese.Get("/zh-cn/cart")

	shop.LoginAs(store.RoleOwner)
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	if form.Get("v1_sku") != "LS-M" {
		t.Fatalf("the form's second row is %q, want LS-M", form.Get("v1_sku"))
	}
	form.Set("v1_remove", "1")
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusSeeOther {
		t.Fatalf("remove the M = %d\n%s", res.Status, res.Body)
	}

	for _, tt := range []struct {
		shopper *webtest.Shop
		path    string
		want    string
		total   int64
	}{
		{guest, "/cart", i18n.TL("en", "cart.gone_one", "Linen Shirt (M)"), 2800},
		{chinese, "/zh-cn/cart", i18n.TL("zh", "cart.gone_one", i18n.TL("zh", "cart.item_name", "Linen Shirt", "M")), -1},
	} {
		res := tt.shopper.Get(tt.path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s = %d", tt.path, res.Status)
		}
		if got := strings.TrimSpace(res.Doc(t).Find(".notice").Text()); !strings.Contains(got, tt.want) {
			t.Errorf("%s says %q, want %q", tt.path, got, tt.want)
		}
		if got := res.CartTotal(t); got != tt.total {
			t.Errorf("%s total = %d, want %d", tt.path, got, tt.total)
		}
		if again := tt.shopper.Get(tt.path).Doc(t).Find(".notice").Text(); strings.Contains(again, tt.want) {
			t.Errorf("%s says it again on the next visit", tt.path)
		}
	}
}
