package admin_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

func setupForm(token, email string) url.Values {
	return url.Values{"token": {token}, "store_name": {"Tea House"}, "currency": {"CNY"}, "locale": {"zh"},
		"name": {"Li"}, "email": {email}, "password": {"a long owner password"}}
}

// TestFirstRunSetup is the first visit to a fresh shop: the admin points to
// setup, setup needs the printed token, creates the owner and the store's
// profile, signs the owner in and then disappears.
func TestFirstRunSetup(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	for _, path := range []string{"/admin", "/admin/login", "/admin/audit"} {
		if res := shop.Get(path); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/setup" {
			t.Errorf("GET %s on a fresh shop = %d → %q", path, res.Status, res.Header.Get("Location"))
		}
	}
	token := shop.SetupToken
	for _, bad := range []string{"", "?token=guess"} {
		if res := shop.Get("/admin/setup" + bad); res.Status != http.StatusForbidden {
			t.Errorf("setup%s = %d, want 403", bad, res.Status)
		}
	}
	if res := shop.Post("/admin/setup", setupForm("guess", "li@example.com")); res.Status != http.StatusForbidden {
		t.Errorf("setup post with a wrong token = %d", res.Status)
	}
	form := shop.Get("/admin/setup?token=" + token)
	if form.Status != http.StatusOK || form.Doc(t).Find(`input[name=token]`).AttrOr("value", "") != token {
		t.Fatalf("setup form = %d\n%s", form.Status, form.Body)
	}

	bad := setupForm(token, "not an email")
	bad.Set("password", "short")
	res := shop.Post("/admin/setup", bad)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid setup = %d", res.Status)
	}
	doc := res.Doc(t)
	if doc.Find(".field-error").Length() != 2 || doc.Find(`input[name=store_name]`).AttrOr("value", "") != "Tea House" {
		t.Errorf("invalid setup form lost values or messages:\n%s", res.Body)
	}

	res = shop.Post("/admin/setup", setupForm(token, "li@example.com"))
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
		t.Fatalf("setup = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	if home := shop.Get("/admin"); home.Status != http.StatusOK {
		t.Errorf("owner is not signed in after setup: %d", home.Status)
	}
	settings, _ := shop.Store.Settings(t.Context())
	if settings.StoreName != "Tea House" || settings.Currency != "CNY" || settings.Locale != "zh" {
		t.Errorf("settings = %+v", settings)
	}
	owner, err := shop.Store.StaffByEmail(t.Context(), "li@example.com")
	if err != nil || owner.Role != store.RoleOwner {
		t.Fatalf("owner = %+v, %v", owner, err)
	}
	if page, _ := shop.Store.AuditLog(t.Context(), store.AuditFilter{Action: store.ActionSetup}); page.Total != 1 {
		t.Errorf("setup audit entries = %d", page.Total)
	}
	if res := shop.Get("/admin/setup?token=" + token); res.Status != http.StatusNotFound {
		t.Errorf("setup after setup = %d, want 404", res.Status)
	}
	if res := shop.Post("/admin/setup", setupForm(token, "late@example.com")); res.Status != http.StatusNotFound {
		t.Errorf("setup post after setup = %d, want 404", res.Status)
	}
}

func TestConcurrentSetupMakesOneOwner(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	const n = 4
	var wg sync.WaitGroup
	codes := make([]int, n)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := setupForm(shop.SetupToken, "owner"+string(rune('a'+i))+"@example.com")
			res, err := client.PostForm(shop.Server.URL+"/admin/setup", form)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			codes[i] = res.StatusCode
		}()
	}
	wg.Wait()
	if count, _ := shop.Store.StaffCount(t.Context()); count != 1 {
		t.Errorf("owners after %d concurrent setups = %d, want 1 (statuses %v)", n, count, codes)
	}
	won := 0
	for _, c := range codes {
		if c == http.StatusSeeOther {
			won++
		} else if c != http.StatusNotFound {
			t.Errorf("losing setup = %d, want 404", c)
		}
	}
	if won != 1 {
		t.Errorf("%d setups succeeded, want 1 (statuses %v)", won, codes)
	}
}

// TestRestart: staff sessions live in the database, so a redeploy signs
// nobody out and a revoked session stays revoked. The setup link is made
// by each start (and printed by it), so the one printed before a restart
// stops working and the new one works; once there is an owner, setup is
// gone whatever the token.
func TestRestart(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	before := shop.SetupToken
	shop.Restart()
	if shop.SetupToken == before {
		t.Fatal("a restart kept the setup token")
	}
	if res := shop.Get("/admin/setup?token=" + before); res.Status != http.StatusForbidden {
		t.Errorf("setup with the link printed before the restart = %d, want 403", res.Status)
	}
	if res := shop.Get("/admin/setup?token=" + shop.SetupToken); res.Status != http.StatusOK {
		t.Errorf("setup with the new link = %d, want 200", res.Status)
	}

	owner := shop.LoginAs(store.RoleOwner)
	elsewhere := shop.OtherBrowser()
	elsewhere.Login(owner.Email, webtest.Password)
	wantRedirect(t, shop.Post("/admin/account/sessions/revoke-others", nil), http.StatusSeeOther, "/admin/account/sessions")
	shop.Restart(elsewhere)
	if res := shop.Get("/admin"); res.Status != http.StatusOK {
		t.Errorf("signed in before the restart, after it = %d, want 200", res.Status)
	}
	wantRedirect(t, elsewhere.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := shop.Get("/admin/setup?token=" + shop.SetupToken); res.Status != http.StatusNotFound {
		t.Errorf("setup after a restart of a shop with an owner = %d, want 404", res.Status)
	}
}

// TestSetupRefusesASpacesOnlyPassword: the owner's password on the first
// run follows the same rule as every other staff password.
func TestSetupRefusesASpacesOnlyPassword(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	for _, n := range []int{10, 11} {
		form := setupForm(shop.SetupToken, "li@example.com")
		form.Set("password", strings.Repeat(" ", n))
		res := shop.Post("/admin/setup", form)
		doc := res.Doc(t)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".field-error").Text(), i18n.TL("en", "error.password_blank")) ||
			doc.Find(`input[name=email]`).AttrOr("value", "") != "li@example.com" {
			t.Fatalf("setup with %d spaces for a password = %d\n%s", n, res.Status, res.Body)
		}
	}
	if n, _ := shop.Store.StaffCount(t.Context()); n != 0 {
		t.Errorf("staff after refused setups = %d, want 0", n)
	}
}

// TestSetupStartsInThePagesLanguage: a merchant who reads setup in
// Chinese finds Chinese and the yuan already chosen (a shop set up in
// English by oversight would ask for English titles for good: the
// content language stays what setup made it); in English, English and
// the dollar.
func TestSetupStartsInThePagesLanguage(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	for _, tt := range []struct{ lang, locale, currency string }{{"zh-CN", "zh", "CNY"}, {"en", "en", "USD"}} {
		doc := shop.Get("/admin/setup?token="+shop.SetupToken, "Accept-Language", tt.lang).Doc(t)
		if got := doc.Find(`select[name=locale] option[selected]`).AttrOr("value", ""); got != tt.locale {
			t.Errorf("%s setup preselects the shop's language %q, want %q", tt.lang, got, tt.locale)
		}
		if got := doc.Find(`select[name=currency] option[selected]`).AttrOr("value", ""); got != tt.currency {
			t.Errorf("%s setup preselects the currency %q, want %q", tt.lang, got, tt.currency)
		}
	}
}
