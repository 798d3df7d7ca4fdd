package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAddToCartResolvesChosenOptions: the add form posts the option
// radios beside the variant the page showed; the options win, so a
// shopper without JavaScript who changed a pill and did not press Update
// adds what the pills say. A combination not made, or sold out, adds
// nothing and says so; variant_id alone still works.
func TestAddToCartResolvesChosenOptions(t *testing.T) {
	shop := webtest.New(t)
	ids := seedTee(t, shop)

	doc := shop.Get("/products/tee?variant=" + itoa(ids["S/White"])).Doc(t)
	if n := doc.Find(`input[type=radio][name=option1][form="add-to-cart"]`).Length(); n != 3 {
		t.Fatalf("%d size radios belong to the add-to-cart form, want 3", n)
	}
	if doc.Find(`form#add-to-cart.add-to-cart`).Length() != 1 {
		t.Fatal("no add-to-cart form with id add-to-cart")
	}

	res := shop.Post("/cart/add", url.Values{"variant_id": {itoa(ids["S/White"])}, "option1": {"M"}, "option2": {"Navy"}, "quantity": {"1"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("add with options = %d", res.Status)
	}
	lines := shop.Get("/cart").Doc(t).Find(".cart-line-variant")
	if lines.Length() != 1 || strings.TrimSpace(lines.Text()) != "M / Navy" {
		t.Fatalf("cart lines = %q, want M / Navy", lines.Text())
	}

	for _, tt := range []struct {
		name    string
		options url.Values
		want    string
	}{
		{"sold out", url.Values{"option1": {"M"}, "option2": {"White"}}, "Sorry, that is sold out"},
		{"not made", url.Values{"option1": {"S"}, "option2": {"Navy"}}, "that combination is not made"},
		{"no such value", url.Values{"option1": {"XL"}, "option2": {"White"}}, "that combination is not made"},
	} {
		form := url.Values{"variant_id": {itoa(ids["L/White"])}, "quantity": {"1"}}
		for k, v := range tt.options {
			form[k] = v
		}
		res := shop.Post("/cart/add", form, "Referer", shop.Server.URL+"/products/tee")
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tt.want) || !strings.Contains(res.Body, `href="/products/tee"`) {
			t.Errorf("%s: %d, want 422 with %q and a link back to the product", tt.name, res.Status, tt.want)
		}
	}

	if res := shop.Post("/cart/add", url.Values{"variant_id": {itoa(ids["L/Navy"])}, "quantity": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("add by variant_id alone = %d", res.Status)
	}
	if n := shop.Get("/cart").Doc(t).Find(".cart-line").Length(); n != 2 {
		t.Errorf("%d cart lines after the refusals and L / Navy, want 2", n)
	}
}

// TestChineseProductPageShowsChineseAlt: an image's alt text reads in the
// page's language, the default where it has no translation.
func TestChineseProductPageShowsChineseAlt(t *testing.T) {
	shop := webtest.New(t)
	seedTee(t, shop)
	ctx := context.Background()
	p, err := shop.Store.ProductByHandle(ctx, "tee", true)
	if err != nil {
		t.Fatal(err)
	}
	white := p.Images[0]
	if err := shop.Store.SetProductImageAlt(ctx, store.Actor{}, p.ID, white.ID, store.Plain(white.Alt).With("zh", "白色T恤")); err != nil {
		t.Fatal(err)
	}
	zh := shop.Get("/zh-cn/products/tee").Doc(t)
	if alt := zh.Find(".gallery-main img").AttrOr("alt", ""); alt != "白色T恤" {
		t.Errorf("Chinese page's main image alt = %q", alt)
	}
	if zh.Find(`img[alt="A navy tee"]`).Length() == 0 {
		t.Error("an image without a translation should keep its default alt on the Chinese page")
	}
	if alt := shop.Get("/products/tee").Doc(t).Find(".gallery-main img").AttrOr("alt", ""); alt != "A white tee" {
		t.Errorf("English page's main image alt = %q", alt)
	}
}

// TestBrowserAddChosenOptionsWithoutJavaScript: with scripts off, a
// shopper clicks the M pill and then "Add to cart" without "Update", and
// finds M (not the S the page showed) in the cart.
func TestBrowserAddChosenOptionsWithoutJavaScript(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	ids := seedTee(t, shop)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/tee?variant="+itoa(ids["S/White"])),
		chromedp.WaitVisible(`input[name=option1][value="S"][checked]`),
		chromedp.Click(`input[name=option1][value="L"]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.WaitVisible(`#cart-link .cart-count`),
		chromedp.Navigate(shop.Server.URL+"/cart"),
		chromedp.WaitVisible(`.cart-line`),
	)
	if err != nil {
		t.Fatalf("adding without JavaScript: %v", err)
	}
	if line, err := chromedp.Run(ctx, chromedp.Text(`.cart-line-variant`)); err != nil || line != "L / White" {
		t.Errorf("cart line = %q, %v; want L / White", line, err)
	}
}
