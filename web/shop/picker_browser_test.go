package shop_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"storefront/web/webtest"
)

// consoleErrors records the console errors and uncaught exceptions of the
// browser's page (CSP refusals and failed requests among them) from now
// on; the returned func stops recording and gives them.
func consoleErrors(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	ctx, stop := context.WithCancel(ctx)
	messages := chromedp.Console(ctx)
	var (
		mu   sync.Mutex
		errs []string
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String()+" at "+m.URL)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		stop()
		<-done
		mu.Lock()
		defer mu.Unlock()
		return errs
	}
}

func waitFor(js string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(10*time.Second))
}

// TestBrowserPickOptions picks Size then Colour on a phone with
// JavaScript: the price, SKU, stock, image and the variant the form posts
// follow each pick without a reload, the URL keeps the choice, and the
// console stays clean.
func TestBrowserPickOptions(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	ids := seedTee(t, shop)
	errs := consoleErrors(t, ctx)

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/tee"),
		chromedp.WaitVisible(`form.variant-picker`),
	)
	if err != nil {
		t.Fatal(err)
	}
	whiteImage, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.gallery-main img').getAttribute('src')`))
	if err != nil {
		t.Fatal(err)
	}
	// A reload would lose this marker; an htmx swap keeps it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker = 42`)); err != nil {
		t.Fatal(err)
	}

	// Size M keeps White, which is sold out in M: the page says so and
	// the button cannot add it; Navy, made in M, can now be chosen.
	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=option1][value="M"]`),
		waitFor(`document.querySelector('#price-block [data-sku]')?.textContent === 'TEE-M-W' &&
			document.querySelector('form.add-to-cart button[type=submit]').disabled &&
			!document.querySelector('input[name=option2][value="Navy"]').disabled`),
	)
	if err != nil {
		t.Fatalf("picking size M did not show M / White sold out: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=option2][value="Navy"]`),
		waitFor(`document.querySelector('#price-block .price-current')?.textContent === '$27.00' &&
			document.querySelector('form.add-to-cart input[name=variant_id]').value === '`+itoa(ids["M/Navy"])+`' &&
			!document.querySelector('form.add-to-cart button[type=submit]').disabled`),
	)
	if err != nil {
		t.Fatalf("picking Navy did not show M / Navy: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
		marker: window.sfMarker || 0,
		image: document.querySelector('.gallery-main img').getAttribute('src'),
		stock: document.querySelector('#price-block .stock').textContent,
		legend: document.querySelector('fieldset[data-option="2"] legend').textContent.trim(),
		url: location.href,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if state["marker"] != float64(42) {
		t.Errorf("the page reloaded (marker %v); htmx should update in place", state["marker"])
	}
	if state["image"] == whiteImage || state["image"] == "" {
		t.Errorf("the image did not follow the colour: %v", state["image"])
	}
	if state["stock"] != "Only 3 left" || state["legend"] != "Colour: Navy" {
		t.Errorf("after the picks: %v", state)
	}
	if u, _ := state["url"].(string); !strings.Contains(u, "option1=M") || !strings.Contains(u, "option2=Navy") {
		t.Errorf("the URL does not keep the choice: %v", u)
	}

	// The pick goes into the cart.
	err = chromedp.Do(ctx,
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		waitFor(`document.querySelector('#cart-link .cart-count')?.textContent === '1'`),
	)
	if err != nil {
		t.Fatalf("add to cart: %v", err)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Text(`#cart-status .notice-success`)); !strings.Contains(msg, "M / Navy") {
		t.Errorf("add message = %q", msg)
	}
	if errs := errs(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestBrowserPickOptionsWithoutJavaScript makes the same choice with
// scripts off: the picker's plain GET form (its Update button) resolves
// the options, and the plain add-to-cart form posts that variant.
func TestBrowserPickOptionsWithoutJavaScript(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	ids := seedTee(t, shop)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/tee"),
		chromedp.WaitVisible(`form.variant-picker button[type=submit]`),
		chromedp.Click(`input[name=option1][value="M"]`),
		chromedp.Click(`form.variant-picker button[type=submit]`),
		// The attribute, not the :checked state the click gave: the page the form led to.
		chromedp.WaitVisible(`input[name=option1][value="M"][checked]`),
		chromedp.Click(`input[name=option2][value="Navy"]`),
		chromedp.Click(`form.variant-picker button[type=submit]`),
		chromedp.WaitVisible(`input[name=option2][value="Navy"][checked]`),
	)
	if err != nil {
		t.Fatalf("choosing M then Navy through the plain form: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
		price: document.querySelector('#price-block .price-current').textContent,
		variant: document.querySelector('form.add-to-cart input[name=variant_id]').value,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if state["price"] != "$27.00" || state["variant"] != itoa(ids["M/Navy"]) {
		t.Errorf("without JavaScript M / Navy shows %v", state)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.WaitVisible(`#cart-link .cart-count`),
		chromedp.Navigate(shop.Server.URL+"/cart"),
		chromedp.WaitVisible(`.cart-line`),
	)
	if err != nil {
		t.Fatalf("adding without JavaScript: %v", err)
	}
	if line, err := chromedp.Run(ctx, chromedp.Text(`.cart-line-variant`)); err != nil || line != "M / Navy" {
		t.Errorf("cart line = %q, %v; want M / Navy", line, err)
	}
}
