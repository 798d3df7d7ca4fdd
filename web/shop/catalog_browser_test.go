package shop_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"

	"github.com/chromedp/chromedp"
)

// TestBrowserPickVariant opens the shop in a real browser on a phone-sized
// screen, goes from the home page to a product, picks a variant and sees
// htmx update the price without a reload.
func TestBrowserPickVariant(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", false)
	large := itoa(p.Variants[2].ID)

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/"),
		chromedp.WaitVisible(`a.product-card-link[href="/products/linen-shirt"]`),
		chromedp.Click(`a.product-card-link[href="/products/linen-shirt"]`),
		chromedp.WaitVisible(`h1.product-title`),
	)
	if err != nil {
		t.Fatal(err)
	}
	price, err := chromedp.Run(ctx, chromedp.Text(`#price-block .price-current`))
	if err != nil || price != "$49.00" {
		t.Fatalf("product page price = %q, %v", price, err)
	}
	// A reload would lose this marker; an htmx swap keeps it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker = 42`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=option1][value="L"]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#price-block .price-current').textContent === '$52.00' &&
			document.querySelector('form.add-to-cart input[name=variant_id]').value === '`+large+`'`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("variant pick did not update the price: %v", err)
	}
	if marker, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker || 0`)); err != nil || marker != 42 {
		t.Errorf("the page reloaded on a pick (marker %d, %v); htmx should update in place", marker, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "product.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))
}

// TestBrowserAddToCart adds to the cart with htmx on the product page and
// sees the header's count change without the page reloading, then changes
// the quantity on the cart page the same way.
func TestBrowserAddToCart(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", false)
	large := itoa(p.Variants[2].ID)

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/linen-shirt"),
		chromedp.WaitVisible(`form.add-to-cart button[type=submit]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// A reload would lose this marker; an htmx swap keeps it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker = 42`)); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#cart-link .cart-count').length`)); n != 0 {
		t.Fatalf("header counts items before any add")
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`input[name=option1][value="L"]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('form.add-to-cart input[name=variant_id]').value === '`+large+`'`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.SetValue(`#quantity`, "2"),
		chromedp.Click(`form.add-to-cart button[type=submit]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#cart-link .cart-count')?.textContent === '2'`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("the header's cart count did not update: %v", err)
	}
	marker, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker || 0`))
	if err != nil || marker != 42 {
		t.Errorf("the page reloaded on add (marker %d, %v); htmx should update in place", marker, err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(`#cart-status .notice-success`))
	if err != nil || !strings.Contains(msg, "Added 2 × Linen Shirt (L)") {
		t.Errorf("add message = %q, %v", msg, err)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(`#cart-link`),
		chromedp.WaitVisible(`.cart-line input[name=quantity][type=number]`),
		chromedp.SetValue(`.cart-line input[name=quantity][type=number]`, "3"),
		chromedp.Click(`.cart-line-qty button[type=submit]`),
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-cart-total]')?.dataset.cartTotal === '15600' &&
			document.querySelector('#cart-link .cart-count')?.textContent === '3'`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("quantity change on the cart page did not update the total and count: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "cart.jpg")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(shot))
}

// TestBrowserLongWordsFitAPhone: a product whose title and option value
// are single long words (a German compound) lays out within a phone's
// 390 px on its page, in its collection and in search results (or their
// absence), the word broken rather than pushing the page wide or cut off
// on its card.
func TestBrowserLongWordsFitAPhone(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	const word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenpolitur"
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "polish", Title: word, Status: store.StatusActive, OptionNames: []string{"Finish"},
		Collections: []string{"summer"},
		Variants: []store.VariantInput{
			{SKU: "POL-1", Options: [3]string{"Hochglanzpolierungsmittelkonzentratnachfüllpackung"}, Price: 1200, Stock: 5},
			{SKU: "POL-2", Options: [3]string{"Matt"}, Price: 1300, Stock: 5},
		},
	}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/products/polish", "/zh-cn/products/polish", "/collections/summer",
		"/search?q=" + url.QueryEscape(word), "/zh-cn/search?q=" + url.QueryEscape(word+"s")} {
		if err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+path)); err != nil {
			t.Fatal(err)
		}
		// A card's title is clipped to two lines, so a word too long for
		// it would not widen the page but lose its end.
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement,
				...document.querySelectorAll('.product-card-title')]
			.filter(el => el.scrollWidth > Math.min(el.clientWidth, innerWidth))
			.map(el => el.tagName.toLowerCase() + '.' + el.className + ' ' + el.scrollWidth + ' px')`))
		if err != nil {
			t.Fatal(err)
		}
		if len(wide) > 0 {
			t.Errorf("%s: wider than a 390 px phone or cut off: %v", path, wide)
		}
	}
}
