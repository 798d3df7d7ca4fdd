package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/shop"
)

// contract is the public contract's URLs (DESIGN.md, "Public contract"),
// written here because a clone of the project has no DESIGN.md beside
// it. Bookmarks, search engines, integrations and acceptance tests depend
// on them, so renaming one must fail a test. builtBy names the open issue
// that builds a URL the shop does not serve yet.
var contract = []struct {
	method, path string
	builtBy      string
}{
	// Shopper pages.
	{"GET", "/", ""},
	{"GET", "/collections/summer", ""},
	{"GET", "/products/linen-shirt", ""},
	{"GET", "/search?q=tea", ""},
	{"GET", "/cart", ""},
	{"GET", "/checkout", ""},
	{"GET", "/orders/K7QM-4XR2?key=k", ""},
	{"GET", "/sitemap.xml", ""},
	{"GET", "/robots.txt", ""},
	{"GET", "/healthz", ""},
	{"GET", "/account", ""},
	{"GET", "/account/orders", ""},
	{"GET", "/account/orders/K7QM-4XR2", ""},
	{"GET", "/account/points", ""},
	{"GET", "/account/register", ""},
	{"GET", "/account/login", ""},
	{"GET", "/orders/K7QM-4XR2/returns", ""},
	{"GET", "/orders/K7QM-4XR2/returns/1", ""},
	// Every shopper page in the shop's other language (langprefix.go).
	{"GET", "/zh-cn/", ""},
	{"GET", "/zh-cn/collections/summer", ""},
	{"GET", "/zh-cn/products/linen-shirt", ""},
	{"GET", "/zh-cn/search?q=tea", ""},
	{"GET", "/zh-cn/cart", ""},
	{"GET", "/en/products/linen-shirt", ""}, // when Chinese is the default

	// Shopper actions.
	{"POST", "/cart/add", ""},
	{"POST", "/cart/update", ""},
	{"POST", "/checkout", ""},
	{"POST", "/webhooks/stripe", ""},
	{"POST", "/cart/coupon", ""},
	{"POST", "/cart/coupon/remove", ""},
	{"POST", "/account/register", ""},
	{"POST", "/account/login", ""},
	{"POST", "/account/logout", ""},
	{"POST", "/orders/K7QM-4XR2/returns", ""},

	// Admin.
	{"GET", "/admin/login", ""},
	{"POST", "/admin/login", ""},
	{"GET", "/admin/products", ""},
	{"GET", "/admin/orders", ""},
	{"GET", "/admin/customers", ""},
	{"GET", "/admin/promotions", ""},
	{"GET", "/admin/returns", ""},
	{"GET", "/admin/settings", ""},
	{"GET", "/admin/staff", ""},
}

// TestContractURLsAreRouted checks every contract URL against the routes
// that routes.go registers: each one built must reach a route of its own
// (not the catch-all 404), and each one not built yet must not, so that the
// list above stays true when its issue lands.
func TestContractURLsAreRouted(t *testing.T) {
	d := &kit.Deps{}
	s := &server{Deps: d}
	static, pages := s.urls(shop.New(d, nil), admin.New(d, "", nil, nil, nil))
	for _, c := range contract {
		// langPrefix strips a language prefix before the routes see the
		// path (TestLanguagePrefixRoutes drives it over HTTP).
		path := c.path
		if _, rest, ok := i18n.SplitPath(path); ok {
			path = rest
		}
		req := httptest.NewRequest(c.method, path, nil)
		_, pattern := static.Handler(req)
		if pattern == "" {
			_, pattern = pages.Handler(req)
		}
		routed := pattern != "" && pattern != "GET /" // not the catch-all 404
		switch {
		case c.builtBy == "" && !routed:
			t.Errorf("%s %s: no route (pattern %q); the public contract says the shop answers it", c.method, c.path, pattern)
		case c.builtBy != "" && routed:
			t.Errorf("%s %s is routed (%q): %s has landed, so clear its builtBy here", c.method, c.path, pattern, c.builtBy)
		case routed && !strings.HasPrefix(pattern, c.method+" "):
			t.Errorf("%s %s is routed by %q, which does not name the method", c.method, c.path, pattern)
		}
	}
}

// TestStaticURLsSkipTheSession: the static files, the health check and
// Stripe's webhook are answered before the session middleware, so they
// never touch the session table.
func TestStaticURLsSkipTheSession(t *testing.T) {
	d := &kit.Deps{}
	s := &server{Deps: d}
	static, _ := s.urls(shop.New(d, nil), admin.New(d, "", nil, nil, nil))
	for _, path := range []string{"/healthz", "/robots.txt", "/brand.css", "/images/1/thumb"} {
		if _, pattern := static.Handler(httptest.NewRequest(http.MethodGet, path, nil)); pattern == "" {
			t.Errorf("GET %s is not a static route", path)
		}
	}
	if _, pattern := static.Handler(httptest.NewRequest(http.MethodPost, "/webhooks/stripe", nil)); pattern == "" {
		t.Error("POST /webhooks/stripe is not a static route")
	}
}
