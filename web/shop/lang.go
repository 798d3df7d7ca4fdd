package shop

import (
	"net/http"
	"slices"

	"storefront/i18n"
	"storefront/web/kit"
)

// SetLanguage remembers the shopper's language and returns them to the
// page they were on, at its address in that language (/zh-cn/… for a
// language other than the default). next must be a path on this site
// (kit.LocalPath), so the switcher cannot be used to redirect anyone off
// the site.
func (h *Handler) SetLanguage(w http.ResponseWriter, r *http.Request) {
	loc := r.PathValue("locale")
	if !slices.Contains(i18n.Supported, loc) {
		h.NotFound(w, r)
		return
	}
	next := kit.LocalPath(r.URL.Query().Get("next"), "/")
	if next == "" {
		next = "/"
	}
	if _, rest, ok := i18n.SplitPath(next); ok {
		next = rest
	}
	if !kit.IsAdminPath(next) {
		next = i18n.LocalePath(loc, i18n.Default(r.Context()), next)
	}
	http.SetCookie(w, &http.Cookie{
		Name: kit.LangCookie, Value: loc, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: h.Cfg.SecureCookie, SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}
