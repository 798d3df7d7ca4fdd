package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// linkPath is the path of an absolute link the admin showed.
func linkPath(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		t.Fatalf("link %q is not absolute", link)
	}
	return u.Path
}

func wantRedirect(t *testing.T, res webtest.Response, status int, prefix string) {
	t.Helper()
	if loc := res.Header.Get("Location"); res.Status != status || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d → %q, want %d → %s…\n%s", res.Status, loc, status, prefix, res.Body)
	}
}

// TestInviteStory: the owner invites a manager, the link is shown once,
// the invitee creates the account through it and signs in, and the link
// stops working.
func TestInviteStory(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)

	page := shop.Get("/admin/staff")
	if page.Status != http.StatusOK || !strings.Contains(page.Body, i18n.TL("en", "admin.staff.invite_note", 72)) {
		t.Fatalf("staff page = %d\n%s", page.Status, page.Body)
	}
	bad := shop.Post("/admin/staff/invite", url.Values{"email": {"not an email"}, "role": {store.RoleManager}})
	if bad.Status != http.StatusUnprocessableEntity || bad.Doc(t).Find("#email-error").Length() != 1 ||
		bad.Doc(t).Find("#invite-email").AttrOr("value", "") != "not an email" {
		t.Fatalf("bad invite = %d\n%s", bad.Status, bad.Body)
	}
	wantRedirect(t, shop.Post("/admin/staff/invite", url.Values{"email": {"Nia@Example.com"}, "role": {store.RoleManager}}),
		http.StatusSeeOther, "/admin/staff")
	doc := shop.Get("/admin/staff").Doc(t)
	link := doc.Find("[data-invite-link]").AttrOr("value", "")
	if !strings.Contains(link, "/admin/invite/") || doc.Find(`tr[data-invite-email="nia@example.com"]`).Length() != 1 {
		t.Fatalf("no invitation link or pending row:\n%s", doc.Text())
	}
	// The shop in this test has no mail server: the email waits, and the
	// owner is told to send the link themselves.
	if got := doc.Find(".one-time-secret p").Text(); got != i18n.TL("en", "admin.staff.invite_made_no_mail", 72) {
		t.Errorf("beside the link: %q", got)
	}
	e := shop.Email("nia@example.com", store.EmailStaffInvite)
	if !strings.HasSuffix(link, "/"+e.Link) {
		t.Errorf("the invitation's email carries %q, the page shows %q", e.Link, link)
	}
	// Other staff reading the outbox must not get the link from it.
	if page := shop.Get(fmt.Sprintf("/admin/emails/%d", e.ID)); !strings.Contains(page.Body, i18n.TL("en", "admin.emails.link_withheld")) ||
		strings.Contains(page.Body, e.Link) {
		t.Errorf("the invitation's email in the admin:\n%s", page.Body)
	}
	if shop.Get("/admin/staff").Doc(t).Find("[data-invite-link]").Length() != 0 {
		t.Error("the invitation link is shown a second time")
	}

	nia := shop.OtherBrowser()
	path := linkPath(t, link)
	form := nia.Get(path)
	if form.Status != http.StatusOK || form.Doc(t).Find("#invite-email").AttrOr("value", "") != "nia@example.com" {
		t.Fatalf("invite form = %d\n%s", form.Status, form.Body)
	}
	if form.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Error("invite page may leak its token in Referer")
	}
	short := nia.Post(path, url.Values{"name": {"Nia"}, "password": {"short"}})
	if short.Status != http.StatusUnprocessableEntity || short.Doc(t).Find("#invite-name").AttrOr("value", "") != "Nia" ||
		short.Doc(t).Find("#password-error").Length() != 1 {
		t.Fatalf("short password = %d\n%s", short.Status, short.Body)
	}
	wantRedirect(t, nia.Post(path, url.Values{"name": {"Nia"}, "password": {"nia's long password"}}), http.StatusSeeOther, "/admin")
	home := nia.Get("/admin")
	if home.Status != http.StatusOK || !strings.Contains(home.Body, "Nia") {
		t.Fatalf("invitee's admin home = %d", home.Status)
	}
	if got := home.Doc(t).Find(".notice-success").Text(); got != i18n.TL("en", "admin.invite.done") {
		t.Errorf("the invitee's first page says %q, want the welcome", got)
	}
	nia.Post("/admin/logout", nil)
	nia.Login("nia@example.com", "nia's long password")
	if res := nia.Get("/admin/staff"); res.Status != http.StatusForbidden {
		t.Errorf("manager on /admin/staff = %d, want 403", res.Status)
	}

	for _, res := range []webtest.Response{nia.Get(path), shop.OtherBrowser().Post(path, url.Values{"name": {"Eve"}, "password": {"eve's long password"}})} {
		if res.Status != http.StatusNotFound || !strings.Contains(res.Body, i18n.TL("en", "admin.invite.gone_title")) {
			t.Errorf("used link = %d\n%s", res.Status, res.Body)
		}
	}
	row := shop.Get("/admin/staff").Doc(t).Find(`tr[data-staff-email="nia@example.com"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "Manager") {
		t.Errorf("staff list row for the invitee: %q", row.Text())
	}
	actions := shop.Get("/admin/audit").Doc(t).Find("tr[data-action]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-action", "") })
	for _, want := range []string{store.ActionStaffInvite, store.ActionStaffInviteAccept} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
}

// TestInviteAcceptedOnceAtOnce: several browsers submit the same link at
// the same moment; one account is created, the rest are told it is gone.
func TestInviteAcceptedOnceAtOnce(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	token, _, err := shop.Store.InviteStaff(context.Background(), store.Actor{StaffID: owner.ID}, "race@example.com", store.RoleSupport)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"name": {"Racer"}, "password": {"racer's long password"}}
	shop.PostAtOnce(t, 6, adminviews.InviteURL(token), form, http.StatusNotFound)
	if n, _ := shop.Store.StaffCount(context.Background()); n != 3 {
		t.Errorf("staff count = %d, want 3 (webtest's owner, this one and one invited)", n)
	}
}

// TestOwnerCannotLockThemselvesOut: no disabling or demoting oneself, from
// the page or by a hand-made POST.
func TestOwnerCannotLockThemselvesOut(t *testing.T) {
	shop := webtest.New(t)
	me := shop.LoginAs(store.RoleOwner)
	page := shop.Get(adminviews.StaffURL(me.ID)).Doc(t)
	if page.Find(`form[action$="/disable"], form[action$="/role"]`).Length() != 0 {
		t.Error("own page offers disable or role change")
	}
	res := shop.Post(adminviews.StaffURL(me.ID)+"/disable", nil)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, i18n.TL("en", "error.staff_self_disable")) {
		t.Errorf("disable self = %d\n%s", res.Status, res.Body)
	}
	res = shop.Post(adminviews.StaffURL(me.ID)+"/role", url.Values{"role": {store.RoleSupport}, "version": {itoa(me.Version)}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, i18n.TL("en", "error.staff_self_demote")) {
		t.Errorf("demote self = %d\n%s", res.Status, res.Body)
	}
	if st, _ := shop.Store.StaffByID(context.Background(), me.ID); st.Role != store.RoleOwner || st.Disabled {
		t.Errorf("owner after attempts: %+v", st)
	}
	if res := shop.Get("/admin/staff"); res.Status != http.StatusOK {
		t.Errorf("owner still signed in? %d", res.Status)
	}
}

// TestStaleRoleEdit: the owner's role form was loaded before someone else
// changed the account; saving answers 409 with the choice kept, and saving
// again applies it.
func TestStaleRoleEdit(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	sam := shop.AddStaff(store.RoleSupport)
	version := shop.Get(adminviews.StaffURL(sam.ID)).Doc(t).Find(`input[name=version]`).AttrOr("value", "")
	if version != itoa(sam.Version) {
		t.Fatalf("form version = %q", version)
	}
	if _, err := shop.Store.ChangeStaffRole(context.Background(), store.Actor{}, sam.ID, sam.Version, store.RoleOwner); err != nil {
		t.Fatal(err)
	}
	res := shop.Post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {store.RoleManager}, "version": {version}})
	doc := res.Doc(t)
	if res.Status != http.StatusConflict || doc.Find("[data-stale]").Length() != 1 {
		t.Fatalf("stale save = %d\n%s", res.Status, res.Body)
	}
	if got := doc.Find(`select[name=role] option[selected]`).AttrOr("value", ""); got != store.RoleManager {
		t.Errorf("choice kept = %q", got)
	}
	fresh := doc.Find(`input[name=version]`).AttrOr("value", "")
	wantRedirect(t, shop.Post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {store.RoleManager}, "version": {fresh}}),
		http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	if st, _ := shop.Store.StaffByID(context.Background(), sam.ID); st.Role != store.RoleManager {
		t.Errorf("role = %s", st.Role)
	}
	if res := shop.Post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {"admin"}, "version": {"x"}}); res.Status != http.StatusBadRequest {
		t.Errorf("garbled version = %d", res.Status)
	}
}

// TestDisableSignsOutAtOnce: disabling an account ends its sessions: the
// member's very next request goes to the login page, where the password no
// longer works until the owner enables the account again.
func TestDisableSignsOutAtOnce(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	sam := shop.AddStaff(store.RoleSupport)
	samBrowser := shop.OtherBrowser()
	samBrowser.Login(sam.Email, webtest.Password)
	if res := samBrowser.Get("/admin"); res.Status != http.StatusOK {
		t.Fatalf("sam's admin = %d", res.Status)
	}

	wantRedirect(t, shop.Post(adminviews.StaffURL(sam.ID)+"/disable", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	wantRedirect(t, samBrowser.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := samBrowser.Post("/admin/login", url.Values{"email": {sam.Email}, "password": {webtest.Password}}); res.Status != http.StatusUnauthorized {
		t.Errorf("disabled login = %d", res.Status)
	}
	row := shop.Get("/admin/staff").Doc(t).Find(`tr[data-staff-email="` + sam.Email + `"] [data-status]`)
	if row.AttrOr("data-status", "") != "disabled" {
		t.Errorf("status on the list = %q", row.AttrOr("data-status", ""))
	}
	wantRedirect(t, shop.Post(adminviews.StaffURL(sam.ID)+"/enable", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	samBrowser.Login(sam.Email, webtest.Password)
}

// TestPasswordResetLink: the owner makes a reset link, the member sets a
// new password with it, is signed out elsewhere, and the link is spent.
func TestPasswordResetLink(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	sam := shop.AddStaff(store.RoleManager)
	elsewhere := shop.OtherBrowser()
	elsewhere.Login(sam.Email, webtest.Password)

	wantRedirect(t, shop.Post(adminviews.StaffURL(sam.ID)+"/reset", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	link := shop.Get(adminviews.StaffURL(sam.ID)).Doc(t).Find("[data-reset-link]").AttrOr("value", "")
	path := linkPath(t, link)

	samBrowser := shop.OtherBrowser()
	if res := samBrowser.Get(path); res.Status != http.StatusOK || !strings.Contains(res.Body, sam.Email) {
		t.Fatalf("reset form = %d", res.Status)
	}
	if res := samBrowser.Post(path, url.Values{"password": {"short"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("short password = %d", res.Status)
	}
	wantRedirect(t, samBrowser.Post(path, url.Values{"password": {"sam's new password"}}), http.StatusSeeOther, "/admin")
	if res := samBrowser.Get("/admin"); res.Status != http.StatusOK ||
		res.Doc(t).Find(".notice-success").Text() != i18n.TL("en", "admin.reset.done") {
		t.Errorf("signed in after reset, and told the password was saved? %d\n%s", res.Status, res.Body)
	}
	wantRedirect(t, elsewhere.Get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := samBrowser.Get(path); res.Status != http.StatusNotFound {
		t.Errorf("spent reset link = %d", res.Status)
	}
	shop.OtherBrowser().Login(sam.Email, "sam's new password")
}

// TestResetWithTwoFactorLandsOnSignIn: with two-factor on, a reset link
// does not sign the member in (it does not stand for the code); the
// sign-in page they land on says the password was saved, in their
// language, has their email filled in and asks for the code at once.
func TestResetWithTwoFactorLandsOnSignIn(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			shop := webtest.New(t)
			owner := shop.AddStaff(store.RoleOwner)
			sam := shop.LoginAs(store.RoleManager)
			secret, _, _ := enrolThroughPage(t, shop)
			token, _, err := shop.Store.CreatePasswordReset(context.Background(), store.Actor{StaffID: owner.ID}, sam.ID)
			if err != nil {
				t.Fatal(err)
			}
			b := shop.OtherBrowser()
			b.Get("/lang/" + lang + "?next=/admin")
			wantRedirect(t, b.Post(adminviews.ResetURL(token), url.Values{"password": {"sam's new password"}}), http.StatusSeeOther, "/admin/login")
			doc := b.Get("/admin/login").Doc(t)
			if got, want := doc.Find(".notice-success").Text(), i18n.TL(lang, "admin.reset.done_otp"); got != want {
				t.Errorf("the sign-in page says %q, want %q", got, want)
			}
			if got := doc.Find("#login-email").AttrOr("value", ""); got != sam.Email {
				t.Errorf("email filled in = %q, want %q", got, sam.Email)
			}
			if doc.Find("#login-otp").Length() != 1 || doc.Find("#login-password[autofocus]").Length() != 1 {
				t.Error("the sign-in page does not ask for the code, or does not start at the password")
			}
			if doc := b.Get("/admin/login").Doc(t); doc.Find(".notice-success").Length() != 0 || doc.Find("#login-email").AttrOr("value", "") != "" {
				t.Error("the notice or the email shows a second time")
			}
			shop.Clock.Advance(30 * time.Second)
			wantRedirect(t, loginOTP(b, sam.Email, "sam's new password", totpCode(shop, secret)), http.StatusSeeOther, "/admin")
		})
	}
}

// TestResetLinkUsedOnceAtOnce: the member opens the reset link in two
// tabs and submits both at the same moment; one sets the password and
// signs in, the other finds the link spent.
func TestResetLinkUsedOnceAtOnce(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	sam := shop.AddStaff(store.RoleManager)
	token, _, err := shop.Store.CreatePasswordReset(context.Background(), store.Actor{StaffID: owner.ID}, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	shop.PostAtOnce(t, 6, adminviews.ResetURL(token), url.Values{"password": {"sam's new password"}}, http.StatusNotFound)
	if sessions, _ := shop.Store.StaffSessions(context.Background(), sam.ID); len(sessions) != 1 {
		t.Errorf("sam has %d sessions after the race, want 1", len(sessions))
	}
	if page, _ := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionStaffPasswordReset}); page.Total != 1 {
		t.Errorf("password reset audit entries = %d, want 1", page.Total)
	}
	shop.OtherBrowser().Login(sam.Email, "sam's new password")
}

// TestInviteRefusesASpacesOnlyPassword: a password of nothing but spaces
// is long enough to pass a length rule, and would be the first one a
// guesser tries: the invitee is told to choose another and keeps the name
// they typed, and no account is made that such a password signs in to.
func TestInviteRefusesASpacesOnlyPassword(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	token, _, err := shop.Store.InviteStaff(context.Background(), store.Actor{StaffID: owner.ID}, "sam@example.com", store.RoleSupport)
	if err != nil {
		t.Fatal(err)
	}
	blank := strings.Repeat(" ", 10)
	res := shop.Post(adminviews.InviteURL(token), url.Values{"name": {"Sam"}, "password": {blank}})
	doc := res.Doc(t)
	if res.Status != http.StatusUnprocessableEntity || doc.Find("#invite-name").AttrOr("value", "") != "Sam" ||
		strings.TrimSpace(doc.Find("#password-error").Text()) != i18n.TL("en", "error.password_blank") {
		t.Fatalf("invitation accepted with spaces for a password = %d\n%s", res.Status, res.Body)
	}
	signIn := shop.OtherBrowser().Post("/admin/login", url.Values{"email": {"sam@example.com"}, "password": {blank}})
	if signIn.Status == http.StatusSeeOther {
		t.Fatal("signed in with a password of spaces")
	}
	wantRedirect(t, shop.Post(adminviews.InviteURL(token), url.Values{"name": {"Sam"}, "password": {"  sam's own passphrase  "}}),
		http.StatusSeeOther, "/admin")
}
