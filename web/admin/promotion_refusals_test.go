package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminRefusesAGiftNobodyCanGet: a gift whose product is a draft or
// archived is refused beside the field, in both languages; a gift out of
// stock is saved (stock may come) and its page warns that nobody gets it.
func TestAdminRefusesAGiftNobodyCanGet(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture() // SEC-1 is a draft's, LS-S has no stock
	shop.LoginAs(store.RoleOwner)
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{Handle: "old-mug", Title: "Old mug",
		Status: store.StatusArchived, Variants: []store.VariantInput{{SKU: "GFT-MC", Price: 1200}}}); err != nil {
		t.Fatal(err)
	}
	gift := func(sku string) url.Values {
		return url.Values{"kind": {"automatic"}, "name": {"Free gift"}, "type": {"gift"}, "gift_variant": {sku}, "min_subtotal": {"10"}}
	}
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin/promotions")
		for _, sku := range []string{"GFT-MC", "SEC-1"} {
			res := shop.Post("/admin/promotions", gift(sku))
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("%s: a gift of %s = %d, want 422", lang, sku, res.Status)
			}
			doc := res.Doc(t)
			if got, want := doc.Find("#gift_variant-error").Text(), i18n.TL(lang, "admin.promotions.error.gift_not_active"); got != want {
				t.Errorf("%s: a gift of %s says %q, want %q", lang, sku, got, want)
			}
			if got := doc.Find(`input[name=gift_variant]`).AttrOr("value", ""); got != sku {
				t.Errorf("%s: the gift field shows %q, want what was typed", lang, got)
			}
		}
	}
	if list, _ := shop.Store.ListPromotions(context.Background(), store.PromotionFilter{}, 1, 10); list.Total != 0 {
		t.Errorf("%d promotions saved with a gift nobody can get", list.Total)
	}

	id := promotionID(t, shop.Post("/admin/promotions", gift("LS-S")))
	page := shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10)).Doc(t)
	if got, want := page.Find("[data-gift-sold-out]").Text(), i18n.TL("zh", "admin.promotions.gift_sold_out"); got != want {
		t.Errorf("a gift out of stock: the page warns %q, want %q", got, want)
	}
	inStock := promotionID(t, shop.Post("/admin/promotions", gift("TEA-1")))
	if shop.Get("/admin/promotions/"+strconv.FormatInt(inStock, 10)).Doc(t).Find("[data-gift-sold-out]").Length() != 0 {
		t.Error("a gift in stock is warned about")
	}
}

// TestAdminRefusesABundleThatSavesNothing: a bundle price at or above what
// one of each item costs together (the cheapest variant of each) is
// refused beside the field with that total; one below is saved.
func TestAdminRefusesABundleThatSavesNothing(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture() // the shirt from 49.00, the tea 28.00: 77.00
	shop.LoginAs(store.RoleOwner)
	bundle := func(price string) url.Values {
		return url.Values{"kind": {"automatic"}, "name": {"Shirt and tea"}, "type": {"bundle"},
			"products": {"linen-shirt, dragon-well-tea"}, "bundle_price": {price}}
	}
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin/promotions")
		for _, price := range []string{"77", "100"} {
			res := shop.Post("/admin/promotions", bundle(price))
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("%s: bundle price %s = %d, want 422", lang, price, res.Status)
			}
			doc := res.Doc(t)
			if got, want := doc.Find("#bundle_price-error").Text(), i18n.TL(lang, "admin.promotions.error.bundle_price_high", "77.00"); got != want {
				t.Errorf("%s: bundle price %s says %q, want %q", lang, price, got, want)
			}
			if got := doc.Find(`input[name=bundle_price]`).AttrOr("value", ""); got != price {
				t.Errorf("%s: the bundle price shows %q, want %q", lang, got, price)
			}
		}
	}
	id := promotionID(t, shop.Post("/admin/promotions", bundle("76.99")))
	if p, err := shop.Store.PromotionByID(context.Background(), id); err != nil || p.BundlePrice != 7699 {
		t.Errorf("bundle saved as %+v, %v", p, err)
	}
	if strings.Contains(shop.Get("/admin/promotions/"+strconv.FormatInt(id, 10)).Body, "bundle_price-error") {
		t.Error("the saved bundle's page shows an error")
	}
}
