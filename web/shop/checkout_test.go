package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// teaInCart is a shop with shipping methods and a visitor with one tea
// (28.00) in the cart.
func teaInCart(t *testing.T) *webtest.Shop {
	t.Helper()
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	return shop
}

// sessionData is the stored data of the shop's only session.
func sessionData(t *testing.T, shop *webtest.Shop) string {
	t.Helper()
	var data string
	if err := shop.Store.DB().QueryRow(`SELECT data FROM sessions`).Scan(&data); err != nil {
		t.Fatal(err)
	}
	return data
}

// shopper is what the checkout tests type into the form.
var shopper = map[string]string{
	"email": "ana@example.com", "name": "Ana Lima", "phone": "+351 912 345 678",
	"address_line1": "Rua Augusta 1", "city": "Lisboa", "postal_code": "1100-048", "country": "PT",
}

// checkoutForm reads the checkout page's form the way a browser submits
// it: every field with its value, the checked radios only. The shopper's
// details and the given overrides are then typed in.
func checkoutForm(t *testing.T, page webtest.Response, overrides map[string]string) url.Values {
	t.Helper()
	form := page.Doc(t).Find("form.checkout")
	// A page in Chinese posts to the Chinese address, /zh-cn/checkout.
	_, action, _ := i18n.SplitPath(form.AttrOr("action", ""))
	if form.Length() != 1 || form.AttrOr("method", "") != "post" || action != "/checkout" {
		t.Fatalf("no checkout form posting to /checkout:\n%s", page.Body)
	}
	values := url.Values{}
	form.Find("input, textarea").Each(func(_ int, in *goquery.Selection) {
		name := in.AttrOr("name", "")
		typ := in.AttrOr("type", "text")
		if (typ == "radio" || typ == "checkbox") && in.AttrOr("checked", "-") == "-" {
			return
		}
		if in.Is("textarea") {
			values.Set(name, in.Text())
		} else {
			values.Set(name, in.AttrOr("value", ""))
		}
	})
	for k, v := range shopper {
		values.Set(k, v)
	}
	for k, v := range overrides {
		values.Set(k, v)
	}
	return values
}

// orderCount is how many orders the shop holds.
func orderCount(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM orders`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// placedOrder follows a checkout's 303 to the order it placed.
func placedOrder(t *testing.T, shop *webtest.Shop, res webtest.Response) *store.Order {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/orders/") {
		t.Fatalf("checkout = %d %q, want 303 to the order page:\n%s", res.Status, loc, res.Body)
	}
	u, _ := url.Parse(loc)
	o, err := shop.Store.OrderByNumber(context.Background(), strings.TrimPrefix(u.Path, "/orders/"))
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("key") != o.AccessKey {
		t.Fatalf("order page link %q does not carry the order's key", loc)
	}
	return o
}

// TestCheckoutStory buys with JavaScript off, from the home page to the
// order confirmation, paying by bank transfer.
func TestCheckoutStory(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	v := shop.Variants()

	if res := shop.Get("/"); !strings.Contains(res.Body, `href="/products/linen-shirt"`) {
		t.Fatal("home page does not link the shirt")
	}
	shop.AddToCart("linen-shirt", v.ShirtL, "2")
	shop.AddToCart("dragon-well-tea", v.Tea, "1")
	cart := shop.Get("/cart")
	if cart.Doc(t).Find(`a[href="/checkout"]`).Length() != 1 {
		t.Fatal("cart has no checkout link")
	}

	page := shop.Get("/checkout")
	if page.Status != http.StatusOK || page.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("checkout = %d, Cache-Control %q", page.Status, page.Header.Get("Cache-Control"))
	}
	doc := page.Doc(t)
	if n := doc.Find("[style], style, script:not([src])").Length(); n > 0 {
		t.Errorf("checkout page has %d inline styles or scripts", n)
	}
	for _, name := range []string{"checkout_token", "email", "name", "phone", "address_line1", "address_line2",
		"city", "region", "postal_code", "country", "note"} {
		if doc.Find(`form.checkout [name="`+name+`"]`).Length() != 1 {
			t.Errorf("checkout form has no %s field", name)
		}
	}
	if got := doc.Find(`input[name=shipping_method]:checked`).AttrOr("value", ""); got != itoa(flat) {
		t.Errorf("default shipping method = %q, want the first (%d)", got, flat)
	}
	var offered []string
	doc.Find(`input[name=payment_method]`).Each(func(_ int, s *goquery.Selection) { offered = append(offered, s.AttrOr("value", "")) })
	if strings.Join(offered, ",") != "bank_transfer,cod" {
		t.Errorf("payment methods offered = %v, want bank_transfer and cod (Stripe has no key)", offered)
	}
	wantTotal := int64(2*5200 + 2800 + 1000)
	if got := doc.Find("[data-checkout-total]").AttrOr("data-checkout-total", ""); got != itoa(wantTotal) {
		t.Errorf("summary total = %q, want %d", got, wantTotal)
	}

	sessionBefore := sessionData(t, shop)
	res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"payment_method": "bank_transfer", "note": "Ring twice"}))
	o := placedOrder(t, shop, res)
	// Placing the order changes nothing the session holds; writing it
	// would make every buyer wait for a second commit.
	if after := sessionData(t, shop); after != sessionBefore {
		t.Errorf("placing the order rewrote the session:\n%q\n%q", sessionBefore, after)
	}
	if o.Total != wantTotal || o.PaymentMethod != store.PayBankTransfer || o.Note != "Ring twice" || o.Locale != "en" {
		t.Errorf("order = total %d, %s, note %q, locale %q", o.Total, o.PaymentMethod, o.Note, o.Locale)
	}

	conf := shop.Get(res.Header.Get("Location"))
	if conf.Status != http.StatusOK {
		t.Fatalf("order page = %d", conf.Status)
	}
	for h, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"} {
		if got := conf.Header.Get(h); got != want {
			t.Errorf("order page %s = %q, want %q", h, got, want)
		}
	}
	cdoc := conf.Doc(t)
	if cdoc.Find(`meta[name=robots][content*=noindex]`).Length() != 1 {
		t.Error("order page is not noindex")
	}
	if got := cdoc.Find("[data-order-number]").AttrOr("data-order-number", ""); got != o.Number {
		t.Errorf("data-order-number = %q, want %q", got, o.Number)
	}
	if got := cdoc.Find("[data-order-total]").AttrOr("data-order-total", ""); got != itoa(o.Total) {
		t.Errorf("data-order-total = %q, want %d", got, o.Total)
	}
	if !strings.Contains(cdoc.Find("h1").Text(), "Your order is placed") {
		t.Errorf("no confirmation heading: %q", cdoc.Find("h1").Text())
	}
	body := cdoc.Find(".order-page").Text()
	for _, want := range []string{"Awaiting payment", "Bank transfer", o.Number, "Rua Augusta 1", "Linen Shirt", "$142.00", "Order placed."} {
		if !strings.Contains(body, want) {
			t.Errorf("order page lacks %q", want)
		}
	}
	if cdoc.Find(`.order-lines img[src^="/images/"]`).Length() != 1 {
		t.Error("the shirt's line shows no thumbnail")
	}
	if got := headerCount(t, conf); got != "" {
		t.Errorf("after the order the header counts %q items", got)
	}
	if again := shop.Get(res.Header.Get("Location")); strings.Contains(again.Body, "Your order is placed") {
		t.Error("the thank-you shows again on a second visit")
	}
}

func TestCheckoutValidationKeepsValues(t *testing.T) {
	shop := teaInCart(t)
	page := shop.Get("/checkout")
	token := page.Doc(t).Find(`input[name=checkout_token]`).AttrOr("value", "")

	form := checkoutForm(t, page, map[string]string{"email": "not-an-email", "name": "  ", "city": "Porto",
		"address_line1": "", "note": "Leave at the door"})
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid checkout = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	wantMessage := func(doc *goquery.Document, field, want string) {
		t.Helper()
		if doc.Find(`[name="`+field+`"]`).AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s is not marked invalid", field)
		}
		if msg := doc.Find("#checkout-" + field + "-error").Text(); !strings.Contains(msg, want) {
			t.Errorf("%s message = %q, want %q", field, msg, want)
		}
	}
	wantMessage(doc, "email", "Enter an email address")
	wantMessage(doc, "name", "Please fill this in")
	for field, want := range map[string]string{"email": "not-an-email", "city": "Porto", "phone": shopper["phone"],
		"checkout_token": token} {
		if got := doc.Find(`input[name="`+field+`"]`).AttrOr("value", ""); got != want {
			t.Errorf("%s kept as %q, want %q", field, got, want)
		}
	}
	if got := doc.Find(`textarea[name=note]`).Text(); got != "Leave at the door" {
		t.Errorf("note kept as %q", got)
	}
	if orderCount(t, shop.Store) != 0 {
		t.Error("an invalid checkout placed an order")
	}

	// The address is checked once the form is otherwise fine, because
	// whether it is needed depends on the shipping method.
	res = shop.Post("/checkout", checkoutForm(t, page, map[string]string{"address_line1": ""}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("no address = %d, want 422", res.Status)
	}
	wantMessage(res.Doc(t), "address_line1", "Please fill this in")

	// Stripe is offered only with a key; posting it anyway is refused.
	res = shop.Post("/checkout", checkoutForm(t, page, map[string]string{"payment_method": "stripe"}))
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Doc(t).Find("#checkout-payment_method-error").Text(), "payment method") {
		t.Errorf("stripe without a key = %d", res.Status)
	}
	res = shop.Post("/checkout", checkoutForm(t, page, map[string]string{"shipping_method": "abc"}))
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#checkout-shipping_method-error").Length() != 1 {
		t.Errorf("bad shipping method = %d", res.Status)
	}
	res = shop.Post("/checkout", checkoutForm(t, page, map[string]string{"checkout_token": "x"}))
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "expired") {
		t.Errorf("bad token = %d", res.Status)
	}
	if got := res.Doc(t).Find(`input[name=checkout_token]`).AttrOr("value", ""); len(got) < 16 {
		t.Errorf("a refused token is not replaced by a fresh one: %q", got)
	}
}

func TestCheckoutReplayGivesTheSameOrder(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "2")
	form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": "bank_transfer"})

	first := shop.Post("/checkout", form)
	second := shop.Post("/checkout", form)
	if first.Status != http.StatusSeeOther || second.Header.Get("Location") != first.Header.Get("Location") {
		t.Fatalf("replay = %d %q, first %d %q", second.Status, second.Header.Get("Location"), first.Status, first.Header.Get("Location"))
	}
	if n := orderCount(t, shop.Store); n != 1 {
		t.Errorf("orders = %d, want 1", n)
	}
}

func TestCheckoutIgnoresPostedPrices(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("linen-shirt", shop.Variants().ShirtL, "1")
	form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"price": "1", "total": "1", "subtotal": "1",
		"shipping": "0", "unit_price": "1", "discount": "99999"})
	o := placedOrder(t, shop, shop.Post("/checkout", form))
	if o.Total != 5200+1000 || o.Subtotal != 5200 || o.Shipping != 1000 || o.Discount != 0 {
		t.Errorf("order = subtotal %d, shipping %d, discount %d, total %d; posted prices must be ignored",
			o.Subtotal, o.Shipping, o.Discount, o.Total)
	}
}

// TestCheckoutSoldOutRace: another buyer takes the stock between the
// checkout page and its submit; the submit is told kindly, and nothing is
// ordered.
func TestCheckoutSoldOutRace(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	v := shop.Variants()
	shop.AddToCart("linen-shirt", v.ShirtM, "3") // all 3 in stock
	form := checkoutForm(t, shop.Get("/checkout"), nil)

	other := shop.OtherBrowser()
	other.AddToCart("linen-shirt", v.ShirtM, "1")
	placedOrder(t, other, other.Post("/checkout", checkoutForm(t, other.Get("/checkout"), nil)))

	res := shop.Post("/checkout", form)
	if res.Status != http.StatusConflict {
		t.Fatalf("checkout after the stock went = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find(".notice-error").Text(); !strings.Contains(msg, "someone may have bought the last one") {
		t.Errorf("no kind message: %q", msg)
	}
	if doc.Find(".checkout-line .cart-flag-problem").Length() != 1 {
		t.Errorf("the short line is not flagged:\n%s", doc.Find("#checkout-summary").Text())
	}
	if got := doc.Find(`input[name=email]`).AttrOr("value", ""); got != shopper["email"] {
		t.Errorf("email kept as %q", got)
	}
	if n := orderCount(t, shop.Store); n != 1 {
		t.Errorf("orders = %d, want only the other buyer's", n)
	}
}

func TestCheckoutEmptyCart(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	for _, res := range []webtest.Response{shop.Get("/checkout"), shop.Post("/checkout", url.Values{
		"checkout_token": {store.NewCheckoutToken()}, "email": {"a@example.com"}, "name": {"A"},
		"shipping_method": {"1"}, "payment_method": {"cod"}})} {
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/cart" {
			t.Errorf("empty checkout = %d %q, want 303 /cart", res.Status, res.Header.Get("Location"))
		}
	}
	if msg := shop.Get("/cart").Doc(t).Find(".notice").Text(); !strings.Contains(msg, "nothing to check out") {
		t.Errorf("cart notice = %q", msg)
	}
}

func TestOrderPageNeedsItsKey(t *testing.T) {
	shop := teaInCart(t)
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), nil)))

	stranger := shop.OtherBrowser()
	wrong := []byte(o.AccessKey)
	wrong[0] ^= 1
	for name, path := range map[string]string{
		"wrong key":      "/orders/" + o.Number + "?key=" + url.QueryEscape(string(wrong)),
		"no key":         "/orders/" + o.Number,
		"empty key":      "/orders/" + o.Number + "?key=",
		"unknown number": "/orders/ZZZZ-ZZZZ?key=" + url.QueryEscape(o.AccessKey),
	} {
		res := stranger.Get(path)
		if res.Status != http.StatusNotFound || strings.Contains(res.Body, "data-order-number") {
			t.Errorf("%s: %d", name, res.Status)
		}
		if res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", name, res.Header.Get("Referrer-Policy"))
		}
	}
	// The key opens the order for anyone who has the link, in any case.
	if res := stranger.Get("/orders/" + strings.ToLower(o.Number) + "?key=" + url.QueryEscape(o.AccessKey)); res.Status != http.StatusOK {
		t.Errorf("the link with its key = %d", res.Status)
	}
}

func TestCheckoutCashOnDelivery(t *testing.T) {
	shop := teaInCart(t)
	res := shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": "cod"}))
	o := placedOrder(t, shop, res)
	if o.PaymentMethod != store.PayCOD || !o.ExpiresAt.IsZero() {
		t.Errorf("cod order = %s, expires %v", o.PaymentMethod, o.ExpiresAt)
	}
	page := shop.Get(res.Header.Get("Location")).Doc(t).Find(".order-page").Text()
	for _, want := range []string{"Cash on delivery", "pay on delivery", "Please have $38.00 ready"} {
		if !strings.Contains(page, want) {
			t.Errorf("cod order page lacks %q", want)
		}
	}
}

func TestCheckoutPickupNeedsNoAddress(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	page := shop.Get("/checkout")

	// htmx asks for the summary at the pickup price.
	sum := shop.Get("/checkout/summary?shipping_method="+itoa(pickup), "HX-Request", "true")
	if got := sum.Doc(t).Find("[data-checkout-total]").AttrOr("data-checkout-total", ""); sum.Status != http.StatusOK || got != "2800" {
		t.Errorf("pickup summary = %d, total %q, want 2800", sum.Status, got)
	}
	if strings.Contains(sum.Body, "<html") {
		t.Error("the summary fragment is a whole page")
	}

	form := checkoutForm(t, page, map[string]string{"shipping_method": itoa(pickup), "payment_method": "cod"})
	for _, f := range []string{"address_line1", "address_line2", "city", "region", "postal_code", "country"} {
		form.Set(f, "")
	}
	res := shop.Post("/checkout", form)
	o := placedOrder(t, shop, res)
	if o.ShippingKind != store.ShippingPickup || o.Shipping != 0 || o.Total != 2800 {
		t.Errorf("pickup order = %s, shipping %d, total %d", o.ShippingKind, o.Shipping, o.Total)
	}
	if !strings.Contains(shop.Get(res.Header.Get("Location")).Body, "Collect your order from the shop") {
		t.Error("the order page does not say to collect it")
	}
}

// TestOrderPageInChinese shows the order page's status and totals in the
// shopper's language.
func TestOrderPageInChinese(t *testing.T) {
	shop := teaInCart(t)
	page := shop.Get("/checkout", "Accept-Language", "zh-CN")
	if !strings.Contains(page.Body, "提交订单") {
		t.Error("checkout is not in Chinese")
	}
	res := shop.Post("/checkout", checkoutForm(t, page, nil), "Accept-Language", "zh-CN")
	o := placedOrder(t, shop, res)
	if o.Locale != "zh" {
		t.Errorf("order locale = %q", o.Locale)
	}
	body := shop.Get(res.Header.Get("Location"), "Accept-Language", "zh-CN").Body
	for _, want := range []string{"待付款", "订单号", strconv.FormatInt(o.Total/100, 10)} {
		if !strings.Contains(body, want) {
			t.Errorf("Chinese order page lacks %q", want)
		}
	}
}

// TestCheckoutShippingChangesUnderTheShopper: the checkout offers only the
// active methods, prices the first for a method it does not offer, and
// refuses, placing nothing, a method the owner switched off after the
// shopper chose it.
func TestCheckoutShippingChangesUnderTheShopper(t *testing.T) {
	shop := teaInCart(t) // tea 28.00; Standard 10.00, then Pickup
	ctx := context.Background()
	courier, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Courier"), Kind: store.ShippingFlat, Price: 2500})
	if err != nil {
		t.Fatal(err)
	}
	page := shop.Get("/checkout")
	var offered []string
	page.Doc(t).Find(`input[name=shipping_method]`).Each(func(_ int, s *goquery.Selection) {
		offered = append(offered, s.AttrOr("value", ""))
	})
	if len(offered) != 2 || slices.Contains(offered, itoa(courier.ID)) {
		t.Errorf("shipping offered = %v, want Standard and Pickup, not the inactive Courier (%d)", offered, courier.ID)
	}
	for _, id := range []string{"abc", "-1", "0", itoa(courier.ID), "99999"} {
		sum := shop.Get("/checkout/summary?shipping_method="+id, "HX-Request", "true")
		if got := sum.Doc(t).Find("[data-checkout-total]").AttrOr("data-checkout-total", ""); sum.Status != http.StatusOK || got != "3800" {
			t.Errorf("summary for %q = %d, total %q; want the first method's 3800", id, sum.Status, got)
		}
	}

	// The shopper chose Standard; the owner switches it off before the submit.
	form := checkoutForm(t, page, nil)
	chosen, _ := strconv.ParseInt(form.Get("shipping_method"), 10, 64)
	std, err := shop.Store.ShippingMethod(ctx, chosen)
	if err != nil || std.Name.Default != "Standard" {
		t.Fatalf("chosen method = %v, %v", std, err)
	}
	if _, err := shop.Store.UpdateShippingMethod(ctx, store.Actor{}, std.ID, std.Version, store.ShippingMethodInput{
		Name: std.Name, Kind: std.Kind, Price: std.Price}); err != nil {
		t.Fatal(err)
	}
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#checkout-shipping_method-error").Length() != 1 {
		t.Fatalf("checkout with a method switched off = %d, want 422 with a shipping message", res.Status)
	}
	if got := res.Doc(t).Find(`input[name=shipping_method]:checked`).AttrOr("value", ""); got == itoa(std.ID) || got == "" {
		t.Errorf("re-rendered checkout checks method %q, want the one left", got)
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Errorf("orders = %d, want none", n)
	}
	if got := headerCount(t, shop.Get("/cart")); got != "1" {
		t.Errorf("cart counts %q items after the refusal, want the tea still there", got)
	}
}

// TestCheckoutReportsEveryProblemAtOnce: a payment method the shop does not
// take and a missing address come back together, not one submit each.
func TestCheckoutReportsEveryProblemAtOnce(t *testing.T) {
	shop := teaInCart(t)
	form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": "stripe", "city": ""})
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("checkout = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	for _, field := range []string{"payment_method", "city"} {
		if doc.Find("#checkout-"+field+"-error").Length() != 1 {
			t.Errorf("no message for %s", field)
		}
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Errorf("orders = %d, want none", n)
	}
}
