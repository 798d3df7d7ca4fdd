package mail_test

import (
	"context"
	"errors"
	"testing"

	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestStaffLinkEmails: an invitation and a password reset link are
// emailed to the person, with the link the owner is shown, in the shop's
// language; a link withdrawn or replaced before the email went is never
// sent.
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
	msg, _ = renderFor(t, r, shop.Email(sam.Email, store.EmailStaffReset))
	wantAll(t, "text", msg.Text, "设置新密码", "https://shop.example/admin/reset/"+reset, "24 小时")
}
