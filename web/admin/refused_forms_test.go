package admin_test

import (
	"net/http"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestRefusedProductFormListsEveryProblem: a product form with an empty
// title, a handle with a space and a price that is no amount is answered
// once with all three messages, not the price first and the rest after it
// is fixed; with the price fixed, a handle another product has comes with
// the empty title too.
func TestRefusedProductFormListsEveryProblem(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for name, tt := range map[string]struct {
		handle, price string
		want          map[string]string
	}{
		"unreadable price": {"tea x", "abc", map[string]string{"title": "error.required", "handle": "error.handle",
			"v0_price": "error.product_price"}},
		"taken handle": {"dragon-well-tea", "19.99", map[string]string{"title": "error.required",
			"handle": "error.product_handle_taken"}},
	} {
		form := scarfForm()
		form.Set("title", "")
		form.Set("handle", tt.handle)
		form.Set("v0_price", tt.price)
		res := shop.Post("/admin/products/new", form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d, want 422", name, res.Status)
		}
		doc := res.Doc(t)
		for field, key := range tt.want {
			if got, want := doc.Find("#"+field+"-error").Text(), i18n.TL("en", key); got != want {
				t.Errorf("%s: %s message %q, want %q", name, field, got, want)
			}
		}
		if got := doc.Find(`input[name=handle]`).AttrOr("value", ""); got != tt.handle {
			t.Errorf("%s: handle shown back as %q", name, got)
		}
		if got := doc.Find(`input[name=v0_price]`).AttrOr("value", ""); got != tt.price {
			t.Errorf("%s: price shown back as %q", name, got)
		}
	}
	// Editing a product refuses the same way.
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	form.Set("title", " ")
	form.Set("v0_weight", "heavy")
	res := shop.Post("/admin/products/1", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("edit: status %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if doc.Find("#title-error").Length() != 1 || doc.Find("#v0_weight-error").Length() != 1 {
		t.Errorf("edit: messages for title and weight missing:\n%s", doc.Find(".field-error, [id$=-error]").Text())
	}
}

// TestRefusedCollectionFormListsEveryProblem: a collection form with an
// empty title, a handle another collection has and a position that is no
// number is answered once with all three messages, and keeps what was
// typed.
func TestRefusedCollectionFormListsEveryProblem(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	if res := shop.Post("/admin/collections", collectionForm("Tea", "tea", "0")); res.Status != http.StatusSeeOther {
		t.Fatalf("create tea = %d", res.Status)
	}
	want := map[string]string{"title": "error.required", "handle": "error.collection_handle_taken",
		"position": "error.collection_position"}
	for _, position := range []string{"abc", "2"} {
		form := collectionForm("", "tea", "0")
		form.Set("position", position)
		res := shop.Post("/admin/collections", form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("position %s: status %d, want 422", position, res.Status)
		}
		doc := res.Doc(t)
		for field, key := range want {
			if position != "abc" && field == "position" {
				key = ""
			}
			if got := doc.Find("#" + field + "-error").Text(); key != "" && got != i18n.TL("en", key) || key == "" && got != "" {
				t.Errorf("position %s: %s message %q, want %q", position, field, got, i18n.TL("en", key))
			}
		}
		if doc.Find(`input[name=handle]`).AttrOr("value", "") != "tea" || doc.Find(`input[name=position]`).AttrOr("value", "") != position {
			t.Errorf("position %s: the typed values were not kept", position)
		}
	}
	// The summer collection's page refuses a save the same way.
	summer := shop.Get("/admin/collections/1").Doc(t).Find(`input[name=version]`).AttrOr("value", "")
	form := collectionForm("", "tea", summer)
	form.Set("position", "abc")
	doc := shop.Post("/admin/collections/1", form).Doc(t)
	for field, key := range want {
		if got := doc.Find("#" + field + "-error").Text(); got != i18n.TL("en", key) {
			t.Errorf("save: %s message %q, want %q", field, got, i18n.TL("en", key))
		}
	}
}
