package shop_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
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

// TestBrowserPhoneBrandKeepsChineseWordsWhole: a shop's name too wide for
// the header's row wraps at its space, not inside a Chinese word. (On a
// 390 px phone with a cart, "Storefront 示例店" kept 示 on the first line.)
// The brand is narrowed to the width of "Storefront 示例" so that the wrap
// comes where it did whatever fonts the machine has.
func TestBrowserPhoneBrandKeepsChineseWordsWhole(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	if err := shop.Store.SetSettingTranslation(context.Background(), store.SettingStoreName, "zh", "Storefront 示例店"); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(shop.Server.URL+"/zh-cn/"),
		chromedp.WaitVisible(`.site-header .brand`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The line each character of the name sits on, by its box's top.
	tops, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const brand = document.querySelector('.site-header .brand');
		const text = [...brand.childNodes].find(n => n.nodeType === 3 && n.data.trim());
		const start = text.data.indexOf('Storefront');
		const span = (from, to) => {
			const r = document.createRange();
			r.setStart(text, start + from);
			r.setEnd(text, start + to);
			return r.getBoundingClientRect();
		};
		brand.style.width = Math.ceil(span(0, 'Storefront 示例'.length).width + 1) + 'px';
		return [...'Storefront 示例店'].map((_, i) => Math.round(span(i, i + 1).top));
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if tops[0] == tops[len(tops)-1] {
		t.Fatalf("the narrowed name still fits on one line (tops %v): the test no longer covers a wrap", tops)
	}
	shi, li, dian := tops[11], tops[12], tops[13]
	if shi != li || li != dian {
		t.Errorf("示例店 is split over lines (tops of 示, 例, 店: %v, %v, %v)", shi, li, dian)
	}
	if tops[0] != tops[9] {
		t.Errorf("Storefront is split over lines (tops %v)", tops[:10])
	}
}

// TestBrowserChineseButtonLabelsStayWhole: the search page's 搜索 button,
// beside a box that takes the rest of the row, keeps its label on one line
// on a phone and on a desktop (it was squeezed to a character a line).
func TestBrowserChineseButtonLabelsStayWhole(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, width := range []int64{390, 1366} {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(width, 844),
			chromedp.Navigate(shop.Server.URL+"/zh-cn/search?q=linen"),
			chromedp.WaitVisible(`.search-page-form button`),
		)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => {
			const r = document.createRange();
			r.selectNodeContents(document.querySelector('.search-page-form button'));
			return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if lines != 1 {
			t.Errorf("at %d px the search button's 搜索 takes %d lines, want 1", width, lines)
		}
	}
}
