package admin_test

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

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/webtest"
)

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
	shop := webtest.New(t)
	shop.LoginAs(store.RoleSupport)
	res := shop.Get("/admin/audit")
	if res.Status != http.StatusForbidden || !strings.Contains(res.Body, i18n.TL("en", "admin.forbidden.msg")) {
		t.Fatalf("support on /admin/audit = %d\n%s", res.Status, res.Body)
	}
	menu := shop.Get("/admin").Doc(t).Find(".admin-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	if slices.Contains(menu, "/admin/audit") || !slices.Contains(menu, "/admin") {
		t.Errorf("support's menu = %v", menu)
	}
	// Every role reaches its own two-factor and sessions from the menu;
	// the staff page's link to them is the owner's only.
	if !slices.Contains(menu, admin.SecurityURL) {
		t.Errorf("support's menu lacks their account: %v", menu)
	}
	shop.LoginAs(store.RoleOwner)
	menu = shop.Get("/admin").Doc(t).Find(".admin-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	if !slices.Contains(menu, "/admin/audit") {
		t.Errorf("owner's menu = %v", menu)
	}
	for _, key := range admin.NavItemKeys() {
		if !i18n.Has(key) {
			t.Errorf("menu item %s has no catalog entry", key)
		}
	}
}

// TestLoginLogoutStory signs in with a wrong and then the right password,
// checks the session token is renewed each time, and signs out.
func TestLoginLogoutStory(t *testing.T) {
	shop := webtest.New(t)
	st := shop.AddStaff(store.RoleManager)

	form := shop.Get("/admin/login")
	if form.Status != http.StatusOK || form.Doc(t).Find(`form[action="/admin/login"] input[name=password]`).Length() != 1 {
		t.Fatalf("login form = %d\n%s", form.Status, form.Body)
	}
	bad := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {"not the password"}})
	if bad.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password = %d", bad.Status)
	}
	doc := bad.Doc(t)
	if got := doc.Find(`input[name=email]`).AttrOr("value", ""); got != st.Email {
		t.Errorf("email kept in the form = %q", got)
	}
	if doc.Find(".notice-error").Length() != 1 {
		t.Error("wrong password shows no message")
	}

	res := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {webtest.Password}, "next": {"/admin/audit?x=1"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/audit?x=1" {
		t.Fatalf("login = %d → %q", res.Status, res.Header.Get("Location"))
	}
	first := shop.SessionCookie()
	if first == "" {
		t.Fatal("no session cookie after login")
	}
	if home := shop.Get("/admin"); home.Status != http.StatusOK || !strings.Contains(home.Body, st.Name) {
		t.Fatalf("admin home after login = %d", home.Status)
	}
	// Signing in again (another browser tab, say) gets a new token too.
	shop.Login(st.Email, webtest.Password)
	second := shop.SessionCookie()
	if second == first {
		t.Error("login did not renew the session token")
	}

	out := shop.Post("/admin/logout", nil)
	if out.Status != http.StatusSeeOther || out.Header.Get("Location") != "/admin/login" {
		t.Fatalf("logout = %d → %q", out.Status, out.Header.Get("Location"))
	}
	if shop.SessionCookie() == second {
		t.Error("logout did not renew the session token")
	}
	if res := shop.Get("/admin"); res.Status != http.StatusSeeOther {
		t.Errorf("admin after logout = %d, want 303", res.Status)
	}
	// The old cookie, replayed, opens nothing.
	req := mustRequest(t, http.MethodGet, shop.Server.URL+"/admin")
	req.AddCookie(&http.Cookie{Name: kit.Config{}.SessionCookie(), Value: second})
	shop.ForgetCookies()
	if res := shop.Do(req); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("old cookie after logout = %d → %q", res.Status, res.Header.Get("Location"))
	}
}

func TestLoginNextIsLocal(t *testing.T) {
	shop := webtest.New(t)
	st := shop.AddStaff(store.RoleOwner)
	res := shop.Get("/admin/audit?staff=1")
	if got, want := res.Header.Get("Location"), "/admin/login?next="+url.QueryEscape("/admin/audit?staff=1"); got != want {
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
		shop.ForgetCookies()
		res := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {webtest.Password}, "next": {next}})
		if got := res.Header.Get("Location"); got != want {
			t.Errorf("next %q → %q, want %q", next, got, want)
		}
	}
}

// TestLoginRateLimit: five wrong passwords from one address slow that
// address down: the sixth attempt, even with the right password, is
// refused with 429 until a short wait has passed, and then gets in. (It
// used to lock the account for everyone for 15 minutes; see
// login_throttle_test.go for why no longer.)
func TestLoginRateLimit(t *testing.T) {
	shop := webtest.New(t)
	st := shop.AddStaff(store.RoleOwner)
	for i := range store.LoginFreeTries {
		res := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {"guess " + strconv.Itoa(i) + " wrong"}})
		if res.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d, want 401", i+1, res.Status)
		}
	}
	res := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {webtest.Password}})
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("sixth attempt = %d, want 429", res.Status)
	}
	retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if err != nil || retry <= 0 || retry > 60 {
		t.Errorf("Retry-After = %q, want at most a minute", res.Header.Get("Retry-After"))
	}
	if !strings.Contains(res.Body, i18n.TL("en", "admin.login.locked_title")) {
		t.Errorf("429 page does not explain:\n%s", res.Body)
	}
	shop.Clock.Advance(time.Duration(retry) * time.Second)
	shop.Login(st.Email, webtest.Password)
}

func TestRevokedAndIdleSessionsGoBackToLogin(t *testing.T) {
	shop := webtest.New(t)
	st := shop.LoginAs(store.RoleOwner)
	ctx := t.Context()
	sessions, err := shop.Store.StaffSessions(ctx, st.ID)
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions = %v, %v", sessions, err)
	}
	if err := shop.Store.RevokeStaffSession(ctx, store.Actor{}, st.ID, sessions[0].ID); err != nil {
		t.Fatal(err)
	}
	if res := shop.Get("/admin"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("revoked session = %d → %q", res.Status, res.Header.Get("Location"))
	}

	shop.Login(st.Email, webtest.Password)
	shop.Clock.Advance(store.StaffIdleTimeout - time.Minute)
	if res := shop.Get("/admin"); res.Status != http.StatusOK {
		t.Fatalf("session before idle timeout = %d", res.Status)
	}
	shop.Clock.Advance(store.StaffIdleTimeout - time.Minute) // the last request touched it
	if res := shop.Get("/admin"); res.Status != http.StatusOK {
		t.Fatalf("touched session = %d", res.Status)
	}
	shop.Clock.Advance(store.StaffIdleTimeout + time.Minute)
	if res := shop.Get("/admin"); res.Status != http.StatusSeeOther {
		t.Errorf("idle session = %d, want 303", res.Status)
	}
}

func TestAuditLogShowsLogins(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	shop.Post("/admin/login", url.Values{"email": {owner.Email}, "password": {"wrong password"}})
	shop.Login(owner.Email, webtest.Password)

	res := shop.Get("/admin/audit")
	if res.Status != http.StatusOK {
		t.Fatalf("audit = %d", res.Status)
	}
	actions := res.Doc(t).Find("tr[data-action]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-action", "") })
	if !slices.Contains(actions, store.ActionLogin) || !slices.Contains(actions, store.ActionLoginFailed) {
		t.Errorf("audit actions = %v", actions)
	}
	filtered := shop.Get("/admin/audit?action=" + store.ActionLoginFailed + "&staff=&from=2000-01-01&to=2999-12-31")
	actions = filtered.Doc(t).Find("tr[data-action]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-action", "") })
	if len(actions) != 1 || actions[0] != store.ActionLoginFailed {
		t.Errorf("filtered actions = %v", actions)
	}
	if res := shop.Get("/admin/audit?from=1999-01-01&to=1999-12-31"); res.Doc(t).Find("tr[data-action]").Length() != 0 {
		t.Error("date filter let old-dated rows through")
	}
	for _, bad := range []string{"?staff=abc", "?from=yesterday", "?page=0"} {
		if res := shop.Get("/admin/audit" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("audit%s = %d, want 400", bad, res.Status)
		}
	}
}

func TestDashboardShowsLowStock(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	doc := shop.Get("/admin").Doc(t)
	skus := doc.Find(".low-stock tbody tr td:nth-child(3)").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
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
	shop := webtest.New(t)
	st := shop.AddStaff(store.RoleOwner)
	res := shop.Post("/admin/login", url.Values{"email": {st.Email}, "password": {webtest.Password}},
		"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if res.Status != http.StatusForbidden {
		t.Errorf("cross-site login = %d, want 403", res.Status)
	}
}

// TestAdminCSSUsesOnlyThemeTokens keeps admin.css on the classic theme's
// tokens, as app.css is kept on every theme's.
func TestAdminCSSUsesOnlyThemeTokens(t *testing.T) {
	css, err := os.ReadFile("../../assets/static/admin.css")
	if err != nil {
		t.Fatal(err)
	}
	theme, err := os.ReadFile("../../themes/classic.css")
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
