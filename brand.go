package main

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"storefront/store"
	"storefront/themes"
	"storefront/views"
)

// Preview parameters: staff trying out a look see any storefront page
// with this theme and brand colour (the admin's theme preview frame). For
// everyone else they mean nothing, and no page that carries them is
// cached (pagecache.go).
const (
	previewThemeParam = "preview_theme"
	previewColorParam = "preview_color"
)

// previewURL is the storefront home with a look to preview.
func previewURL(theme, color string) string {
	q := url.Values{}
	q.Set(previewThemeParam, theme)
	if color != "" {
		q.Set(previewColorParam, color)
	}
	return "/?" + q.Encode()
}

// isPreview reports whether r asks for a previewed look.
func isPreview(r *http.Request) bool {
	q := r.URL.Query()
	return q.Has(previewThemeParam) || q.Has(previewColorParam)
}

// storefrontLook is the theme and brand colour to render r with: the
// stored ones, or those of the preview parameters when a signed-in staff
// member sends them. A preview without a valid colour shows the theme's own.
func (a *app) storefrontLook(r *http.Request, theme, color string) (string, string) {
	if !isPreview(r) || !a.isStaffRequest(r) {
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
func (a *app) isStaffRequest(r *http.Request) bool {
	if currentStaff(r.Context()) != nil {
		return true
	}
	c, err := r.Cookie(a.sessions.Cookie.Name)
	if err != nil {
		return false
	}
	ctx, err := a.sessions.Load(r.Context(), c.Value)
	if err != nil {
		return false
	}
	_, _, err = a.store.StaffSessionValid(ctx, a.sessions.GetString(ctx, sessionStaffToken))
	return err == nil
}

// logoURL is the header logo's URL, "" when the shop has none.
func logoURL(id int64) string {
	if id == 0 {
		return ""
	}
	return views.ImageURL(id, true)
}

// brandCSS serves the brand colour as a stylesheet, since the CSP forbids
// inline styles. The layout links /brand.css?c=RRGGBB (views.BrandCSSURL):
// the URL holds the colour, so the answer never changes and is cached for
// a year. Without c it serves the configured colour, revalidated each time.
func (a *app) brandCSS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	color := ""
	if c := r.URL.Query().Get("c"); c != "" {
		norm, ok := store.NormalizeColor(c)
		if !ok {
			http.NotFound(w, r)
			return
		}
		color = norm
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		st, err := a.store.Settings(r.Context())
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		color = st.BrandColor
		h.Set("Cache-Control", "no-cache")
	}
	etag := strconv.Quote("brand-" + views.BrandCSSRevision + "-" + color)
	h.Set("ETag", etag)
	h.Set("Content-Type", "text/css; charset=utf-8")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if color == "" {
		fmt.Fprint(w, "/* The theme's own colours. */\n")
		return
	}
	fmt.Fprintf(w, ":root{--color-primary:%s;--color-primary-contrast:%s}\n", color, contrastText(color))
}

// contrastText picks white or near-black text for a background colour
// "#rrggbb", whichever contrasts more (WCAG relative luminance).
func contrastText(hex string) string {
	lum := 0.0
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += weight * c
	}
	// Contrast with white is 1.05/(L+0.05); with black (L+0.05)/0.05.
	if 1.05/(lum+0.05) >= (lum+0.05)/0.05 {
		return "#ffffff"
	}
	return "#111111"
}
