package shop_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserCoupon, on a phone: a coupon typed into the cart shows its
// discount line, an automatic ladder not yet reached says what is missing,
// a flash sale counts down from the server's clock (with no console
// error), and the order placed shows the discount on its page and in the
// admin.
func TestBrowserCoupon(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	v := shop.Variants()
	now := shop.Clock.Now()
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000, Combines: true})
	shop.AddPromotion(webtest.Promotion{Name: "Spend 300 save 30", Type: "ladder", Combines: true,
		Rules: map[string]any{"steps": []map[string]int64{{"min": 30000, "value": 3000}}}})
	shop.AddPromotion(webtest.Promotion{Name: "Shirt hour", Type: "flash", Value: 5000,
		Rules: map[string]any{"variants": []int64{v.ShirtL}}, StartsAt: now.Add(-time.Hour), EndsAt: now.Add(time.Hour)})
	errs := consoleErrors(t, ctx)

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/dragon-well-tea"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		waitFor(`document.querySelector('#cart-link .cart-count')?.textContent === '1'`),
		chromedp.Navigate(shop.Server.URL+"/products/linen-shirt?variant="+itoa(v.ShirtL)),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		waitFor(`document.querySelector('#cart-link .cart-count')?.textContent === '2'`),
		chromedp.Navigate(shop.Server.URL+"/cart"),
		chromedp.WaitVisible(`#coupon-code`),
		chromedp.SendKeys(`#coupon-code`, "ten"),
		chromedp.Click(`.coupon-form button[type=submit]`),
		chromedp.WaitVisible(`[data-coupon-state="applied"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(ctx, chromedp.Text(`#cart`))
	if err != nil {
		t.Fatal(err)
	}
	// Tea 28.00 takes the coupon (2.80); the shirt is on flash sale at
	// 26.00, which neither the coupon nor the ladder counts.
	for _, want := range []string{"Code TEN", "-$2.80", "Shirt hour", "-$26.00", "Spend $272.00 more to save $30.00", "Flash sale"} {
		if !strings.Contains(page, want) {
			t.Errorf("the cart does not show %q:\n%s", want, page)
		}
	}
	if d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-cart-discount]').dataset.cartDiscount`)); d != "2880" {
		t.Errorf("data-cart-discount = %q, want 2880", d)
	}
	// The countdown shows, and counts down.
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.sale-countdown:not([hidden]) .sale-countdown-clock')?.textContent || ''`))
	if err != nil || (!strings.HasPrefix(first, "0:59:") && !strings.HasPrefix(first, "1:00:")) {
		t.Errorf("countdown = %q, %v; want about an hour", first, err)
	}
	if err := chromedp.Do(ctx, waitFor(`document.querySelector('.sale-countdown-clock').textContent !== `+jsString(first))); err != nil {
		t.Errorf("the countdown does not move: %v", err)
	}
	if ends, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-sale-ends]').dataset.saleEnds`)); ends != now.Add(time.Hour).UTC().Format(time.RFC3339) {
		t.Errorf("data-sale-ends = %q", ends)
	}
	screenshot(t, ctx, "cart")

	err = chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/checkout"),
		chromedp.WaitVisible(`form.checkout`),
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
	o := shop.Order(number)
	if o.Discount != 2880 || o.Total != 8000+1000-2880 {
		t.Errorf("order discount %d, total %d", o.Discount, o.Total)
	}
	if text, _ := chromedp.Run(ctx, chromedp.Text(`main`)); !strings.Contains(text, "Discount (TEN)") || !strings.Contains(text, "-$2.80") {
		t.Errorf("the order page does not show the coupon's discount:\n%s", text)
	}

	owner := shop.AddStaff(store.RoleOwner)
	err = chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/orders/"+itoa(o.ID)),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action^="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`[data-order-discount]`),
	)
	if err != nil {
		t.Fatalf("the admin's order page: %v", err)
	}
	if text, _ := chromedp.Run(ctx, chromedp.Text(`.admin-order-totals`)); !strings.Contains(text, "Discount (TEN)") || !strings.Contains(text, "Shirt hour") {
		t.Errorf("the admin does not show the discounts:\n%s", text)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), name+".jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
}
