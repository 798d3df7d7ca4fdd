package shop_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserPhoneMenuWithoutJavaScript opens the menu on a 390 px phone
// with scripts switched off and follows a collection link: the details
// element needs none.
func TestBrowserPhoneMenuWithoutJavaScript(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	seedGifts(t, shop)

	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/"),
		chromedp.WaitVisible(`details.nav-menu summary`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Proof that the page's scripts are off: htmx never loaded.
	if loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.htmx !== "undefined"`)); err != nil || loaded {
		t.Fatalf("htmx loaded = %v (%v); scripts should be disabled", loaded, err)
	}
	// Closed, the menu's links are hidden, and so is the desktop bar.
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`
		document.querySelector('.nav-menu-panel a[href="/collections/gifts"]').checkVisibility() === false &&
		document.querySelector('.site-nav').checkVisibility() === false`))
	if err != nil || !hidden {
		t.Fatalf("menu links visible before opening (%v)", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`details.nav-menu summary`),
		chromedp.WaitVisible(`.nav-menu-panel a[href="/collections/gifts"]`),
	)
	if err != nil {
		t.Fatalf("menu did not open: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		out := filepath.Join(t.TempDir(), "menu.png")
		if err := os.WriteFile(out, shot, 0o644); err == nil {
			t.Logf("phone menu open: %s", out)
		}
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`.nav-menu-panel a[href="/collections/gifts"]`),
		chromedp.WaitVisible(`a[href="/products/gift-card"]`),
	)
	if err != nil {
		t.Fatalf("following the collection link: %v", err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/collections/gifts") {
		t.Errorf("location = %q, %v", loc, err)
	}
}

// headerProblems lists what is wrong with the storefront header as laid
// out: a logo not scaled into the row (or the brand taller than the row
// beside it), a name on more than three lines (squeezed to a character a
// line), parts of the first row on top of each other, or a page wider
// than the screen.
const headerProblems = `(() => {
	const out = [];
	const box = sel => { const e = document.querySelector(sel); return e && e.checkVisibility() ? e.getBoundingClientRect() : null; };
	const brand = box('.site-header .brand'), logo = box('.site-header .brand-logo');
	if (logo) {
		if (brand.height > 48) out.push('brand is ' + brand.height + ' px tall');
		if (logo.height > 40 || logo.height < 24) out.push('logo is ' + logo.height + ' px tall');
		if (logo.left < brand.left - 0.5 || logo.right > brand.right + 0.5) out.push('logo overflows the brand');
	} else {
		const r = document.createRange();
		r.selectNodeContents(document.querySelector('.site-header .brand'));
		const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
		if (lines > 3) out.push('name takes ' + lines + ' lines');
	}
	const row = ['.site-header .brand', '.nav-menu-toggle', '.header-inner > .account-link', '.header-inner > .cart-link', '.lang-switch'];
	const boxes = row.map(box);
	for (let i = 0; i < row.length; i++) for (let j = i + 1; j < row.length; j++) {
		const a = boxes[i], b = boxes[j];
		if (a && b && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(row[i] + ' overlaps ' + row[j]);
	}
	if (document.documentElement.scrollWidth > innerWidth) out.push('page is ' + document.documentElement.scrollWidth + ' px wide');
	return out;
})()`

// TestBrowserHeaderWithLogoOrLongName: a 200×60 logo scales into the
// header's row on a phone and a desktop, in either language, instead of
// squeezing the shop's name to a character a line under the cart link
// (the name is the logo's alt text); a long name without a logo wraps
// within its share of the row.
func TestBrowserHeaderWithLogoOrLongName(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	check := func(what string) {
		t.Helper()
		for _, width := range []int64{390, 1366} {
			for _, path := range []string{"/", "/zh-cn/"} {
				err := chromedp.Do(ctx,
					chromedp.EmulateViewport(width, 844),
					chromedp.Navigate(shop.Server.URL+path),
					chromedp.WaitVisible(`.site-header .brand`),
					chromedp.Poll[chromedp.Void](`[...document.images].every(i => i.complete)`),
				)
				if err != nil {
					t.Fatal(err)
				}
				problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](headerProblems))
				if err != nil {
					t.Fatal(err)
				}
				if len(problems) > 0 {
					t.Errorf("%s, %s at %d px: %s", what, path, width, strings.Join(problems, "; "))
				}
			}
		}
	}

	bg := context.Background()
	if err := shop.Store.SetSetting(bg, store.SettingStoreName, "The Linen and Tea Emporium of Lisbon"); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SetSettingTranslation(bg, store.SettingStoreName, "zh", "里斯本亚麻与茶叶百货 Linen Emporium"); err != nil {
		t.Fatal(err)
	}
	check("a long name")

	settings, err := shop.Store.Settings(bg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.SaveLogo(bg, store.Actor{}, settings.Version(store.SectionLogo), bytes.NewReader(webtest.SolidPNG(200, 60, false))); err != nil {
		t.Fatal(err)
	}
	check("a 200×60 logo")
	alt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.site-header .brand img').alt`))
	if err != nil || alt != "里斯本亚麻与茶叶百货 Linen Emporium" {
		t.Errorf("the logo's alt text = %q (%v), want the shop's name", alt, err)
	}
}
