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

// hostile are return addresses that a browser would follow off the site:
// it drops a tab or a line break inside a URL and reads a backslash as a
// slash, so each of these means //evil.example to it.
var hostile = []string{
	"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example",
	"https://evil.example", "/admin/\t/evil.example", "/products/\t/evil.example",
}

// TestNoReturnAddressLeavesTheSite sends each hostile address through every
// parameter that becomes a redirect or a link: the language switcher's
// next, the admin login's next (signed in, and in the form), the product
// table's return field and the cart's back link (the Referer).
func TestNoReturnAddressLeavesTheSite(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	staff := shop.OtherBrowser()
	staff.LoginAs(store.RoleOwner)
	anon := shop.OtherBrowser()
	tea := strconv.FormatInt(shop.Variants().Tea, 10)
	draft, err := shop.Store.ProductByHandle(context.Background(), "secret-draft", true)
	if err != nil {
		t.Fatal(err)
	}
	draftID := strconv.FormatInt(draft.ID, 10)
	for _, next := range hostile {
		if got := shop.Get("/lang/en?next=" + url.QueryEscape(next)).Header.Get("Location"); got != "/" {
			t.Errorf("/lang/en next=%q went to %q, want /", next, got)
		}
		if got := shop.Get("/lang/zh?next=" + url.QueryEscape(next)).Header.Get("Location"); got != "/zh-cn/" {
			t.Errorf("/lang/zh next=%q went to %q, want /zh-cn/", next, got)
		}
		if got := staff.Get("/admin/login?next=" + url.QueryEscape(next)).Header.Get("Location"); got != "/admin" {
			t.Errorf("signed-in /admin/login next=%q went to %q, want /admin", next, got)
		}
		form := anon.Get("/admin/login?next=" + url.QueryEscape(next)).Doc(t).Find(`input[name=next]`)
		if v := form.AttrOr("value", ""); v != "" {
			t.Errorf("login form next=%q keeps %q", next, v)
		}
		res := staff.Post("/admin/products/bulk", url.Values{"action": {store.StatusDraft}, "product_id": {draftID}, "return": {next}})
		if got := res.Header.Get("Location"); got != "/admin/products" {
			t.Errorf("bulk return=%q went to %q, want /admin/products", next, got)
		}
		if strings.ContainsAny(next, "\r\n") {
			continue // no client can send that in a header
		}
		res = shop.Post("/cart/add", url.Values{"variant_id": {tea}, "quantity": {"0"}}, "Referer", shop.Server.URL+next)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("refused add = %d", res.Status)
		}
		if a := res.Doc(t).Find(".notice-error a"); a.Length() != 0 {
			t.Errorf("Referer %q gave a back link to %q", next, a.AttrOr("href", ""))
		}
	}
	// Signing in with a hostile next lands on the admin.
	owner := shop.AddStaff(store.RoleOwner)
	for _, next := range hostile {
		anon.ForgetCookies()
		res := anon.Post("/admin/login", url.Values{"email": {owner.Email}, "password": {webtest.Password}, "next": {next}})
		if got := res.Header.Get("Location"); res.Status != http.StatusSeeOther || got != "/admin" {
			t.Errorf("login next=%q = %d to %q, want 303 to /admin", next, res.Status, got)
		}
	}
	// A same-site address still works everywhere.
	if got := shop.Get("/lang/zh?next=" + url.QueryEscape("/products/linen-shirt?x=1")).Header.Get("Location"); got != "/zh-cn/products/linen-shirt?x=1" {
		t.Errorf("/lang to a product went to %q", got)
	}
	if got := staff.Get("/admin/login?next=%2Fadmin%2Forders").Header.Get("Location"); got != "/admin/orders" {
		t.Errorf("signed-in login to orders went to %q", got)
	}
}

// TestSessionedPagesArePrivate: a page rendered for a visitor with a
// session (their cart, their name, the staff menu) tells shared caches not
// to keep it; the pages the page cache serves to visitors without one do
// not carry that, and pages that must not be kept at all still say so.
func TestSessionedPagesArePrivate(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	anon := shop.OtherBrowser()
	for i := range 2 { // rendered, then from the page cache
		for _, path := range []string{"/", "/products/linen-shirt", "/collections/summer"} {
			if res := anon.Get(path); res.Status != http.StatusOK || strings.Contains(res.Header.Get("Cache-Control"), "private") {
				t.Errorf("anonymous %s (%d) = %d %q, want no private", path, i, res.Status, res.Header.Get("Cache-Control"))
			}
		}
	}
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	for path, want := range map[string]string{
		"/": "private", "/products/linen-shirt": "private", "/collections/summer": "private", "/search?q=tea": "private",
		"/no-such-page": "no-store", "/cart": "no-store", "/checkout": "no-store",
	} {
		if got := shop.Get(path).Header.Get("Cache-Control"); got != want {
			t.Errorf("with a session %s: Cache-Control %q, want %q", path, got, want)
		}
	}
	// The anonymous copy in the page cache is still clean afterwards.
	if got := anon.Get("/products/linen-shirt").Header.Get("Cache-Control"); got != "" {
		t.Errorf("anonymous product page after a sessioned one: Cache-Control %q", got)
	}
}

// TestUnknownMethodIs405: another method on a known path is answered 405
// with the methods it does take; unknown paths are still the 404 page,
// for HEAD too.
func TestUnknownMethodIs405(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, c := range []struct{ method, path, allow string }{
		{http.MethodDelete, "/cart", "GET, HEAD"},
		{http.MethodPut, "/checkout", "GET, HEAD, POST"},
		{http.MethodPost, "/products/linen-shirt", "GET, HEAD"},
		{http.MethodPatch, "/admin/products", "GET, HEAD"},
		{http.MethodPost, "/healthz", "GET, HEAD"},
	} {
		req, _ := http.NewRequest(c.method, shop.Server.URL+c.path, nil)
		res := shop.Do(req)
		if res.Status != http.StatusMethodNotAllowed || res.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s = %d Allow %q, want 405 Allow %q", c.method, c.path, res.Status, res.Header.Get("Allow"), c.allow)
		}
	}
	if res := shop.Get("/no-such-page"); res.Status != http.StatusNotFound || !strings.Contains(res.Body, "<html") {
		t.Errorf("unknown page = %d, want the 404 page", res.Status)
	}
	req, _ := http.NewRequest(http.MethodHead, shop.Server.URL+"/no-such-page", nil)
	if res := shop.Do(req); res.Status != http.StatusNotFound {
		t.Errorf("HEAD of an unknown page = %d, want 404", res.Status)
	}
	req, _ = http.NewRequest(http.MethodHead, shop.Server.URL+"/products/linen-shirt", nil)
	if res := shop.Do(req); res.Status != http.StatusOK {
		t.Errorf("HEAD of a product = %d, want 200", res.Status)
	}
}
