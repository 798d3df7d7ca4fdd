package main

import (
	"net/http"
	"slices"
	"strings"

	"storefront/i18n"
)

// setLanguage remembers the shopper's language and returns them to the page
// they were on. next must be a local path, so the switcher cannot be used to
// redirect anyone off the site.
func (a *app) setLanguage(w http.ResponseWriter, r *http.Request) {
	loc := r.PathValue("locale")
	if !slices.Contains(i18n.Supported, loc) {
		a.notFound(w, r)
		return
	}
	next := r.URL.Query().Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: loc, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: a.cfg.secureCookie, SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}
