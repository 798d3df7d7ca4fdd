package shop_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storefront/web/webtest"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheckout buys in a real browser on a phone-sized screen: adds
// a product, fills the checkout, picks local pickup (the summary updates
// in place and the address goes away), then standard shipping again, pays
// by bank transfer and sees the confirmation.
func TestBrowserCheckout(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	v := shop.Variants()

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/dragon-well-tea"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#cart-link .cart-count')?.textContent === '1'`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Navigate(shop.Server.URL+"/checkout"),
		chromedp.WaitVisible(`form.checkout`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if total, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-checkout-total]').dataset.checkoutTotal`)); err != nil || total != "3800" {
		t.Fatalf("checkout total = %q, %v; want 3800 (tea and flat shipping)", total, err)
	}

	// Pickup: htmx prices the summary without shipping, CSS hides the address.
	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=shipping_method][data-kind=pickup]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-checkout-total]')?.dataset.checkoutTotal === '2800'`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("picking pickup did not update the summary: %v", err)
	}
	if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.checkout-address')).display === 'none'`)); !hidden {
		t.Error("the address stays on screen for pickup")
	}

	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=shipping_method][data-kind=flat]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-checkout-total]')?.dataset.checkoutTotal === '3800'`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.SendKeys(`#checkout-email`, "ana@example.com"),
		chromedp.SendKeys(`#checkout-name`, "Ana Lima"),
		chromedp.SendKeys(`#checkout-address_line1`, "Rua Augusta 1"),
		chromedp.SendKeys(`#checkout-city`, "Lisboa"),
		chromedp.SendKeys(`#checkout-postal_code`, "1100-048"),
		chromedp.SendKeys(`#checkout-country`, "Portugal"),
		chromedp.Click(`input[name=payment_method][value=bank_transfer]`),
		chromedp.Click(`button.checkout-submit`),
		chromedp.WaitVisible(`[data-order-number]`),
	)
	if err != nil {
		t.Fatalf("placing the order: %v", err)
	}
	number, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-order-number]').dataset.orderNumber`))
	if err != nil {
		t.Fatal(err)
	}
	o, err := shop.Store.OrderByNumber(ctx, number)
	if err != nil {
		t.Fatalf("page shows order %q: %v", number, err)
	}
	if o.Total != 3800 || len(o.Lines) != 1 || o.Lines[0].VariantID != v.Tea {
		t.Errorf("order = total %d, lines %+v", o.Total, o.Lines)
	}
	heading, err := chromedp.Run(ctx, chromedp.Text(`h1`))
	if err != nil || !strings.Contains(heading, "Your order is placed") {
		t.Errorf("confirmation heading = %q, %v", heading, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "order.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))
}
