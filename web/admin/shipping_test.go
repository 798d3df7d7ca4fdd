package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// TestShippingMethodCountriesThroughTheForm: the owner ticks the countries
// a method delivers to on its form, and the list says where each goes.
func TestShippingMethodCountriesThroughTheForm(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	settingsRedirect(t, shop.Post("/admin/settings/shipping", url.Values{"name": {"Standard (NL)"}, "kind": {"flat"},
		"price": {"5.95"}, "active": {"1"}, "countries": {"NL", "BE"}}), http.StatusSeeOther, "/admin/settings?saved=shipping")
	settingsRedirect(t, shop.Post("/admin/settings/shipping", url.Values{"name": {"International"}, "kind": {"flat"},
		"price": {"19"}, "active": {"1"}}), http.StatusSeeOther, "/admin/settings?saved=shipping")
	methods, err := shop.Store.ShippingMethods(context.Background())
	if err != nil || len(methods) != 2 || !slices.Equal(methods[0].Countries, []string{"NL", "BE"}) || len(methods[1].Countries) != 0 {
		t.Fatalf("methods = %+v, %v", methods, err)
	}
	standard := itoa(methods[0].ID)

	doc := shop.Get("/admin/settings").Doc(t)
	says := func(id string) string {
		return strings.TrimSpace(doc.Find(`#shipping-` + id + ` [data-shipping-countries]`).Text())
	}
	if got := says(standard); got != "Delivers to: Netherlands, Belgium" {
		t.Errorf("the domestic method says %q", got)
	}
	if got := says(itoa(methods[1].ID)); got != "Delivers to: All countries" {
		t.Errorf("the international method says %q", got)
	}
	ticked := doc.Find(`#shipping-` + standard + ` input[name=countries][checked]`).Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("value", "")
	})
	if !slices.Equal(ticked, []string{"NL", "BE"}) && !slices.Equal(ticked, []string{"BE", "NL"}) {
		t.Errorf("the edit form ticks %v", ticked)
	}

	// A code not on the list is refused beside the countries, the form kept.
	edit := url.Values{"name": {"Standard (NL)"}, "kind": {"flat"}, "price": {"5.95"}, "active": {"1"},
		"countries": {"NL", "ZZ"}, "version": {itoa(methods[0].Version)}}
	res := shop.Post("/admin/settings/shipping/"+standard, edit)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find(`#shipping-`+standard+` .shipping-edit[open] #countries-error`).Length() != 1 {
		t.Errorf("an unknown country = %d", res.Status)
	}
}

// TestShippingMethodDeleteAsksFirst: deleting a method takes a ticked box,
// as deleting a collection or a tier does, and then says what it did.
func TestShippingMethodDeleteAsksFirst(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	flat, _ := shop.AddShipping()
	path := "/admin/settings/shipping/" + itoa(flat) + "/delete"

	res := shop.Post(path, nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("delete without the tick = %d, want 422", res.Status)
	}
	form := res.Doc(t).Find(`details.shipping-delete[open] form[action^="` + path + `"]`)
	if form.Length() != 1 || form.Find(`input[name=confirm][aria-invalid=true]`).Length() != 1 ||
		!strings.Contains(form.Text(), "Tick the box") {
		t.Errorf("the refused delete is not shown open with its message:\n%s", res.Body)
	}
	if _, err := shop.Store.ShippingMethod(context.Background(), flat); err != nil {
		t.Fatalf("deleted without the tick: %v", err)
	}

	res = shop.Post(path, url.Values{"confirm": {"1"}})
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=shipping-deleted")
	page := shop.Get(res.Header.Get("Location"))
	if got := strings.TrimSpace(page.Doc(t).Find(`#shipping [role=status]`).Text()); got != "Shipping method deleted." {
		t.Errorf("after the delete the page says %q", got)
	}
	if _, err := shop.Store.ShippingMethod(context.Background(), flat); err == nil {
		t.Error("the method is still there")
	}
}

// TestShippingMethodCashOnDeliveryThroughTheForm: a new method's form
// starts with cash on delivery ticked; the owner unticks it for the post,
// and the list and the post's edit form say so.
func TestShippingMethodCashOnDeliveryThroughTheForm(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	if shop.Get("/admin/settings").Doc(t).Find(`.shipping-new input[name=cod][checked]`).Length() != 1 {
		t.Error("a new method's form starts without cash on delivery")
	}
	settingsRedirect(t, shop.Post("/admin/settings/shipping", url.Values{"name": {"Courier"}, "kind": {"flat"},
		"price": {"9"}, "active": {"1"}, "cod": {"1"}}), http.StatusSeeOther, "/admin/settings?saved=shipping")
	settingsRedirect(t, shop.Post("/admin/settings/shipping", url.Values{"name": {"Post"}, "kind": {"flat"},
		"price": {"5"}, "active": {"1"}}), http.StatusSeeOther, "/admin/settings?saved=shipping")
	methods, err := shop.Store.ShippingMethods(context.Background())
	if err != nil || len(methods) != 2 || !methods[0].COD || methods[1].COD {
		t.Fatalf("methods = %+v, %v; want the courier taking cash and the post not", methods, err)
	}
	courier, post := itoa(methods[0].ID), itoa(methods[1].ID)
	doc := shop.Get("/admin/settings").Doc(t)
	if doc.Find(`#shipping-`+courier+` [data-no-cod]`).Length() != 0 || doc.Find(`#shipping-`+post+` [data-no-cod]`).Text() != "No cash on delivery" {
		t.Error("the list does not say which method takes no cash")
	}
	if doc.Find(`#shipping-`+courier+` input[name=cod][checked]`).Length() != 1 || doc.Find(`#shipping-`+post+` input[name=cod][checked]`).Length() != 0 {
		t.Error("the edit forms do not tick cash on delivery as saved")
	}
}
