package shop_test

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/themes"
	"storefront/views"
	"storefront/web/webtest"
)

// A brand colour used as text (links, outline buttons) reads on every
// theme's pages and panels (WCAG AA, 4.5:1), light or dark, whatever the
// colour: a light one is darkened on light pages, a dark one lightened on
// dark pages, and one that already reads is left as it is.
func TestBrandColourTextReadsOnEveryTheme(t *testing.T) {
	shop := webtest.New(t)
	textRE := regexp.MustCompile(`--color-primary-text:light-dark\((#[0-9a-f]{6}),(#[0-9a-f]{6})\)`)
	tokenRE := regexp.MustCompile(`(color-scheme|--color-bg|--color-surface):\s*([^;]+);`)
	for _, brand := range []string{"#ffff00", "#ffcc00", "#a7f3d0", "#ffffff", "#1d3f8f", "#000000", "#d4af37"} {
		css := shop.Get(views.BrandCSSURL(brand)).Body
		m := textRE.FindStringSubmatch(css)
		if m == nil {
			t.Fatalf("%s: brand.css sets no text colour for light and dark pages:\n%s", brand, css)
		}
		for _, th := range themes.All() {
			look := map[string]string{}
			for _, tok := range tokenRE.FindAllStringSubmatch(shop.Get(themes.URL(th.Name)).Body, -1) {
				look[tok[1]] = tok[2]
			}
			text := m[1]
			if look["color-scheme"] == "dark" {
				text = m[2]
			}
			for _, page := range []string{look["--color-bg"], look["--color-surface"]} {
				if r := contrastRatio(t, text, page); r < 4.5 {
					t.Errorf("%s on %s: text %s on %s has contrast %.2f, want at least 4.5", brand, th.Name, text, page, r)
				}
			}
		}
	}
	if css := shop.Get(views.BrandCSSURL("#1d3f8f")).Body; textRE.FindStringSubmatch(css)[1] != "#1d3f8f" {
		t.Errorf("a dark blue that reads on light pages was changed: %s", css)
	}
	// Yellow stays yellow's hue, darkened to an olive, not to black.
	if c := rgb(t, textRE.FindStringSubmatch(shop.Get(views.BrandCSSURL("#ffff00")).Body)[1]); c[0] != c[1] || c[2] != 0 || c[0] < 0x40 {
		t.Errorf("yellow as text on a light page = %v, want a dark yellow", c)
	}
}

// In a browser, a shop with a yellow brand colour shows its links and
// outline buttons in a colour that reads on the page behind them, while
// its filled buttons keep the yellow itself.
func TestBrowserLightBrandColourReads(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	if err := shop.Store.SetSetting(context.Background(), store.SettingBrandColor, "#ffff00"); err != nil {
		t.Fatal(err)
	}
	// contrast is the WCAG contrast of sel's text with the first opaque
	// background behind it.
	const contrast = `(sel => {
		const lum = c => {
			const [r, g, b] = c.match(/[\d.]+/g).map(Number).map(v => {
				v /= 255;
				return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const el = document.querySelector(sel);
		let bg = el;
		while (bg && /rgba\(.*, 0\)|transparent/.test(getComputedStyle(bg).backgroundColor)) bg = bg.parentElement;
		const a = lum(getComputedStyle(el).color), b = lum(getComputedStyle(bg || document.body).backgroundColor);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	})`
	for _, c := range []struct{ path, sel string }{
		{"/", ".section-link"},
		{"/collections/summer", ".listing-controls .button-secondary"},
		{"/zh-cn/collections/summer", ".listing-controls .button-secondary"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+c.path)); err != nil {
			t.Fatal(err)
		}
		ratio, err := chromedp.Run(ctx, chromedp.Evaluate[float64](contrast+`(`+strconv.Quote(c.sel)+`)`))
		if err != nil {
			t.Fatal(err)
		}
		if ratio < 4.5 {
			t.Errorf("%s: %s has contrast %.2f with the page, want at least 4.5", c.path, c.sel, ratio)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+"/")); err != nil {
		t.Fatal(err)
	}
	fill, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.button-primary')).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if fill != "rgb(255, 255, 0)" {
		t.Errorf("a filled button is %s, want the brand's yellow", fill)
	}
}

// contrastRatio is the WCAG contrast of two "#rrggbb" colours.
func contrastRatio(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := relativeLuminance(rgb(t, a)), relativeLuminance(rgb(t, b))
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func relativeLuminance(c [3]uint64) float64 {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v := float64(c[i]) / 255
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		lum += w * v
	}
	return lum
}

func rgb(t *testing.T, hex string) [3]uint64 {
	t.Helper()
	var c [3]uint64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil || len(hex) != 7 {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c[i] = v
	}
	return c
}
