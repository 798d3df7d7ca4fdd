package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestAdminDeletesATierSoldOnSale: Gold is sold as the variant of a
// product on sale. Deleting it is refused (409), the product named with a
// link to it and what to do; archived, the product no longer keeps Gold.
func TestAdminDeletesATierSoldOnSale(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	year := store.ProductInput{Handle: "gold-year", Title: "Gold membership, one year", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}}
	productID, _, err := shop.Store.SaveProduct(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	gold := itoa(tiers[len(tiers)-1].ID)
	if err := shop.Store.SellTier(ctx, store.Actor{}, tiers[len(tiers)-1].ID, "GOLD-1Y", 12); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	confirm := url.Values{"confirm": {"1"}}

	res := shop.Post("/admin/membership/tiers/"+gold+"/delete", confirm)
	if res.Status != http.StatusConflict {
		t.Fatalf("delete Gold while its product is on sale = %d, want 409", res.Status)
	}
	sold := res.Doc(t).Find("#tier-" + gold + "-delete[open] [data-tier-in-use] [data-sold-by]")
	link := sold.Find("a[href='" + adminviews.ProductURL(productID) + "']")
	if link.Text() != "Gold membership, one year" || !strings.Contains(sold.Text(), i18n.TL("en", "admin.membership.in_use_sold")) {
		t.Errorf("the refusal says %q, link %q; want the product named and linked, and what to do", sold.Text(), link.Text())
	}

	year.Status = store.StatusArchived
	if _, _, err := shop.Store.SaveProduct(ctx, year); err != nil {
		t.Fatal(err)
	}
	if res := shop.Post("/admin/membership/tiers/"+gold+"/delete", confirm); res.Status != http.StatusSeeOther {
		t.Errorf("delete Gold once its product is archived = %d, want 303", res.Status)
	}
}
