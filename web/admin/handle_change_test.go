package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestChangedHandleRedirectsFromTheOldAddress: the owner changes a
// product's handle, twice, and a collection's. Every old address, in both
// languages, answers with a 301 straight to the address now, its query
// kept (an offer's ?variant=, a sort), where it was a 404 that lost every
// search result, ad and bookmark. A handle another product takes since is
// that product's again; an address that never was is still a 404.
func TestChangedHandleRedirectsFromTheOldAddress(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	visitor := shop.OtherBrowser()
	visitor.Get("/products/linen-shirt") // in the page cache before the change
	shop.LoginAs(store.RoleOwner)
	rename := func(page, selector, handle string) {
		t.Helper()
		form := formOf(t, shop.Get(page), selector)
		form.Set("handle", handle)
		if res := shop.Post(page, form); res.Status != http.StatusSeeOther {
			t.Fatalf("change %s's handle to %s = %d\n%s", page, handle, res.Status, res.Body)
		}
	}
	rename("/admin/products/1", "form.product-form", "shirt-in-linen")
	rename("/admin/products/1", "form.product-form", "linen-shirt-classic")
	rename("/admin/collections/1", "form.collection-form", "hot-days")

	for _, c := range []struct{ from, to string }{
		{"/products/linen-shirt", "/products/linen-shirt-classic"},
		{"/products/shirt-in-linen", "/products/linen-shirt-classic"},
		{"/zh-cn/products/linen-shirt?variant=" + itoa(v.ShirtL), "/zh-cn/products/linen-shirt-classic?variant=" + itoa(v.ShirtL)},
		{"/collections/summer?sort=price-asc", "/collections/hot-days?sort=price-asc"},
		{"/zh-cn/collections/summer", "/zh-cn/collections/hot-days"},
	} {
		res := visitor.Get(c.from)
		if res.Status != http.StatusMovedPermanently || res.Header.Get("Location") != c.to {
			t.Errorf("GET %s = %d to %q, want 301 to %s", c.from, res.Status, res.Header.Get("Location"), c.to)
			continue
		}
		if page := visitor.Get(c.to); page.Status != http.StatusOK {
			t.Errorf("GET %s (the new address) = %d", c.to, page.Status)
		}
	}

	// Another product takes the first old handle: its address is that
	// product's now, and while it is a draft, a plain 404 again.
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{Handle: "linen-shirt", Title: "New Shirt",
		Status: store.StatusDraft, Variants: []store.VariantInput{{SKU: "NEW-1", Price: 100}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want int
	}{
		{"/products/linen-shirt", http.StatusNotFound},
		{"/products/shirt-in-linen", http.StatusMovedPermanently},
		{"/products/never-was", http.StatusNotFound},
		{"/collections/never-was", http.StatusNotFound},
	} {
		if got := visitor.Get(c.path).Status; got != c.want {
			t.Errorf("GET %s = %d, want %d", c.path, got, c.want)
		}
	}
}

// TestOfferURLOfARemovedVariantShowsTheProduct: the product page's
// structured data gives each variant's offer as ?variant=ID, which search
// engines and ads keep. Once the owner removes that variant, the address
// shows the product with its default choice (200), where it was a 400
// "That request didn't make sense"; so does a variant, image or option
// value the product never had.
func TestOfferURLOfARemovedVariantShowsTheProduct(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	offer := "/products/linen-shirt?variant=" + itoa(v.ShirtL)
	if ld := shop.Get("/products/linen-shirt").Doc(t).Find(`script[type="application/ld+json"]`).First().Text(); !strings.Contains(ld, offer+`"`) {
		t.Fatalf("the structured data has no offer at %s: %s", offer, ld)
	}
	shop.LoginAs(store.RoleOwner)
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	if form.Get("v2_sku") != "LS-L" {
		t.Fatalf("the form's third row is %q, want LS-L", form.Get("v2_sku"))
	}
	form.Set("v2_remove", "1")
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusSeeOther {
		t.Fatalf("remove the L = %d\n%s", res.Status, res.Body)
	}
	visitor := shop.OtherBrowser()
	for _, path := range []string{offer, "/zh-cn" + offer, "/products/linen-shirt?variant=999999",
		"/products/linen-shirt?image=999999", "/products/linen-shirt?option1=XL", "/products/linen-shirt?option1=M&option2=Red"} {
		res := visitor.Get(path)
		doc := res.Doc(t)
		if res.Status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, res.Status)
			continue
		}
		// M, the first size in stock, as on the plain product page.
		if got := doc.Find(`form.add-to-cart input[name=variant_id]`).AttrOr("value", ""); got != itoa(v.ShirtM) {
			t.Errorf("GET %s offers variant %s, want M's %d", path, got, v.ShirtM)
		}
		if doc.Find(`meta[name=robots][content=noindex]`).Length() != 0 {
			t.Errorf("GET %s is noindex", path)
		}
	}
	// An id that is not a number is still a bad request.
	if got := visitor.Get("/products/linen-shirt?variant=abc").Status; got != http.StatusBadRequest {
		t.Errorf("?variant=abc = %d, want 400", got)
	}
}
