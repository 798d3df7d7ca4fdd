package admin_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestBrowserReturnPageFitsAPhone: on a 390 px wide Chromium, in English
// and in Chinese, an exchange's page (each line naming what it is
// swapped for, and its price now) fits the screen, its lines as cards,
// and each line's refund is on screen.
func TestBrowserReturnPageFitsAPhone(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shop.SeedOrder()
	bg := context.Background()
	shop.Store.MarkPaid(bg, store.Actor{}, o.ID)
	if _, err := shop.Store.FulfillOrder(bg, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	id := exchangeOne(t, shop, shop.Order(o.Number), shop.Variants().ShirtM)
	owner := shop.AddStaff(store.RoleOwner)
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login"),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`.admin-menu-toggle`),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	for _, lang := range []string{"en", "zh"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+"/lang/"+lang+"?next=%2Fadmin")); err != nil {
			t.Fatalf("switch to %s: %v", lang, err)
		}
		for _, key := range []string{".return-lines tbody tr:first-child .col-key", ".return-lines tbody tr:first-child .col-aside"} {
			err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+adminviews.ReturnURL(id)), chromedp.WaitReady(key))
			if err != nil {
				t.Fatalf("%s: no %s: %v", lang, key, err)
			}
			problem, err := chromedp.Run(ctx, chromedp.Evaluate[string](fitsAPhone(key)))
			if err != nil || problem != "" {
				t.Errorf("%s %s: %s (%v)", lang, key, problem, err)
			}
		}
	}
}
