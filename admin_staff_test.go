package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// otherBrowser is a second browser on the same shop, with its own cookies.
func (s *testShop) otherBrowser() *testShop {
	b := *s
	jar, _ := cookiejar.New(nil)
	b.client = &http.Client{Jar: jar, CheckRedirect: s.client.CheckRedirect}
	return &b
}

// linkPath is the path of an absolute link the admin showed.
func linkPath(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		t.Fatalf("link %q is not absolute", link)
	}
	return u.Path
}

func wantRedirect(t *testing.T, res response, status int, prefix string) {
	t.Helper()
	if loc := res.header.Get("Location"); res.status != status || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d → %q, want %d → %s…\n%s", res.status, loc, status, prefix, res.body)
	}
}

// TestInviteStory: the owner invites a manager, the link is shown once,
// the invitee creates the account through it and signs in, and the link
// stops working.
func TestInviteStory(t *testing.T) {
	shop := newTestShop(t)
	shop.loginAs(store.RoleOwner)

	page := shop.get("/admin/staff")
	if page.status != http.StatusOK || !strings.Contains(page.body, i18n.TL("en", "admin.staff.invite_note", 72)) {
		t.Fatalf("staff page = %d\n%s", page.status, page.body)
	}
	bad := shop.post("/admin/staff/invite", url.Values{"email": {"not an email"}, "role": {store.RoleManager}})
	if bad.status != http.StatusUnprocessableEntity || bad.doc(t).Find("#email-error").Length() != 1 ||
		bad.doc(t).Find("#invite-email").AttrOr("value", "") != "not an email" {
		t.Fatalf("bad invite = %d\n%s", bad.status, bad.body)
	}
	wantRedirect(t, shop.post("/admin/staff/invite", url.Values{"email": {"Nia@Example.com"}, "role": {store.RoleManager}}),
		http.StatusSeeOther, "/admin/staff")
	doc := shop.get("/admin/staff").doc(t)
	link := doc.Find("[data-invite-link]").AttrOr("value", "")
	if !strings.Contains(link, "/admin/invite/") || doc.Find(`tr[data-invite-email="nia@example.com"]`).Length() != 1 {
		t.Fatalf("no invitation link or pending row:\n%s", doc.Text())
	}
	if shop.get("/admin/staff").doc(t).Find("[data-invite-link]").Length() != 0 {
		t.Error("the invitation link is shown a second time")
	}

	nia := shop.otherBrowser()
	path := linkPath(t, link)
	form := nia.get(path)
	if form.status != http.StatusOK || form.doc(t).Find("#invite-email").AttrOr("value", "") != "nia@example.com" {
		t.Fatalf("invite form = %d\n%s", form.status, form.body)
	}
	if form.header.Get("Referrer-Policy") != "no-referrer" {
		t.Error("invite page may leak its token in Referer")
	}
	short := nia.post(path, url.Values{"name": {"Nia"}, "password": {"short"}})
	if short.status != http.StatusUnprocessableEntity || short.doc(t).Find("#invite-name").AttrOr("value", "") != "Nia" ||
		short.doc(t).Find("#password-error").Length() != 1 {
		t.Fatalf("short password = %d\n%s", short.status, short.body)
	}
	wantRedirect(t, nia.post(path, url.Values{"name": {"Nia"}, "password": {"nia's long password"}}), http.StatusSeeOther, "/admin")
	if home := nia.get("/admin"); home.status != http.StatusOK || !strings.Contains(home.body, "Nia") {
		t.Fatalf("invitee's admin home = %d", home.status)
	}
	nia.post("/admin/logout", nil)
	nia.login("nia@example.com", "nia's long password")
	if res := nia.get("/admin/staff"); res.status != http.StatusForbidden {
		t.Errorf("manager on /admin/staff = %d, want 403", res.status)
	}

	for _, res := range []response{nia.get(path), shop.otherBrowser().post(path, url.Values{"name": {"Eve"}, "password": {"eve's long password"}})} {
		if res.status != http.StatusNotFound || !strings.Contains(res.body, i18n.TL("en", "admin.invite.gone_title")) {
			t.Errorf("used link = %d\n%s", res.status, res.body)
		}
	}
	row := shop.get("/admin/staff").doc(t).Find(`tr[data-staff-email="nia@example.com"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "Manager") {
		t.Errorf("staff list row for the invitee: %q", row.Text())
	}
	actions := shop.get("/admin/audit").doc(t).Find("tr[data-action]").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("data-action", "") })
	for _, want := range []string{store.ActionStaffInvite, store.ActionStaffInviteAccept} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
}

// TestInviteAcceptedOnceAtOnce: several browsers submit the same link at
// the same moment; one account is created, the rest are told it is gone.
func TestInviteAcceptedOnceAtOnce(t *testing.T) {
	shop := newTestShop(t)
	owner := shop.addStaff(store.RoleOwner)
	token, _, err := shop.store.InviteStaff(context.Background(), store.Actor{StaffID: owner.ID}, "race@example.com", store.RoleSupport)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"name": {"Racer"}, "password": {"racer's long password"}}
	shop.postAtOnce(t, 6, adminviews.InviteURL(token), form, http.StatusNotFound)
	if n, _ := shop.store.StaffCount(context.Background()); n != 2 {
		t.Errorf("staff count = %d, want 2", n)
	}
}

// TestOwnerCannotLockThemselvesOut: no disabling or demoting oneself, from
// the page or by a hand-made POST.
func TestOwnerCannotLockThemselvesOut(t *testing.T) {
	shop := newTestShop(t)
	me := shop.loginAs(store.RoleOwner)
	page := shop.get(adminviews.StaffURL(me.ID)).doc(t)
	if page.Find(`form[action$="/disable"], form[action$="/role"]`).Length() != 0 {
		t.Error("own page offers disable or role change")
	}
	res := shop.post(adminviews.StaffURL(me.ID)+"/disable", nil)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, i18n.TL("en", "error.staff_self_disable")) {
		t.Errorf("disable self = %d\n%s", res.status, res.body)
	}
	res = shop.post(adminviews.StaffURL(me.ID)+"/role", url.Values{"role": {store.RoleSupport}, "version": {itoa(me.Version)}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, i18n.TL("en", "error.staff_self_demote")) {
		t.Errorf("demote self = %d\n%s", res.status, res.body)
	}
	if st, _ := shop.store.StaffByID(context.Background(), me.ID); st.Role != store.RoleOwner || st.Disabled {
		t.Errorf("owner after attempts: %+v", st)
	}
	if res := shop.get("/admin/staff"); res.status != http.StatusOK {
		t.Errorf("owner still signed in? %d", res.status)
	}
}

// TestStaleRoleEdit: the owner's role form was loaded before someone else
// changed the account; saving answers 409 with the choice kept, and saving
// again applies it.
func TestStaleRoleEdit(t *testing.T) {
	shop := newTestShop(t)
	shop.loginAs(store.RoleOwner)
	sam := shop.addStaff(store.RoleSupport)
	version := shop.get(adminviews.StaffURL(sam.ID)).doc(t).Find(`input[name=version]`).AttrOr("value", "")
	if version != itoa(sam.Version) {
		t.Fatalf("form version = %q", version)
	}
	if _, err := shop.store.ChangeStaffRole(context.Background(), store.Actor{}, sam.ID, sam.Version, store.RoleOwner); err != nil {
		t.Fatal(err)
	}
	res := shop.post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {store.RoleManager}, "version": {version}})
	doc := res.doc(t)
	if res.status != http.StatusConflict || doc.Find("[data-stale]").Length() != 1 {
		t.Fatalf("stale save = %d\n%s", res.status, res.body)
	}
	if got := doc.Find(`select[name=role] option[selected]`).AttrOr("value", ""); got != store.RoleManager {
		t.Errorf("choice kept = %q", got)
	}
	fresh := doc.Find(`input[name=version]`).AttrOr("value", "")
	wantRedirect(t, shop.post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {store.RoleManager}, "version": {fresh}}),
		http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	if st, _ := shop.store.StaffByID(context.Background(), sam.ID); st.Role != store.RoleManager {
		t.Errorf("role = %s", st.Role)
	}
	if res := shop.post(adminviews.StaffURL(sam.ID)+"/role", url.Values{"role": {"admin"}, "version": {"x"}}); res.status != http.StatusBadRequest {
		t.Errorf("garbled version = %d", res.status)
	}
}

// TestDisableSignsOutAtOnce: disabling an account ends its sessions: the
// member's very next request goes to the login page, where the password no
// longer works until the owner enables the account again.
func TestDisableSignsOutAtOnce(t *testing.T) {
	shop := newTestShop(t)
	shop.loginAs(store.RoleOwner)
	sam := shop.addStaff(store.RoleSupport)
	samBrowser := shop.otherBrowser()
	samBrowser.login(sam.Email, testPassword)
	if res := samBrowser.get("/admin"); res.status != http.StatusOK {
		t.Fatalf("sam's admin = %d", res.status)
	}

	wantRedirect(t, shop.post(adminviews.StaffURL(sam.ID)+"/disable", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	wantRedirect(t, samBrowser.get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := samBrowser.post("/admin/login", url.Values{"email": {sam.Email}, "password": {testPassword}}); res.status != http.StatusUnauthorized {
		t.Errorf("disabled login = %d", res.status)
	}
	row := shop.get("/admin/staff").doc(t).Find(`tr[data-staff-email="` + sam.Email + `"] [data-status]`)
	if row.AttrOr("data-status", "") != "disabled" {
		t.Errorf("status on the list = %q", row.AttrOr("data-status", ""))
	}
	wantRedirect(t, shop.post(adminviews.StaffURL(sam.ID)+"/enable", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	samBrowser.login(sam.Email, testPassword)
}

// TestPasswordResetLink: the owner makes a reset link, the member sets a
// new password with it, is signed out elsewhere, and the link is spent.
func TestPasswordResetLink(t *testing.T) {
	shop := newTestShop(t)
	shop.loginAs(store.RoleOwner)
	sam := shop.addStaff(store.RoleManager)
	elsewhere := shop.otherBrowser()
	elsewhere.login(sam.Email, testPassword)

	wantRedirect(t, shop.post(adminviews.StaffURL(sam.ID)+"/reset", nil), http.StatusSeeOther, adminviews.StaffURL(sam.ID))
	link := shop.get(adminviews.StaffURL(sam.ID)).doc(t).Find("[data-reset-link]").AttrOr("value", "")
	path := linkPath(t, link)

	samBrowser := shop.otherBrowser()
	if res := samBrowser.get(path); res.status != http.StatusOK || !strings.Contains(res.body, sam.Email) {
		t.Fatalf("reset form = %d", res.status)
	}
	if res := samBrowser.post(path, url.Values{"password": {"short"}}); res.status != http.StatusUnprocessableEntity {
		t.Errorf("short password = %d", res.status)
	}
	wantRedirect(t, samBrowser.post(path, url.Values{"password": {"sam's new password"}}), http.StatusSeeOther, "/admin")
	if res := samBrowser.get("/admin"); res.status != http.StatusOK {
		t.Errorf("signed in after reset? %d", res.status)
	}
	wantRedirect(t, elsewhere.get("/admin"), http.StatusSeeOther, "/admin/login")
	if res := samBrowser.get(path); res.status != http.StatusNotFound {
		t.Errorf("spent reset link = %d", res.status)
	}
	shop.otherBrowser().login(sam.Email, "sam's new password")
}

// TestResetLinkUsedOnceAtOnce: the member opens the reset link in two
// tabs and submits both at the same moment; one sets the password and
// signs in, the other finds the link spent.
func TestResetLinkUsedOnceAtOnce(t *testing.T) {
	shop := newTestShop(t)
	owner := shop.addStaff(store.RoleOwner)
	sam := shop.addStaff(store.RoleManager)
	token, _, err := shop.store.CreatePasswordReset(context.Background(), store.Actor{StaffID: owner.ID}, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	shop.postAtOnce(t, 6, adminviews.ResetURL(token), url.Values{"password": {"sam's new password"}}, http.StatusNotFound)
	if sessions, _ := shop.store.StaffSessions(context.Background(), sam.ID); len(sessions) != 1 {
		t.Errorf("sam has %d sessions after the race, want 1", len(sessions))
	}
	if page, _ := shop.store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionStaffPasswordReset}); page.Total != 1 {
		t.Errorf("password reset audit entries = %d, want 1", page.Total)
	}
	shop.otherBrowser().login(sam.Email, "sam's new password")
}
