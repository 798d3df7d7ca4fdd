package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/admin"
	"storefront/web/webtest"
)

// totpCode is the authenticator app's code for secret at the shop's time.
func totpCode(s *webtest.Shop, secret string) string {
	s.T.Helper()
	code, err := totp.GenerateCode(secret, s.Clock.Now())
	if err != nil {
		s.T.Fatal(err)
	}
	return code
}

// loginOTP signs in with a second factor and returns the answer.
func loginOTP(s *webtest.Shop, email, password, otp string) webtest.Response {
	s.T.Helper()
	return s.Post("/admin/login", url.Values{"email": {email}, "password": {password}, "otp": {otp}})
}

// enrolThroughPage sets up two-factor sign-in for the signed-in staff
// member the way a person does, checking each page on the way, and returns
// the secret, the recovery codes and the code that confirmed.
func enrolThroughPage(t *testing.T, s *webtest.Shop) (secret string, codes []string, confirmCode string) {
	t.Helper()
	page := s.Get(admin.SecurityURL)
	if page.Status != http.StatusOK || page.Doc(t).Find(`form[action="/admin/account/security/totp"]`).Length() != 1 {
		t.Fatalf("security page = %d\n%s", page.Status, page.Body)
	}
	wantRedirect(t, s.Post("/admin/account/security/totp", nil), http.StatusSeeOther, admin.SecurityURL)
	doc := s.Get(admin.SecurityURL).Doc(t)
	secret = doc.Find("[data-totp-secret]").AttrOr("data-totp-secret", "")
	if len(secret) != 32 {
		t.Fatalf("secret = %q", secret)
	}
	svg := doc.Find(".totp-qr svg")
	if svg.Length() != 1 || svg.Find("path").Length() != 1 || !strings.HasPrefix(svg.Find("path").AttrOr("d", ""), "M4 4h7v1h-7z") {
		t.Fatalf("QR code svg: %v", svg.Nodes)
	}
	// Set up on the phone that holds the app, the same secret is a link.
	if link := doc.Find("a[data-totp-link]").AttrOr("href", ""); !strings.HasPrefix(link, "otpauth://totp/") || !strings.Contains(link, "secret="+secret) {
		t.Errorf("the app's link = %q, want an otpauth:// URL with the secret", link)
	}
	if doc.Find("[style], img").Length() != 0 {
		t.Error("the QR code needs a style attribute or an image, which the CSP forbids")
	}

	bad := s.Post("/admin/account/security/totp/confirm", url.Values{"code": {"000000"}})
	if bad.Status != http.StatusUnprocessableEntity || bad.Doc(t).Find("#code-error").Length() != 1 {
		t.Fatalf("wrong confirm code = %d\n%s", bad.Status, bad.Body)
	}
	confirmCode = totpCode(s, secret)
	wantRedirect(t, s.Post("/admin/account/security/totp/confirm", url.Values{"code": {confirmCode}}), http.StatusSeeOther, admin.SecurityURL)
	doc = s.Get(admin.SecurityURL).Doc(t)
	codes = doc.Find("[data-recovery-codes] code").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(codes) != store.RecoveryCodeCount || doc.Find(`[data-totp="true"]`).Length() != 1 {
		t.Fatalf("recovery codes = %v", codes)
	}
	if s.Get(admin.SecurityURL).Doc(t).Find("[data-recovery-codes]").Length() != 0 {
		t.Error("recovery codes shown a second time")
	}
	return secret, codes, confirmCode
}

// TestTwoFactorStory: an owner enrols with the QR code page, gets recovery
// codes once, then signing in needs a fresh code: none, a wrong one and a
// reused one are refused; a recovery code works once; turning it off needs
// the password and a code.
func TestTwoFactorStory(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.LoginAs(store.RoleOwner)
	secret, codes, confirmCode := enrolThroughPage(t, shop)
	if shop.Get("/admin/staff").Doc(t).Find(`tr[data-staff-email="`+owner.Email+`"] [data-totp]`).AttrOr("data-totp", "") != "true" {
		t.Error("staff list does not show two-factor on")
	}

	// Signing in now asks for the code, on a page of its own.
	shop.ForgetCookies()
	wantRedirect(t, shop.Post("/admin/login", url.Values{"email": {owner.Email}, "password": {webtest.Password}}),
		http.StatusSeeOther, "/admin/login")
	res := shop.Get("/admin/login")
	if doc := res.Doc(t); res.Status != http.StatusOK || doc.Find(`input[name=otp]`).Length() != 1 ||
		doc.Find(`input[name=password]`).Length() != 0 || !strings.Contains(res.Body, i18n.TL("en", "admin.login.need_otp")) {
		t.Fatalf("login without code = %d\n%s", res.Status, res.Body)
	}
	for name, otp := range map[string]string{"wrong": "000000", "reused": confirmCode} {
		if res := loginOTP(shop, owner.Email, webtest.Password, otp); res.Status != http.StatusUnauthorized ||
			res.Doc(t).Find(`input[name=otp]`).Length() != 1 {
			t.Errorf("%s code = %d", name, res.Status)
		}
	}
	if res := loginOTP(shop, owner.Email, "wrong password!", totpCode(shop, secret)); res.Status != http.StatusUnauthorized {
		t.Errorf("right code, wrong password = %d", res.Status)
	}
	shop.Clock.Advance(30 * time.Second)
	code := totpCode(shop, secret)
	wantRedirect(t, loginOTP(shop, owner.Email, webtest.Password, code), http.StatusSeeOther, "/admin")
	shop.Post("/admin/logout", nil)
	if res := loginOTP(shop, owner.Email, webtest.Password, code); res.Status != http.StatusUnauthorized {
		t.Errorf("a code used to sign in, used again = %d", res.Status)
	}

	// A recovery code, typed in capitals, works once.
	wantRedirect(t, loginOTP(shop, owner.Email, webtest.Password, strings.ToUpper(codes[0])), http.StatusSeeOther, "/admin")
	if left := shop.Get(admin.SecurityURL).Doc(t).Find("[data-codes-left]").AttrOr("data-codes-left", ""); left != "9" {
		t.Errorf("codes left = %q", left)
	}
	shop.Post("/admin/logout", nil)
	if res := loginOTP(shop, owner.Email, webtest.Password, codes[0]); res.Status != http.StatusUnauthorized {
		t.Errorf("recovery code twice = %d", res.Status)
	}
	shop.Clock.Advance(30 * time.Second)
	wantRedirect(t, loginOTP(shop, owner.Email, webtest.Password, totpCode(shop, secret)), http.StatusSeeOther, "/admin")

	// Turning it off needs the password and a current code.
	res = shop.Post("/admin/account/security/totp/disable", url.Values{"password": {webtest.Password}, "code": {""}})
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#disable-code").AttrOr("aria-invalid", "") != "true" {
		t.Fatalf("disable without code = %d\n%s", res.Status, res.Body)
	}
	shop.Clock.Advance(30 * time.Second)
	res = shop.Post("/admin/account/security/totp/disable", url.Values{"password": {"wrong password!"}, "code": {totpCode(shop, secret)}})
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#disable-password").AttrOr("aria-invalid", "") != "true" {
		t.Fatalf("disable with a wrong password = %d", res.Status)
	}
	wantRedirect(t, shop.Post("/admin/account/security/totp/disable", url.Values{"password": {webtest.Password}, "code": {totpCode(shop, secret)}}),
		http.StatusSeeOther, admin.SecurityURL)
	shop.ForgetCookies()
	shop.Login(owner.Email, webtest.Password)
}

// TestTOTPCodeSignsInOnceAtOnce: the same password and code arrive from
// several browsers at the same moment (a code read over a shoulder and
// replayed at once); exactly one is signed in.
func TestTOTPCodeSignsInOnceAtOnce(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.LoginAs(store.RoleOwner)
	secret, _, _ := enrolThroughPage(t, shop)
	shop.Clock.Advance(30 * time.Second)
	form := url.Values{"email": {owner.Email}, "password": {webtest.Password}, "otp": {totpCode(shop, secret)}}
	shop.PostAtOnce(t, 4, "/admin/login", form, http.StatusUnauthorized)
}

// TestNewRecoveryCodes replaces the codes: the old ones stop working.
func TestNewRecoveryCodes(t *testing.T) {
	shop := webtest.New(t)
	st := shop.LoginAs(store.RoleSupport)
	enrol, err := shop.Store.StartTOTP(t.Context(), st.ID, "Shop")
	if err != nil {
		t.Fatal(err)
	}
	old, err := shop.Store.ConfirmTOTP(t.Context(), store.Actor{}, st.ID, totpCode(shop, enrol.Secret))
	if err != nil {
		t.Fatal(err)
	}
	shop.Clock.Advance(30 * time.Second)
	wantRedirect(t, shop.Post("/admin/account/security/recovery-codes", url.Values{"password": {webtest.Password}, "code": {old[0]}}),
		http.StatusSeeOther, admin.SecurityURL)
	fresh := shop.Get(admin.SecurityURL).Doc(t).Find("[data-recovery-codes] code").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(fresh) != store.RecoveryCodeCount || slices.Contains(fresh, old[1]) {
		t.Fatalf("new codes = %v", fresh)
	}
	shop.ForgetCookies()
	if res := loginOTP(shop, st.Email, webtest.Password, old[1]); res.Status != http.StatusUnauthorized {
		t.Errorf("old recovery code = %d", res.Status)
	}
	wantRedirect(t, loginOTP(shop, st.Email, webtest.Password, fresh[1]), http.StatusSeeOther, "/admin")
}

// TestSessionsPage: a staff member signed in on two browsers sees both,
// this one marked, and signs the other out; "sign out all other sessions"
// keeps this one. The owner can end anyone's session from the staff page.
func TestSessionsPage(t *testing.T) {
	shop := webtest.New(t)
	me := shop.LoginAs(store.RoleManager)
	phone := shop.OtherBrowser()
	phone.Post("/admin/login", url.Values{"email": {me.Email}, "password": {webtest.Password}},
		"User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1")

	doc := shop.Get("/admin/account/sessions").Doc(t)
	rows := doc.Find("tr[data-session-id]")
	current := doc.Find("tr[data-current]")
	if rows.Length() != 2 || current.Length() != 1 || !strings.Contains(doc.Text(), "Safari · iPhone") {
		t.Fatalf("sessions: %d rows, %d current\n%s", rows.Length(), current.Length(), doc.Text())
	}
	other := doc.Find("tr[data-session-id]:not([data-current])").AttrOr("data-session-id", "")
	if current.Find("form").Length() != 0 {
		t.Error("this session has a Revoke button")
	}
	wantRedirect(t, shop.Post("/admin/account/sessions/"+other+"/revoke", nil), http.StatusSeeOther, "/admin/account/sessions")
	wantRedirect(t, phone.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := shop.Get("/admin"); res.Status != http.StatusOK {
		t.Fatalf("this browser after revoking the other = %d", res.Status)
	}
	if res := shop.Post("/admin/account/sessions/"+other+"/revoke", nil); res.Status != http.StatusNotFound {
		t.Errorf("revoking an ended session = %d", res.Status)
	}

	phone.Login(me.Email, webtest.Password)
	wantRedirect(t, shop.Post("/admin/account/sessions/revoke-others", nil), http.StatusSeeOther, "/admin/account/sessions")
	wantRedirect(t, phone.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if n := shop.Get("/admin/account/sessions").Doc(t).Find("tr[data-session-id]").Length(); n != 1 {
		t.Errorf("sessions after signing out the others = %d", n)
	}

	// Someone else's session is not mine to revoke; the owner may.
	owner := shop.OtherBrowser()
	owner.ForgetCookies()
	ownerSt := owner.AddStaff(store.RoleOwner)
	owner.Login(ownerSt.Email, webtest.Password)
	ownerSession := owner.Get("/admin/account/sessions").Doc(t).Find("tr[data-current]").AttrOr("data-session-id", "")
	if res := shop.Post("/admin/account/sessions/"+ownerSession+"/revoke", nil); res.Status != http.StatusNotFound {
		t.Errorf("manager revoking the owner's session = %d", res.Status)
	}
	mine := owner.Get(adminviews.StaffURL(me.ID)).Doc(t).Find("tr[data-session-id]").AttrOr("data-session-id", "")
	wantRedirect(t, owner.Post(adminviews.StaffURL(me.ID)+"/sessions/"+mine+"/revoke", nil), http.StatusSeeOther, adminviews.StaffURL(me.ID))
	wantRedirect(t, shop.Get("/admin"), http.StatusSeeOther, "/admin/login")
}
