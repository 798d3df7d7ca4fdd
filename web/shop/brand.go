package shop

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"storefront/store"
	"storefront/views"
)

// BrandCSS serves the brand colour as a stylesheet, since the CSP forbids
// inline styles. The layout links /brand.css?c=RRGGBB (views.BrandCSSURL):
// the URL holds the colour, so the answer never changes and is cached for
// a year. Without c it serves the configured colour, revalidated each time.
func (h *Handler) BrandCSS(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	color := ""
	if c := r.URL.Query().Get("c"); c != "" {
		norm, ok := store.NormalizeColor(c)
		if !ok {
			http.NotFound(w, r)
			return
		}
		color = norm
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		st, err := h.Store.Settings(r.Context())
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		color = st.BrandColor
		hdr.Set("Cache-Control", "no-cache")
	}
	etag := strconv.Quote("brand-" + views.BrandCSSRevision + "-" + color)
	hdr.Set("ETag", etag)
	hdr.Set("Content-Type", "text/css; charset=utf-8")
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
