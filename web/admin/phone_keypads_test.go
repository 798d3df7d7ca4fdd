package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/admin"
	"storefront/web/webtest"
)

// digitKeypads are the inputmodes whose phone keypad has digits only (and
// a decimal point, or + * #) but no minus sign and no letters: iOS's number
// pads, and Android's phone pad.
var digitKeypads = map[string]bool{"numeric": true, "decimal": true, "tel": true}

// TestSignedNumbersGetAKeypadWithAMinus: the fields that take a minus
// (points to take away, stock lost to breakages, a price cut in percent)
// bring up a keypad that has one; a digits-only pad would leave a phone
// unable to type it.
func TestSignedNumbersGetAKeypadWithAMinus(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	c, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "ana@example.com",
		Password: "correct horse battery", Name: "Ana Lima", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleManager)
	for _, f := range []struct{ page, field string }{
		{adminviews.CustomerURL(c.ID), "#adjust-points"},
		{"/admin/variants/2/stock", "#stock-delta"},
		{"/admin/products", "#bulk-percent"},
	} {
		input := shop.Get(f.page).Doc(t).Find(f.field)
		if input.Length() != 1 {
			t.Errorf("%s: no %s", f.page, f.field)
			continue
		}
		if mode := input.AttrOr("inputmode", ""); digitKeypads[mode] {
			t.Errorf("%s %s has inputmode=%q, a keypad with no minus", f.page, f.field, mode)
		}
	}
}

// TestRecoveryCodeCanBeTypedOnAPhone: every field that takes a recovery
// code (signing in, turning two-factor off, new codes) brings up a
// keyboard with letters, not capitalised, since recovery codes are
// letters and digits; the app's 6-digit code still signs in through it.
func TestRecoveryCodeCanBeTypedOnAPhone(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.LoginAs(store.RoleOwner)
	secret, codes, _ := enrolThroughPage(t, shop)
	letters := func(where string, input *goquery.Selection) {
		t.Helper()
		if input.Length() != 1 {
			t.Fatalf("%s: no code field", where)
		}
		if mode := input.AttrOr("inputmode", ""); digitKeypads[mode] || input.AttrOr("autocapitalize", "") != "none" {
			t.Errorf("%s: inputmode=%q autocapitalize=%q, want a keyboard with letters, not capitalised",
				where, mode, input.AttrOr("autocapitalize", ""))
		}
	}
	security := shop.Get(admin.SecurityURL).Doc(t)
	letters("turning two-factor off", security.Find("#disable-code"))
	letters("new recovery codes", security.Find("#codes-code"))

	shop.ForgetCookies()
	shop.Post("/admin/login", url.Values{"email": {owner.Email}, "password": {webtest.Password}})
	letters("signing in", shop.Get("/admin/login").Doc(t).Find("input[name=otp]"))
	shop.Clock.Advance(30 * time.Second)
	wantRedirect(t, loginOTP(shop, owner.Email, webtest.Password, totpCode(shop, secret)), http.StatusSeeOther, "/admin")
	shop.Post("/admin/logout", nil)
	wantRedirect(t, loginOTP(shop, owner.Email, webtest.Password, codes[1]), http.StatusSeeOther, "/admin")
}
