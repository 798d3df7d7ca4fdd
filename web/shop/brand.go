package shop

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"storefront/store"
	"storefront/views"
)

// BrandCSS serves the brand colour as a stylesheet, since the CSP forbids
// inline styles. The layout links /brand.css?c=RRGGBB (views.BrandCSSURL):
// the URL holds the colour, so the answer never changes and is cached for
// a year. Without c it serves the configured colour, revalidated each time.
func (h *Handler) BrandCSS(w http.ResponseWriter, r *http.Request) {
	color := ""
	if c := r.URL.Query().Get("c"); c != "" {
		norm, ok := store.NormalizeColor(c)
		if !ok {
			http.NotFound(w, r)
			return
		}
		color = norm
	} else {
		st, err := h.Store.Settings(r.Context())
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		color = st.BrandColor
	}
	if notModified(w, r, r.URL.Query().Get("c") != "", "brand-"+views.BrandCSSRevision+"-"+color, "text/css; charset=utf-8") {
		return
	}
	if color == "" {
		fmt.Fprint(w, "/* The theme's own colours. */\n")
		return
	}
	fmt.Fprintf(w, ":root{--color-primary:%s;--color-primary-contrast:%s}\n", color, contrastText(color))
}

// notModified sets the caching of an answer drawn from the shop's look:
// a year when its URL carries what it shows (inURL), else revalidated each
// time, since the settings may change. It answers 304 and reports true when
// the browser already holds version tag.
func notModified(w http.ResponseWriter, r *http.Request, inURL bool, tag, contentType string) bool {
	hdr := w.Header()
	if inURL {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	etag := strconv.Quote(tag)
	hdr.Set("ETag", etag)
	hdr.Set("Content-Type", contentType)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
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

// Favicon serves the shop's icon, its initial on its brand colour
// (views.FaviconURL), as SVG: no file to upload and sharp at every size.
// Like BrandCSS the URL carries what it shows, so it is cached for a
// year; without parameters it draws the current settings, revalidated.
func (h *Handler) Favicon(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var initial, color string
	if q.Has("i") || q.Has("c") {
		norm, ok := store.NormalizeColor("#" + q.Get("c"))
		initial = q.Get("i")
		if !ok || views.Initial(initial) != initial {
			http.NotFound(w, r)
			return
		}
		color = norm
	} else {
		st, err := h.Store.Settings(r.Context())
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		u, _ := url.Parse(views.FaviconURL(st.StoreName, st.BrandColor))
		initial, color = u.Query().Get("i"), "#"+u.Query().Get("c")
	}
	if notModified(w, r, q.Has("i") || q.Has("c"), "icon-"+color+"-"+url.QueryEscape(initial), "image/svg+xml") {
		return
	}
	// initial is one letter or digit (views.Initial), so it needs no escaping.
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">`+
		`<rect width="64" height="64" rx="14" fill="%s"/>`+
		`<text x="32" y="44" text-anchor="middle" font-family="system-ui,-apple-system,'Segoe UI',sans-serif" font-size="36" font-weight="700" fill="%s">%s</text></svg>`,
		color, contrastText(color), initial)
}
