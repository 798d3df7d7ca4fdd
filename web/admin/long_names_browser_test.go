package admin_test

import (
	"context"
	"image/color"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestBrowserLongTitlesAndSKUsKeepTheLayout: a product with a 200-letter
// title and a variant whose SKU is 100 characters, both without a space. On a
// 1366 px screen every thumbnail of the product table stays 48×48 beside
// its wrapping title; on a 390 px phone no page that shows the SKU (its
// stock page, the low-stock list, the dashboard, the order) is wider than
// the screen.
func TestBrowserLongTitlesAndSKUsKeepTheLayout(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	sku := strings.Repeat("SKU", 33) + "X"
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "long-one", Status: store.StatusActive, Title: strings.Repeat("Handwoven", 22) + "xx",
		Images:   []store.ImageInput{{SourceURL: "test:long", Data: webtest.PNG(t, color.Black)}},
		Variants: []store.VariantInput{{SKU: sku, Price: 1000, Stock: 3}},
	}); err != nil {
		t.Fatal(err)
	}
	p, err := shop.Store.ProductByHandle(context.Background(), "long-one", true)
	if err != nil {
		t.Fatal(err)
	}
	o := shop.Buy(p.Variants[0].ID, 1, flat)
	owner := shop.AddStaff(store.RoleOwner)
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(shop.Server.URL+"/admin/login"),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`.admin-nav`),
		chromedp.Navigate(shop.Server.URL+"/admin/products"),
		chromedp.WaitReady(`.product-table`),
	)
	if err != nil {
		t.Fatalf("sign in and open the products: %v", err)
	}
	crushed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		for (const img of document.querySelectorAll('.product-table .product-thumb')) {
			const r = img.getBoundingClientRect();
			if (r.width !== 48 || r.height !== 48) {
				return 'a thumbnail is ' + r.width + '×' + r.height;
			}
		}
		const wrap = document.querySelector('.product-table').closest('.admin-table-wrap');
		if (wrap.scrollWidth > wrap.clientWidth) {
			return 'the table scrolls sideways: ' + wrap.scrollWidth + ' > ' + wrap.clientWidth;
		}
		return '';
	})()`))
	if err != nil || crushed != "" {
		t.Errorf("at 1366 px %s, want 48×48 thumbnails beside a wrapped title (%v)", crushed, err)
	}
	for _, path := range []string{adminviews.StockURL(p.Variants[0].ID), "/admin/inventory/low-stock", "/admin",
		"/admin/orders/" + itoa(o.ID)} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(shop.Server.URL+path), chromedp.WaitReady(`main`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil || width > 390 {
			t.Errorf("at 390 px %s is %d px wide (%v)", path, width, err)
		}
	}
}
