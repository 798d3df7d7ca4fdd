package admin

import (
	"cmp"
	"errors"
	"net/http"
	"strings"
	"time"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// staffTouchEvery limits how often a busy session's last_seen_at is written.
const staffTouchEvery = time.Minute

// actor is who the audit log should name for a change made by r.
func (h *Handler) actor(r *http.Request) store.Actor {
	act := store.Actor{IP: h.ClientIP(r)}
	if st := kit.CurrentStaff(r.Context()); st != nil {
		act.StaffID, act.Email = st.ID, st.Email
	}
	return act
}

// RequireStaff is the admin's one gate. It sends anonymous visitors (and
// revoked, timed-out or disabled sessions) to the login page, answers 403
// when the role lacks perm, and otherwise calls next with the staff member in
// the context (kit.CurrentStaff).
func (h *Handler) RequireStaff(perm Permission, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ctx := r.Context()
		st, sess, err := h.Store.StaffSessionValid(ctx, h.Sessions.GetString(ctx, kit.SessionStaffToken))
		if errors.Is(err, store.ErrNotFound) {
			h.Sessions.Remove(ctx, kit.SessionStaffToken)
			h.redirectToLogin(w, r)
			return
		}
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		if h.Store.Now().Sub(sess.LastSeenAt) >= staffTouchEvery {
			if err := h.Store.TouchStaffSession(ctx, sess.ID); err != nil {
				h.Log.Warn("touch staff session", "id", kit.RequestID(ctx), "err", err)
			}
		}
		r = r.WithContext(kit.WithStaff(ctx, st, sess))
		if !Can(st.Role, perm) {
			h.adminMessage(w, r, http.StatusForbidden, "admin.forbidden.title", "admin.forbidden.msg")
			return
		}
		if r, err = h.placeMovedTexts(r); err != nil {
			h.ServerError(w, r, err)
			return
		}
		next(w, r)
	})
}

// redirectToLogin sends an anonymous visitor to sign in and, for a page
// (GET), back to it afterwards. A shop without staff goes to setup instead.
func (h *Handler) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	if h.needsSetup(w, r) {
		return
	}
	http.Redirect(w, r, kit.SignInURL(r, "/admin/login", "/admin"), http.StatusSeeOther)
}

// localAdminPath returns next when it is a path inside /admin on this
// site (kit.LocalPath), else "/admin": the login form's return address
// must not become an open redirect.
func localAdminPath(next string) string {
	if next = kit.LocalPath(next, "/admin"); next == "" {
		return "/admin"
	}
	return next
}

// adminNavItems is the admin menu in order: an item shows when the role
// has its Permission. web's routes test checks that each is a page there.
var adminNavItems = []struct {
	key  string
	path string
	perm Permission
}{
	{"admin.nav.home", "/admin", PermDashboard},
	{"admin.nav.products", "/admin/products", PermCatalogRead},
	{"admin.nav.collections", "/admin/collections", PermCatalogRead},
	{"admin.nav.orders", "/admin/orders", PermOrders},
	{"admin.nav.emails", "/admin/emails", PermOrders},
	{"admin.nav.customers", "/admin/customers", PermCustomers},
	{"admin.nav.promotions", "/admin/promotions", PermPromotions},
	{"admin.nav.returns", "/admin/returns", PermReturns},
	{"admin.nav.membership", "/admin/membership", PermSettings},
	{"admin.nav.settings", "/admin/settings", PermSettings},
	{"admin.nav.pages", "/admin/pages", PermSettings},
	{"admin.nav.staff", "/admin/staff", PermStaff},
	{"admin.nav.audit", "/admin/audit", PermAudit},
	{"admin.nav.account", "/admin/account/security", PermAccount},
}

// adminShell builds the admin layout's data for r; titleKey names the page.
func (h *Handler) adminShell(r *http.Request, titleKey string) adminviews.Shell {
	ctx := r.Context()
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		h.Log.Error("settings", "err", err)
	}
	sh := adminviews.Shell{
		StoreName: settings.StoreName,
		Title:     i18n.T(ctx, titleKey),
		ThemeCSS:  themes.URL(themes.Default),
		AppCSS:    assets.Static.URL("app.css"),
		AdminCSS:  assets.Static.URL("admin.css"),
		HTMXJS:    assets.Static.URL("htmx.min.js"),
		Path:      cmp.Or(kit.PagePath(r), "/admin"),
		Staff:     kit.CurrentStaff(ctx),
	}
	if sh.Staff == nil {
		return sh
	}
	for _, item := range adminNavItems {
		if !Can(sh.Staff.Role, item.perm) {
			continue
		}
		current := r.URL.Path == item.path || (item.path != "/admin" && strings.HasPrefix(r.URL.Path, item.path+"/"))
		sh.Nav = append(sh.Nav, adminviews.NavItem{Label: i18n.T(ctx, item.key), URL: item.path, Current: current})
	}
	return sh
}

// ErrorPage answers an error under /admin (kit.Deps.AdminError): the shop's
// error texts in the admin's layout, but for the shop's "not found", which
// offers a search the admin's page does not have.
func (h *Handler) ErrorPage(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string) {
	if status == http.StatusNotFound {
		msgKey = "admin.not_found.msg"
	}
	h.adminMessage(w, r, status, titleKey, msgKey)
}

// adminMessage answers with a message page in the admin layout: 403, 429
// and the like. args fill the message's placeholders.
func (h *Handler) adminMessage(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string, args ...any) {
	ctx := r.Context()
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, status, adminviews.Message(adminviews.MessagePage{
		Shell:   h.adminShell(r, titleKey),
		Status:  status,
		Title:   i18n.T(ctx, titleKey),
		Message: i18n.T(ctx, msgKey, args...),
	}))
}
