package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// TestCheckoutRefusesACountryNotOnTheList: a country code the list does
// not hold is refused beside the field, in the shopper's language, with
// what they typed kept, and alongside the form's other problems.
func TestCheckoutRefusesACountryNotOnTheList(t *testing.T) {
	shop := teaInCart(t)
	for _, tc := range []struct{ path, country, want string }{
		{"/checkout", "ZZ", "Choose a country from the list."},
		{"/zh-cn/checkout", "QQ", "请从列表中选择国家或地区。"},
	} {
		page := shop.Get(tc.path)
		for name, overrides := range map[string]map[string]string{
			"alone":             {"country": tc.country},
			"with another miss": {"country": tc.country, "name": ""},
		} {
			res := shop.Post(tc.path, checkoutForm(t, page, overrides))
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("%s %s: country %s = %d, want 422", tc.path, name, tc.country, res.Status)
			}
			doc := res.Doc(t)
			if msg := doc.Find("#checkout-country-error").Text(); msg != tc.want {
				t.Errorf("%s %s: country message %q, want %q", tc.path, name, msg, tc.want)
			}
			if got := doc.Find(`select[name=country] option[selected]`).AttrOr("value", ""); got != tc.country {
				t.Errorf("%s %s: country kept as %q, want %q", tc.path, name, got, tc.country)
			}
			if got := doc.Find(`input[name=city]`).AttrOr("value", ""); got != shopper["city"] {
				t.Errorf("%s %s: city kept as %q", tc.path, name, got)
			}
		}
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Fatalf("orders = %d, want none to a country not on the list", n)
	}
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), map[string]string{"country": "PT"})))
	if o.Country != "PT" {
		t.Errorf("order country = %q, want PT", o.Country)
	}
}

// TestCheckoutRefusesPointsItCannotTake: points typed in and placed
// without the points button are checked as the button checks them: what
// is not a whole number, and more than the order takes, come back as a 422
// with the field's message and the form as typed, and nothing is placed.
func TestCheckoutRefusesPointsItCannotTake(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	ana := newCustomer(t, shop, "ana@example.com")
	if err := shop.Store.AdjustPoints(context.Background(), store.Actor{Email: "owner@example.com"}, ana.ID, 5000, "Welcome"); err != nil {
		t.Fatal(err)
	}
	signIn(t, shop, "ana@example.com")
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1") // 28.00: at most 1,400 points
	page := shop.Get("/checkout")

	for _, bad := range []string{"12.5", "-300"} {
		res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"redeem_points": bad, "note": "Ring twice"}))
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("points %q = %d, want 422", bad, res.Status)
		}
		doc := res.Doc(t)
		if msg := doc.Find("#checkout-redeem_points-error").Text(); !strings.Contains(msg, "whole number") {
			t.Errorf("points %q: message %q", bad, msg)
		}
		if got := doc.Find("input[name=redeem_points]").AttrOr("value", ""); got != bad {
			t.Errorf("points %q kept as %q", bad, got)
		}
		if got := doc.Find("textarea[name=note]").Text(); got != "Ring twice" {
			t.Errorf("points %q: note kept as %q", bad, got)
		}
	}

	res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"redeem_points": "5000"}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("5000 points = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find("#checkout-redeem_points-error").Text(); !strings.Contains(msg, "more points than this order can take") {
		t.Errorf("5000 points: message %q", msg)
	}
	if got := doc.Find("input[name=redeem_points]").AttrOr("value", ""); got != "1400" || doc.Find("[data-points-capped]").Length() != 1 {
		t.Errorf("5000 points: the field shows %q, capped note %d; want the most the order takes, said so",
			got, doc.Find("[data-points-capped]").Length())
	}
	if got := doc.Find("input[name=email]").AttrOr("value", ""); got != shopper["email"] {
		t.Errorf("email kept as %q", got)
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Fatalf("orders = %d, want none placed with points it did not ask for", n)
	}
	// The page now shows the total with the most it takes; placing it
	// pays exactly that.
	shown := doc.Find("[data-checkout-total]").AttrOr("data-checkout-total", "")
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, nil)))
	if o.Discount != 1400 || itoa(o.Total) != shown {
		t.Errorf("order = discount %d, total %d; want 14.00 off and the %s shown", o.Discount, o.Total, shown)
	}
}

// TestCheckoutGiftRunsOutBeforePlacing: two guests are both shown the gift
// of its last unit; the second to place is told it ran out and decides,
// from a checkout that no longer shows it, to order without it.
func TestCheckoutGiftRunsOutBeforePlacing(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	freeCup(t, shop)

	first, second := shop.OtherBrowser(), shop.OtherBrowser()
	var pages [2]webtest.Response
	for i, b := range []*webtest.Shop{first, second} {
		b.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
		if pages[i] = b.Get("/checkout"); pages[i].Doc(t).Find("[data-gift-line]").Length() != 1 {
			t.Fatalf("browser %d: the checkout shows no gift", i)
		}
	}
	o := placedOrder(t, first, first.Post("/checkout", checkoutForm(t, pages[0], nil)))
	if len(o.Lines) != 2 {
		t.Fatalf("the first order has %d lines, want the tea and its gift", len(o.Lines))
	}
	// The gift is a line of its own, not a discount of nothing.
	totals := first.Get("/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)).Doc(t).Find(".cart-totals").Text()
	if strings.Contains(totals, "Free cup") {
		t.Errorf("the order's totals list the gift as a discount: %q", totals)
	}

	res := second.Post("/checkout", checkoutForm(t, pages[1], nil))
	if res.Status != http.StatusConflict {
		t.Fatalf("placing without the gift shown = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find(".notice-error").Text(); !strings.Contains(msg, "no longer comes with its free gift: the gift has run out.") {
		t.Errorf("notice = %q, want the gift's reason", msg)
	}
	if n := orderCount(t, shop.Store); n != 1 {
		t.Fatalf("orders = %d, want only the first", n)
	}
	if doc.Find("[data-gift-line]").Length() != 0 {
		t.Error("the checkout still shows the gift that ran out")
	}
	// Shown without the gift, the order is placed without it.
	o = placedOrder(t, second, second.Post("/checkout", checkoutForm(t, res, nil)))
	if len(o.Lines) != 1 || o.Lines[0].GiftPromotionID != 0 {
		t.Errorf("the second order has %d lines, want the tea alone", len(o.Lines))
	}
}

// freeCup adds a tea cup with one left and a promotion giving it free,
// and returns the cup's variant.
func freeCup(t *testing.T, shop *webtest.Shop) int64 {
	t.Helper()
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "tea-cup", Title: "Tea Cup",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "CUP-1", Price: 1500, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	cup, err := shop.Store.ProductByHandle(ctx, "tea-cup", false)
	if err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Free cup", Type: pricing.TypeGift,
		Rules: map[string]int64{"gift_variant": cup.Variants[0].ID}})
	return cup.Variants[0].ID
}

// TestCheckoutGiftTheCartTakes: a shopper buying the gift's last unit
// is not promised it free besides: the order could not give it, and was
// refused for a gift gone each time it was placed.
func TestCheckoutGiftTheCartTakes(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	cup := freeCup(t, shop)
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	shop.AddToCart("tea-cup", cup, "1")
	page := shop.Get("/checkout")
	if page.Doc(t).Find("[data-gift-line]").Length() != 0 {
		t.Error("the checkout promises the last cup free beside the one bought")
	}
	if o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, page, nil))); len(o.Lines) != 2 {
		t.Errorf("the order has %d lines, want the tea and the cup bought", len(o.Lines))
	}
}

// TestCheckoutSaysAPriceChanged: the owner raises a price while the
// shopper is at checkout; placing it tells them the price changed, in
// their language, and not that someone bought the last one.
func TestCheckoutSaysAPriceChanged(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	tea := shop.Variants().Tea
	for _, tc := range []struct{ prefix, want, stock string }{
		{"", "a price in your cart changed", "someone may have bought the last one"},
		{"/zh-cn", "购物车中有商品的价格发生了变化", "最后一件已被他人买走"},
	} {
		b := shop.OtherBrowser()
		b.AddToCart("dragon-well-tea", tea, "1")
		page := b.Get(tc.prefix + "/checkout")
		if _, err := shop.Store.DB().Exec(`UPDATE variants SET price = price + 500 WHERE id = ?`, tea); err != nil {
			t.Fatal(err)
		}
		res := b.Post(tc.prefix+"/checkout", checkoutForm(t, page, nil))
		if res.Status != http.StatusConflict {
			t.Fatalf("%q: checkout after a price rise = %d, want 409", tc.prefix, res.Status)
		}
		msg := res.Doc(t).Find(".notice-error").Text()
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.stock) {
			t.Errorf("%q: notice %q, want the price named, not the stock", tc.prefix, msg)
		}
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Errorf("orders = %d, want none", n)
	}
}

// TestCheckoutRefusesAnotherCurrency: the owner switches the shop from
// dollars to yen while a guest's checkout shows $38.00. Placing that page
// is refused as a price change rather than charged ¥3,800; the page it
// answers with is in yen, and placing it orders in yen. A page from
// before the checkout said its currency is not checked.
func TestCheckoutRefusesAnotherCurrency(t *testing.T) {
	shop := teaInCart(t)
	old := shop.OtherBrowser()
	old.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	form := checkoutForm(t, shop.Get("/checkout"), nil)
	if got := form.Get("shown_currency"); got != "USD" {
		t.Fatalf("the checkout says it prices in %q, want USD", got)
	}
	oldForm := checkoutForm(t, old.Get("/checkout"), nil)
	oldForm.Del("shown_currency")
	if err := shop.Store.SetSetting(context.Background(), store.SettingCurrency, "JPY"); err != nil {
		t.Fatal(err)
	}

	res := shop.Post("/checkout", form)
	if res.Status != http.StatusConflict {
		t.Fatalf("placing the dollar page in yen = %d, want 409", res.Status)
	}
	if msg := strings.TrimSpace(res.Doc(t).Find(".notice-error").Text()); msg != i18n.TL("en", "checkout.price_changed") {
		t.Errorf("notice %q, want the price change", msg)
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Fatalf("orders = %d, want none", n)
	}
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, nil)))
	if o.Currency != "JPY" || o.Total != 3800 {
		t.Errorf("order from the yen page = %s %d, want JPY 3800", o.Currency, o.Total)
	}
	placedOrder(t, old, old.Post("/checkout", oldForm))
}

// TestCheckoutFreeShippingSaysNoMoreToAdd: a method free over 299.00 is
// already free when a promotion ships the order free: it says so, and
// does not ask for more.
func TestCheckoutFreeShippingSaysNoMoreToAdd(t *testing.T) {
	shop := teaInCart(t)
	m, err := shop.Store.CreateShippingMethod(context.Background(), store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Free over 299"), Kind: store.ShippingFreeOver, Price: 1500, Threshold: 29900, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Free shipping over 20", Type: pricing.TypeFreeShipping, MinSubtotal: 2000})
	for _, path := range []string{"/checkout", "/zh-cn/checkout"} {
		var label *goquery.Selection
		shop.Get(path).Doc(t).Find(".checkout-shipping label").Each(func(_ int, s *goquery.Selection) {
			if s.Find("input").AttrOr("value", "") == itoa(m.ID) {
				label = s
			}
		})
		if label == nil {
			t.Fatalf("%s does not offer %q", path, "Free over 299")
		}
		price, hint := label.Find(".checkout-choice-price").Text(), label.Find(".checkout-free-hint").Text()
		if price != "Free" && price != "免费" {
			t.Errorf("%s: the method costs %q, want free", path, price)
		}
		if strings.Contains(hint, "more") || strings.Contains(hint, "还差") {
			t.Errorf("%s: the free method asks for more: %q", path, hint)
		}
	}
}

// TestCashOnDeliveryCollectedPaysAtTheShop: an order collected from the
// shop and paid in cash on delivery is paid on collection, in both
// languages; the owner's instructions, written for the courier, are for
// a delivered order.
func TestCashOnDeliveryCollectedPaysAtTheShop(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	courier := "Pay the courier in cash or by card when your parcel arrives."
	if err := shop.Store.SetSetting(context.Background(), store.SettingCODInstructions, courier); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ prefix, lang, want string }{
		{"", "en", "Pay $28.00 when you collect your order."},
		{"/zh-cn", "zh", "请在取货时支付 US$28.00。"},
	} {
		b := shop.OtherBrowser()
		b.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
		res := b.Post(tc.prefix+"/checkout", checkoutForm(t, b.Get(tc.prefix+"/checkout"),
			map[string]string{"shipping_method": itoa(pickup), "payment_method": "cod"}))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("%q: pickup paid on delivery = %d, want 303", tc.prefix, res.Status)
		}
		page := b.Get(res.Header.Get("Location")).Doc(t)
		text := page.Find(".order-payment").Text()
		if !strings.Contains(text, tc.want) || strings.Contains(text, "courier") {
			t.Errorf("%q: a collected order's payment says %q, want %q", tc.prefix, text, tc.want)
		}
		if method := page.Find(".order-payment-method").Text(); method != i18n.TL(tc.lang, "checkout.pay.cod_pickup") {
			t.Errorf("%q: a collected order is paid by %q", tc.prefix, method)
		}
		if status := page.Find(".order-facts .order-status").Text(); status != i18n.TL(tc.lang, "order.status.cod_pickup") {
			t.Errorf("%q: a collected order's status reads %q", tc.prefix, status)
		}
	}
	b := shop.OtherBrowser()
	b.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	res := b.Post("/checkout", checkoutForm(t, b.Get("/checkout"), map[string]string{"shipping_method": itoa(flat), "payment_method": "cod"}))
	placedOrder(t, b, res)
	if text := b.Get(res.Header.Get("Location")).Doc(t).Find(".order-payment").Text(); !strings.Contains(text, courier) {
		t.Errorf("a delivered order's payment says %q, want the owner's instructions", text)
	}
}
