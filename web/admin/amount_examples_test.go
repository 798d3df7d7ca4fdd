package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAmountExamplesFollowTheCurrency: an amount the admin cannot read is
// refused with an example the shop's currency takes, and the promotion
// form's hint gives one too: whole yen in a yen shop, cents in a dollar
// shop. Shipping rates, promotions and the customer list's spend filter
// each say so.
func TestAmountExamplesFollowTheCurrency(t *testing.T) {
	for _, tc := range []struct {
		currency                         string
		shipping, promotion, spend, hint string
	}{
		{"USD", "Enter an amount such as 12.50.", "Enter an amount such as 50 or 49.90.",
			"Enter an amount such as 100 or 100.50.", "an amount (50.00)"},
		{"JPY", "Enter an amount without decimals, such as 800.", "Enter an amount without decimals, such as 500 or 4990.",
			"Enter an amount without decimals, such as 10000 or 10,000.", "an amount without decimals (500)"},
	} {
		t.Run(tc.currency, func(t *testing.T) {
			shop := webtest.New(t)
			shop.LoginAs(store.RoleOwner)
			if err := shop.Store.SetSetting(context.Background(), store.SettingCurrency, tc.currency); err != nil {
				t.Fatal(err)
			}
			refused := func(res webtest.Response, field, want string) {
				t.Helper()
				if res.Status != http.StatusUnprocessableEntity {
					t.Fatalf("%s: status %d, want 422", field, res.Status)
				}
				if got := res.Doc(t).Find("#" + field + "-error").Text(); got != want {
					t.Errorf("%s says %q, want %q", field, got, want)
				}
			}
			refused(shop.Post("/admin/settings/shipping", url.Values{"name": {"Post"}, "kind": {"flat"}, "price": {"12.555"}}),
				"price", tc.shipping)
			coupon := url.Values{"kind": {"coupon"}, "name": {"Ten off"}, "code": {"TENOFF"}, "type": {"fixed"},
				"value": {"49.999"}, "min_subtotal": {"1O0"}}
			res := shop.Post("/admin/promotions", coupon)
			refused(res, "value", tc.promotion)
			refused(res, "min_subtotal", tc.promotion)
			refused(shop.Get("/admin/customers?min_spend=lots"), "min_spend", tc.spend)

			hint := shop.Get("/admin/promotions/new?kind=coupon").Doc(t).Find("#promotion-value").Parent().Find(".field-hint").Text()
			if !strings.Contains(hint, tc.hint) {
				t.Errorf("the value's hint = %q, want %q in it", hint, tc.hint)
			}
		})
	}
}
