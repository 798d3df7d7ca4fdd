package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/views"
	"storefront/web/webtest"
)

// seedGifts adds a collection that is not featured on the home page, with
// a product in it, and an empty one: the menu shows the first, not the second.
func seedGifts(t *testing.T, shop *webtest.Shop) {
	t.Helper()
	ctx := context.Background()
	for _, c := range []store.CollectionInput{{Handle: "gifts", Title: "Gifts"}, {Handle: "empty", Title: "Nothing Yet"}} {
		if _, err := shop.Store.SaveCollection(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "gift-card", Title: "Gift Card",
		Status: store.StatusActive, Collections: []string{"gifts"},
		Variants: []store.VariantInput{{SKU: "GC-1", Price: 5000, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
}

func TestHeaderMenuListsEveryCollection(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	seedGifts(t, shop)

	doc := shop.Get("/").Doc(t)
	for _, menu := range []string{".site-nav", "details.nav-menu .nav-menu-panel"} {
		links := map[string]bool{}
		doc.Find(menu + " a").Each(func(_ int, a *goquery.Selection) {
			links[a.AttrOr("href", "")] = true
		})
		for _, want := range []string{"/", "/collections/summer", "/collections/gifts"} {
			if !links[want] {
				t.Errorf("%s: no link to %s (links %v)", menu, want, links)
			}
		}
		if links["/collections/empty"] {
			t.Errorf("%s links an empty collection", menu)
		}
	}
	// The menu leaves the empty one out of the request's copy: the list
	// the collections page reads still has it, for every shopper.
	for range 2 {
		if body := shop.Get("/collections").Body; !strings.Contains(body, `href="/collections/empty"`) {
			t.Error("/collections lost the empty collection after the menu left it out")
		}
	}
}

// The phone menu is a details element: the browser opens it without any
// script, and the CSP would forbid an inline one anyway.
func TestPhoneMenuWorksWithoutJavaScript(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	doc := shop.Get("/").Doc(t)
	menu := doc.Find("header details.nav-menu")
	if menu.Length() != 1 {
		t.Fatalf("phone menus = %d, want one details element", menu.Length())
	}
	if !menu.Children().First().Is("summary") || strings.TrimSpace(menu.Find("summary").Text()) != "Menu" {
		t.Errorf("menu's first child is not a summary saying Menu: %q", menu.Find("summary").Text())
	}
	if menu.Find("nav a[href='/collections/summer']").Length() != 1 {
		t.Error("menu has no link to the collection")
	}
	if n := doc.Find("script:not([src]):not([type='application/ld+json'])").Length(); n != 0 {
		t.Errorf("%d inline scripts", n)
	}
	zh := shop.Get("/", "Accept-Language", "zh-CN").Doc(t)
	if got := strings.TrimSpace(zh.Find("details.nav-menu summary").Text()); got != "菜单" {
		t.Errorf("Chinese menu label = %q", got)
	}
}

func TestFavicon(t *testing.T) {
	shop := webtest.New(t)
	href, ok := shop.Get("/").Doc(t).Find("link[rel=icon]").Attr("href")
	if !ok || !strings.HasPrefix(href, "/favicon.svg?") {
		t.Fatalf("icon link = %q", href)
	}
	res := shop.Get(href)
	if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("icon: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("icon Cache-Control = %q", cc)
	}
	if !strings.Contains(res.Body, "<svg") || !strings.Contains(res.Body, ">S</text>") {
		t.Errorf("icon does not draw the shop's initial: %s", res.Body)
	}
	again := shop.Get(href, "If-None-Match", res.Header.Get("ETag"))
	if again.Status != http.StatusNotModified {
		t.Errorf("revalidation = %d", again.Status)
	}
	// The unversioned icon follows the settings, so it is revalidated.
	if cc := shop.Get("/favicon.svg").Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("/favicon.svg Cache-Control = %q", cc)
	}
	for _, bad := range []string{"/favicon.svg?i=%3Cscript%3E&c=112233", "/favicon.svg?i=S&c=zzz", "/favicon.svg?i=ab&c=112233"} {
		if got := shop.Get(bad).Status; got != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", bad, got)
		}
	}
}

func TestPlaceholderForProductWithoutPhoto(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	page := shop.Get("/products/dragon-well-tea").Doc(t)
	title := strings.TrimSpace(page.Find("h1").First().Text())
	if got := strings.TrimSpace(page.Find(".gallery [data-placeholder]").Text()); got == "" || got != views.Initial(title) {
		t.Errorf("product page placeholder = %q, want the initial of %q", got, title)
	}
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	if shop.Get("/cart").Doc(t).Find(".cart-line-media [data-placeholder]").Length() != 1 {
		t.Error("cart line without a photo has no placeholder")
	}
	shop.AddShipping()
	if shop.Get("/checkout").Doc(t).Find(".checkout-line-media [data-placeholder]").Length() == 0 {
		t.Error("checkout line without a photo has no placeholder")
	}
}

func TestCheckoutHeaderAndPhoneSummary(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "2")
	doc := shop.Get("/checkout").Doc(t)
	header := doc.Find(".site-header")
	if header.Find(".site-nav, .search-form, details.nav-menu").Length() != 0 {
		t.Error("checkout header still has the shop's menus or search")
	}
	if header.Find("a.checkout-back[href='/cart']").Length() != 1 || !strings.Contains(header.Text(), "Secure checkout") {
		t.Errorf("checkout header = %q", header.Text())
	}
	peek := doc.Find("details.checkout-peek summary #checkout-peek-total")
	want := strings.TrimSpace(doc.Find("#checkout-summary [data-checkout-total]").Text())
	if got := strings.TrimSpace(peek.Text()); got != want || want == "" {
		t.Errorf("phone summary total = %q, want the summary's %q", got, want)
	}
	// Another shipping method redraws the aside and, out of band, the top.
	flat := doc.Find("input[name=shipping_method]").First().AttrOr("value", "")
	res := shop.Get("/checkout/summary?shipping_method="+flat, "HX-Request", "true")
	if !strings.Contains(res.Body, `id="checkout-peek-total" class="checkout-peek-total" hx-swap-oob="true"`) {
		t.Errorf("summary update has no out-of-band total: %s", res.Body)
	}
}

func TestCheckoutCountryList(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	if err := shop.Store.SetSetting(context.Background(), store.SettingCountry, "CN"); err != nil {
		t.Fatal(err)
	}
	sel := shop.Get("/checkout", "Accept-Language", "zh-CN").Doc(t).Find("select#checkout-country")
	opts := sel.Find("option")
	if opts.Length() < 20 {
		t.Fatalf("country options = %d", opts.Length())
	}
	if first := opts.Eq(1); first.AttrOr("value", "") != "CN" || first.Text() != "中国" {
		t.Errorf("first country = %s %q, want the shop's own, CN 中国", first.AttrOr("value", ""), first.Text())
	}
	if got := sel.Find("option[selected]").AttrOr("value", ""); got != "CN" {
		t.Errorf("chosen country = %q, want the shop's", got)
	}
}

func TestAddressPrintedInCountryOrder(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	cases := []struct {
		addr store.Address
		want []string
	}{
		{store.Address{Email: "wei@example.com", Name: "张伟", AddressLine1: "朝阳区建国路 88 号", City: "北京市",
			Region: "北京", PostalCode: "100022", Country: "CN"},
			[]string{"张伟", "中国 北京 北京市", "朝阳区建国路 88 号", "100022"}},
		{store.Address{Email: "ann@example.com", Name: "Ann Lee", AddressLine1: "1 Main St", AddressLine2: "Apt 2",
			City: "Springfield", Region: "IL", PostalCode: "62701", Country: "US"},
			[]string{"Ann Lee", "1 Main St", "Apt 2", "Springfield, IL 62701", "United States"}},
	}
	for _, c := range cases {
		o := placeOrderTo(t, shop, c.addr, flat)
		doc := shop.Get("/orders/"+o.Number+"?key="+o.AccessKey, "Accept-Language", map[string]string{"CN": "zh-CN", "US": "en"}[c.addr.Country]).Doc(t)
		html, _ := doc.Find("address[data-address]").Html()
		if got := strings.Split(strings.ReplaceAll(html, "<br/>", "\n"), "\n"); strings.Join(trimAll(got), "|") != strings.Join(c.want, "|") {
			t.Errorf("%s address = %q, want %q", c.addr.Country, trimAll(got), c.want)
		}
	}
}

func TestOrderPageShowsShopTimeZone(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	want := o.CreatedAt.In(tokyo).Format("Jan 2, 2006, 15:04 MST")
	body := shop.Get("/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)).Body
	if !strings.Contains(body, want) {
		t.Errorf("order page does not show %q (the shop's zone)", want)
	}
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, "Mars/Olympus"); err == nil {
		t.Error("an unknown time zone was saved")
	}
}

func placeOrderTo(t *testing.T, shop *webtest.Shop, addr store.Address, shipping int64) *store.Order {
	t.Helper()
	ctx := context.Background()
	cart, err := shop.Store.AddToCart(ctx, "", shop.Variants().Tea, 1)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: addr, ShippingMethodID: shipping, PaymentMethod: store.PayBankTransfer, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
