package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// TestPageCacheServesShoppersWithACart: two shoppers each with one item in
// their cart share the cached product page, each with their own count and
// never the other's session cookie; adding an item shows the new count at
// once, and so does a price change. A signed-in customer is always served
// afresh (their tier may have its own prices), their cart page too.
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
	cy.AddToCart("dragon-well-tea", v.Tea, "1")
	for _, p := range []string{"/products/linen-shirt", "/cart"} {
		cy.Get(p) // the cart's first view shows the add's notice
		cy.Get(p)
		if fromCache(t, cy, p) {
			t.Errorf("a signed-in customer was served %s from the page cache", p)
		}
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
	shop.Buy(v.ShirtL, 6, flat) // 10 → 4 left
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

// TestPageCacheKeepsTheCartPageUntilItChanges: a shopper's cart page is
// served from the cache until something it shows changes, each change
// showing at once: the cart's own lines, a price (whose flag shows once),
// an order elsewhere that leaves fewer than a line wants, a coupon (never
// kept: its checks read the clock) and a notice to show once. Another
// shopper with as many items never gets it.
func TestPageCacheKeepsTheCartPageUntilItChanges(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	v := shop.Variants()
	ctx := context.Background()
	ana, bo := shop, shop.OtherBrowser()
	ana.AddToCart("linen-shirt", v.ShirtL, "8")
	bo.AddToCart("dragon-well-tea", v.Tea, "8")
	cached := func(s *webtest.Shop, want bool, why string) webtest.Response {
		t.Helper()
		res := s.Get("/cart")
		if got := res.Header.Get("Server-Timing") != ""; got != want || res.Status != http.StatusOK {
			t.Fatalf("%s: cart page %d, from the cache %v, want %v", why, res.Status, got, want)
		}
		return res
	}
	if res := cached(ana, false, "the notice of the add"); !strings.Contains(res.Body, "Linen Shirt") {
		t.Fatal("Ana's cart does not show her shirt")
	}
	cached(ana, false, "the first view without a notice")
	cached(ana, true, "the second view")
	// Each language keeps its own page.
	for i, want := range []bool{false, true} {
		res := ana.Get("/zh-cn/cart")
		if got := res.Header.Get("Server-Timing") != ""; got != want || !strings.Contains(res.Body, "购物车") {
			t.Fatalf("Chinese view %d: from the cache %v, want %v; in Chinese %v", i+1, got, want, strings.Contains(res.Body, "购物车"))
		}
	}
	if res := cached(ana, true, "English after Chinese"); !strings.Contains(res.Body, "Your cart") {
		t.Fatal("the English cart page is not in English")
	}
	if res := cached(bo, false, "Bo's first view"); strings.Contains(res.Body, "Linen Shirt") {
		t.Fatal("Bo was given Ana's cart page")
	}

	line := ana.Get("/cart").Doc(t).Find("input[name=line_id]").First().AttrOr("value", "")
	ana.Post("/cart/update", url.Values{"line_id": {line}, "quantity": {"7"}})
	cached(ana, false, "the notice of the update")
	if res := cached(ana, false, "the first view after the update"); res.Doc(t).Find("input[name=quantity]").First().AttrOr("value", "") != "7" {
		t.Error("the update does not show")
	}
	cached(ana, true, "an unchanged cart")

	in := store.ProductInput{Handle: "linen-shirt", Title: "Linen Shirt", Status: store.StatusActive, OptionNames: []string{"Size"},
		Variants: []store.VariantInput{{SKU: "LS-L", Options: [3]string{"L"}, Price: 5500, Stock: 10}}}
	if _, _, err := shop.Store.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	if res := cached(ana, false, "a price change"); res.Doc(t).Find(".cart-flag-price").Length() != 1 {
		t.Error("the new price is not flagged")
	}
	if res := cached(ana, false, "the view after the flag"); res.Doc(t).Find(".cart-flag-price").Length() != 0 {
		t.Error("the price flag shows twice")
	}
	cached(ana, true, "the flag shown")

	// 10 → 6 left: more than product pages count down (store.FewLeft), fewer
	// than Ana's 7.
	shop.Buy(v.ShirtL, 4, flat)
	if res := cached(ana, false, "an order of the shirt"); !strings.Contains(res.Doc(t).Find(".cart-flag-problem").Text(), "6") {
		t.Error("the cart does not say that 6 are left")
	}
	cached(ana, true, "the stock shown")

	shop.AddPromotion(webtest.Promotion{Name: "Ten off", Code: "TEN", Type: "percent", Value: 1000})
	ana.Post("/cart/coupon", url.Values{"code": {"TEN"}})
	cached(ana, false, "the coupon's notice")
	cached(ana, false, "a cart with a coupon")
	cached(ana, false, "a cart with a coupon, again")
	ana.Post("/cart/coupon/remove", nil)
	cached(ana, false, "the coupon's removal")
	cached(ana, false, "the first view without the coupon")
	cached(ana, true, "the cart without the coupon")
}

// TestPageCacheCartPageRaces: views of a cart racing changes to it never
// leave a kept page behind the cart. Each round moves units between two
// lines, so the count ends where it was and only the serial tells the
// pages apart; a view that read the cart before a change may finish after
// it, and the next view must still show the change.
func TestPageCacheCartPageRaces(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddToCart("dragon-well-tea", v.Tea, "1")
	shop.AddToCart("linen-shirt", v.ShirtL, "1")
	quantities := func() []string {
		var q []string
		shop.Get("/cart").Doc(t).Find("form.cart-line-qty input[name=quantity]").Each(func(_ int, in *goquery.Selection) {
			q = append(q, in.AttrOr("value", ""))
		})
		return q
	}
	var lines []string
	shop.Get("/cart").Doc(t).Find("form.cart-line-qty input[name=line_id]").Each(func(_ int, in *goquery.Selection) {
		lines = append(lines, in.AttrOr("value", ""))
	})
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	send := func(req *http.Request) {
		res, err := shop.Client.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s %s = %d", req.Method, req.URL.Path, res.StatusCode)
		}
	}
	update := func(line, qty string) {
		form := url.Values{"line_id": {line}, "quantity": {qty}}
		req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/cart/update", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		send(req)
	}
	for i := range 40 {
		first := i%5 + 1
		want := []string{strconv.Itoa(first), strconv.Itoa(6 - first)}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				req, _ := http.NewRequest(http.MethodGet, shop.Server.URL+"/cart", nil)
				send(req)
			})
		}
		wg.Go(func() {
			update(lines[0], want[0])
			update(lines[1], want[1])
		})
		wg.Wait()
		if got := quantities(); !slices.Equal(got, want) {
			t.Fatalf("round %d: the cart page shows %v, the cart holds %v", i, got, want)
		}
	}
}
