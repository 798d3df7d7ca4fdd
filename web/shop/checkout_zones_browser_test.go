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

// TestBrowserCheckoutFollowsTheCountry: a Dutch shop's courier delivers
// at home and collects cash; its international post goes to Portugal and
// the United States and does not. In a real browser the methods follow
// the country picked on the page before anything is sent: the post shows
// for Portugal, chosen and priced in the summary, with cash on delivery
// gone; Germany has none and says so; cash on delivery chosen at home
// stays through Germany and gives way to another payment for Portugal;
// back home the courier returns with cash on delivery, by which the order
// is placed.
func TestBrowserCheckoutFollowsTheCountry(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	bg := context.Background()
	if err := shop.Store.SetSetting(bg, store.SettingCountry, "NL"); err != nil {
		t.Fatal(err)
	}
	courier, err := shop.Store.CreateShippingMethod(bg, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Courier"), Kind: store.ShippingFlat, Price: 900, Active: true, Countries: []string{"NL"}})
	if err != nil {
		t.Fatal(err)
	}
	post, err := shop.Store.CreateShippingMethod(bg, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("International post"), Kind: store.ShippingFlat, Price: 1900, Active: true,
		Countries: []string{"PT", "US"}, NoCOD: true})
	if err != nil {
		t.Fatal(err)
	}
	method := func(id int64) string { return fmt.Sprintf(`input[name=shipping_method][value="%d"]`, id) }
	// shown says whether sel's choice is on screen.
	shown := func(sel string) bool {
		t.Helper()
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').closest('label').offsetParent !== null`))
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	pickCountry := func(code string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(function (s) { s.value = '` + code + `'; s.dispatchEvent(new Event('change', { bubbles: true })); })(document.getElementById('checkout-country'))`)
	}
	total := func(want int) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector('[data-checkout-total]')?.dataset.checkoutTotal === '%d'`, want),
			chromedp.WithPollingTimeout(10*time.Second))
	}
	cod := `input[name=payment_method][value=cod]`

	err = chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/dragon-well-tea"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#cart-link .cart-count')?.textContent === '1'`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Navigate(shop.Server.URL+"/checkout"),
		chromedp.WaitVisible(`form.checkout`),
		chromedp.WaitVisible(method(courier.ID)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if shown(method(post.ID)) || !shown(cod) {
		t.Errorf("for the Netherlands: the post shown %v, cash on delivery %v", shown(method(post.ID)), shown(cod))
	}

	if err := chromedp.Do(ctx, pickCountry("PT"), total(2800+1900)); err != nil {
		t.Fatalf("Portugal: the post is not priced: %v", err)
	}
	if shown(method(courier.ID)) || !shown(method(post.ID)) || shown(cod) {
		t.Errorf("for Portugal: courier %v, post %v, cash on delivery %v", shown(method(courier.ID)), shown(method(post.ID)), shown(cod))
	}
	if checked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+method(post.ID)+`').checked`)); !checked {
		t.Error("the post is shown but not chosen")
	}

	if err := chromedp.Do(ctx, pickCountry("DE"), chromedp.WaitVisible(`[data-no-ship-country]`)); err != nil {
		t.Fatalf("Germany: no message: %v", err)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Text(`[data-no-ship-country]`)); msg != "Sorry, we do not deliver to Germany. Please choose another country." {
		t.Errorf("Germany's message = %q", msg)
	}
	if shown(method(courier.ID)) || shown(method(post.ID)) {
		t.Error("a method stays on screen for Germany")
	}

	// Cash on delivery chosen, then a country nobody delivers to: no
	// method is chosen, so nothing refuses it; then one whose only method
	// takes no cash: another way to pay is chosen in its place.
	checked := func(sel string) bool {
		t.Helper()
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`:checked') !== null`))
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	err = chromedp.Do(ctx, pickCountry("NL"), total(2800+900),
		chromedp.WaitNotVisible(`[data-no-ship-country]`),
		chromedp.WaitVisible(cod),
		chromedp.Click(cod),
		pickCountry("DE"), chromedp.WaitVisible(`[data-no-ship-country]`))
	if err != nil {
		t.Fatalf("cash on delivery, then Germany: %v", err)
	}
	if !shown(cod) || !checked(cod) {
		t.Errorf("for Germany after cash on delivery: shown %v, chosen %v", shown(cod), checked(cod))
	}
	if err := chromedp.Do(ctx, pickCountry("PT"), total(2800+1900)); err != nil {
		t.Fatalf("then Portugal: %v", err)
	}
	if shown(cod) || checked(cod) || !checked(`input[name=payment_method]`) {
		t.Errorf("for Portugal after cash on delivery: shown %v, chosen %v, another chosen %v",
			shown(cod), checked(cod), checked(`input[name=payment_method]`))
	}

	err = chromedp.Do(ctx, pickCountry("NL"), total(2800+900),
		chromedp.WaitVisible(cod),
		chromedp.Click(cod),
		chromedp.SendKeys(`#checkout-email`, "ana@example.com"),
		chromedp.SendKeys(`#checkout-name`, "Ana de Vries"),
		chromedp.SendKeys(`#checkout-address_line1`, "Damrak 1"),
		chromedp.SendKeys(`#checkout-city`, "Amsterdam"),
		chromedp.SendKeys(`#checkout-postal_code`, "1012 LG"),
	)
	if err != nil {
		t.Fatalf("back to the Netherlands: %v", err)
	}
	if err := webtest.Submit(ctx, `button.checkout-submit`, `[data-order-number]`); err != nil {
		t.Fatalf("placing the order: %v", err)
	}
	number, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-order-number]').dataset.orderNumber`))
	if err != nil {
		t.Fatal(err)
	}
	o, err := shop.Store.OrderByNumber(bg, number)
	if err != nil || o.PaymentMethod != store.PayCOD || o.Shipping != 900 || o.Country != "NL" {
		t.Errorf("order = %+v, %v; want the courier to NL, paid on delivery", o, err)
	}
}
