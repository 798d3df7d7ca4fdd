package shop_test

import (
	"context"
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

// TestAccountResetLinkDiesWhenTheEmailChanges: a reset link asked for
// before the account's email changed no longer works once the change is
// confirmed, and never moves the email back (it did: a stranger holding
// the old inbox took the account back, confirmed). The old address is
// told of the change; a link asked for before the password changed dies
// with it too.
func TestAccountResetLinkDiesWhenTheEmailChanges(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "mei.lin@example.com")
	stranger := shop.OtherBrowser()
	stranger.Post("/account/forgot", url.Values{"email": {"mei.lin@example.com"}})
	old := "/account/reset/" + shop.Email("mei.lin@example.com", store.EmailAccountReset).Link

	signIn(t, shop, "mei.lin@example.com")
	res := shop.Post("/account/email", url.Values{"email": {"mei.new@example.com"}, "current_password": {accountPassword}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change email = %d:\n%s", res.Status, res.Body)
	}
	if res := shop.Post("/account/confirm/"+shop.Email("mei.new@example.com", store.EmailAccountEmailChange).Link, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("confirm = %d", res.Status)
	}

	if page := stranger.Get(old); page.Status != http.StatusNotFound {
		t.Errorf("the old reset link's page = %d, want 404", page.Status)
	}
	dead := stranger.Post(old, url.Values{"password": {"a stranger's secret"}})
	if dead.Status != http.StatusNotFound || !strings.Contains(dead.Doc(t).Find(".notice-error").Text(), "expired or was already used") {
		t.Errorf("the old reset link = %d:\n%s", dead.Status, dead.Body)
	}
	if got := stranger.Get("/account"); got.Status != http.StatusSeeOther {
		t.Error("the old reset link signed the stranger in")
	}
	page := shop.Get("/account")
	if page.Status != http.StatusOK || !strings.Contains(page.Body, "mei.new@example.com") {
		t.Errorf("after the old link, the account = %d, email not the new one", page.Status)
	}
	if res := shop.OtherBrowser().Post("/account/login", url.Values{"email": {"mei.new@example.com"}, "password": {accountPassword}}); res.Status != http.StatusSeeOther {
		t.Errorf("the password changed: sign in = %d", res.Status)
	}
	notice := shop.Email("mei.lin@example.com", store.EmailAccountEmailChanged)
	msg, err := shop.Emails.Render(context.Background(), notice)
	if err != nil || !strings.Contains(msg.Text, "The email of your account has just been changed") {
		t.Errorf("the old address's notice = %+v, %v", msg, err)
	}

	// A link to the account's own address dies when the password changes.
	shop.Clock.Advance(6 * time.Minute)
	stranger.Post("/account/forgot", url.Values{"email": {"mei.new@example.com"}})
	link := "/account/reset/" + shop.Email("mei.new@example.com", store.EmailAccountReset).Link
	if res := shop.Post("/account/password", url.Values{"current_password": {accountPassword}, "password": {"a brand new secret"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("change password = %d", res.Status)
	}
	if res := stranger.Post(link, url.Values{"password": {"a stranger's secret"}}); res.Status != http.StatusNotFound {
		t.Errorf("a reset link from before the password changed = %d, want 404", res.Status)
	}
}

// TestAccountEmailChangeIsLimited: asking over and over to move the
// account to someone else's address emails it once, as the other emails
// a stranger can cause; the form says when to ask again and keeps the
// address typed. An address that has an account counts the same, so the
// answers do not tell which have one.
func TestAccountEmailChangeIsLimited(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "eve@example.com")
	newCustomer(t, shop, "bob@example.com")
	signIn(t, shop, "eve@example.com")
	ask := func(path, email string) webtest.Response {
		return shop.Post(path, url.Values{"email": {email}, "current_password": {accountPassword}})
	}
	if res := ask("/account/email", "victim@example.org"); res.Status != http.StatusSeeOther {
		t.Fatalf("first request = %d", res.Status)
	}
	for range 7 {
		res := ask("/account/email", "victim@example.org")
		doc := res.Doc(t)
		if res.Status != http.StatusTooManyRequests || !strings.Contains(doc.Find(".notice").Text(), "You can ask again in 5 minutes.") {
			t.Fatalf("asking again at once = %d %q", res.Status, doc.Find(".notice").Text())
		}
		if got := doc.Find(`input[name=email]`).AttrOr("value", ""); got != "victim@example.org" {
			t.Errorf("the address typed is lost: %q", got)
		}
	}
	if n := countEmails(t, shop, "victim@example.org"); n != 1 {
		t.Errorf("eight requests sent %d emails to the address, want 1", n)
	}

	shop.Clock.Advance(6 * time.Minute)
	if res := ask("/account/email", "bob@example.com"); res.Status != http.StatusSeeOther {
		t.Fatalf("a taken address = %d", res.Status)
	}
	zh := ask("/zh-cn/account/email", "victim@example.org")
	if got := zh.Doc(t).Find(".notice").Text(); zh.Status != http.StatusTooManyRequests || !strings.Contains(got, "请 5 分钟后再试") {
		t.Errorf("after a taken address, at once, in Chinese = %d %q", zh.Status, got)
	}
	for range 3 {
		shop.Clock.Advance(6 * time.Minute)
		ask("/account/email", "victim@example.org")
	}
	// Five requests today: the next is taken once the first is a day old.
	shop.Clock.Advance(6 * time.Minute)
	res := ask("/account/email", "victim@example.org")
	if got := res.Doc(t).Find(".notice").Text(); res.Status != http.StatusTooManyRequests || !strings.Contains(got, "You can ask again in 24 hours.") {
		t.Errorf("the sixth request of the day = %d %q", res.Status, got)
	}
	if n := countEmails(t, shop, "victim@example.org"); n != 4 {
		t.Errorf("a day of requests sent %d emails to the address, want 4", n)
	}
	shop.Clock.Advance(24 * time.Hour)
	if res := ask("/account/email", "victim@example.org"); res.Status != http.StatusSeeOther {
		t.Errorf("a day after the first request = %d", res.Status)
	}
}

func countEmails(t *testing.T, shop *webtest.Shop, to string) int {
	t.Helper()
	page, err := shop.Store.ListEmails(context.Background(), store.EmailFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range page.Emails {
		if e.To == to {
			n++
		}
	}
	return n
}

// TestAccountConfirmCountsTheOrdersItAdds: confirming an email says that
// earlier orders joined the account only when some did, and how many
// (it said so every time, even with none).
func TestAccountConfirmCountsTheOrdersItAdds(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	shop.PlaceOrder("en", store.PayBankTransfer, flat)
	shop.PlaceOrder("en", store.PayBankTransfer, flat)
	newCustomer(t, shop, "ana@example.com")
	newCustomer(t, shop, "bob@example.com")
	signIn(t, shop, "ana@example.com")
	shop.Post("/account/confirm/"+shop.Email("ana@example.com", store.EmailAccountConfirm).Link, nil)
	if got := shop.Get("/account").Doc(t).Find(".notice").Text(); !strings.Contains(got, "Your email is confirmed. 2 earlier orders placed with it are now in your account.") {
		t.Errorf("confirming with two guest orders says %q", got)
	}

	// Signed out, in Chinese, and with no order: the sign-in page says it.
	bob := shop.OtherBrowser()
	res := bob.Post("/zh-cn/account/confirm/"+shop.Email("bob@example.com", store.EmailAccountConfirm).Link, nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("confirm = %d", res.Status)
	}
	got := bob.Get("/zh-cn/account/login").Doc(t).Find(".notice").Text()
	if !strings.Contains(got, "邮箱已确认。") || strings.Contains(got, "订单") {
		t.Errorf("confirming with no order says %q", got)
	}
}
