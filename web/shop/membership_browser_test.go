package shop_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserMembership, on a phone: register, sign in, buy; once the
// owner has been paid and shipped, the points show as pending; eleven days
// later they are available and the spend has made the shopper Silver; the
// next order pays with them, priced first by the Use points button.
func TestBrowserMembership(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	if _, err := shop.Store.DB().Exec(`UPDATE member_tiers SET threshold = 5000 WHERE name = 'Silver'`); err != nil {
		t.Fatal(err)
	}
	errs := consoleErrors(t, ctx)
	base := shop.Server.URL
	js := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/account/register"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=name]`, "Mei Lin"),
		chromedp.SendKeys(`input[name=email]`, "mei@example.com"),
		chromedp.SendKeys(`input[name=password]`, "a long enough secret"),
		chromedp.Click(`form[action$="/account/register"] button[type=submit]`),
		chromedp.WaitVisible(`.notice-success, [role=status]`),
		chromedp.Navigate(base+"/account/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, "mei@example.com"),
		chromedp.SendKeys(`input[name=password]`, "a long enough secret"),
		chromedp.Click(`form[action$="/account/login"] button[type=submit]`),
		chromedp.WaitVisible(`[data-points-balance]`),
	)
	if err != nil {
		t.Fatalf("register and sign in: %v", err)
	}
	buyTea := func(extra ...chromedp.Action[chromedp.Void]) string {
		t.Helper()
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/products/dragon-well-tea"),
			chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
			chromedp.Click(`form.add-to-cart button[type=submit]`),
			waitFor(`!!document.querySelector('#cart-link .cart-count')`),
			chromedp.Navigate(base + "/checkout"),
			chromedp.WaitVisible(`form.checkout`),
		}
		steps = append(steps, extra...)
		steps = append(steps,
			chromedp.SetValue(`#checkout-address_line1`, "Tianyaoqiao Road 100"),
			chromedp.SetValue(`#checkout-city`, "Shanghai"),
			chromedp.SetValue(`#checkout-postal_code`, "200030"),
			chromedp.SetValue(`#checkout-country`, "CN"),
			chromedp.Click(`input[name=payment_method][value=bank_transfer]`),
			chromedp.Click(`button.checkout-submit`),
			chromedp.WaitVisible(`[data-order-number]`),
		)
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("buying tea: %v", err)
		}
		return js(`document.querySelector('[data-order-number]').dataset.orderNumber`)
	}
	first := shop.Order(buyTea()) // 28.00: 28 points
	owner := store.Actor{Email: "owner@example.com"}
	if _, err := shop.Store.MarkPaid(context.Background(), owner, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(context.Background(), owner, first.ID, nil, "SF", "1"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account/points"), chromedp.WaitVisible(`[data-points-pending]`)); err != nil {
		t.Fatal(err)
	}
	if p := js(`document.querySelector('[data-points-pending]').textContent.trim()`); p != "28" {
		t.Errorf("pending after shipping = %q, want 28", p)
	}

	shop.Clock.Advance(11 * 24 * time.Hour)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account/points"), chromedp.WaitVisible(`[data-points-balance]`)); err != nil {
		t.Fatal(err)
	}
	if b := js(`document.querySelector('[data-points-balance]').dataset.pointsBalance`); b != "28" {
		t.Errorf("available 11 days later = %q, want 28", b)
	}
	second := buyTea(
		chromedp.SetValue(`#checkout-redeem-points`, "28"),
		chromedp.Click(`.checkout-points button[type=submit]`),
		chromedp.WaitVisible(`[data-points-paid]`),
	)
	if o := shop.Order(second); o.Discount != 28 {
		t.Errorf("second order's discount = %d, want 28 (0.28 in points)", o.Discount)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account/points"), chromedp.WaitVisible(`[data-points-balance]`)); err != nil {
		t.Fatal(err)
	}
	if b := js(`document.querySelector('[data-points-balance]').dataset.pointsBalance`); b != "0" {
		t.Errorf("balance after redeeming = %q", b)
	}
	if _, err := shop.Store.MarkPaid(context.Background(), owner, shop.Order(second).ID); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account/points"), chromedp.WaitVisible(`[data-member-tier]`)); err != nil {
		t.Fatal(err)
	}
	if tier := js(`document.querySelector('[data-member-tier]').dataset.memberTier`); tier != "Silver" {
		t.Errorf("tier after 55.72 paid = %q, want Silver", tier)
	}
	screenshot(t, ctx, "points")
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
