package shop_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// lineForm finds the quantity form of the cart line showing title.
func lineForm(t *testing.T, res webtest.Response, title string) (action, lineID string) {
	t.Helper()
	var found bool
	res.Doc(t).Find(".cart-line").Each(func(_ int, li *goquery.Selection) {
		if li.Find(".cart-line-title").Text() == title {
			form := li.Find("form.cart-line-qty")
			action, found = form.AttrOr("action", ""), true
			lineID = form.Find("input[name=line_id]").AttrOr("value", "")
		}
	})
	if !found {
		t.Fatalf("cart has no line %q:\n%s", title, res.Body)
	}
	return action, lineID
}

func headerCount(t *testing.T, res webtest.Response) string {
	t.Helper()
	return res.Doc(t).Find("#cart-link .cart-count").Text()
}

// TestCartStory fills a cart with JavaScript off: two products from their
// pages, a quantity change, a removal, each a plain POST answered by 303.
func TestCartStory(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()

	if got := headerCount(t, shop.Get("/")); got != "" {
		t.Errorf("an anonymous visitor's header counts %q items", got)
	}
	res := shop.AddToCart("linen-shirt", v.ShirtM, "2")
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/cart" {
		t.Fatalf("add = %d %q", res.Status, res.Header.Get("Location"))
	}
	if res := shop.AddToCart("dragon-well-tea", v.Tea, "1"); res.Status != http.StatusSeeOther {
		t.Fatalf("add tea = %d", res.Status)
	}

	cart := shop.Get("/cart")
	if cart.Status != http.StatusOK || cart.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("cart = %d, Cache-Control %q", cart.Status, cart.Header.Get("Cache-Control"))
	}
	doc := cart.Doc(t)
	if n := doc.Find(".cart-line").Length(); n != 2 {
		t.Fatalf("cart shows %d lines, want 2:\n%s", n, cart.Body)
	}
	if got, want := cart.CartTotal(t), int64(2*4900+2800); got != want {
		t.Errorf("data-cart-total = %d, want %d", got, want)
	}
	if !strings.Contains(doc.Find(".notice-success").Text(), "Dragon Well Tea") {
		t.Errorf("no confirmation of the last add: %q", doc.Find(".notice").Text())
	}
	if got := doc.Find(".cart-line .cart-line-variant").First().Text(); got != "M" {
		t.Errorf("first line's variant = %q", got)
	}
	if got := headerCount(t, cart); got != "3" {
		t.Errorf("header count = %q, want 3", got)
	}
	if doc.Find(`a[href="/checkout"]`).Length() != 1 {
		t.Error("no checkout link")
	}
	if n := doc.Find("[style], style, script:not([src])").Length(); n > 0 {
		t.Errorf("cart page has %d inline styles or scripts", n)
	}
	// With a session, catalog pages are fresh and count the cart too.
	if got := headerCount(t, shop.Get("/products/linen-shirt")); got != "3" {
		t.Errorf("product page header count = %q, want 3", got)
	}

	action, teaLine := lineForm(t, cart, "Dragon Well Tea")
	if res := shop.Post(action, url.Values{"line_id": {teaLine}, "quantity": {"4"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("update = %d", res.Status)
	}
	cart = shop.Get("/cart")
	if got, want := cart.CartTotal(t), int64(2*4900+4*2800); got != want {
		t.Errorf("after update: data-cart-total = %d, want %d", got, want)
	}

	_, shirtLine := lineForm(t, cart, "Linen Shirt")
	remove := cart.Doc(t).Find(`form.cart-line-remove:has(input[name=line_id][value="` + shirtLine + `"])`)
	if remove.Find(`input[name=quantity]`).AttrOr("value", "") != "0" {
		t.Fatal("remove form does not post quantity 0")
	}
	if res := shop.Post(remove.AttrOr("action", ""), url.Values{"line_id": {shirtLine}, "quantity": {"0"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("remove = %d", res.Status)
	}
	cart = shop.Get("/cart")
	if n := cart.Doc(t).Find(".cart-line").Length(); n != 1 || cart.CartTotal(t) != 4*2800 {
		t.Errorf("after remove: %d lines, total %d", n, cart.CartTotal(t))
	}
	if !strings.Contains(cart.Doc(t).Find(".notice").Text(), "Removed Linen Shirt (M)") {
		t.Errorf("remove notice = %q", cart.Doc(t).Find(".notice").Text())
	}
}

func TestCartIgnoresPostedPrice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	form := url.Values{"variant_id": {itoa(v.ShirtL)}, "quantity": {"2"}, "price": {"1"}, "unit_price": {"1"}, "total": {"1"}}
	if res := shop.Post("/cart/add", form); res.Status != http.StatusSeeOther {
		t.Fatalf("add = %d", res.Status)
	}
	if got := shop.Get("/cart").CartTotal(t); got != 2*5200 {
		t.Errorf("data-cart-total = %d, want %d: the posted price must be ignored", got, 2*5200)
	}
}

func TestCartBadInputIsA4xx(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.Post("/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"1"}})
	_, line := lineForm(t, shop.Get("/cart"), "Dragon Well Tea")

	// Another visitor of the same shop (no cookies of ours) has a line too.
	otherClient := *shop.Client
	otherClient.Jar = nil
	req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/cart/add",
		strings.NewReader(url.Values{"variant_id": {itoa(v.ShirtL)}, "quantity": {"1"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	foreign, err := otherClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	foreign.Body.Close()
	foreignLine := itoa(lastCartLineID(t, shop.Store, v.ShirtL))

	tests := []struct {
		name string
		path string
		form url.Values
		want string // part of the message shown
	}{
		{"unknown variant", "/cart/add", url.Values{"variant_id": {"999999"}, "quantity": {"1"}}, "not available"},
		{"draft product", "/cart/add", url.Values{"variant_id": {itoa(v.Draft)}, "quantity": {"1"}}, "not available"},
		{"sold out", "/cart/add", url.Values{"variant_id": {itoa(v.ShirtS)}, "quantity": {"1"}}, "sold out"},
		{"no variant", "/cart/add", url.Values{"quantity": {"1"}}, "Choose an option"},
		{"variant not a number", "/cart/add", url.Values{"variant_id": {"abc"}, "quantity": {"1"}}, "not available"},
		{"zero", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"0"}}, "1 to 99"},
		{"negative", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"-2"}}, "1 to 99"},
		{"fractional", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"1.5"}}, "1 to 99"},
		{"exponent", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"1e2"}}, "1 to 99"},
		{"not a number", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"lots"}}, "1 to 99"},
		{"absurd", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"100"}}, "1 to 99"},
		{"huge", "/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"99999999999999999999999"}}, "1 to 99"},
		{"update fractional", "/cart/update", url.Values{"line_id": {line}, "quantity": {"1.5"}}, "0 to 99"},
		{"update negative", "/cart/update", url.Values{"line_id": {line}, "quantity": {"-1"}}, "0 to 99"},
		{"update absurd", "/cart/update", url.Values{"line_id": {line}, "quantity": {"500"}}, "0 to 99"},
		{"update empty", "/cart/update", url.Values{"line_id": {line}, "quantity": {""}}, "0 to 99"},
		{"update bad line", "/cart/update", url.Values{"line_id": {"x"}, "quantity": {"1"}}, "no longer in your cart"},
		{"update another's line", "/cart/update", url.Values{"line_id": {foreignLine}, "quantity": {"5"}}, "no longer in your cart"},
		{"remove another's line", "/cart/update", url.Values{"line_id": {foreignLine}, "quantity": {"0"}}, "no longer in your cart"},
	}
	for _, tt := range tests {
		res := shop.Post(tt.path, tt.form)
		if res.Status < 400 || res.Status >= 500 {
			t.Errorf("%s: POST %s %v = %d, want 4xx", tt.name, tt.path, tt.form, res.Status)
			continue
		}
		if got := res.Doc(t).Find(".notice-error").Text(); !strings.Contains(got, tt.want) {
			t.Errorf("%s: message = %q, want it to mention %q", tt.name, got, tt.want)
		}
	}
	// Without JavaScript a refused add links back to the product it came from.
	res := shop.Post("/cart/add", url.Values{"variant_id": {itoa(v.Tea)}, "quantity": {"0"}},
		"Referer", shop.Server.URL+"/products/dragon-well-tea")
	if got := res.Doc(t).Find(".notice-error a").AttrOr("href", ""); got != "/products/dragon-well-tea" {
		t.Errorf("back link = %q", got)
	}
	// Nothing above changed either cart.
	cart := shop.Get("/cart")
	if n := cart.Doc(t).Find(".cart-line").Length(); n != 1 || cart.CartTotal(t) != 2800 {
		t.Errorf("after bad input the cart has %d lines, total %d", n, cart.CartTotal(t))
	}
	if got := lastCartLineQuantity(t, shop.Store, v.ShirtL); got != 1 {
		t.Errorf("the other visitor's line has %d, want 1", got)
	}
}

func lastCartLineID(t *testing.T, st *store.Store, variantID int64) int64 {
	t.Helper()
	var id int64
	if err := st.DB().QueryRow(`SELECT max(id) FROM cart_lines WHERE variant_id = ?`, variantID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func lastCartLineQuantity(t *testing.T, st *store.Store, variantID int64) int64 {
	t.Helper()
	var n int64
	if err := st.DB().QueryRow(`SELECT quantity FROM cart_lines WHERE variant_id = ? ORDER BY id DESC LIMIT 1`, variantID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCartCapsAtStock(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddToCart("linen-shirt", v.ShirtM, "2")
	res := shop.AddToCart("linen-shirt", v.ShirtM, "5")
	if res.Status != http.StatusSeeOther {
		t.Fatalf("add past stock = %d", res.Status)
	}
	cart := shop.Get("/cart")
	if got := cart.Doc(t).Find(".notice-warning").Text(); !strings.Contains(got, "Only 3") {
		t.Errorf("cap notice = %q", got)
	}
	if got := cart.Doc(t).Find(".cart-line input[name=quantity][type=number]").AttrOr("value", ""); got != "3" {
		t.Errorf("quantity = %q, want 3 (the stock)", got)
	}
}

// TestCartFlagsCatalogChanges shows a price change once, then records it
// as seen; a sold-out line is flagged and left out of the total.
func TestCartFlagsCatalogChanges(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddToCart("linen-shirt", v.ShirtL, "1")
	shop.AddToCart("dragon-well-tea", v.Tea, "2")

	p, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", false)
	in := store.ProductInput{Handle: p.Handle, Title: p.Title, Status: p.Status, OptionNames: p.OptionNames}
	for _, pv := range p.Variants {
		in.Variants = append(in.Variants, store.VariantInput{SKU: pv.SKU, Options: pv.Options, Price: pv.Price, Stock: pv.Stock})
	}
	in.Variants[2].Price = 4500
	tea, _ := shop.Store.ProductByHandle(ctx, "dragon-well-tea", false)
	teaIn := store.ProductInput{Handle: tea.Handle, Title: tea.Title, Status: tea.Status,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 0}}}
	for _, pi := range []store.ProductInput{in, teaIn} {
		if _, _, err := shop.Store.SaveProduct(ctx, pi); err != nil {
			t.Fatal(err)
		}
	}

	cart := shop.Get("/cart")
	doc := cart.Doc(t)
	if got := doc.Find(".cart-flag-price").Text(); !strings.Contains(got, "$52.00") || !strings.Contains(got, "$45.00") {
		t.Errorf("price flag = %q", got)
	}
	if got := doc.Find(".cart-flag-problem").Text(); !strings.Contains(got, "Sold out") {
		t.Errorf("sold-out flag = %q", got)
	}
	if got := cart.CartTotal(t); got != 4500 {
		t.Errorf("data-cart-total = %d, want 4500 (new price, sold-out line left out)", got)
	}
	if doc.Find(`a[href="/checkout"]`).Length() != 0 {
		t.Error("checkout offered with a sold-out line")
	}
	// Seen once: the next view no longer flags the price.
	if got := shop.Get("/cart").Doc(t).Find(".cart-flag-price").Length(); got != 0 {
		t.Errorf("price still flagged after being shown")
	}
}

// TestCartWithHTMX adds from the product page and changes the cart with
// htmx: fragments, not pages, and the header's count out of band.
func TestCartWithHTMX(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	form := shop.Get("/products/linen-shirt").Doc(t).Find("form.add-to-cart")
	if form.AttrOr("hx-post", "") != "/cart/add" || form.AttrOr("hx-target", "") != "#cart-status" {
		t.Fatalf("add-to-cart form is not enhanced: hx-post %q", form.AttrOr("hx-post", ""))
	}

	res := shop.Post("/cart/add", url.Values{"variant_id": {itoa(v.ShirtL)}, "quantity": {"2"}}, "HX-Request", "true")
	if res.Status != http.StatusOK || strings.Contains(res.Body, "<html") {
		t.Fatalf("htmx add = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	link := doc.Find("#cart-link")
	if link.AttrOr("hx-swap-oob", "") != "true" || link.Find(".cart-count").Text() != "2" {
		t.Errorf("out-of-band cart link = %q", res.Body)
	}
	if !strings.Contains(doc.Find(".notice-success").Text(), "Added 2 × Linen Shirt (L)") {
		t.Errorf("htmx add message = %q", doc.Find(".notice").Text())
	}
	mini := doc.Find(".mini-cart")
	if !strings.Contains(mini.Find(".mini-cart-lines").Text(), "Linen Shirt") || mini.Find(`a[href="/checkout"]`).Length() != 1 {
		t.Errorf("mini-cart = %q", mini.Text())
	}

	bad := shop.Post("/cart/add", url.Values{"variant_id": {itoa(v.ShirtL)}, "quantity": {"0"}}, "HX-Request", "true")
	if bad.Status != http.StatusUnprocessableEntity || strings.Contains(bad.Body, "<html") ||
		bad.Doc(t).Find(".notice-error").Length() != 1 || bad.Doc(t).Find("#cart-link .cart-count").Text() != "2" {
		t.Errorf("htmx bad add = %d\n%s", bad.Status, bad.Body)
	}

	_, line := lineForm(t, shop.Get("/cart"), "Linen Shirt")
	up := shop.Post("/cart/update", url.Values{"line_id": {line}, "quantity": {"5"}}, "HX-Request", "true")
	doc = up.Doc(t)
	if up.Status != http.StatusOK || strings.Contains(up.Body, "<html") || doc.Find("section#cart").Length() != 1 {
		t.Fatalf("htmx update = %d\n%s", up.Status, up.Body)
	}
	if up.CartTotal(t) != 5*5200 || doc.Find("#cart-link[hx-swap-oob] .cart-count").Text() != "5" {
		t.Errorf("htmx update: total %d, count %q", up.CartTotal(t), doc.Find("#cart-link .cart-count").Text())
	}
	gone := shop.Post("/cart/update", url.Values{"line_id": {line}, "quantity": {"0"}}, "HX-Request", "true")
	if gone.Doc(t).Find(".cart-empty").Length() != 1 || gone.Doc(t).Find("#cart-link .cart-count").Length() != 0 {
		t.Errorf("htmx remove:\n%s", gone.Body)
	}
}

// TestConcurrentAddsOverHTTP has one visitor's 50 requests race: the
// session keeps one cart and every add counts once.
func TestConcurrentAddsOverHTTP(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.SeedFixture()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "sticker", Title: "Sticker", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "STK", Price: 100, Stock: 1000}}}); err != nil {
		t.Fatal(err)
	}
	sticker, _ := shop.Store.ProductByHandle(ctx, "sticker", false)
	id := itoa(sticker.Variants[0].ID)
	if res := shop.Post("/cart/add", url.Values{"variant_id": {id}, "quantity": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("first add = %d", res.Status)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 50)
	for range 50 {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/cart/add",
				strings.NewReader(url.Values{"variant_id": {id}, "quantity": {"1"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("HX-Request", "true")
			res, err := shop.Client.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				errs <- res.Status
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	cart := shop.Get("/cart")
	if got := cart.Doc(t).Find(".cart-line input[name=quantity][type=number]").AttrOr("value", ""); got != "51" {
		t.Errorf("quantity after 51 adds = %q", got)
	}
	var carts int
	shop.Store.DB().QueryRow(`SELECT count(*) FROM carts`).Scan(&carts)
	if carts != 1 {
		t.Errorf("%d carts, want 1", carts)
	}
}
