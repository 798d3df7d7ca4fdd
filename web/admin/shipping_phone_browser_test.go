package admin_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserShippingArrowsBesideALongName: on a 390 px phone, a shipping
// method whose long name wraps and carries its badges (inactive, no cash
// on delivery, untranslated) keeps its move arrows at the end of its row,
// beside the name, rather than dropping them under it.
func TestBrowserShippingArrowsBesideALongName(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	if _, err := shop.Store.CreateShippingMethod(context.Background(), store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Express courier to your door with signature and insurance"), Kind: store.ShippingFlat, Price: 1500}); err != nil {
		t.Fatal(err)
	}
	owner := shop.AddStaff(store.RoleOwner)
	for _, lang := range []string{"en", "zh"} {
		err := chromedp.Do(ctx,
			chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/settings"),
			chromedp.Evaluate[chromedp.Void](`document.cookie = "lang=`+lang+`; path=/"`),
			chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/settings"),
		)
		if err != nil {
			t.Fatal(err)
		}
		if lang == "en" {
			err = chromedp.Do(ctx,
				chromedp.SendKeys(`input[name=email]`, owner.Email),
				chromedp.SendKeys(`input[name=password]`, webtest.Password),
				chromedp.Submit(`input[name=password]`),
				chromedp.WaitVisible(`#shipping`))
		} else {
			err = chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+"/admin/settings"), chromedp.WaitVisible(`#shipping`))
		}
		if err != nil {
			t.Fatalf("%s: open the settings: %v", lang, err)
		}
		dropped, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const bad = [];
			for (const head of document.querySelectorAll('.shipping-head')) {
				const name = head.querySelector('strong').getBoundingClientRect();
				const arrows = head.querySelector('.shipping-actions').getBoundingClientRect();
				if (arrows.top >= name.bottom || arrows.right > document.documentElement.clientWidth) {
					bad.push(head.querySelector('strong').textContent);
				}
			}
			return bad.join('; ');
		})()`))
		if err != nil || dropped != "" {
			t.Errorf("%s: at 390 px the arrows of %q are not beside the name (%v)", lang, dropped, err)
		}
	}
}
