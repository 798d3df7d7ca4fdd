package shop_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/web/webtest"
)

// TestBrowserLanguageSwitch: in a real browser, the language switcher on a
// product page lands on the same product at its Chinese address, in
// Chinese, and the shop's links from there stay in Chinese.
func TestBrowserLanguageSwitch(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/linen-shirt"),
		chromedp.WaitVisible(`h1.product-title`),
		chromedp.Click(`.lang-switch a[hreflang="zh-Hans"]`),
		chromedp.WaitVisible(`html[lang="zh-CN"] h1.product-title`),
	)
	if err != nil {
		t.Fatalf("switch to Chinese: %v", err)
	}
	href, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || href != shop.Server.URL+"/zh-cn/products/linen-shirt" {
		t.Fatalf("after the switch the page is %q (%v), want /zh-cn/products/linen-shirt", href, err)
	}
	button, err := chromedp.Run(ctx, chromedp.Text(`form.add-to-cart button[type=submit]`))
	if err != nil || !strings.Contains(button, "加入购物车") {
		t.Errorf("add-to-cart button = %q (%v), want Chinese", button, err)
	}

	// The breadcrumb back to the collection stays in Chinese, and the
	// switcher there goes back to the English address.
	err = chromedp.Do(ctx,
		chromedp.Click(`.breadcrumbs a[href="/zh-cn/collections/summer"]`),
		chromedp.WaitVisible(`a.product-card-link[href="/zh-cn/products/linen-shirt"]`),
		chromedp.Click(`.lang-switch a[hreflang="en"]`),
		chromedp.WaitVisible(`html[lang="en"] a.product-card-link[href="/products/linen-shirt"]`),
	)
	if err != nil {
		t.Fatalf("collection and back to English: %v", err)
	}
	if href, err := chromedp.Run(ctx, chromedp.Location()); err != nil || href != shop.Server.URL+"/collections/summer" {
		t.Errorf("after switching back the page is %q (%v), want /collections/summer", href, err)
	}
}
