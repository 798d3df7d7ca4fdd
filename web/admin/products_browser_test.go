package admin_test

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserCreateProductWithImage is the owner's day one in a real
// browser on a phone-sized screen: sign in, create a product with a
// variant, upload its photo through the file picker, then open the shop
// and see the product, its price and its photo.
func TestBrowserCreateProductWithImage(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	owner := shop.AddStaff(store.RoleOwner)
	photo := filepath.Join(t.TempDir(), "mug.png")
	if err := os.WriteFile(photo, webtest.PNG(t, color.RGBA{30, 90, 160, 255}), 0o644); err != nil {
		t.Fatal(err)
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login"),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`.admin-menu-toggle`),
		chromedp.Click(`.admin-menu-toggle`), // a phone's menu is folded
		chromedp.WaitVisible(`.admin-nav a[href="/admin/products"]`),
		chromedp.Click(`.admin-nav a[href="/admin/products"]`),
		chromedp.WaitVisible(`a[href="/admin/products/new"]`),
		chromedp.Click(`a[href="/admin/products/new"]`),
		chromedp.WaitVisible(`#product-title`),
		chromedp.SendKeys(`#product-title`, "Enamel Mug"),
		chromedp.SetValue(`#product-status`, store.StatusActive),
		chromedp.SendKeys(`input[name=v0_sku]`, "MUG-BLUE"),
		chromedp.SendKeys(`input[name=v0_price]`, "12.50"),
		chromedp.SendKeys(`input[name=v0_stock]`, "8"),
	)
	if err == nil {
		err = webtest.Submit(ctx, `button[name=save]`, `#image-file`)
	}
	if err != nil {
		t.Fatalf("create the product: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/admin/products/") || strings.HasSuffix(loc, "/new") {
		t.Fatalf("after saving the browser is at %q (%v)", loc, err)
	}

	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(`#image-file`, []string{photo}),
		chromedp.SendKeys(`#image-alt`, "A blue enamel mug"),
	)
	if err == nil {
		err = webtest.Submit(ctx, `form.image-upload button[type=submit]`, `.image-item img`)
	}
	if err != nil {
		t.Fatalf("upload the photo: %v", err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/products/enamel-mug"),
		chromedp.WaitVisible(`h1.product-title`),
		// The photo has really loaded: a broken image has no natural width.
		chromedp.Poll[chromedp.Void](`(() => { const img = document.querySelector('.gallery-main img');
			return img !== null && img.complete && img.naturalWidth > 0; })()`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("open the product in the shop: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(`h1.product-title`))
	if err != nil || title != "Enamel Mug" {
		t.Errorf("title = %q (%v)", title, err)
	}
	price, err := chromedp.Run(ctx, chromedp.Text(`#price-block .price-current`))
	if err != nil || price != "$12.50" {
		t.Errorf("price = %q (%v)", price, err)
	}
	alt, err := chromedp.Run(ctx, chromedp.AttributeValue(`.gallery-main img`, "alt"))
	if err != nil || alt.Value != "A blue enamel mug" {
		t.Errorf("photo alt = %+v (%v)", alt, err)
	}
	p, err := shop.Store.ProductByHandle(context.Background(), "enamel-mug", false)
	if err != nil || len(p.Variants) != 1 || p.Variants[0].Stock != 8 || len(p.Images) != 1 {
		t.Errorf("stored product = %+v (%v)", p, err)
	}
}
