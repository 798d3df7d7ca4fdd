package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web"
	"storefront/web/admin"
	"storefront/web/webtest"
)

// TestEveryAdminRouteChecksAccess walks the admin route table: anonymous
// visitors are sent to sign in, a role without the route's permission gets
// 403, a role with it gets the page. New routes are covered by being in
// the table.
func TestEveryAdminRouteChecksAccess(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.SeedOrder()
	// Promotion 1, for the promotion pages.
	shop.AddPromotion(webtest.Promotion{Name: "Sample", Code: "SAMPLE", Type: "percent", Value: 1000})
	// Customer 1, for the customer pages.
	if _, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "walk@example.com",
		Password: "correct horse battery", Name: "Walk", Locale: "en"}); err != nil {
		t.Fatal(err)
	}
	// Return 1 of order 1, for the return pages.
	if _, err := shop.Store.DB().Exec(`INSERT INTO returns (order_id, status, resolution, reason, created_at, updated_at)
		VALUES (1, 'requested', 'refund', 'too_small', 0, 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.DB().Exec(`INSERT INTO return_photos (return_id, position, etag, data, thumb)
		VALUES (1, 1, 'e', x'FFD8FF', x'FFD8FF')`); err != nil {
		t.Fatal(err)
	}
	shop.AddStaff(store.RoleOwner) // so that anonymous visitors go to login, not setup
	// A backup for the download route to fetch: its name is the time it
	// was taken, so it cannot be a fixed sample value.
	backup, err := shop.Store.TakeBackup(context.Background(), store.Actor{}, true)
	if err != nil {
		t.Fatal(err)
	}
	samplePathValues["backup"] = backup.Name
	t.Cleanup(func() { delete(samplePathValues, "backup") })
	routes := web.AdminRoutes(nil)
	if len(routes) == 0 {
		t.Fatal("no admin routes")
	}
	shop.ForgetCookies()
	for _, rt := range routes {
		method, path := routeRequest(t, rt.Pattern)
		res := shop.Do(newRequest(t, method, shop.Server.URL+path))
		if loc := res.Header.Get("Location"); res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login") {
			t.Errorf("anonymous %s = %d → %q, want 303 to /admin/login", rt.Pattern, res.Status, loc)
		}
	}
	for _, role := range store.Roles {
		shop.LoginAs(role)
		for _, rt := range routes {
			method, path := routeRequest(t, rt.Pattern)
			res := shop.Do(newRequest(t, method, shop.Server.URL+path))
			switch {
			case !admin.Can(role, rt.Perm):
				if res.Status != http.StatusForbidden {
					t.Errorf("%s %s = %d, want 403", role, rt.Pattern, res.Status)
				}
			case method == http.MethodGet:
				if res.Status != http.StatusOK {
					t.Errorf("%s %s = %d, want 200", role, rt.Pattern, res.Status)
				}
			default:
				if loc := res.Header.Get("Location"); res.Status == http.StatusForbidden || strings.HasPrefix(loc, "/admin/login") {
					t.Errorf("%s %s = %d → %q, want it let through", role, rt.Pattern, res.Status, loc)
				}
			}
		}
	}
}

// newRequest is a request without a body; a POST is form-encoded, as a
// browser sends it.
func newRequest(t testing.TB, method, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// routeRequest turns an AdminRoutes pattern into a method and a path.
func routeRequest(t testing.TB, pattern string) (method, path string) {
	t.Helper()
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		t.Fatalf("admin route %q has no method", pattern)
	}
	path = strings.ReplaceAll(path, "{$}", "")
	path = wildcardRE.ReplaceAllStringFunc(path, func(w string) string {
		name := wildcardRE.FindStringSubmatch(w)[1]
		v, ok := samplePathValues[name]
		if !ok {
			t.Fatalf("admin route %q: add a sample value for {%s} to samplePathValues", pattern, name)
		}
		return v
	})
	return method, path
}

// samplePathValues fills the wildcards of admin route patterns so that
// the route tests can request them; SeedFixture's first product is id 1.
// A route with a new wildcard needs an entry here.
var samplePathValues = map[string]string{
	// SeedFixture's first product, collection and variant; SeedOrder's
	// order; the promotion the walk adds.
	"id": "1",
	// SeedFixture's first product's image.
	"image": "1",
	// A return's step: the first role to walk approves return 1, the
	// others find it moved on (409).
	"step": "approve",
	// A return's photo.
	"n": "1",
	// SeedFixture's first product (in its collection, "summer", id 1).
	"product_id": "1",
	// No such invitation or session: a revoke must not sign the test's own
	// browser out halfway through the route walk.
	"invite":  "999",
	"session": "999",
	// An information page.
	"slug": "about",
	// "backup" is set by TestEveryAdminRouteChecksAccess, which takes one.
}

var wildcardRE = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)
