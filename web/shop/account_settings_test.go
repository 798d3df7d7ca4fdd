package shop_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAccountProfile: a shopper corrects their name and adds the birthday
// they skipped at sign-up on the settings page; a wrong value is answered
// beside its field with what was typed kept; a saved birthday is shown,
// and cannot be moved.
func TestAccountProfile(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	signIn(t, shop, "ana@example.com")
	form := shop.Get("/account/settings").Doc(t).Find(`form[action="/account/settings"]`)
	if got := form.Find(`input[name=name]`).AttrOr("value", ""); got != "Ana Lima" {
		t.Errorf("the name field holds %q, want the account's name", got)
	}
	if form.Find(`input[name=birthday]:not([disabled])`).Length() != 1 {
		t.Fatal("no birthday field to fill in")
	}

	bad := shop.Post("/account/settings", url.Values{"name": {" "}, "birthday": {"2099-01-01"}})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("no name and a future birthday = %d", bad.Status)
	}
	doc := bad.Doc(t)
	if got := doc.Find("#account-birthday-error").Text(); got != "Your birthday cannot be in the future." {
		t.Errorf("birthday message %q", got)
	}
	if doc.Find("#account-name-error").Length() != 1 {
		t.Error("no message beside the empty name")
	}
	if got := doc.Find(`input[name=birthday]`).AttrOr("value", ""); got != "2099-01-01" {
		t.Errorf("the birthday typed is lost: %q", got)
	}

	res := shop.Post("/account/settings", url.Values{"name": {"Ana Lima Souza"}, "birthday": {"1990-05-31"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/account/settings" {
		t.Fatalf("save = %d %s:\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	page := shop.Get("/account/settings").Doc(t)
	if got := page.Find(".notice").Text(); !strings.Contains(got, "Your details are saved.") {
		t.Errorf("after saving the page says %q", got)
	}
	if page.Find(`input[name=birthday][disabled][value="1990-05-31"]`).Length() != 1 {
		t.Error("the saved birthday is not shown as fixed")
	}
	overview := shop.Get("/account").Body
	if !strings.Contains(overview, "Ana Lima Souza") || !strings.Contains(overview, "1990-05-31") {
		t.Error("the overview does not show the new name and birthday")
	}

	// A birthday moved by hand, past the disabled field, is refused.
	moved := shop.Post("/zh-cn/account/settings", url.Values{"name": {"Ana"}, "birthday": {"1990-01-31"}})
	if moved.Status != http.StatusUnprocessableEntity || moved.Doc(t).Find("#account-birthday-error").Text() != "生日已保存，无法在此修改。" {
		t.Fatalf("a moved birthday = %d:\n%s", moved.Status, moved.Body)
	}
	if !strings.Contains(shop.Get("/account").Body, "1990-05-31") {
		t.Error("the birthday moved")
	}
	// Without the birthday, as the form posts it, the name still saves.
	if res := shop.Post("/account/settings", url.Values{"name": {"Ana"}}); res.Status != http.StatusSeeOther {
		t.Errorf("the name alone = %d", res.Status)
	}
}

// TestAccountResendConfirmation: a signed-in shopper whose confirmation
// link is lost or dead asks for a new one from the overview; asking again
// at once sends nothing and says why; the dead link's page shows the way.
func TestAccountResendConfirmation(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	first := shop.Email("ana@example.com", store.EmailAccountConfirm)
	if res := shop.Post("/account/resend-confirmation", nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/account/login") {
		t.Errorf("signed out, resend = %d %s", res.Status, res.Header.Get("Location"))
	}
	signIn(t, shop, "ana@example.com")
	if shop.Get("/account").Doc(t).Find(`form[action="/account/resend-confirmation"] button`).Length() != 1 {
		t.Fatal("the overview of an unconfirmed account has no button to send the link again")
	}

	// Moments after registering: not sent, and told so.
	res := shop.Post("/account/resend-confirmation", nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
		t.Fatalf("resend = %d %s", res.Status, res.Header.Get("Location"))
	}
	if got := shop.Get("/account").Doc(t).Find(".notice").Text(); !strings.Contains(got, "a short while ago") {
		t.Errorf("asking moments after the first link says %q", got)
	}
	if e := shop.Email("ana@example.com", store.EmailAccountConfirm); e.ID != first.ID {
		t.Error("a second link went moments after the first")
	}

	shop.Clock.Advance(6 * time.Minute)
	shop.Post("/zh-cn/account/resend-confirmation", nil)
	if got := shop.Get("/zh-cn/account").Doc(t).Find(".notice").Text(); !strings.Contains(got, "新的确认链接已发送") {
		t.Errorf("after asking later the page says %q", got)
	}
	again := shop.Email("ana@example.com", store.EmailAccountConfirm)
	if again.ID == first.ID || again.Locale != "zh" {
		t.Fatalf("no new link in Chinese: %+v", again)
	}

	// The first link died with the new one; its page shows the way on.
	dead := shop.Post("/account/confirm/"+first.Link, nil)
	doc := dead.Doc(t)
	if dead.Status != http.StatusNotFound || !strings.Contains(doc.Find(".notice-error").Text(), "ask for a new one from your account") ||
		doc.Find(`.account-links a[href="/account"]`).Length() != 1 {
		t.Errorf("the dead link, signed in = %d:\n%s", dead.Status, doc.Find("main").Text())
	}
	if other := shop.OtherBrowser().Post("/account/confirm/"+first.Link, nil); other.Doc(t).Find(`.account-links a[href="/account/login"]`).Length() != 1 {
		t.Error("the dead link, signed out, does not offer to sign in")
	}

	if res := shop.Post("/account/confirm/"+again.Link, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("the new link = %d", res.Status)
	}
	page := shop.Get("/account").Doc(t)
	if page.Find(`form[action="/account/resend-confirmation"]`).Length() != 0 {
		t.Error("a confirmed account is offered a confirmation link")
	}
	shop.Post("/account/resend-confirmation", nil)
	if got := shop.Get("/account").Doc(t).Find(".notice").Text(); !strings.Contains(got, "already confirmed") {
		t.Errorf("asking once confirmed says %q", got)
	}
}

// TestAccountRegisterSaysWhatIsWrong: a birthday in the right form is told
// what is wrong with it rather than shown the form again, and the name
// field holds no more than the rule takes, which its message names.
func TestAccountRegisterSaysWhatIsWrong(t *testing.T) {
	shop := webtest.New(t)
	limit := strconv.Itoa(store.CustomerNameMax)
	if got := shop.Get("/account/register").Doc(t).Find(`input[name=name]`).AttrOr("maxlength", ""); got != limit {
		t.Errorf("the name field's maxlength = %q, want %s", got, limit)
	}
	cases := []struct{ path, field, value, want string }{
		{"/account/register", "birthday", "2099-01-01", "Your birthday cannot be in the future."},
		{"/account/register", "birthday", "1800-01-01", "Enter your real date of birth: this one is more than 120 years ago."},
		{"/account/register", "birthday", "31/05/1990", "Enter a date such as 1990-05-31."},
		{"/account/register", "name", strings.Repeat("a", store.CustomerNameMax+1), "Use at most " + limit + " characters."},
		{"/zh-cn/account/register", "birthday", "2099-01-01", "生日不能晚于今天。"},
		{"/zh-cn/account/register", "name", strings.Repeat("名", store.CustomerNameMax+1), "最多 " + limit + " 个字符。"},
	}
	for _, c := range cases {
		form := url.Values{"email": {"ana@example.com"}, "password": {accountPassword}, "name": {"Ana"}}
		form.Set(c.field, c.value)
		res := shop.Post(c.path, form)
		doc := res.Doc(t)
		if got := doc.Find("#account-" + c.field + "-error").Text(); res.Status != http.StatusUnprocessableEntity || got != c.want {
			t.Errorf("%s %s %q = %d %q, want %q", c.path, c.field, c.value, res.Status, got, c.want)
		}
		if got := doc.Find(`input[name=`+c.field+`]`).AttrOr("value", ""); got != c.value {
			t.Errorf("%s %q: the field keeps %q", c.field, c.value, got)
		}
	}
}
