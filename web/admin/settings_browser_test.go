package admin_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/themes"
	"storefront/web/webtest"
)

// TestBrowserThemePreview signs in as the owner on a phone-sized browser,
// picks another theme and presses Preview: the settings page's frame shows
// the storefront in that theme (so the shop may frame itself and the form
// needs no script), while the saved theme stays as it was.
func TestBrowserThemePreview(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	owner := shop.AddStaff(store.RoleOwner)

	frameTheme := `document.querySelector('iframe[name=theme-preview]').contentDocument?.querySelector('link[href^="/themes/"]')?.getAttribute('href')`
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/settings"),
		chromedp.SendKeys(`input[name=email]`, owner.Email),
		chromedp.SendKeys(`input[name=password]`, webtest.Password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#theme`),
		chromedp.ScrollIntoView(`iframe[name=theme-preview]`),
		chromedp.Poll[chromedp.Void](frameTheme+` === '`+themes.URL("classic")+`'`, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Click(`input[name=theme][value=noir]`),
		chromedp.Click(`button[formtarget=theme-preview]`),
		chromedp.Poll[chromedp.Void](frameTheme+` === '`+themes.URL("noir")+`'`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("preview frame did not show the noir theme: %v", err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != shop.Server.URL+"/admin/settings" {
		t.Errorf("the page moved to %s; Preview should only reload the frame", loc)
	}
	if st, _ := shop.Store.Settings(ctx); st.Theme != "classic" {
		t.Errorf("previewing saved the theme %q", st.Theme)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "settings.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))
}
