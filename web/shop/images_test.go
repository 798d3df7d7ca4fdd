package shop_test

import (
	"bytes"
	"context"
	"image/color"
	"net/http"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestImagesOfUnpublishedProductsAreForStaff: a draft's photos (and an
// archived product's) are not for the public eye, nor for any shared cache,
// until the product is published; signed-in staff see them uncached.
func TestImagesOfUnpublishedProductsAreForStaff(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	id, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{
		Handle: "spring-launch", Title: "Spring Launch", Status: store.StatusDraft,
		Images:   []store.ImageInput{{SourceURL: "test:launch", Data: webtest.PNG(t, color.Black)}},
		Variants: []store.VariantInput{{SKU: "SL-1", Price: 100, Stock: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := shop.Store.ProductByHandle(ctx, "spring-launch", true)
	if err != nil || len(p.Images) != 1 {
		t.Fatalf("product: %v %+v", err, p)
	}
	image := "/images/" + itoa(p.Images[0].ID)
	staff := shop.OtherBrowser()
	staff.LoginAs(store.RoleSupport)

	check := func(status string) {
		t.Helper()
		for _, size := range []string{"/full", "/thumb"} {
			if res := shop.Get(image + size); res.Status != http.StatusNotFound || res.Header.Get("Cache-Control") == "public, max-age=86400" {
				t.Errorf("%s product: anonymous GET %s = %d %q, want 404", status, size, res.Status, res.Header.Get("Cache-Control"))
			}
			res := staff.Get(image + size)
			if res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "private, no-store" {
				t.Errorf("%s product: staff GET %s = %d %q, want 200 private, no-store", status, size, res.Status, res.Header.Get("Cache-Control"))
			}
		}
	}
	check(store.StatusDraft)
	setStatus := func(status string) {
		t.Helper()
		if _, err := shop.Store.SetProductsStatus(ctx, store.Actor{}, []int64{id}, status); err != nil {
			t.Fatal(err)
		}
	}
	setStatus(store.StatusArchived)
	check(store.StatusArchived)

	setStatus(store.StatusActive)
	if res := shop.Get(image + "/full"); res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=86400" {
		t.Errorf("published product: GET = %d %q, want 200 public", res.Status, res.Header.Get("Cache-Control"))
	}

	// The shop's logo belongs to no product and is always public.
	st, err := shop.Store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logo, err := shop.Store.SaveLogo(ctx, store.Actor{}, st.Version(store.SectionLogo), bytes.NewReader(webtest.PNG(t, color.White)))
	if err != nil {
		t.Fatal(err)
	}
	if res := shop.Get("/images/" + itoa(logo) + "/thumb"); res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=86400" {
		t.Errorf("logo = %d %q, want 200 public", res.Status, res.Header.Get("Cache-Control"))
	}
}
