package kit

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	"storefront/views"
)

// Shell builds the storefront layout's data for a request.
func (d *Deps) Shell(r *http.Request, meta views.Meta) views.Shell {
	ctx := r.Context()
	settings, _ := d.Store.Settings(ctx)
	nav, err := d.Store.Collections(ctx, false)
	if err != nil {
		d.Log.Error("nav collections", "err", err)
	}
	nav = store.CollectionsIn(nav, i18n.Locale(ctx))
	theme := settings.Theme
	if !themes.Exists(theme) {
		theme = themes.Default
	}
	theme, brand := d.storefrontLook(r, theme, settings.BrandColor)
	meta = d.languageMeta(r, meta, settings.Locale)
	return views.Shell{
		StoreName:  settings.In(i18n.Locale(ctx)).StoreName,
		ThemeCSS:   themes.URL(theme),
		AppCSS:     assets.Static.URL("app.css"),
		HTMXJS:     assets.Static.URL("htmx.min.js"),
		Path:       PagePath(r),
		Nav:        menuCollections(nav),
		Meta:       meta,
		CartCount:  d.headerCartCount(r),
		SignedIn:   CustomerHint(ctx),
		LogoURL:    LogoURL(settings.LogoImageID),
		BrandColor: brand,
		InfoPages:  d.infoLinks(ctx),
	}
}

// infoLinks are the published information pages in the shopper's
// language. They come from the settings' cache, which every page reads
// anyway; a failure only costs the footer's links.
func (d *Deps) infoLinks(ctx context.Context) []views.InfoLink {
	pages, err := d.Store.InfoPages(ctx)
	if err != nil {
		d.Log.Error("info pages", "err", err)
		return nil
	}
	var out []views.InfoLink
	for _, p := range pages {
		if p.Published() {
			out = append(out, views.InfoLink{Slug: p.Slug, Title: views.InfoPageTitle(ctx, p.Slug, p.Title.In(i18n.Locale(ctx)))})
		}
	}
	return out
}

// AbsURL makes an absolute URL for canonical links, Open Graph, the
// sitemap and Stripe's return, on the shop's BaseURL.
func (d *Deps) AbsURL(r *http.Request, path string) string {
	return d.BaseURL(r.Context()) + path
}

// BaseURL is the shop's public origin, without a trailing slash: the
// configured base URL, else the public address the owner confirmed at
// setup, else the listen address. Never the request's Host: anyone can
// send any Host, and a page built from it may be cached and served to
// every visitor (cache poisoning).
func (d *Deps) BaseURL(ctx context.Context) string {
	if d.Cfg.BaseURL != "" {
		return strings.TrimRight(d.Cfg.BaseURL, "/")
	}
	if st, err := d.Store.Settings(ctx); err == nil && st.PublicURL != "" {
		return st.PublicURL
	}
	return cmp.Or(strings.TrimRight(d.Cfg.ListenURL, "/"), "http://localhost")
}

// KnownHost reports whether r was sent to the shop's own host (that of
// BaseURL), rather than to a name a client made up.
func (d *Deps) KnownHost(r *http.Request) bool {
	u, err := url.Parse(d.BaseURL(r.Context()))
	return err == nil && strings.EqualFold(r.Host, u.Host)
}

// ProposedURL is the public address a request suggests, for the owner to
// confirm at setup: its Host, over HTTPS when it came by TLS (or a trusted
// proxy says so).
func (d *Deps) ProposedURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || (d.Cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	if n, ok := store.NormalizePublicURL(scheme + "://" + r.Host); ok {
		return n
	}
	return ""
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
	if !IsPreview(r) || !d.StaffSignedIn(r) {
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

// menuCollections is the header menu: every collection a shopper can buy
// something in. An empty one would be a dead end, so it waits until it has
// products (it stays reachable from /collections). all is the request's
// own copy (CollectionsIn), not the memoized list, so the empty ones are
// deleted from it in place.
func menuCollections(all []store.Collection) []store.Collection {
	return slices.DeleteFunc(all, func(c store.Collection) bool { return c.ProductCount <= 0 })
}
