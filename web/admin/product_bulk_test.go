package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestBulkRiseEndsTheSale: a manager cuts a 9.00 product by 10% as a
// sale, then raises it by 20%. The rise passes the 9.00 struck through,
// so the sale is over: no "was" price on the shop, and the product form,
// saved as it stands, is accepted rather than refused for a compare-at
// price below the price.
func TestBulkRiseEndsTheSale(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	id, err := shop.Store.CreateProduct(ctx, store.Actor{}, store.ProductInput{Title: "Sage Cap", Status: store.StatusActive,
		Variants: []store.VariantInput{{Price: 900, Stock: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		percent, compareAt string
		price, was         int64
	}{
		{"-10", "1", 810, 900},
		{"20", "1", 972, 0},
		{"20", "", 1166, 0},
	}
	for _, st := range steps {
		res := shop.Post("/admin/products/bulk", url.Values{"product_id": {itoa(id)}, "action": {"price"},
			"percent": {st.percent}, "compare_at": {st.compareAt}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("bulk %s%% = %d\n%s", st.percent, res.Status, res.Body)
		}
		p, _ := shop.Store.ProductByID(ctx, id)
		if v := p.Variants[0]; v.Price != st.price || v.CompareAtPrice != st.was {
			t.Errorf("after %s%% = %d struck-through %d, want %d struck-through %d", st.percent, v.Price, v.CompareAtPrice, st.price, st.was)
		}
	}
	if n := shop.Get("/products/sage-cap").Doc(t).Find("#price-block .price-compare").Length(); n != 0 {
		t.Errorf("the shop still strikes a price through after the rise (%d)", n)
	}
	form := formOf(t, shop.Get(adminviews.ProductURL(id)), "form.product-form")
	if res := shop.Post(adminviews.ProductURL(id), form); res.Status != http.StatusSeeOther {
		t.Errorf("saving the product as it stands = %d, want 303\n%s", res.Status, res.Doc(t).Find(".field-error").Text())
	}
}
