package shop_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserNowhereCountryLeavesPickupToTheShopper: in a real browser, a
// shopper picks Germany, where nothing delivers. The page says so and
// keeps the address, the country in it, rather than choose pickup for
// them. They try pickup, go back to a delivery, pick Canada and the order
// ships there.
func TestBrowserNowhereCountryLeavesPickupToTheShopper(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	standard, asia, pickup := deliveryMethods(t, shop)
	method := func(id int64) string { return fmt.Sprintf(`input[name=shipping_method][value="%d"]`, id) }
	// shown says whether sel is on screen.
	shown := func(sel string) bool {
		t.Helper()
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').offsetParent !== null`))
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	checked := func(sel string) bool {
		t.Helper()
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').checked`))
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	pickCountry := func(code string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(function (s) { s.value = '` + code + `'; s.dispatchEvent(new Event('change', { bubbles: true })); })(document.getElementById('checkout-country'))`)
	}
	const country = `#checkout-country`

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/dragon-well-tea"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#cart-link .cart-count')?.textContent === '1'`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Navigate(shop.Server.URL+"/checkout"),
		chromedp.WaitVisible(`form.checkout`),
		pickCountry("DE"),
		chromedp.WaitVisible(`[data-no-ship-country]`),
	)
	if err != nil {
		t.Fatalf("Germany: no message: %v", err)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Text(`[data-no-ship-country]`)); msg != "Sorry, we do not deliver to Germany. Please choose another country." {
		t.Errorf("Germany's message = %q", msg)
	}
	if checked(method(pickup)) || !shown(country) || !shown(method(pickup)) || shown(method(standard)) || shown(method(asia)) {
		t.Errorf("for Germany: pickup chosen %v, country shown %v, pickup shown %v, standard %v, Asia %v",
			checked(method(pickup)), shown(country), shown(method(pickup)), shown(method(standard)), shown(method(asia)))
	}

	// Pickup chosen by the shopper puts the address away and offers every
	// delivery again, by which they come back to the address.
	if err := chromedp.Do(ctx, chromedp.Click(method(pickup)), chromedp.WaitNotVisible(country)); err != nil {
		t.Fatalf("pickup: the address stays: %v", err)
	}
	if !shown(method(standard)) || shown(`[data-no-ship-country]`) {
		t.Errorf("with pickup: standard shown %v, Germany's message %v", shown(method(standard)), shown(`[data-no-ship-country]`))
	}
	if err := chromedp.Do(ctx, chromedp.Click(method(standard)), chromedp.WaitVisible(country), chromedp.WaitVisible(`[data-no-ship-country]`)); err != nil {
		t.Fatalf("back to standard shipping: %v", err)
	}

	err = chromedp.Do(ctx, pickCountry("CA"),
		chromedp.WaitVisible(method(standard)),
		chromedp.WaitNotVisible(`[data-no-ship-country]`),
		chromedp.SendKeys(`#checkout-email`, "ana@example.com"),
		chromedp.SendKeys(`#checkout-name`, "Ana Lima"),
		chromedp.SendKeys(`#checkout-address_line1`, "1 Yonge St"),
		chromedp.SendKeys(`#checkout-city`, "Toronto"),
		chromedp.SendKeys(`#checkout-postal_code`, "M5E 1W7"),
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-checkout-total]')?.dataset.checkoutTotal === '3800'`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("Canada: %v", err)
	}
	if !checked(method(standard)) {
		t.Error("standard shipping is shown for Canada but not chosen")
	}
	if err := webtest.Submit(ctx, `button.checkout-submit`, `[data-order-number]`); err != nil {
		t.Fatalf("placing the order: %v", err)
	}
	number, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-order-number]').dataset.orderNumber`))
	if err != nil {
		t.Fatal(err)
	}
	if o, err := shop.Store.OrderByNumber(context.Background(), number); err != nil || o.Country != "CA" || o.ShippingKind != store.ShippingFlat {
		t.Errorf("order = %+v, %v; want standard shipping to CA", o, err)
	}
}
