package kit

import (
	"net/http"
	"net/url"
	"strings"

	"storefront/assets"
	"storefront/store"
	"storefront/themes"
	"storefront/views"
)

// Shell builds the storefront layout's data for a request.
func (d *Deps) Shell(r *http.Request, meta views.Meta) views.Shell {
	ctx := r.Context()
	settings, _ := d.Store.Settings(ctx)
	nav, err := d.Store.Collections(ctx, true)
	if err != nil {
		d.Log.Error("nav collections", "err", err)
	}
	theme := settings.Theme
	if !themes.Exists(theme) {
		theme = themes.Default
	}
	theme, brand := d.storefrontLook(r, theme, settings.BrandColor)
	if meta.Canonical == "" && !meta.NoIndex {
		meta.Canonical = d.AbsURL(r, r.URL.Path)
	}
	return views.Shell{
		StoreName:  settings.StoreName,
		ThemeCSS:   themes.URL(theme),
		AppCSS:     assets.Static.URL("app.css"),
		HTMXJS:     assets.Static.URL("htmx.min.js"),
		Path:       r.URL.RequestURI(),
		Nav:        nav,
		Meta:       meta,
		CartCount:  d.headerCartCount(r),
		LogoURL:    LogoURL(settings.LogoImageID),
		BrandColor: brand,
	}
}

// AbsURL makes an absolute URL for canonical links, Open Graph, the
// sitemap and Stripe's return: from the configured base URL, else from the
// request's host.
func (d *Deps) AbsURL(r *http.Request, path string) string {
	if d.Cfg.BaseURL != "" {
		return strings.TrimRight(d.Cfg.BaseURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil || (d.Cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// headerCartCount is the number of items the header shows; a failure only
// costs the count, never the page.
func (d *Deps) headerCartCount(r *http.Request) int64 {
	token := CartToken(r.Context())
	if token == "" {
		return 0
	}
	n, err := d.Store.CartCount(r.Context(), token)
	if err != nil {
		d.Log.Error("cart count", "id", RequestID(r.Context()), "err", err)
	}
	return n
}

// LogoURL is the header logo's URL, "" when the shop has none.
func LogoURL(id int64) string {
	if id == 0 {
		return ""
	}
	return views.ImageURL(id, true)
}

// Preview parameters: staff trying out a look see any storefront page
// with this theme and brand colour (the admin's theme preview frame). For
// everyone else they mean nothing, and no page that carries them is
// cached (web's page cache).
const (
	previewThemeParam = "preview_theme"
	previewColorParam = "preview_color"
)

// PreviewURL is the storefront home with a look to preview.
func PreviewURL(theme, color string) string {
	q := url.Values{}
	q.Set(previewThemeParam, theme)
	if color != "" {
		q.Set(previewColorParam, color)
	}
	return "/?" + q.Encode()
}

// IsPreview reports whether r asks for a previewed look.
func IsPreview(r *http.Request) bool {
	q := r.URL.Query()
	return q.Has(previewThemeParam) || q.Has(previewColorParam)
}

// storefrontLook is the theme and brand colour to render r with: the
// stored ones, or those of the preview parameters when a signed-in staff
// member sends them. A preview without a valid colour shows the theme's own.
func (d *Deps) storefrontLook(r *http.Request, theme, color string) (string, string) {
	if !IsPreview(r) || !d.isStaffRequest(r) {
		return theme, color
	}
	q := r.URL.Query()
	if t := q.Get(previewThemeParam); themes.Exists(t) {
		theme = t
	}
	color, ok := store.NormalizeColor(q.Get(previewColorParam))
	if !ok {
		color = ""
	}
	return theme, color
}

// isStaffRequest reports whether r comes from a signed-in staff member,
// outside the admin's routes too. The session is loaded from the cookie
// here because storefront error pages can be rendered before (or without)
// the session middleware.
func (d *Deps) isStaffRequest(r *http.Request) bool {
	if CurrentStaff(r.Context()) != nil {
		return true
	}
	c, err := r.Cookie(d.Sessions.Cookie.Name)
	if err != nil {
		return false
	}
	ctx, err := d.Sessions.Load(r.Context(), c.Value)
	if err != nil {
		return false
	}
	_, _, err = d.Store.StaffSessionValid(ctx, d.Sessions.GetString(ctx, SessionStaffToken))
	return err == nil
}
