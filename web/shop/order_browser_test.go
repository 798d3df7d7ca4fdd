package shop_test

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store/pricing"
	"storefront/web/webtest"
)

// TestBrowserGiftBadgeFitsItsText: on a desktop, the order page's "Free
// gift" badge is as wide as its words, in both languages; in the line's
// column it stretched into a red bar across the whole line.
func TestBrowserGiftBadgeFitsItsText(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddPromotion(webtest.Promotion{Name: "Free tea", Type: pricing.TypeGift,
		Rules: map[string]int64{"gift_variant": shop.Variants().Tea}})
	o := shop.SeedOrder()
	for _, lang := range []string{"", "/zh-cn"} {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(1366, 900),
			chromedp.Navigate(shop.Server.URL+lang+"/orders/"+o.Number+"?key="+url.QueryEscape(o.AccessKey)),
			chromedp.WaitVisible(`[data-gift-line]`),
		)
		if err != nil {
			t.Fatalf("%s: the order page: %v", lang, err)
		}
		widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
			const badge = document.querySelector('[data-gift-line]');
			return [badge.getBoundingClientRect().width, badge.closest('.checkout-line-info').getBoundingClientRect().width];
		})()`))
		if err != nil || len(widths) != 2 {
			t.Fatalf("%s: measuring the badge: %v, %v", lang, widths, err)
		}
		badge, column := widths[0], widths[1]
		if badge <= 0 || badge > column/2 {
			t.Errorf("%s: the gift badge is %.0f px wide in a %.0f px column, want about its text's", lang, badge, column)
		}
	}
}
