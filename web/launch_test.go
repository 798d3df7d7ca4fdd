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

// TestHostCannotPoisonTheCache: without --base-url, a page asked for with
// a made-up Host must carry none of it (canonical, Open Graph, JSON-LD,
// the sitemap), and a visitor who asks properly next gets the shop's own
// URLs, never the attacker's. Before the fix the absolute URLs came from
// the Host, and the first answer was cached for everyone.
func TestHostCannotPoisonTheCache(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, path := range []string{"/products/linen-shirt", "/sitemap.xml", "/"} {
		req, err := http.NewRequest(http.MethodGet, shop.Server.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "evil.example"
		attacked := shop.OtherBrowser().Do(req)
		if attacked.Status != http.StatusOK || strings.Contains(attacked.Body, "evil.example") {
			t.Errorf("GET %s with Host evil.example = %d, and the page names the host:\n%.400s", path, attacked.Status, attacked.Body)
		}
		next := shop.OtherBrowser().Get(path)
		if strings.Contains(next.Body, "evil.example") || !strings.Contains(next.Body, shop.Server.URL) {
			t.Errorf("GET %s after the attack has evil.example or lacks the shop's own %s:\n%.400s", path, shop.Server.URL, next.Body)
		}
	}
	// Once the owner confirms the public address, it is the one used.
	if err := shop.Store.SetSetting(context.Background(), store.SettingPublicURL, "https://tea.example"); err != nil {
		t.Fatal(err)
	}
	doc := shop.OtherBrowser().Get("/products/linen-shirt").Doc(t)
	if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != "https://tea.example/products/linen-shirt" {
		t.Errorf("canonical with a stored public address = %q", got)
	}
}

// TestOpeningSoon: before the owner finishes setup shoppers get a simple
// page (503, Retry-After) while the admin, /healthz, assets and the
// webhook stay reachable; after setup the shop is open.
func TestOpeningSoon(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	shop.SeedFixture()
	for _, path := range []string{"/", "/products/linen-shirt", "/cart", "/checkout", "/sitemap.xml"} {
		res := shop.Get(path)
		if res.Status != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
			!strings.Contains(res.Body, "Opening soon") {
			t.Errorf("GET %s before setup = %d (Retry-After %q)", path, res.Status, res.Header.Get("Retry-After"))
		}
	}
	if zh := shop.Get("/", "Accept-Language", "zh-CN"); !strings.Contains(zh.Body, "即将开业") {
		t.Errorf("Chinese opening-soon page:\n%.300s", zh.Body)
	}
	for path, want := range map[string]int{"/healthz": 200, "/robots.txt": 200, "/admin": 303,
		"/admin/setup?token=" + shop.SetupToken: 200} {
		if res := shop.Get(path); res.Status != want {
			t.Errorf("GET %s before setup = %d, want %d", path, res.Status, want)
		}
	}
	if res := shop.Post("/webhooks/stripe", url.Values{}); res.Status == http.StatusServiceUnavailable {
		t.Errorf("the webhook is behind the opening-soon page")
	}
	shop.AddStaff(store.RoleOwner)
	if res := shop.Get("/products/linen-shirt"); res.Status != http.StatusOK {
		t.Errorf("product after setup = %d", res.Status)
	}
}

// TestShopPassword: the owner closes a finished shop behind a password;
// visitors get the form, a wrong password is refused, the right one lets
// that browser in, staff always see the shop, and one switch opens it.
func TestShopPassword(t *testing.T) {
	owner := webtest.New(t)
	owner.SeedFixture()
	owner.LoginAs(store.RoleOwner)
	settings, _ := owner.Store.Settings(context.Background())
	version := func() string {
		st, _ := owner.Store.Settings(context.Background())
		return strconv.FormatInt(st.Version(store.SectionLaunch), 10)
	}
	res := owner.Post("/admin/settings/launch", url.Values{"version": {version()}, "shop_closed": {"1"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "shop-password") {
		t.Fatalf("closing without a password = %d", res.Status)
	}
	res = owner.Post("/admin/settings/launch", url.Values{"version": {version()}, "shop_closed": {"1"},
		"shop_password": {"first look"}, "public_url": {settings.PublicURL}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("closing the shop = %d\n%s", res.Status, res.Body)
	}
	if res := owner.Get("/products/linen-shirt"); res.Status != http.StatusOK {
		t.Errorf("signed-in owner sees the closed shop: %d", res.Status)
	}

	visitor := owner.OtherBrowser()
	gate := visitor.Get("/products/linen-shirt")
	if gate.Status != http.StatusServiceUnavailable || gate.Doc(t).Find(`form[action="/password"] input[name=password]`).Length() != 1 {
		t.Fatalf("visitor of a closed shop = %d\n%.400s", gate.Status, gate.Body)
	}
	if wrong := visitor.Post("/password", url.Values{"password": {"guess"}}); wrong.Status != http.StatusUnprocessableEntity ||
		wrong.Doc(t).Find("#shop-password-error").Length() != 1 {
		t.Errorf("wrong password = %d", wrong.Status)
	}
	if ok := visitor.Post("/password", url.Values{"password": {"first look"}}); ok.Status != http.StatusSeeOther {
		t.Fatalf("right password = %d", ok.Status)
	}
	if in := visitor.Get("/products/linen-shirt"); in.Status != http.StatusOK {
		t.Errorf("visitor with the password = %d", in.Status)
	}
	if other := owner.OtherBrowser().Get("/"); other.Status != http.StatusServiceUnavailable {
		t.Errorf("another browser got in without the password: %d", other.Status)
	}

	res = owner.Post("/admin/settings/launch", url.Values{"version": {version()}, "public_url": {settings.PublicURL}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("opening the shop = %d", res.Status)
	}
	if open := owner.OtherBrowser().Get("/products/linen-shirt"); open.Status != http.StatusOK {
		t.Errorf("anyone after opening = %d", open.Status)
	}
}

// TestShopPasswordGuessesAreSlowed: the launch password is throttled like a
// sign-in, so a closed shop's short password cannot be guessed at speed;
// the right password from another address still gets in.
func TestShopPasswordGuessesAreSlowed(t *testing.T) {
	owner := webtest.New(t)
	owner.LoginAs(store.RoleOwner)
	st, _ := owner.Store.Settings(context.Background())
	res := owner.Post("/admin/settings/launch", url.Values{"version": {strconv.FormatInt(st.Version(store.SectionLaunch), 10)},
		"shop_closed": {"1"}, "shop_password": {"first look"}, "public_url": {st.PublicURL}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("closing the shop = %d", res.Status)
	}
	guesser := owner.OtherBrowser()
	statuses := map[int]int{}
	for range 8 {
		statuses[guesser.Post("/password", url.Values{"password": {"guess"}}).Status]++
	}
	if statuses[http.StatusUnprocessableEntity] == 0 || statuses[http.StatusTooManyRequests] == 0 {
		t.Fatalf("eight wrong guesses answered %v, want refusals and then 429", statuses)
	}
	if late := guesser.Post("/password", url.Values{"password": {"first look"}}); late.Status != http.StatusTooManyRequests ||
		late.Header.Get("Retry-After") == "" {
		t.Errorf("the guesser's next try = %d (Retry-After %q), want 429 until the wait is over", late.Status, late.Header.Get("Retry-After"))
	}
	if ok := owner.OtherBrowser().From("127.0.0.2").Post("/password", url.Values{"password": {"first look"}}); ok.Status != http.StatusSeeOther {
		t.Errorf("the right password from another address = %d", ok.Status)
	}
}
