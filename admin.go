package main

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	adminviews "storefront/views/admin"
)

// sessionStaffToken is the admin's one session key: the staff session's
// token, whose SHA-256 is a row of staff_sessions. That row, not the
// cookie, decides whether the browser is signed in (revocation, idle and
// absolute timeouts), so the shopper's 30-day cookie can carry it safely.
const sessionStaffToken = "admin.staff_token"

// staffTouchEvery limits how often a busy session's last_seen_at is written.
const staffTouchEvery = time.Minute

type staffCtxKey struct{}

type staffCtx struct {
	staff   *store.Staff
	session *store.StaffSession
}

// currentStaff is the signed-in staff member that requireStaff put in the
// context, or nil outside admin routes.
func currentStaff(ctx context.Context) *store.Staff {
	if sc, ok := ctx.Value(staffCtxKey{}).(*staffCtx); ok {
		return sc.staff
	}
	return nil
}

// currentStaffSession is the session of currentStaff, so that a sessions
// page can mark "this browser".
func currentStaffSession(ctx context.Context) *store.StaffSession {
	if sc, ok := ctx.Value(staffCtxKey{}).(*staffCtx); ok {
		return sc.session
	}
	return nil
}

// actor is who the audit log should name for a change made by r.
func (a *app) actor(r *http.Request) store.Actor {
	act := store.Actor{IP: a.clientIP(r)}
	if st := currentStaff(r.Context()); st != nil {
		act.StaffID, act.Email = st.ID, st.Email
	}
	return act
}

// requireStaff is the admin's one gate. It sends anonymous visitors (and
// revoked, timed-out or disabled sessions) to the login page, answers 403
// when the role lacks perm, and otherwise calls h with the staff member in
// the context (currentStaff).
func (a *app) requireStaff(perm permission, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ctx := r.Context()
		st, sess, err := a.store.StaffSessionValid(ctx, a.sessions.GetString(ctx, sessionStaffToken))
		if errors.Is(err, store.ErrNotFound) {
			a.sessions.Remove(ctx, sessionStaffToken)
			a.redirectToLogin(w, r)
			return
		}
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if a.store.Now().Sub(sess.LastSeenAt) >= staffTouchEvery {
			if err := a.store.TouchStaffSession(ctx, sess.ID); err != nil {
				a.log.Warn("touch staff session", "id", requestID(ctx), "err", err)
			}
		}
		r = r.WithContext(context.WithValue(ctx, staffCtxKey{}, &staffCtx{staff: st, session: sess}))
		if !can(st.Role, perm) {
			a.adminMessage(w, r, http.StatusForbidden, "admin.forbidden.title", "admin.forbidden.msg")
			return
		}
		h(w, r)
	})
}

// redirectToLogin sends an anonymous visitor to sign in and, for a page
// (GET), back to it afterwards. A shop without staff goes to setup instead.
func (a *app) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	if a.needsSetup(w, r) {
		return
	}
	target := "/admin/login"
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if next := r.URL.RequestURI(); next != "/admin" {
			target += "?next=" + url.QueryEscape(next)
		}
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// localAdminPath returns next when it is a path inside /admin on this
// site, else "/admin": the login form's return address must not become an
// open redirect.
func localAdminPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.ContainsAny(next, "\\\r\n\t") ||
		strings.HasPrefix(next, "//") || path.Clean(u.Path) != strings.TrimSuffix(u.Path, "/") ||
		(u.Path != "/admin" && !strings.HasPrefix(u.Path, "/admin/")) {
		return "/admin"
	}
	return next
}

// adminNavItems is the admin menu in order. An item shows when the role
// has its permission and its page is registered in adminRoutes, so an area
// appears in the menu as soon as its route is added there.
var adminNavItems = []struct {
	key  string
	path string
	perm permission
}{
	{"admin.nav.home", "/admin", permDashboard},
	{"admin.nav.products", "/admin/products", permCatalogRead},
	{"admin.nav.collections", "/admin/collections", permCatalogRead},
	{"admin.nav.orders", "/admin/orders", permOrders},
	{"admin.nav.emails", "/admin/emails", permOrders},
	{"admin.nav.customers", "/admin/customers", permCustomers},
	{"admin.nav.promotions", "/admin/promotions", permPromotions},
	{"admin.nav.returns", "/admin/returns", permReturns},
	{"admin.nav.settings", "/admin/settings", permSettings},
	{"admin.nav.staff", "/admin/staff", permStaff},
	{"admin.nav.audit", "/admin/audit", permAudit},
	{"admin.nav.account", "/admin/account/security", permAccount},
}

// adminRouteSet holds the patterns of adminRoutes. The menu asks about a
// dozen of them on every admin page, so the list is read once, not rebuilt
// for each question.
type adminRouteSet struct {
	once     sync.Once
	patterns map[string]bool
}

// hasAdminRoute reports whether adminRoutes registers pattern.
func (a *app) hasAdminRoute(pattern string) bool {
	set := &a.adminPatterns
	set.once.Do(func() {
		set.patterns = map[string]bool{}
		for _, rt := range a.adminRoutes() {
			set.patterns[rt.pattern] = true
		}
	})
	return set.patterns[pattern]
}

// adminShell builds the admin layout's data for r; titleKey names the page.
func (a *app) adminShell(r *http.Request, titleKey string) adminviews.Shell {
	ctx := r.Context()
	settings, err := a.store.Settings(ctx)
	if err != nil {
		a.log.Error("settings", "err", err)
	}
	sh := adminviews.Shell{
		StoreName: settings.StoreName,
		Title:     i18n.T(ctx, titleKey),
		ThemeCSS:  themes.URL(themes.Default),
		AppCSS:    assets.Static.URL("app.css"),
		AdminCSS:  assets.Static.URL("admin.css"),
		HTMXJS:    assets.Static.URL("htmx.min.js"),
		Path:      r.URL.RequestURI(),
		Staff:     currentStaff(ctx),
	}
	if sh.Staff == nil {
		return sh
	}
	for _, item := range adminNavItems {
		if !can(sh.Staff.Role, item.perm) || !a.hasAdminRoute("GET "+item.path) {
			continue
		}
		current := r.URL.Path == item.path || (item.path != "/admin" && strings.HasPrefix(r.URL.Path, item.path+"/"))
		sh.Nav = append(sh.Nav, adminviews.NavItem{Label: i18n.T(ctx, item.key), URL: item.path, Current: current})
	}
	return sh
}

// adminMessage answers with a message page in the admin layout: 403, 429
// and the like. args fill the message's placeholders.
func (a *app) adminMessage(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string, args ...any) {
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, r, status, adminviews.Message(adminviews.MessagePage{
		Shell:   a.adminShell(r, titleKey),
		Status:  status,
		Title:   i18n.T(ctx, titleKey),
		Message: i18n.T(ctx, msgKey, args...),
	}))
}
