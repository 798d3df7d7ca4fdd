package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"storefront/store"
)

// testPassword is every test staff member's password.
const testPassword = "test password 123"

// addStaff creates a staff member with role directly in the store.
func (s *testShop) addStaff(role string) *store.Staff {
	s.t.Helper()
	n, err := s.store.StaffCount(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	st, err := s.store.CreateStaff(context.Background(), store.Actor{}, store.StaffInput{
		Email: role + strconv.Itoa(n+1) + "@example.com", Name: "Test " + role, Password: testPassword, Role: role})
	if err != nil {
		s.t.Fatal(err)
	}
	return st
}

// loginAs creates a staff member with role and signs in as them through the
// real login form, on a fresh browser.
func (s *testShop) loginAs(role string) *store.Staff {
	s.t.Helper()
	st := s.addStaff(role)
	s.forgetCookies()
	s.login(st.Email, testPassword)
	return st
}

// login signs in through the form and fails the test unless it succeeds.
func (s *testShop) login(email, password string) {
	s.t.Helper()
	res := s.post("/admin/login", url.Values{"email": {email}, "password": {password}})
	if res.status != http.StatusSeeOther {
		s.t.Fatalf("login as %s = %d\n%s", email, res.status, res.body)
	}
}

// forgetCookies makes the client a new browser.
func (s *testShop) forgetCookies() {
	jar, _ := cookiejar.New(nil)
	s.client.Jar = jar
}

// sessionCookie is the browser's current session cookie value.
func (s *testShop) sessionCookie() string {
	u, _ := url.Parse(s.server.URL)
	for _, c := range s.client.Jar.Cookies(u) {
		if c.Name == s.app.sessions.Cookie.Name {
			return c.Value
		}
	}
	return ""
}

// samplePathValues fills the wildcards of admin route patterns so that
// the route tests can request them; seedFixture's first product is id 1.
// A route with a new wildcard needs an entry here.
var samplePathValues = map[string]string{
	// seedFixture's first product, collection and variant; seedOrder's order.
	"id": "1",
	// seedFixture's first product's image.
	"image": "1",
	// seedFixture's first product (in its collection, "summer", id 1).
	"product_id": "1",
	// No such invitation or session: a revoke must not sign the test's own
	// browser out halfway through the route walk.
	"invite":  "999",
	"session": "999",
}

// seedOrder places the shop's first order (id 1, whose confirmation is
// outbox email 1), so that the {id} routes of orders and emails have a row
// to show.
func (s *testShop) seedOrder() *store.Order {
	s.t.Helper()
	flat, _ := s.addShipping()
	return s.placeEmailOrder("en", store.PayBankTransfer, flat)
}

var wildcardRE = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// routeRequest turns an adminRoutes pattern into a method and a path.
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

// postAtOnce submits form to path from n new browsers at the same moment
// (a double submit, or a link or code used in two places) and checks that
// exactly one is answered 303 and every other one loser.
func (s *testShop) postAtOnce(t *testing.T, n int, path string, form url.Values, loser int) {
	t.Helper()
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, s.server.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := s.otherBrowser().client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	won := 0
	for _, st := range statuses {
		switch st {
		case http.StatusSeeOther:
			won++
		case loser:
		default:
			t.Errorf("POST %s answered %d, want 303 or %d", path, st, loser)
		}
	}
	if won != 1 {
		t.Errorf("%d of %d posts to %s succeeded (%v), want 1", won, n, path, statuses)
	}
}

// restart stops the shop and starts it again on the same database file, as
// a redeploy does: a new app (so a new setup token and a fresh login
// limiter) behind a new server. The browsers keep their cookies (a cookie
// jar ignores the port) and are pointed at the new server.
func (s *testShop) restart(browsers ...*testShop) {
	s.t.Helper()
	var path string
	if err := s.store.DB().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		s.t.Fatal(err)
	}
	s.server.Close()
	if err := s.store.Close(); err != nil {
		s.t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { st.Close() })
	st.Now = s.clock.Now
	a := newApp(config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)), 0)
	srv := httptest.NewServer(a.routes())
	s.t.Cleanup(srv.Close)
	for _, b := range append(browsers, s) {
		b.store, b.app, b.server = st, a, srv
	}
}
