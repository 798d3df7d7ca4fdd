package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestPageCacheServesShoppersWithACart: two shoppers each with one item in
// their cart share the cached product page, each with their own count and
// never the other's session cookie; adding an item shows the new count at
// once, and so does a price change. A signed-in customer is always served
// afresh (their tier may have its own prices).
func TestPageCacheServesShoppersWithACart(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	ana, bo := shop, shop.OtherBrowser()
	for _, s := range []*webtest.Shop{ana, bo} {
		if res := s.AddToCart("dragon-well-tea", v.Tea, "1"); res.Status != http.StatusSeeOther {
			t.Fatalf("add to cart = %d", res.Status)
		}
	}
	count := func(s *webtest.Shop) (string, webtest.Response) {
		res := s.Get("/products/linen-shirt")
		return res.Doc(t).Find("[data-cart-count]").AttrOr("data-cart-count", ""), res
	}
	if n, _ := count(ana); n != "1" {
		t.Fatalf("Ana's count %q", n)
	}
	n, res := count(bo)
	if n != "1" || res.Header.Get("Server-Timing") == "" {
		t.Errorf("Bo's page: count %q, from the cache %v", n, res.Header.Get("Server-Timing") != "")
	}
	for _, c := range res.Header.Values("Set-Cookie") {
		if strings.Contains(c, ana.SessionCookie()) {
			t.Fatal("Bo was given Ana's session cookie")
		}
	}
	if res.Header.Get("Cache-Control") != "private" {
		t.Errorf("a cart holder's page is %q, want private", res.Header.Get("Cache-Control"))
	}

	ana.AddToCart("dragon-well-tea", v.Tea, "2")
	if n, _ := count(ana); n != "3" {
		t.Errorf("after adding two, Ana's count %q", n)
	}
	in := store.ProductInput{Handle: "linen-shirt", Title: "Linen Shirt", Status: store.StatusActive, OptionNames: []string{"Size"},
		Variants: []store.VariantInput{{SKU: "LS-S", Options: [3]string{"S"}, Price: 3900, Stock: 5}}}
	if _, _, err := shop.Store.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if _, res := count(bo); !strings.Contains(res.Body, "39.00") {
		t.Error("a price change did not show to a cart holder at once")
	}

	if _, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "cy@example.com",
		Password: "correct horse battery", Name: "Cy", Locale: "en"}); err != nil {
		t.Fatal(err)
	}
	cy := shop.OtherBrowser()
	if r := cy.Post("/account/login", url.Values{"email": {"cy@example.com"}, "password": {"correct horse battery"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("sign in = %d", r.Status)
	}
	cy.Get("/products/linen-shirt")
	if fromCache(t, cy, "/products/linen-shirt") {
		t.Error("a signed-in customer was served from the page cache")
	}
}

// fromCache reports whether the shop answers path from its page cache:
// a cached answer says how old it is.
func fromCache(t *testing.T, s *webtest.Shop, path string) bool {
	t.Helper()
	res := s.Get(path)
	return res.Header.Get("Server-Timing") != "" || res.Header.Get("Age") != ""
}

// TestPageCacheFewLeftRedrawsThatProduct: an order that leaves few of a
// shirt redraws the shirt's page (in both languages) with the new count at
// once, and leaves the tea's page cached.
func TestPageCacheFewLeftRedrawsThatProduct(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	v := shop.Variants()
	for _, p := range []string{"/products/linen-shirt", "/zh-cn/products/linen-shirt", "/products/dragon-well-tea"} {
		shop.Get(p)
		if res := shop.Get(p); res.Header.Get("Server-Timing") == "" {
			t.Fatalf("%s is not served from the cache", p)
		}
	}
	ctx := context.Background()
	cart, err := shop.Store.AddToCart(ctx, "", v.ShirtL, 6) // 10 → 4 left
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", AddressLine1: "Rua Augusta 1", City: "Lisboa",
			PostalCode: "1100-048", Country: "Portugal"},
		ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "en"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/products/linen-shirt", "/zh-cn/products/linen-shirt"} {
		if res := shop.Get(p); res.Header.Get("Server-Timing") != "" {
			t.Errorf("%s is still the cached page from before the order", p)
		}
	}
	res := shop.Get("/products/linen-shirt?variant=" + strconv.FormatInt(v.ShirtL, 10))
	if got := res.Doc(t).Find(".stock-low").Text(); !strings.Contains(got, "4") {
		t.Errorf("the shirt's page says %q, want 4 left", got)
	}
	if res := shop.Get("/products/dragon-well-tea"); res.Header.Get("Server-Timing") == "" {
		t.Error("the tea's page was redrawn though its stock did not change")
	}
}
