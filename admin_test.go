package main

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
)

// TestEveryAdminRouteChecksAccess walks the admin route table: anonymous
// visitors are sent to sign in, a role without the route's permission gets
// 403, a role with it gets the page. New routes are covered by being in
// the table.
func TestEveryAdminRouteChecksAccess(t *testing.T) {
	shop := newTestShop(t)
	shop.seedFixture()
	shop.seedOrder()
	shop.addStaff(store.RoleOwner) // so that anonymous visitors go to login, not setup
	routes := shop.app.adminRoutes()
	if len(routes) == 0 {
		t.Fatal("no admin routes")
	}
	shop.forgetCookies()
	for _, rt := range routes {
		method, path := routeRequest(t, rt.pattern)
		res := shop.do(mustRequest(t, method, shop.server.URL+path))
		if loc := res.header.Get("Location"); res.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login") {
			t.Errorf("anonymous %s = %d → %q, want 303 to /admin/login", rt.pattern, res.status, loc)
		}
	}
	for _, role := range store.Roles {
		shop.loginAs(role)
		for _, rt := range routes {
			method, path := routeRequest(t, rt.pattern)
			res := shop.do(mustRequest(t, method, shop.server.URL+path))
			switch {
			case !can(role, rt.perm):
				if res.status != http.StatusForbidden {
					t.Errorf("%s %s = %d, want 403", role, rt.pattern, res.status)
				}
			case method == http.MethodGet:
				if res.status != http.StatusOK {
					t.Errorf("%s %s = %d, want 200", role, rt.pattern, res.status)
				}
			default:
				if loc := res.header.Get("Location"); res.status == http.StatusForbidden || strings.HasPrefix(loc, "/admin/login") {
					t.Errorf("%s %s = %d → %q, want it let through", role, rt.pattern, res.status, loc)
				}
			}
		}
	}
}

func mustRequest(t testing.TB, method, u string) *http.Request {
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

func TestForbiddenPageAndMenuFollowTheRole(t *testing.T) {
	shop := newTestShop(t)
	shop.loginAs(store.RoleSupport)
	res := shop.get("/admin/audit")
	if res.status != http.StatusForbidden || !strings.Contains(res.body, i18n.TL("en", "admin.forbidden.msg")) {
		t.Fatalf("support on /admin/audit = %d\n%s", res.status, res.body)
	}
	menu := shop.get("/admin").doc(t).Find(".admin-nav a").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("href", "") })
	if slices.Contains(menu, "/admin/audit") || !slices.Contains(menu, "/admin") {
		t.Errorf("support's menu = %v", menu)
	}
	// Every role reaches its own two-factor and sessions from the menu;
	// the staff page's link to them is the owner's only.
	if !slices.Contains(menu, securityURL) {
		t.Errorf("support's menu lacks their account: %v", menu)
	}
	shop.loginAs(store.RoleOwner)
	menu = shop.get("/admin").doc(t).Find(".admin-nav a").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("href", "") })
	if !slices.Contains(menu, "/admin/audit") {
		t.Errorf("owner's menu = %v", menu)
	}
	for _, item := range adminNavItems {
		if !i18n.Has(item.key) {
			t.Errorf("menu item %s has no catalog entry", item.key)
		}
	}
}

// TestLoginLogoutStory signs in with a wrong and then the right password,
// checks the session token is renewed each time, and signs out.
func TestLoginLogoutStory(t *testing.T) {
	shop := newTestShop(t)
	st := shop.addStaff(store.RoleManager)

	form := shop.get("/admin/login")
	if form.status != http.StatusOK || form.doc(t).Find(`form[action="/admin/login"] input[name=password]`).Length() != 1 {
		t.Fatalf("login form = %d\n%s", form.status, form.body)
	}
	bad := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {"not the password"}})
	if bad.status != http.StatusUnauthorized {
		t.Fatalf("wrong password = %d", bad.status)
	}
	doc := bad.doc(t)
	if got := doc.Find(`input[name=email]`).AttrOr("value", ""); got != st.Email {
		t.Errorf("email kept in the form = %q", got)
	}
	if doc.Find(".notice-error").Length() != 1 {
		t.Error("wrong password shows no message")
	}

	res := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {testPassword}, "next": {"/admin/audit?x=1"}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/admin/audit?x=1" {
		t.Fatalf("login = %d → %q", res.status, res.header.Get("Location"))
	}
	first := shop.sessionCookie()
	if first == "" {
		t.Fatal("no session cookie after login")
	}
	if home := shop.get("/admin"); home.status != http.StatusOK || !strings.Contains(home.body, st.Name) {
		t.Fatalf("admin home after login = %d", home.status)
	}
	// Signing in again (another browser tab, say) gets a new token too.
	shop.login(st.Email, testPassword)
	second := shop.sessionCookie()
	if second == first {
		t.Error("login did not renew the session token")
	}

	out := shop.post("/admin/logout", nil)
	if out.status != http.StatusSeeOther || out.header.Get("Location") != "/admin/login" {
		t.Fatalf("logout = %d → %q", out.status, out.header.Get("Location"))
	}
	if shop.sessionCookie() == second {
		t.Error("logout did not renew the session token")
	}
	if res := shop.get("/admin"); res.status != http.StatusSeeOther {
		t.Errorf("admin after logout = %d, want 303", res.status)
	}
	// The old cookie, replayed, opens nothing.
	req := mustRequest(t, http.MethodGet, shop.server.URL+"/admin")
	req.AddCookie(&http.Cookie{Name: shop.app.sessions.Cookie.Name, Value: second})
	shop.forgetCookies()
	if res := shop.do(req); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/admin/login") {
		t.Errorf("old cookie after logout = %d → %q", res.status, res.header.Get("Location"))
	}
}

func TestLoginNextIsLocal(t *testing.T) {
	shop := newTestShop(t)
	st := shop.addStaff(store.RoleOwner)
	res := shop.get("/admin/audit?staff=1")
	if got, want := res.header.Get("Location"), "/admin/login?next="+url.QueryEscape("/admin/audit?staff=1"); got != want {
		t.Errorf("anonymous redirect = %q, want %q", got, want)
	}
	for next, want := range map[string]string{
		"/admin/audit":           "/admin/audit",
		"//evil.example/admin":   "/admin",
		"https://evil.example/":  "/admin",
		"/\\evil.example":        "/admin",
		"/products/linen-shirt":  "/admin",
		"/admin/../account":      "/admin",
		"javascript:alert(1)":    "/admin",
		"/admin/audit?from=2024": "/admin/audit?from=2024",
	} {
		shop.forgetCookies()
		res := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {testPassword}, "next": {next}})
		if got := res.header.Get("Location"); got != want {
			t.Errorf("next %q → %q, want %q", next, got, want)
		}
	}
}

// TestLoginRateLimit: five wrong passwords lock the account; even the right
// password is refused with 429 until the window passes.
func TestLoginRateLimit(t *testing.T) {
	shop := newTestShop(t)
	st := shop.addStaff(store.RoleOwner)
	for i := range accountLimit {
		res := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {"guess " + strconv.Itoa(i) + " wrong"}})
		if res.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d, want 401", i+1, res.status)
		}
	}
	res := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {testPassword}})
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("sixth attempt = %d, want 429", res.status)
	}
	retry, err := strconv.Atoi(res.header.Get("Retry-After"))
	if err != nil || retry <= 0 || retry > int(loginWindow/time.Second) {
		t.Errorf("Retry-After = %q", res.header.Get("Retry-After"))
	}
	if !strings.Contains(res.body, i18n.TL("en", "admin.login.locked_title")) {
		t.Errorf("429 page does not explain:\n%s", res.body)
	}
	shop.clock.advance(loginWindow + time.Second)
	shop.login(st.Email, testPassword)
}

func TestRevokedAndIdleSessionsGoBackToLogin(t *testing.T) {
	shop := newTestShop(t)
	st := shop.loginAs(store.RoleOwner)
	ctx := t.Context()
	sessions, err := shop.store.StaffSessions(ctx, st.ID)
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions = %v, %v", sessions, err)
	}
	if err := shop.store.RevokeStaffSession(ctx, store.Actor{}, st.ID, sessions[0].ID); err != nil {
		t.Fatal(err)
	}
	if res := shop.get("/admin"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/admin/login") {
		t.Errorf("revoked session = %d → %q", res.status, res.header.Get("Location"))
	}

	shop.login(st.Email, testPassword)
	shop.clock.advance(store.StaffIdleTimeout - time.Minute)
	if res := shop.get("/admin"); res.status != http.StatusOK {
		t.Fatalf("session before idle timeout = %d", res.status)
	}
	shop.clock.advance(store.StaffIdleTimeout - time.Minute) // the last request touched it
	if res := shop.get("/admin"); res.status != http.StatusOK {
		t.Fatalf("touched session = %d", res.status)
	}
	shop.clock.advance(store.StaffIdleTimeout + time.Minute)
	if res := shop.get("/admin"); res.status != http.StatusSeeOther {
		t.Errorf("idle session = %d, want 303", res.status)
	}
}

func TestAuditLogShowsLogins(t *testing.T) {
	shop := newTestShop(t)
	owner := shop.addStaff(store.RoleOwner)
	shop.post("/admin/login", url.Values{"email": {owner.Email}, "password": {"wrong password"}})
	shop.login(owner.Email, testPassword)

	res := shop.get("/admin/audit")
	if res.status != http.StatusOK {
		t.Fatalf("audit = %d", res.status)
	}
	actions := res.doc(t).Find("tr[data-action]").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("data-action", "") })
	if !slices.Contains(actions, store.ActionLogin) || !slices.Contains(actions, store.ActionLoginFailed) {
		t.Errorf("audit actions = %v", actions)
	}
	filtered := shop.get("/admin/audit?action=" + store.ActionLoginFailed + "&staff=&from=2000-01-01&to=2999-12-31")
	actions = filtered.doc(t).Find("tr[data-action]").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("data-action", "") })
	if len(actions) != 1 || actions[0] != store.ActionLoginFailed {
		t.Errorf("filtered actions = %v", actions)
	}
	if res := shop.get("/admin/audit?from=1999-01-01&to=1999-12-31"); res.doc(t).Find("tr[data-action]").Length() != 0 {
		t.Error("date filter let old-dated rows through")
	}
	for _, bad := range []string{"?staff=abc", "?from=yesterday", "?page=0"} {
		if res := shop.get("/admin/audit" + bad); res.status != http.StatusBadRequest {
			t.Errorf("audit%s = %d, want 400", bad, res.status)
		}
	}
}

func TestDashboardShowsLowStock(t *testing.T) {
	shop := newTestShop(t)
	shop.seedFixture()
	shop.loginAs(store.RoleSupport)
	doc := shop.get("/admin").doc(t)
	skus := doc.Find(".low-stock tbody tr td:nth-child(3)").Map(func(_ int, s *goquerySelection) string { return s.Text() })
	// LS-S (0) and LS-M (3) and the draft's SEC-1 (1) are low; LS-L (10) and TEA-1 (20) are not.
	if strings.Join(skus, ",") != "LS-S,SEC-1,LS-M" {
		t.Errorf("low stock = %v", skus)
	}
	if got := doc.Find(`[data-count=active]`).Text(); got != "2" {
		t.Errorf("active count = %q", got)
	}
	if got := doc.Find(`[data-count=draft]`).Text(); got != "1" {
		t.Errorf("draft count = %q", got)
	}
}

func TestCrossSiteLoginIsRefused(t *testing.T) {
	shop := newTestShop(t)
	st := shop.addStaff(store.RoleOwner)
	res := shop.post("/admin/login", url.Values{"email": {st.Email}, "password": {testPassword}},
		"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if res.status != http.StatusForbidden {
		t.Errorf("cross-site login = %d, want 403", res.status)
	}
}

func TestLocalAdminPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "/admin",
		"/admin":               "/admin",
		"/admin/orders?x=1":    "/admin/orders?x=1",
		"/administrator":       "/admin",
		"//admin":              "/admin",
		"http://x/admin":       "/admin",
		"/admin\r\nSet-Cookie": "/admin",
	} {
		if got := localAdminPath(in); got != want {
			t.Errorf("localAdminPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAdminCSSUsesOnlyThemeTokens keeps admin.css on the classic theme's
// tokens, as app.css is kept on every theme's.
func TestAdminCSSUsesOnlyThemeTokens(t *testing.T) {
	css, err := os.ReadFile("assets/static/admin.css")
	if err != nil {
		t.Fatal(err)
	}
	theme, err := os.ReadFile("themes/classic.css")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(--[\w-]+)\s*:`).FindAllStringSubmatch(string(theme), -1) {
		defined[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`var\(\s*(--[\w-]+)`).FindAllStringSubmatch(string(css), -1) {
		if !defined[m[1]] {
			t.Errorf("admin.css uses %s, which the classic theme does not define", m[1])
		}
	}
	for _, bad := range []string{"@import", "http:", "https:", "@font-face"} {
		if strings.Contains(string(css), bad) {
			t.Errorf("admin.css contains %q", bad)
		}
	}
}
