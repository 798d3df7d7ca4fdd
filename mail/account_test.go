package mail_test

import (
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestEmailChangeEmails: the link to confirm a new email says it is about
// changing an existing account's email, and its footer why the address
// got it, for it has no account (the footer said it had); the notice to
// the old address says the email was changed and offers no button, as
// that address no longer signs in. Both in either language.
func TestEmailChangeEmails(t *testing.T) {
	shop := webtest.New(t)
	r := renderer(t, shop)
	cases := []struct {
		kind, locale, link string
		wants              []string
	}{
		{store.EmailAccountEmailChange, "en", "https://shop.example/account/confirm/tok", []string{
			"Confirm your new email", "change the email of their account to this address",
			"someone asked to use this address for their account at Test Shop", "If it was not you, ignore this email"}},
		{store.EmailAccountEmailChange, "zh", "https://shop.example/zh-cn/account/confirm/tok", []string{
			"确认新邮箱", "有人申请将其账户的邮箱改为此邮箱", "是因为有人申请在", "如果不是您本人，请忽略此邮件"}},
		{store.EmailAccountEmailChanged, "en", "", []string{
			"Your account's email was changed", "no longer signs in", "If you did not, contact us at once.",
			"this address was, until now, the email of your account at"}},
		{store.EmailAccountEmailChanged, "zh", "", []string{"账户邮箱已更改", "请立即联系我们", "此邮箱此前是您在"}},
	}
	for _, c := range cases {
		msg, doc := renderFor(t, r, store.Email{Kind: c.kind, Locale: c.locale, To: "mei@example.com", CustomerID: 1, Link: "tok"})
		wantAll(t, c.kind+" "+c.locale, msg.Text, c.wants...)
		if strings.Contains(msg.Text, "has an account at") || strings.Contains(msg.Text, "此邮箱在") {
			t.Errorf("%s %s says the address has an account:\n%s", c.kind, c.locale, msg.Text)
		}
		buttons := doc.Find("a.button")
		if c.link == "" && buttons.Length() != 0 {
			t.Errorf("%s %s has a button to %q", c.kind, c.locale, buttons.AttrOr("href", ""))
		}
		if c.link != "" && buttons.AttrOr("href", "") != c.link {
			t.Errorf("%s %s links to %q, want %s", c.kind, c.locale, buttons.AttrOr("href", ""), c.link)
		}
	}
}
