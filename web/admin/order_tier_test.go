package admin_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminOrderNamesTheTierSold: an order of Gold for a year and Silver
// for a month says on each line which membership it sold and for how
// long, in the admin's language, on the order page and the packing slip.
func TestAdminOrderNamesTheTierSold(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	var variants []int64
	for _, sku := range []string{"GOLD-1Y", "SILVER-1M"} {
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: strings.ToLower(sku), Title: sku,
			Status: store.StatusActive, Variants: []store.VariantInput{{SKU: sku, Price: 9900, Stock: 1000}}}); err != nil {
			t.Fatal(err)
		}
		p, err := shop.Store.ProductByHandle(ctx, strings.ToLower(sku), false)
		if err != nil {
			t.Fatal(err)
		}
		variants = append(variants, p.Variants[0].ID)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	silver, gold := tiers[len(tiers)-2].ID, tiers[len(tiers)-1].ID
	for _, sell := range []struct {
		tier   int64
		sku    string
		months int64
	}{{gold, "GOLD-1Y", 12}, {silver, "SILVER-1M", 1}} {
		if err := shop.Store.SellTier(ctx, store.Actor{}, sell.tier, sell.sku, sell.months); err != nil {
			t.Fatal(err)
		}
	}
	flat, _ := shop.AddShipping()
	cart, err := shop.Store.AddToCart(ctx, "", variants[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.AddToCart(ctx, cart.Token, variants[1], 1); err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", AddressLine1: "Rua Augusta 1",
			City: "Lisboa", PostalCode: "1100-048", Country: "PT"},
		ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "en",
	})
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)

	path := "/admin/orders/" + itoa(o.ID)
	for _, c := range []struct {
		lang, path, lines string
		want              []string
	}{
		{"en", path, ".admin-order-lines", []string{"Membership: Gold · 12 months", "Membership: Silver · 1 month"}},
		{"zh-CN", path, ".admin-order-lines", []string{"会员：金卡会员 · 12 个月", "会员：银卡会员 · 1 个月"}},
		{"en", path + "/packing-slip", ".packing-slip-lines", []string{"Membership: Gold · 12 months", "Membership: Silver · 1 month"}},
		{"zh-CN", path + "/packing-slip", ".packing-slip-lines", []string{"会员：金卡会员 · 12 个月", "会员：银卡会员 · 1 个月"}},
	} {
		res := shop.Get(c.path, "Accept-Language", c.lang)
		if res.Status != http.StatusOK {
			t.Fatalf("%s in %s = %d", c.path, c.lang, res.Status)
		}
		var got []string
		res.Doc(t).Find(c.lines + " [data-line-tier]").Each(func(_ int, s *goquery.Selection) {
			// The months stay with their number on a narrow slip.
			if !regexp.MustCompile(`\d\x{a0}\S`).MatchString(s.Text()) {
				t.Errorf("%s in %s breaks %q between number and unit", c.path, c.lang, s.Text())
			}
			got = append(got, strings.Join(strings.Fields(s.Text()), " "))
		})
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s in %s names the tiers %q, want %q", c.path, c.lang, got, c.want)
		}
	}
}
