package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"storefront/store"
)

func setupForm(token, email string) url.Values {
	return url.Values{"token": {token}, "store_name": {"Tea House"}, "currency": {"CNY"}, "locale": {"zh"},
		"name": {"Li"}, "email": {email}, "password": {"a long owner password"}}
}

// TestFirstRunSetup is the first visit to a fresh shop: the admin points to
// setup, setup needs the printed token, creates the owner and the store's
// profile, signs the owner in and then disappears.
func TestFirstRunSetup(t *testing.T) {
	shop := newTestShop(t)
	for _, path := range []string{"/admin", "/admin/login", "/admin/audit"} {
		if res := shop.get(path); res.status != http.StatusSeeOther || res.header.Get("Location") != "/admin/setup" {
			t.Errorf("GET %s on a fresh shop = %d → %q", path, res.status, res.header.Get("Location"))
		}
	}
	token := shop.app.setupToken
	for _, bad := range []string{"", "?token=guess"} {
		if res := shop.get("/admin/setup" + bad); res.status != http.StatusForbidden {
			t.Errorf("setup%s = %d, want 403", bad, res.status)
		}
	}
	if res := shop.post("/admin/setup", setupForm("guess", "li@example.com")); res.status != http.StatusForbidden {
		t.Errorf("setup post with a wrong token = %d", res.status)
	}
	form := shop.get("/admin/setup?token=" + token)
	if form.status != http.StatusOK || form.doc(t).Find(`input[name=token]`).AttrOr("value", "") != token {
		t.Fatalf("setup form = %d\n%s", form.status, form.body)
	}

	bad := setupForm(token, "not an email")
	bad.Set("password", "short")
	res := shop.post("/admin/setup", bad)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid setup = %d", res.status)
	}
	doc := res.doc(t)
	if doc.Find(".field-error").Length() != 2 || doc.Find(`input[name=store_name]`).AttrOr("value", "") != "Tea House" {
		t.Errorf("invalid setup form lost values or messages:\n%s", res.body)
	}

	res = shop.post("/admin/setup", setupForm(token, "li@example.com"))
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/admin" {
		t.Fatalf("setup = %d → %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	if home := shop.get("/admin"); home.status != http.StatusOK {
		t.Errorf("owner is not signed in after setup: %d", home.status)
	}
	settings, _ := shop.store.Settings(t.Context())
	if settings.StoreName != "Tea House" || settings.Currency != "CNY" || settings.Locale != "zh" {
		t.Errorf("settings = %+v", settings)
	}
	owner, err := shop.store.StaffByEmail(t.Context(), "li@example.com")
	if err != nil || owner.Role != store.RoleOwner {
		t.Fatalf("owner = %+v, %v", owner, err)
	}
	if page, _ := shop.store.AuditLog(t.Context(), store.AuditFilter{Action: store.ActionSetup}); page.Total != 1 {
		t.Errorf("setup audit entries = %d", page.Total)
	}
	if res := shop.get("/admin/setup?token=" + token); res.status != http.StatusNotFound {
		t.Errorf("setup after setup = %d, want 404", res.status)
	}
	if res := shop.post("/admin/setup", setupForm(token, "late@example.com")); res.status != http.StatusNotFound {
		t.Errorf("setup post after setup = %d, want 404", res.status)
	}
}

func TestConcurrentSetupMakesOneOwner(t *testing.T) {
	shop := newTestShop(t)
	const n = 4
	var wg sync.WaitGroup
	codes := make([]int, n)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := setupForm(shop.app.setupToken, "owner"+string(rune('a'+i))+"@example.com")
			res, err := client.PostForm(shop.server.URL+"/admin/setup", form)
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
	if count, _ := shop.store.StaffCount(t.Context()); count != 1 {
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

// TestAdminCreateCommand creates an account from the shell on a running
// shop's database, then signs in with it.
func TestAdminCreateCommand(t *testing.T) {
	shop := newTestShop(t)
	var dbPath string
	if err := shop.store.DB().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&dbPath); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"admin", "create", "--email", "Boss@Example.com", "--password", "short", "--db", dbPath},
		getenv, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "--password") {
		t.Errorf("short password: err = %v", err)
	}
	err = run(context.Background(), []string{"admin", "create", "--email", "Boss@Example.com", "--password", "boss password 1",
		"--name", "Boss", "--db", dbPath}, getenv, &out, &errOut)
	if err != nil {
		t.Fatalf("admin create: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "boss@example.com") {
		t.Errorf("output = %q", out.String())
	}
	shop.login("boss@example.com", "boss password 1")
	if res := shop.get("/admin/audit"); res.status != http.StatusOK {
		t.Errorf("new owner on /admin/audit = %d", res.status)
	}
	if err := run(context.Background(), []string{"admin", "delete"}, getenv, &out, &errOut); err == nil {
		t.Error("unknown admin subcommand accepted")
	}
}

func TestDemoOwnerAndSetupLinkArePrinted(t *testing.T) {
	shop := newTestShop(t)
	ctx := t.Context()
	var out bytes.Buffer
	if err := shop.app.printAdminAccess(ctx, &out, "http://localhost:8080/", ""); err != nil {
		t.Fatal(err)
	}
	if want := "http://localhost:8080/admin/setup?token=" + shop.app.setupToken; !strings.Contains(out.String(), want) {
		t.Errorf("fresh shop prints %q, want the setup link %s", out.String(), want)
	}

	pw, err := ensureDemoOwner(ctx, shop.store)
	if err != nil || pw == "" {
		t.Fatalf("ensureDemoOwner = %q, %v", pw, err)
	}
	out.Reset()
	shop.app.printAdminAccess(ctx, &out, "http://localhost:8080", pw)
	if !strings.Contains(out.String(), demoOwnerEmail) || !strings.Contains(out.String(), pw) {
		t.Errorf("demo prints %q", out.String())
	}
	shop.login(demoOwnerEmail, pw)
	// A reused demo database gets a fresh password, and the old one stops working.
	pw2, err := ensureDemoOwner(ctx, shop.store)
	if err != nil || pw2 == pw {
		t.Fatalf("second ensureDemoOwner = %q, %v", pw2, err)
	}
	if _, err := shop.store.AuthenticateStaff(ctx, demoOwnerEmail, pw2); err != nil {
		t.Errorf("new demo password: %v", err)
	}
	out.Reset()
	shop.app.printAdminAccess(ctx, &out, "http://localhost:8080", "")
	if out.Len() != 0 {
		t.Errorf("a shop with staff prints %q", out.String())
	}
}

// TestRestart: staff sessions live in the database, so a redeploy signs
// nobody out and a revoked session stays revoked. The setup link is made
// by each start (and printed by it), so the one printed before a restart
// stops working and the new one works; once there is an owner, setup is
// gone whatever the token.
func TestRestart(t *testing.T) {
	shop := newTestShop(t)
	before := shop.app.setupToken
	shop.restart()
	if shop.app.setupToken == before {
		t.Fatal("a restart kept the setup token")
	}
	if res := shop.get("/admin/setup?token=" + before); res.status != http.StatusForbidden {
		t.Errorf("setup with the link printed before the restart = %d, want 403", res.status)
	}
	if res := shop.get("/admin/setup?token=" + shop.app.setupToken); res.status != http.StatusOK {
		t.Errorf("setup with the new link = %d, want 200", res.status)
	}

	owner := shop.loginAs(store.RoleOwner)
	elsewhere := shop.otherBrowser()
	elsewhere.login(owner.Email, testPassword)
	wantRedirect(t, shop.post("/admin/account/sessions/revoke-others", nil), http.StatusSeeOther, "/admin/account/sessions")
	shop.restart(elsewhere)
	if res := shop.get("/admin"); res.status != http.StatusOK {
		t.Errorf("signed in before the restart, after it = %d, want 200", res.status)
	}
	wantRedirect(t, elsewhere.get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := shop.get("/admin/setup?token=" + shop.app.setupToken); res.status != http.StatusNotFound {
		t.Errorf("setup after a restart of a shop with an owner = %d, want 404", res.status)
	}
}
