package shop_test

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserTotalsKeepAmountsWhole, on a phone in Chinese: with a
// promotion whose name takes two lines, every amount in the totals of the
// cart, the checkout, the order page and a return's refund stays on one
// line, and its label wraps beside it instead of running into it. The
// discount read "-" on one line and "US$16.00" on the next. Each list is
// narrowed to 12rem, so that the test needs no particular font.
func TestBrowserTotalsKeepAmountsWhole(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	shop.AddPromotion(webtest.Promotion{Name: "茶叶任选三件，最便宜的一件免费", Type: "fixed", Value: 1600, Combines: true})
	o, id := shop.ShipAndReturnOne(shop.PlaceOrder("zh", store.PayBankTransfer, flat))
	key := "?key=" + url.QueryEscape(o.AccessKey)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/zh-cn/products/dragon-well-tea"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		waitFor(`document.querySelector('#cart-link .cart-count')?.textContent === '1'`),
	); err != nil {
		t.Fatal(err)
	}
	for _, page := range []struct{ name, path, wraps string }{
		{"cart", "/zh-cn/cart", "茶叶任选三件"},
		{"checkout", "/zh-cn/checkout", "茶叶任选三件"},
		{"order", "/zh-cn/orders/" + o.Number + key, "茶叶任选三件"},
		{"return", "/zh-cn/orders/" + o.Number + "/returns/" + itoa(id) + key, o.Lines[0].ProductTitle},
	} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(shop.Server.URL+page.path),
			chromedp.WaitVisible(`dl.cart-totals`),
		); err != nil {
			t.Fatalf("%s: %v", page.name, err)
		}
		broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](brokenTotals(page.wraps)))
		if err != nil {
			t.Fatalf("%s: %v", page.name, err)
		}
		for _, b := range broken {
			t.Errorf("%s: %s", page.name, b)
		}
	}
}

// brokenTotals is a script that narrows every totals list on the page
// and says which amounts then take more than one line and which labels
// run into their amount; the label that holds wraps must be among those
// read, wrapped.
func brokenTotals(wraps string) string {
	return `(wraps => {
	const rects = el => {
		const r = document.createRange();
		r.selectNodeContents(el);
		return [...r.getClientRects()].filter(x => x.width > 0);
	};
	const lines = el => new Set(rects(el).map(x => Math.round(x.top))).size;
	const out = [];
	let wrapped = false;
	for (const dl of document.querySelectorAll('dl.cart-totals')) {
		dl.style.width = '12rem';
		for (const row of dl.querySelectorAll('.cart-totals-row')) {
			const dt = row.querySelector('dt'), dd = row.querySelector('dd');
			if (!dd.offsetParent) continue;
			if (lines(dd) > 1) out.push('the amount ' + JSON.stringify(dd.textContent.trim()) + ' takes ' + lines(dd) + ' lines');
			const right = Math.max(...rects(dt).map(x => x.right)), left = Math.min(...rects(dd).map(x => x.left));
			if (right > left + 0.5) out.push('the label ' + JSON.stringify(dt.textContent.trim()) + ' runs into its amount');
			if (dt.textContent.includes(wraps) && lines(dt) > 1) wrapped = true;
		}
	}
	if (!wrapped) out.push('no row of ' + wraps + ' with its label wrapped');
	return out;
})(` + jsString(wraps) + `)`
}
