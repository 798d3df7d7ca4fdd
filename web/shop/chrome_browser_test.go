package shop_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

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
