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
	// As text the colour must read on the theme's page, light or dark
	// (its color-scheme), which light-dark() picks between. A browser
	// without it keeps the theme's own --color-primary-text.
	fmt.Fprintf(w, "@supports (color:light-dark(#000,#fff)){:root{--color-primary-text:light-dark(%s,%s)}}\n",
		textOn(color, lightPage), textOn(color, darkPage))
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
// "#rrggbb", whichever contrasts more.
func contrastText(hex string) string {
	lum := luminance(rgbOf(hex))
	if contrast(lum, 1) >= contrast(lum, 0) {
		return "#ffffff"
	}
	return "#111111"
}

// The pages brand-coloured text is made to read on (textOn): lightPage is
// as dark as a light theme's pages and panels get, darkPage as light as a
// dark theme's get, so text that reads on them reads on every theme.
const (
	lightPage = "#e8e8e8"
	darkPage  = "#262626"
)

// minTextContrast is WCAG AA's contrast for body text.
const minTextContrast = 4.5

// textOn is color ("#rrggbb") as text on page: itself when it reads there,
// else mixed toward black (on a light page) or white (on a dark one) just
// far enough to: a yellow brand's links turn olive, not black.
func textOn(color, page string) string {
	c, bg := rgbOf(color), luminance(rgbOf(page))
	toward := 0.0
	if contrast(bg, 1) > contrast(bg, 0) {
		toward = 255
	}
	for step := 0; ; step++ {
		var mixed [3]float64
		for i, v := range c {
			mixed[i] = math.Round(v + (toward-v)*float64(step)/100)
		}
		// Pure black or white (step 100) reads on any page textOn is given.
		if step == 100 || contrast(luminance(mixed), bg) >= minTextContrast {
			return fmt.Sprintf("#%02x%02x%02x", int(mixed[0]), int(mixed[1]), int(mixed[2]))
		}
	}
}

// rgbOf reads "#rrggbb" (NormalizeColor's form) as its three channels.
func rgbOf(hex string) [3]float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c[i] = float64(v)
	}
	return c
}

// luminance is WCAG's relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	lum := 0.0
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v := c[i] / 255
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		lum += weight * v
	}
	return lum
}

// contrast is WCAG's contrast ratio of two relative luminances.
func contrast(a, b float64) float64 {
	return (max(a, b) + 0.05) / (min(a, b) + 0.05)
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
