package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// twoFactorOwner is a shop whose owner has two-factor on, signed out, and
// the owner's authenticator secret.
func twoFactorOwner(t *testing.T) (*webtest.Shop, *store.Staff, string) {
	t.Helper()
	shop := webtest.New(t)
	owner := shop.LoginAs(store.RoleOwner)
	secret, _, _ := enrolThroughPage(t, shop)
	shop.ForgetCookies()
	return shop, owner, secret
}

// passwordStep posts the right password without a code, which opens the
// code's page.
func passwordStep(t *testing.T, b *webtest.Shop, email, next string) {
	t.Helper()
	want := "/admin/login"
	if next != "" {
		want += "?next=" + url.QueryEscape(next)
	}
	res := b.Post("/admin/login", url.Values{"email": {email}, "password": {webtest.Password}, "next": {next}})
	if loc := res.Header.Get("Location"); res.Status != http.StatusSeeOther || loc != want {
		t.Fatalf("password step = %d → %q, want 303 → %s\n%s", res.Status, loc, want, res.Body)
	}
}

// codeStep posts the code's page.
func codeStep(b *webtest.Shop, otp string) webtest.Response {
	return b.Post("/admin/login", url.Values{"otp": {otp}})
}

// wantPasswordPage checks that res is the password's page with the
// message msgKey and the email filled in.
func wantPasswordPage(t *testing.T, res webtest.Response, status int, msgKey, email string) {
	t.Helper()
	doc := res.Doc(t)
	if res.Status != status || doc.Find("input[name=password]").Length() != 1 || doc.Find("input[name=otp]").Length() != 0 ||
		doc.Find("#login-email").AttrOr("value", "") != email || doc.Find(".notice-error").Text() != i18n.TL("en", msgKey) {
		t.Fatalf("want the password's page (%d) saying %s for %s, got %d\n%s", status, msgKey, email, res.Status, res.Body)
	}
}

// wantSignedOut checks that b is not signed in to the admin.
func wantSignedOut(t *testing.T, b *webtest.Shop) {
	t.Helper()
	wantRedirect(t, b.Get("/admin"), http.StatusSeeOther, "/admin/login")
}

// TestTwoFactorSignInAsksForTheCodeAlone: after the right password the
// owner types only the code, on a page that carries nothing but where to
// go next; a wrong or empty code asks again, still without the password;
// a copy of the form sent from another browser signs no one in; the code
// signs in once, and the spent sign-in cannot be used again.
func TestTwoFactorSignInAsksForTheCodeAlone(t *testing.T) {
	shop, owner, secret := twoFactorOwner(t)
	passwordStep(t, shop, owner.Email, "/admin/orders")
	for _, lang := range []string{"en", "zh"} {
		res := shop.Get("/admin/login?next=%2Fadmin%2Forders", "Accept-Language", lang)
		doc := res.Doc(t)
		hidden := doc.Find("form input[type=hidden]")
		if res.Status != http.StatusOK || doc.Find("input[name=otp][required][autofocus]").Length() != 1 ||
			doc.Find("input[name=password], input[name=email]").Length() != 0 ||
			hidden.Length() != 1 || hidden.AttrOr("name", "") != "next" ||
			!strings.Contains(res.Body, i18n.TL(lang, "admin.login.code_for", owner.Email)) ||
			!strings.Contains(res.Body, i18n.TL(lang, "admin.login.need_otp")) {
			t.Fatalf("%s: code's page = %d\n%s", lang, res.Status, res.Body)
		}
	}

	other := shop.OtherBrowser()
	wantPasswordPage(t, codeStep(other, totpCode(shop, secret)), http.StatusUnauthorized, "admin.login.code_expired", "")
	wantSignedOut(t, other)

	for otp, status := range map[string]int{"000000": http.StatusUnauthorized, " ": http.StatusUnprocessableEntity} {
		res := codeStep(shop, otp)
		doc := res.Doc(t)
		if res.Status != status || doc.Find("input[name=otp]").Length() != 1 || doc.Find("input[name=password]").Length() != 0 {
			t.Fatalf("code %q = %d\n%s", otp, res.Status, res.Body)
		}
	}
	shop.Clock.Advance(30 * time.Second) // enrolment used the current code
	res := shop.Post("/admin/login", url.Values{"otp": {totpCode(shop, secret)}, "next": {"/admin/orders"}})
	wantRedirect(t, res, http.StatusSeeOther, "/admin/orders")
	if res := shop.Get("/admin/orders"); res.Status != http.StatusOK {
		t.Fatalf("signed in: /admin/orders = %d", res.Status)
	}

	shop.Post("/admin/logout", nil)
	shop.Clock.Advance(30 * time.Second)
	wantPasswordPage(t, codeStep(shop, totpCode(shop, secret)), http.StatusUnauthorized, "admin.login.code_expired", "")
	wantSignedOut(t, shop)
}

// TestTwoFactorSignInExpires: the code's page waits PendingSignInTTL; then
// the password is asked for again, the email filled in, whether the code
// comes late or the page is opened again.
func TestTwoFactorSignInExpires(t *testing.T) {
	shop, owner, secret := twoFactorOwner(t)
	passwordStep(t, shop, owner.Email, "")
	shop.Clock.Advance(store.PendingSignInTTL)
	wantPasswordPage(t, codeStep(shop, totpCode(shop, secret)), http.StatusUnauthorized, "admin.login.code_expired", owner.Email)
	wantSignedOut(t, shop)

	passwordStep(t, shop, owner.Email, "")
	shop.Clock.Advance(store.PendingSignInTTL)
	wantPasswordPage(t, shop.Get("/admin/login"), http.StatusOK, "admin.login.code_expired", owner.Email)

	// "Another account" leaves a live one for the password's page.
	passwordStep(t, shop, owner.Email, "")
	wantPasswordPage(t, shop.Get("/admin/login?again=1"), http.StatusOK, "", owner.Email)
	wantPasswordPage(t, codeStep(shop, totpCode(shop, secret)), http.StatusUnauthorized, "admin.login.code_expired", "")
}

// TestTwoFactorWrongCodesAreThrottled: PendingSignInTries wrong codes send
// the owner back to the password; wrong codes count as failed sign-ins, so
// after LoginFreeTries of them the next attempt waits.
func TestTwoFactorWrongCodesAreThrottled(t *testing.T) {
	shop, owner, secret := twoFactorOwner(t)
	passwordStep(t, shop, owner.Email, "")
	for range store.PendingSignInTries - 1 {
		if res := codeStep(shop, "000000"); res.Status != http.StatusUnauthorized || res.Doc(t).Find("input[name=otp]").Length() != 1 {
			t.Fatalf("wrong code = %d\n%s", res.Status, res.Body)
		}
	}
	wantPasswordPage(t, codeStep(shop, "000000"), http.StatusUnauthorized, "admin.login.code_tries", owner.Email)
	wantSignedOut(t, shop)

	passwordStep(t, shop, owner.Email, "")
	for range store.LoginFreeTries - store.PendingSignInTries {
		if res := codeStep(shop, "000000"); res.Status != http.StatusUnauthorized {
			t.Fatalf("wrong code = %d\n%s", res.Status, res.Body)
		}
	}
	res := codeStep(shop, totpCode(shop, secret))
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("a code after %d wrong ones = %d, want 429", store.LoginFreeTries, res.Status)
	}
	wantSignedOut(t, shop)
}
