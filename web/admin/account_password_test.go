package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/webtest"
)

const newPassword = "a new passphrase for me"

// changePassword posts the account page's password form.
func changePassword(s *webtest.Shop, current, password, again, code string) webtest.Response {
	s.T.Helper()
	return s.Post("/admin/account/security/password", url.Values{"current_password": {current},
		"password": {password}, "password_again": {again}, "code": {code}})
}

// TestChangeOwnPassword: a manager signed in on a laptop and a phone
// changes their password on their account page. Each mistake is shown
// beside its field with a 422; success signs the phone out, keeps the
// laptop signed in, is audited, and a second click of the same form is not
// told that the current password is wrong. The sessions page points at
// the form.
func TestChangeOwnPassword(t *testing.T) {
	shop := webtest.New(t)
	me := shop.LoginAs(store.RoleManager)
	phone := shop.OtherBrowser()
	phone.Login(me.Email, webtest.Password)

	link := shop.Get("/admin/account/sessions").Doc(t).Find(`a[href="/admin/account/security#password"]`)
	if link.Length() != 1 || link.Text() != i18n.TL("en", "admin.sessions.change_password") {
		t.Fatalf("the sessions page does not point at the password form: %q", link.Text())
	}
	form := shop.Get(admin.SecurityURL).Doc(t).Find(`#password form[action="/admin/account/security/password"]`)
	for _, name := range []string{"current_password", "password", "password_again"} {
		if form.Find(`input[type=password][name=`+name+`]`).Length() != 1 {
			t.Errorf("the password form has no %s field", name)
		}
	}
	if form.Find(`input[name=code]`).Length() != 0 {
		t.Error("the password form asks for a code without two-factor on")
	}

	for _, c := range []struct {
		name, current, password, again, field, msg string
	}{
		{"wrong current password", "not my password", newPassword, newPassword, "current_password", "error.password_wrong"},
		{"new passwords differ", webtest.Password, newPassword, newPassword + "!", "password_again", "error.password_again"},
		{"new password too short", webtest.Password, "short", "short", "password", "error.password_short"},
		{"new password of spaces", webtest.Password, strings.Repeat(" ", 12), strings.Repeat(" ", 12), "password", "error.password_blank"},
	} {
		res := changePassword(shop, c.current, c.password, c.again, "")
		doc := res.Doc(t)
		if res.Status != http.StatusUnprocessableEntity || strings.TrimSpace(doc.Find("#"+c.field+"-error").Text()) != i18n.TL("en", c.msg) ||
			doc.Find(`#password [aria-invalid="true"]`).Length() != 1 {
			t.Errorf("%s = %d, want 422 with %q beside %s", c.name, res.Status, i18n.TL("en", c.msg), c.field)
		}
	}
	if res := phone.Get("/admin"); res.Status != http.StatusOK {
		t.Fatalf("the phone after the refused changes = %d, want still signed in", res.Status)
	}

	before := shop.SessionCookie()
	wantRedirect(t, changePassword(shop, webtest.Password, newPassword, newPassword, ""), http.StatusSeeOther, admin.SecurityURL)
	if after := shop.SessionCookie(); after == before || after == "" {
		t.Error("the change did not renew this browser's session token")
	}
	// A copy of this browser's old cookie opens nothing.
	req := mustRequest(t, http.MethodGet, shop.Server.URL+"/admin")
	req.AddCookie(&http.Cookie{Name: kit.Config{}.SessionCookie(), Value: before})
	if res := shop.OtherBrowser().Do(req); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("the old cookie after the change = %d → %q", res.Status, res.Header.Get("Location"))
	}
	if notice := shop.Get(admin.SecurityURL).Doc(t).Find(`.notice-success`).Text(); notice != i18n.TL("en", "admin.password.changed") {
		t.Errorf("after the change the page says %q", notice)
	}
	wantRedirect(t, phone.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := shop.Get("/admin"); res.Status != http.StatusOK {
		t.Errorf("this browser after the change = %d, want still signed in", res.Status)
	}
	// The browser's back button and a second press send the form again.
	wantRedirect(t, changePassword(shop, webtest.Password, newPassword, newPassword, ""), http.StatusSeeOther, admin.SecurityURL)

	if res := shop.OtherBrowser().Post("/admin/login", url.Values{"email": {me.Email}, "password": {webtest.Password}}); res.Status != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d", res.Status)
	}
	shop.OtherBrowser().Login(me.Email, newPassword)
	page, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionStaffPassword, EntityID: itoa(me.ID)})
	if err != nil || page.Total != 1 {
		t.Errorf("password change audit entries = %d (%v), want 1", page.Total, err)
	}
}

// TestChangeOwnPasswordOnlyOwn: the form changes the signed-in member's
// own password whatever else is posted, and leaves everyone else's
// sessions alone.
func TestChangeOwnPasswordOnlyOwn(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.OtherBrowser()
	ownerSt := owner.AddStaff(store.RoleOwner)
	owner.Login(ownerSt.Email, webtest.Password)
	support := shop.LoginAs(store.RoleSupport)

	res := shop.Post("/admin/account/security/password", url.Values{"id": {itoa(ownerSt.ID)}, "current_password": {webtest.Password},
		"password": {newPassword}, "password_again": {newPassword}})
	wantRedirect(t, res, http.StatusSeeOther, admin.SecurityURL)
	if res := owner.Get("/admin"); res.Status != http.StatusOK {
		t.Errorf("the owner's session after support changed their password = %d", res.Status)
	}
	shop.OtherBrowser().Login(ownerSt.Email, webtest.Password)
	shop.OtherBrowser().Login(support.Email, newPassword)
}

// TestChangeOwnPasswordWithTwoFactor: with two-factor on, the form asks
// for a current code as well, which it spends.
func TestChangeOwnPasswordWithTwoFactor(t *testing.T) {
	shop := webtest.New(t)
	me := shop.LoginAs(store.RoleOwner)
	secret, _, _ := enrolThroughPage(t, shop)
	if shop.Get(admin.SecurityURL).Doc(t).Find(`#password input[name=code]`).Length() != 1 {
		t.Fatal("the password form does not ask for a code with two-factor on")
	}
	shop.Clock.Advance(30 * time.Second)
	for name, code := range map[string]string{"no code": "", "wrong code": "000000"} {
		res := changePassword(shop, webtest.Password, newPassword, newPassword, code)
		if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#password #code-error").Length() != 1 {
			t.Errorf("%s = %d, want 422 beside the code", name, res.Status)
		}
	}
	code := totpCode(shop, secret)
	wantRedirect(t, changePassword(shop, webtest.Password, newPassword, newPassword, code), http.StatusSeeOther, admin.SecurityURL)
	shop.ForgetCookies()
	if res := loginOTP(shop, me.Email, newPassword, code); res.Status != http.StatusUnauthorized {
		t.Errorf("the code that changed the password signs in again: %d", res.Status)
	}
	shop.Clock.Advance(30 * time.Second)
	wantRedirect(t, loginOTP(shop, me.Email, newPassword, totpCode(shop, secret)), http.StatusSeeOther, "/admin")
}

// TestWrongCurrentPasswordsCountAsFailedSignIns: an unattended session is
// no way round the sign-in throttle. Wrong current passwords are slowed
// down as wrong sign-ins are, and count toward the same wait; a right one
// clears it, as signing in does.
func TestWrongCurrentPasswordsCountAsFailedSignIns(t *testing.T) {
	shop := webtest.New(t)
	me := shop.LoginAs(store.RoleManager)
	for i := range store.LoginFreeTries {
		if res := changePassword(shop, "guess "+strconv.Itoa(i), newPassword, newPassword, ""); res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("guess %d = %d, want 422", i, res.Status)
		}
	}
	// Each is on the audit log as a failed sign-in of this account.
	failed, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionLoginFailed, EntityID: itoa(me.ID)})
	if err != nil || failed.Total != store.LoginFreeTries {
		t.Errorf("failed sign-ins on the audit log = %d (%v), want %d", failed.Total, err, store.LoginFreeTries)
	}
	res := changePassword(shop, webtest.Password, newPassword, newPassword, "")
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" ||
		!strings.Contains(res.Body, i18n.TL("en", "admin.login.locked_title")) {
		t.Fatalf("after %d wrong passwords = %d, want 429", store.LoginFreeTries, res.Status)
	}
	if status, _ := tryLogin(shop.OtherBrowser(), me.Email, webtest.Password); status != http.StatusTooManyRequests {
		t.Errorf("signing in after the wrong passwords = %d, want 429", status)
	}
	retry, _ := strconv.Atoi(res.Header.Get("Retry-After"))
	shop.Clock.Advance(time.Duration(retry) * time.Second)
	// A refused new password is no guess: it costs nothing.
	for range store.LoginFreeTries {
		if res := changePassword(shop, webtest.Password, "short", "short", ""); res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("short new password = %d, want 422", res.Status)
		}
	}
	wantRedirect(t, changePassword(shop, webtest.Password, newPassword, newPassword, ""), http.StatusSeeOther, admin.SecurityURL)
	if status, _ := tryLogin(shop.OtherBrowser(), me.Email, newPassword); status != http.StatusSeeOther {
		t.Errorf("signing in after the change = %d, want 303", status)
	}
}

// TestWrongPasswordsToTurnOffTwoFactorCountAsFailedSignIns: the forms
// that turn two-factor off and replace the recovery codes take the
// password too; guessed there, it is held back like a sign-in, where it
// could be tried without limit from a session left open.
func TestWrongPasswordsToTurnOffTwoFactorCountAsFailedSignIns(t *testing.T) {
	for _, path := range []string{"/admin/account/security/totp/disable", "/admin/account/security/recovery-codes"} {
		shop := webtest.New(t)
		me := shop.LoginAs(store.RoleManager)
		for i := range store.LoginFreeTries {
			res := shop.Post(path, url.Values{"password": {"guess " + strconv.Itoa(i)}, "code": {"123456"}})
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("%s: guess %d = %d, want 422", path, i, res.Status)
			}
		}
		if res := shop.Post(path, url.Values{"password": {webtest.Password}, "code": {"123456"}}); res.Status != http.StatusTooManyRequests {
			t.Errorf("%s: after %d wrong passwords = %d, want 429", path, store.LoginFreeTries, res.Status)
		}
		if status, _ := tryLogin(shop.OtherBrowser(), me.Email, webtest.Password); status != http.StatusTooManyRequests {
			t.Errorf("%s: signing in after the wrong passwords = %d, want 429", path, status)
		}
	}
}
