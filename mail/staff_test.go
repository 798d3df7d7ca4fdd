package mail_test

import (
	"context"
	"errors"
	"net/http"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestStaffLinkEmails: an invitation and a password reset link are
// emailed to the person, with the link the owner is shown, in the shop's
// language; a link withdrawn or replaced before the email went, or one
// for an account disabled meanwhile, is never sent.
func TestStaffLinkEmails(t *testing.T) {
	shop := webtest.New(t)
	r := renderer(t, shop)
	ctx := context.Background()
	owner := shop.AddStaff(store.RoleOwner)
	actor := store.Actor{StaffID: owner.ID, Email: owner.Email}

	token, inv, err := shop.Store.InviteStaff(ctx, actor, "nia@example.com", store.RoleManager)
	if err != nil {
		t.Fatal(err)
	}
	e := shop.Email("nia@example.com", store.EmailStaffInvite)
	msg, doc := renderFor(t, r, e)
	link := "https://shop.example/admin/invite/" + token
	wantAll(t, "text", msg.Text, "as Manager", link, "72 hours")
	if doc.Find(`a[href="`+link+`"]`).Length() == 0 || msg.Subject == "" {
		t.Errorf("the invitation's email lacks its link (%q):\n%s", msg.Subject, msg.HTML)
	}
	if err := shop.Store.RevokeInvite(ctx, actor, inv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(ctx, e); !errors.Is(err, mail.ErrStale) {
		t.Errorf("a withdrawn invitation's email renders: %v", err)
	}

	if err := shop.Store.SetSetting(ctx, store.SettingLocale, "zh"); err != nil {
		t.Fatal(err)
	}
	sam := shop.AddStaff(store.RoleSupport)
	first, _, err := shop.Store.CreatePasswordReset(ctx, actor, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	stale := shop.Email(sam.Email, store.EmailStaffReset)
	reset, _, err := shop.Store.CreatePasswordReset(ctx, actor, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(ctx, stale); stale.Link != first || !errors.Is(err, mail.ErrStale) {
		t.Errorf("a replaced reset link's email renders: %v", err)
	}
	current := shop.Email(sam.Email, store.EmailStaffReset)
	msg, _ = renderFor(t, r, current)
	wantAll(t, "text", msg.Text, "设置新密码", "https://shop.example/admin/reset/"+reset, "24 小时")
	// An account disabled before its reset email went gets no link.
	if _, err := shop.Store.SetStaffDisabled(ctx, actor, sam.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(ctx, current); !errors.Is(err, mail.ErrStale) {
		t.Errorf("a disabled account's reset email renders: %v", err)
	}
}

// TestStaffInvitationIsSent: with a mail server, the owner is told the
// invitation was emailed; the sender delivers it with the link the owner
// was shown, and the outbox keeps the link no longer than that.
func TestStaffInvitationIsSent(t *testing.T) {
	shop, fake, _ := mailShop(t)
	shop.LoginAs(store.RoleOwner)
	if res := shop.Post("/admin/staff/invite", url.Values{"email": {"nia@example.com"}, "role": {store.RoleManager}}); res.Status != http.StatusSeeOther {
		t.Fatalf("invite = %d", res.Status)
	}
	doc := shop.Get("/admin/staff").Doc(t)
	link := doc.Find("[data-invite-link]").AttrOr("value", "")
	if got := doc.Find(".one-time-secret p").Text(); got != i18n.TL("en", "admin.staff.invite_made", 72) || link == "" {
		t.Fatalf("beside the link %q: %q", link, got)
	}
	shop.Emails.SendDue(context.Background())
	mails, _ := fake.Received()
	if len(mails) != 1 || mails[0].To != "RCPT TO:<nia@example.com>" {
		t.Fatalf("sent %+v", mails)
	}
	msg, err := netmail.ReadMessage(strings.NewReader(mails[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	_, token, _ := strings.Cut(link, "/admin/invite/")
	if text := mimeParts(t, msg)["text/plain; charset=utf-8"]; token == "" || !strings.Contains(text, "/admin/invite/"+token) {
		t.Errorf("the email lacks the link the owner was shown (%s):\n%s", link, text)
	}
	if e := shop.Email("nia@example.com", store.EmailStaffInvite); e.Status != store.EmailSent || e.Link != "" {
		t.Errorf("after sending: status %q, link %q kept", e.Status, e.Link)
	}
}
