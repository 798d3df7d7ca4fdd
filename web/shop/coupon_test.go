package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// teasInCart is a shop with shipping methods and a visitor with n teas
// (28.00 each) in the cart.
func teasInCart(t *testing.T, n string) *webtest.Shop {
	t.Helper()
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, n)
	return shop
}

// applyCoupon posts the cart's coupon form and expects the 303 back to
// the cart.
func applyCoupon(t *testing.T, shop *webtest.Shop, code string) {
	t.Helper()
	res := shop.Post("/cart/coupon", url.Values{"code": {code}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/cart" {
		t.Fatalf("apply %q = %d %q, want 303 to /cart:\n%s", code, res.Status, res.Header.Get("Location"), res.Body)
	}
}

// promoRows are the cart or checkout page's discount rows as text.
func promoRows(t *testing.T, page webtest.Response) []string {
	t.Helper()
	var rows []string
	for _, s := range page.Doc(t).Find("[data-promo-row]").EachIter() {
		rows = append(rows, strings.TrimSpace(s.Find("dt").Text())+" "+strings.TrimSpace(s.Find("dd").Text()))
	}
	return rows
}

func TestCouponAppliesAndComesOff(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000})

	applyCoupon(t, shop, "  ten ") // codes are case-insensitive and trimmed
	page := shop.Get("/cart")
	if got := page.CartDiscount(t); got != 560 {
		t.Errorf("data-cart-discount = %d, want 560", got)
	}
	if got := page.CartTotal(t); got != 5040 {
		t.Errorf("data-cart-total = %d, want 5040", got)
	}
	if rows := promoRows(t, page); len(rows) != 1 || rows[0] != "Code TEN -$5.60" {
		t.Errorf("discount rows = %q, want the coupon by its code with its amount", rows)
	}
	doc := page.Doc(t)
	if state := doc.Find("[data-coupon-state]").AttrOr("data-coupon-state", ""); state != "applied" {
		t.Errorf("coupon state = %q, want applied", state)
	}
	if !strings.Contains(page.Body, "Code TEN added.") {
		t.Error("the cart does not confirm the code")
	}

	if res := shop.Post("/cart/coupon/remove", nil); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/cart" {
		t.Fatalf("remove = %d %q", res.Status, res.Header.Get("Location"))
	}
	page = shop.Get("/cart")
	if page.CartDiscount(t) != 0 || page.CartTotal(t) != 5600 || page.Doc(t).Find("[data-coupon-state]").Length() != 0 {
		t.Errorf("after removing the coupon: discount %d, total %d, state shown %d",
			page.CartDiscount(t), page.CartTotal(t), page.Doc(t).Find("[data-coupon-state]").Length())
	}

	// A Chinese page's form comes back to the Chinese cart, in Chinese.
	if res := shop.Post("/zh-cn/cart/coupon", url.Values{"code": {"TEN"}}); res.Header.Get("Location") != "/zh-cn/cart" {
		t.Errorf("Chinese apply = %d %q, want 303 to /zh-cn/cart", res.Status, res.Header.Get("Location"))
	}
	if zh := shop.Get("/zh-cn/cart"); !strings.Contains(zh.Body, "优惠码 TEN") {
		t.Error("the Chinese cart does not name the coupon in Chinese")
	}
}

func TestCouponRefusedKeepsTheCart(t *testing.T) {
	shop := teasInCart(t, "2")
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000})
	applyCoupon(t, shop, "TEN")

	for _, tc := range []struct{ code, msg string }{
		{"NOPE", "There is no coupon with this code."},
		{"   ", "Enter a coupon code."},
		{strings.Repeat("X", 200), "There is no coupon with this code."},
	} {
		res := shop.Post("/cart/coupon", url.Values{"code": {tc.code}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("code %q = %d, want 422", tc.code, res.Status)
		}
		doc := res.Doc(t)
		if msg := doc.Find("#coupon-code-error").Text(); !strings.Contains(msg, tc.msg) {
			t.Errorf("code %q: message beside the field = %q, want %q", tc.code, msg, tc.msg)
		}
		if tc.code == "NOPE" && doc.Find("#coupon-code").AttrOr("value", "") != "NOPE" {
			t.Error("the refused code is not kept in the field")
		}
		// The cart keeps the coupon it had.
		if res.CartDiscount(t) != 560 || doc.Find("[data-coupon-state]").AttrOr("data-coupon-state", "") != "applied" {
			t.Errorf("code %q changed the cart: discount %d", tc.code, res.CartDiscount(t))
		}
	}
}

func TestCouponNotReachedSaysWhyAndIsKept(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	shop.AddPromotion(webtest.Promotion{Name: "Spend 299", Code: "SPEND299", Type: "fixed", Value: 5000, MinSubtotal: 29900})

	applyCoupon(t, shop, "spend299")
	page := shop.Get("/cart")
	state := page.Doc(t).Find("[data-coupon-state]")
	if state.AttrOr("data-coupon-state", "") != "promo.why.min_subtotal" {
		t.Fatalf("coupon state = %q, want the minimum subtotal", state.AttrOr("data-coupon-state", ""))
	}
	if want := "Code SPEND299 is not applied: add $243.00 more to reach $299.00."; !strings.Contains(state.Text(), want) {
		t.Errorf("coupon state = %q, want %q", strings.TrimSpace(state.Text()), want)
	}
	if page.CartDiscount(t) != 0 {
		t.Errorf("a coupon not reached took %d off", page.CartDiscount(t))
	}

	// Once the cart reaches the minimum, the kept coupon applies.
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "9") // 11 teas: 308.00
	page = shop.Get("/cart")
	if page.CartDiscount(t) != 5000 || page.Doc(t).Find("[data-coupon-state]").AttrOr("data-coupon-state", "") != "applied" {
		t.Errorf("at 308.00: discount %d, state %q", page.CartDiscount(t), page.Doc(t).Find("[data-coupon-state]").AttrOr("data-coupon-state", ""))
	}
}

func TestLadderHintThenApplies(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	shop.AddPromotion(webtest.Promotion{Name: "Spend 100 save 10", Type: "ladder",
		Rules: map[string]any{"steps": []map[string]int64{{"min": 10000, "value": 1000}, {"min": 20000, "value": 3000}}}})

	page := shop.Get("/cart")
	hints := page.Doc(t).Find("[data-promo-hint]")
	if hints.Length() != 1 || !strings.Contains(hints.Text(), "Spend $44.00 more to save $10.00") {
		t.Fatalf("hints = %q, want the first step's", strings.TrimSpace(hints.Text()))
	}
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "2") // 112.00
	page = shop.Get("/cart")
	if page.CartDiscount(t) != 1000 {
		t.Errorf("data-cart-discount = %d, want 1000", page.CartDiscount(t))
	}
	if rows := promoRows(t, page); len(rows) != 1 || rows[0] != "Spend 100 save 10 -$10.00" {
		t.Errorf("discount rows = %q", rows)
	}
	if hint := page.Doc(t).Find("[data-promo-hint]").Text(); !strings.Contains(hint, "Spend $88.00 more to save $30.00") {
		t.Errorf("next step's hint = %q", strings.TrimSpace(hint))
	}
}

func TestCouponOrderRecordsTheDiscount(t *testing.T) {
	shop := teasInCart(t, "2")
	shop.AddToCart("linen-shirt", shop.Variants().ShirtL, "1") // 56.00 + 52.00
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000})
	applyCoupon(t, shop, "TEN")

	page := shop.Get("/checkout")
	if rows := promoRows(t, page); len(rows) != 1 || rows[0] != "Code TEN -$10.80" {
		t.Errorf("checkout discount rows = %q", rows)
	}
	form := checkoutForm(t, page, nil)
	if form.Get("shown_total") != "10720" { // 108.00 - 10.80 + 10.00 shipping
		t.Errorf("shown_total = %q, want 10720", form.Get("shown_total"))
	}
	o := placedOrder(t, shop, shop.Post("/checkout", form))
	if len(o.Discounts) != 1 || o.Discounts[0].Code != "TEN" || o.Discounts[0].Amount != 1080 || o.Discounts[0].PromotionID == 0 {
		t.Fatalf("order discounts = %+v, want TEN 10.80", o.Discounts)
	}
	var paid int64
	for _, l := range o.Lines {
		paid += l.Paid
	}
	if paid+o.Shipping != o.Total || o.Total != 10720 {
		t.Errorf("lines paid %d + shipping %d != total %d (want 10720)", paid, o.Shipping, o.Total)
	}
	orderPage := shop.Get("/orders/" + o.Number + "?key=" + o.AccessKey)
	if !strings.Contains(orderPage.Body, "Discount (TEN)") || !strings.Contains(orderPage.Body, "-$10.80") {
		t.Error("the order page does not show the discount by name with its amount")
	}
}

// TestCheckoutRefusesARisenPrice: the coupon's one use goes to another
// order between the checkout page and the submit, so the order would cost
// more than the page showed: it is refused with 409 and the new total.
func TestCheckoutRefusesARisenPrice(t *testing.T) {
	shop := teasInCart(t, "2")
	shop.AddPromotion(webtest.Promotion{Name: "Once", Code: "ONCE", Type: "fixed", Value: 1000, UsageLimit: 1})
	applyCoupon(t, shop, "ONCE")
	form := checkoutForm(t, shop.Get("/checkout"), nil)
	if form.Get("shown_total") != "5600" { // 56.00 - 10.00 + 10.00
		t.Fatalf("shown_total = %q, want 5600", form.Get("shown_total"))
	}

	// Someone else uses the coupon first.
	ctx := context.Background()
	other, err := shop.Store.AddToCart(ctx, "", shop.Variants().Tea, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ApplyCoupon(ctx, other.Token, "ONCE"); err != nil {
		t.Fatal(err)
	}
	flat, err := strconv.ParseInt(form.Get("shipping_method"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: other.Token, CheckoutToken: store.NewCheckoutToken(),
		Address:          store.Address{Email: "bo@example.com", Name: "Bo", AddressLine1: "1 Main St", City: "Town", PostalCode: "10001", Country: "US"},
		ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer}); err != nil {
		t.Fatal(err)
	}
	before := orderCount(t, shop.Store)

	res := shop.Post("/checkout", form)
	if res.Status != http.StatusConflict {
		t.Fatalf("submit after the price rose = %d, want 409:\n%s", res.Status, res.Body)
	}
	want := "The total changed from $56.00 to $66.00: Code ONCE is not applied: this code has been used up. Check it and place the order again."
	if msg := strings.Join(strings.Fields(res.Doc(t).Find(".notice-error").Text()), " "); !strings.Contains(msg, want) {
		t.Errorf("message = %q, want %q", msg, want)
	}
	if orderCount(t, shop.Store) != before {
		t.Error("an order was placed at the risen price")
	}
	if got := checkoutForm(t, res, nil).Get("shown_total"); got != "6600" {
		t.Errorf("the page shows total %q, want the new 6600", got)
	}
	// Placing it again, having seen the new total, goes through.
	placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, nil)))
}

// TestCheckoutPricesForTheEmailGiven: a guest whose email has already had
// its one use of a coupon is refused once with the reason, then shown the
// total their order will have, so that placing it again goes through. The
// page priced them as a stranger and refused every try.
func TestCheckoutPricesForTheEmailGiven(t *testing.T) {
	shop := teasInCart(t, "2")
	shop.AddPromotion(webtest.Promotion{Name: "Once each", Code: "ONCE", Type: "fixed", Value: 1000, CustomerLimit: 1})
	applyCoupon(t, shop, "ONCE")
	placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), map[string]string{"email": "li@example.com"})))

	again := shop.OtherBrowser()
	again.AddToCart("dragon-well-tea", shop.Variants().Tea, "2")
	applyCoupon(t, again, "ONCE")
	li := map[string]string{"email": " LI@example.com"}
	form := checkoutForm(t, again.Get("/checkout"), li)
	if form.Get("shown_total") != "5600" { // 56.00 - 10.00 + 10.00: nobody in particular yet
		t.Fatalf("shown_total = %q, want 5600", form.Get("shown_total"))
	}
	// The summary htmx asks for when the shopper picks a method carries
	// the email too, and is priced for it.
	summary := again.Get("/checkout/summary?shipping_method=" + form.Get("shipping_method") + "&email=li%40example.com")
	if rows := promoRows(t, summary); summary.Status != http.StatusOK || len(rows) != 0 {
		t.Errorf("the summary for li@ = %d with %q, want no discount", summary.Status, rows)
	}
	res := again.Post("/checkout", form)
	if res.Status != http.StatusConflict {
		t.Fatalf("submit with an email that used the code = %d, want 409:\n%s", res.Status, res.Body)
	}
	want := "The total changed from $56.00 to $66.00: Code ONCE is not applied: you have already used this code."
	if msg := strings.Join(strings.Fields(res.Doc(t).Find(".notice-error").Text()), " "); !strings.Contains(msg, want) {
		t.Errorf("message = %q, want %q", msg, want)
	}
	if rows := promoRows(t, res); len(rows) != 0 {
		t.Errorf("the refused page still shows the discount %q", rows)
	}
	form = checkoutForm(t, res, li)
	if got := form.Get("shown_total"); got != "6600" {
		t.Fatalf("the page shows total %q, want the order's 6600", got)
	}
	if o := placedOrder(t, again, again.Post("/checkout", form)); o.Total != 6600 {
		t.Errorf("order total = %d, want 6600", o.Total)
	}
}

func TestCheckoutIgnoresAMalformedShownTotal(t *testing.T) {
	shop := teasInCart(t, "1")
	for _, bad := range []string{"abc", "-5", "1e9", "99999999999999999999"} {
		form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"shown_total": bad, "checkout_token": store.NewCheckoutToken()})
		res := shop.Post("/checkout", form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("shown_total %q = %d, want the order placed", bad, res.Status)
		}
		shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	}
}

// A coupon that loses to an automatic promotion it cannot be combined with
// names that promotion in the shopper's language.
func TestCouponNotCombinedNamesTheOther(t *testing.T) {
	shop := teasInCart(t, "11") // 308.00
	ladder := shop.AddPromotion(webtest.Promotion{Name: "Spend 299 save 80", Type: "ladder",
		Rules: map[string]any{"steps": []map[string]int64{{"min": 29900, "value": 8000}}}})
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value)
		VALUES ('promotion', ?, 'name', 'zh', '满299减80')`, ladder); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()
	shop.AddPromotion(webtest.Promotion{Name: "Ten off", Code: "TEN", Type: "percent", Value: 1000})

	applyCoupon(t, shop, "ten")
	for path, want := range map[string]string{"/cart": "Spend 299 save 80", "/zh-cn/cart": "满299减80"} {
		page := shop.Get(path)
		state := page.Doc(t).Find("[data-coupon-state]")
		if state.AttrOr("data-coupon-state", "") != "promo.why.not_combined" || !strings.Contains(state.Text(), want) {
			t.Errorf("%s: coupon state %q %q, want it to name %q", path, state.AttrOr("data-coupon-state", ""), strings.TrimSpace(state.Text()), want)
		}
		if page.CartDiscount(t) != 8000 {
			t.Errorf("%s: discount %d, want the ladder's 8000", path, page.CartDiscount(t))
		}
	}
}

// When the coupon wins over an automatic promotion it cannot be combined
// with, the shopper still hears how near that promotion is.
func TestCouponKeepsTheHintsOfWhatItExcludes(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	shop.AddPromotion(webtest.Promotion{Name: "Spend 100 save 10", Type: "ladder",
		Rules: map[string]any{"steps": []map[string]int64{{"min": 10000, "value": 1000}}}})
	shop.AddPromotion(webtest.Promotion{Name: "Five off", Code: "FIVE", Type: "fixed", Value: 500})

	applyCoupon(t, shop, "five")
	page := shop.Get("/cart")
	if page.CartDiscount(t) != 500 {
		t.Errorf("discount %d, want the coupon's 500", page.CartDiscount(t))
	}
	if hint := page.Doc(t).Find("[data-promo-hint]").Text(); !strings.Contains(hint, "Spend $44.00 more to save $10.00") {
		t.Errorf("hints = %q, want the ladder's", strings.TrimSpace(hint))
	}
}

// TestCouponNotReachedCountsItems: a buy-two-get-one code on two teas
// asks for "1 more item" (it said "1 more items"); on one tea, for 2
// more items.
func TestCouponNotReachedCountsItems(t *testing.T) {
	for qty, want := range map[string]string{"2": "add 1 more item.", "1": "add 2 more items."} {
		shop := teasInCart(t, qty)
		shop.AddPromotion(webtest.Promotion{Name: "Third tea free", Code: "THIRD", Type: pricing.TypeBXGY,
			Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}, Buy: 2, Get: 1, GetPercent: 10000}})
		applyCoupon(t, shop, "THIRD")
		state := shop.Get("/cart").Doc(t).Find("[data-coupon-state]")
		if got := strings.Join(strings.Fields(state.Text()), " "); state.AttrOr("data-coupon-state", "") != pricing.WhyMinQuantity ||
			!strings.Contains(got, "is not applied: "+want) {
			t.Errorf("%s teas: coupon state %q says %q, want %q", qty, state.AttrOr("data-coupon-state", ""), got, want)
		}
	}
}

// TestCartSaysWhichPromotionWasPassedOver: a ladder the cart reached that
// does not combine with a bigger buy-two-get-one is named with why, in the
// shopper's language, where it vanished without a word.
func TestCartSaysWhichPromotionWasPassedOver(t *testing.T) {
	shop := teasInCart(t, "3") // 84.00
	shop.AddToCart("linen-shirt", shop.Variants().ShirtL, "1")
	shop.AddPromotion(webtest.Promotion{Name: "Spend 100 save 10", Type: pricing.TypeLadder,
		Rules: pricing.Rules{Steps: []pricing.Step{{Min: 10000, Value: 1000}}}})
	shop.AddPromotion(webtest.Promotion{Name: "Third tea free", Type: pricing.TypeBXGY,
		Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}, Buy: 2, Get: 1, GetPercent: 10000}})
	page := shop.Get("/cart")
	if got := page.CartDiscount(t); got != 2800 {
		t.Fatalf("discount %d, want the free tea's 2800", got)
	}
	want := "Spend 100 save 10 is not applied: it can't be combined with Third tea free, which saves you more."
	if got := strings.Join(strings.Fields(page.Doc(t).Find("[data-promo-passed]").Text()), " "); got != want {
		t.Errorf("passed over = %q, want %q", got, want)
	}
	if got := shop.Get("/zh-cn/cart").Doc(t).Find("[data-promo-passed]").Text(); !strings.Contains(got, "未生效") {
		t.Errorf("in Chinese = %q", got)
	}
}

// cartNotice is the cart page's notice (the message a form's redirect
// left) as one line of text, and its class.
func cartNotice(t *testing.T, page webtest.Response) (text, class string) {
	t.Helper()
	n := page.Doc(t).Find("#cart > .notice").First()
	return strings.Join(strings.Fields(n.Text()), " "), n.AttrOr("class", "")
}

// TestCouponOverForGoodIsRefused: an archived code, like an ended one, is
// refused beside the field, where it was "added" and then called paused.
// A paused code is kept, and said to be paused, not added.
func TestCouponOverForGoodIsRefused(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	ctx := context.Background()
	arch := shop.AddPromotion(webtest.Promotion{Name: "Arch", Code: "ARCH5", Type: "fixed", Value: 500})
	if err := shop.Store.ArchivePromotion(ctx, store.Actor{}, arch); err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Gone", Code: "GONE5", Type: "fixed", Value: 500, EndsAt: shop.Clock.Now().Add(-time.Hour)})
	for _, code := range []string{"arch5", "GONE5"} {
		res := shop.Post("/cart/coupon", url.Values{"code": {code}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("code %s = %d, want 422", code, res.Status)
		}
		doc := res.Doc(t)
		if msg := doc.Find("#coupon-code-error").Text(); msg != "This code has ended and can no longer be used." {
			t.Errorf("code %s: message beside the field = %q", code, msg)
		}
		if strings.Contains(res.Body, "added") || doc.Find("[data-coupon-state]").Length() != 0 {
			t.Errorf("code %s was put on the cart", code)
		}
	}
	if zh := shop.Post("/zh-cn/cart/coupon", url.Values{"code": {"ARCH5"}}); !strings.Contains(zh.Doc(t).Find("#coupon-code-error").Text(), "该优惠码已失效") {
		t.Errorf("in Chinese: %q", zh.Doc(t).Find("#coupon-code-error").Text())
	}

	// A paused code is kept, and the shopper reads that it is paused.
	paused := shop.AddPromotion(webtest.Promotion{Name: "Paused", Code: "PAUSE5", Type: "fixed", Value: 500})
	if err := shop.Store.SetPromotionActive(ctx, store.Actor{}, paused, false); err != nil {
		t.Fatal(err)
	}
	applyCoupon(t, shop, "PAUSE5")
	page := shop.Get("/cart")
	if text, class := cartNotice(t, page); text != "Code PAUSE5 is kept on your cart but not applied: this code is paused at the moment." ||
		!strings.Contains(class, "notice-warning") {
		t.Errorf("notice = %q (%s)", text, class)
	}
	// Archived once on the cart, it is no longer called paused.
	if err := shop.Store.ArchivePromotion(ctx, store.Actor{}, paused); err != nil {
		t.Fatal(err)
	}
	state := shop.Get("/cart").Doc(t).Find("[data-coupon-state]")
	if got := strings.Join(strings.Fields(state.Text()), " "); state.AttrOr("data-coupon-state", "") != pricing.WhyEnded ||
		!strings.Contains(got, "Code PAUSE5 is not applied: this code has ended and can no longer be used.") {
		t.Errorf("archived on the cart: %q %q", state.AttrOr("data-coupon-state", ""), got)
	}
}

// TestCouponForAnotherTierNamesIt: a code for Gold members is kept on the
// cart but never announced as added; it names the tier, in the shopper's
// language, and asks a guest to sign in.
func TestCouponForAnotherTierNamesIt(t *testing.T) {
	shop := teasInCart(t, "2")
	gold := shop.AddPromotion(webtest.Promotion{Name: "Gold 15", Code: "GOLD15", Type: "percent", Value: 1500})
	if _, err := shop.Store.DB().Exec(`UPDATE promotions SET tier = 'Gold' WHERE id = ?`, gold); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()

	applyCoupon(t, shop, "gold15")
	page := shop.Get("/cart")
	want := "Code GOLD15 is kept on your cart but not applied: this code is for Gold members. If you are one, sign in to use it."
	if text, class := cartNotice(t, page); text != want || !strings.Contains(class, "notice-warning") {
		t.Errorf("guest's notice = %q (%s), want %q as a warning", text, class, want)
	}
	if page.CartDiscount(t) != 0 {
		t.Errorf("a guest got %d off", page.CartDiscount(t))
	}
	zh := shop.Get("/zh-cn/cart").Doc(t).Find("[data-coupon-state]").Text()
	if !strings.Contains(zh, "优惠码 GOLD15 未能使用：该优惠码仅限金卡会员使用。如果您是该等级会员，请先登录。") {
		t.Errorf("in Chinese: %q", strings.TrimSpace(zh))
	}

	silver := shop.OtherBrowser()
	c := newCustomer(t, silver, "silver@example.com")
	if _, err := shop.Store.DB().Exec(`UPDATE customers SET tier_id = (SELECT id FROM member_tiers WHERE name = 'Silver') WHERE id = ?`, c.ID); err != nil {
		t.Fatal(err)
	}
	signIn(t, silver, "silver@example.com")
	silver.AddToCart("dragon-well-tea", shop.Variants().Tea, "2")
	applyCoupon(t, silver, "GOLD15")
	page = silver.Get("/cart")
	if text, _ := cartNotice(t, page); text != "Code GOLD15 is kept on your cart but not applied: this code is for Gold members." {
		t.Errorf("Silver member's notice = %q", text)
	}
	if strings.Contains(page.Body, "added") {
		t.Error("a code that does not apply is announced as added")
	}
}

// TestExpiredCodeOnTheCartInChinese: a code kept on the cart that has since
// ended reads 未能使用 (could not be used), not 暂未生效 (not yet in effect).
func TestExpiredCodeOnTheCartInChinese(t *testing.T) {
	shop := teasInCart(t, "2")
	shop.AddPromotion(webtest.Promotion{Name: "Soon over", Code: "SOON", Type: "fixed", Value: 500, EndsAt: shop.Clock.Now().Add(time.Hour)})
	applyCoupon(t, shop, "SOON")
	shop.Clock.Advance(2 * time.Hour)
	state := shop.Get("/zh-cn/cart").Doc(t).Find("[data-coupon-state] p").Text()
	if got := strings.TrimSpace(state); got != "优惠码 SOON 未能使用：该优惠码已过期。" {
		t.Errorf("expired code in Chinese = %q", got)
	}
}

// TestLadderHintStaysBesideACouponItCombinesWith: the coupon applies with
// or without the next step, so a step worth less than the coupon is still
// worth telling; it was dropped as if reaching it cost the coupon.
func TestLadderHintStaysBesideACouponItCombinesWith(t *testing.T) {
	shop := teasInCart(t, "5") // 140.00
	ladder := shop.AddPromotion(webtest.Promotion{Name: "Spend 200 save 10", Type: pricing.TypeLadder,
		Rules: pricing.Rules{Steps: []pricing.Step{{Min: 20000, Value: 1000}}}})
	if _, err := shop.Store.DB().Exec(`UPDATE promotions SET combines_coupons = 1 WHERE id = ?`, ladder); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000, Combines: true})

	if hint := shop.Get("/cart").Doc(t).Find("[data-promo-hint]").Text(); !strings.Contains(hint, "Spend $60.00 more to save $10.00") {
		t.Fatalf("without the coupon, hints = %q", strings.TrimSpace(hint))
	}
	applyCoupon(t, shop, "TEN")
	page := shop.Get("/cart")
	if page.CartDiscount(t) != 1400 {
		t.Errorf("discount %d, want the coupon's 1400", page.CartDiscount(t))
	}
	if hint := page.Doc(t).Find("[data-promo-hint]").Text(); !strings.Contains(hint, "Spend $60.00 more to save $10.00") {
		t.Errorf("with the coupon, hints = %q, want the ladder's", strings.TrimSpace(hint))
	}
	// Reached, both apply: 10.00 off 224.00, then 10 % of 214.00.
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "3")
	if got := shop.Get("/cart").CartDiscount(t); got != 1000+2140 {
		t.Errorf("at 224.00 the discount is %d, want 3140", got)
	}
}

// TestOfferSaysWhichItemsItLeftOut: teas a buy-two-get-one used are not
// counted by a spend threshold or by the coupon's percentage, and the
// hint and the coupon's row say so, in both languages; the amounts are
// as they were.
func TestOfferSaysWhichItemsItLeftOut(t *testing.T) {
	shop := teasInCart(t, "3") // 84.00, all three used by the offer
	shop.AddToCart("linen-shirt", shop.Variants().ShirtL, "1")
	teas := shop.AddPromotion(webtest.Promotion{Name: "Any three teas", Type: pricing.TypeBXGY, Combines: true,
		Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}, Buy: 2, Get: 1, GetPercent: 10000}})
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value)
		VALUES ('promotion', ?, 'name', 'zh', '茶叶三件一件免费')`, teas); err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Spend 100 save 5", Type: pricing.TypeFixed, Value: 500, MinSubtotal: 10000, Combines: true})
	shop.AddPromotion(webtest.Promotion{Name: "Ten percent", Code: "TEN", Type: "percent", Value: 1000, Combines: true})
	applyCoupon(t, shop, "TEN")

	page := shop.Get("/cart")
	if got := page.CartDiscount(t); got != 2800+520 {
		t.Errorf("discount %d, want the free tea's 2800 and 10 %% of the shirt's 52.00", got)
	}
	note := "Items in “Any three teas” don't count towards this."
	hint := strings.Join(strings.Fields(page.Doc(t).Find("[data-promo-hint]").Text()), " ")
	if !strings.Contains(hint, "Spend $48.00 more to save $5.00") || !strings.Contains(hint, note) {
		t.Errorf("hint = %q, want the amount missing and %q", hint, note)
	}
	rows := page.Doc(t).Find("[data-promo-row]")
	for _, s := range rows.EachIter() {
		label := strings.Join(strings.Fields(s.Find("dt").Text()), " ")
		switch {
		case strings.HasPrefix(label, "Code TEN"):
			if !strings.Contains(label, note) {
				t.Errorf("coupon row = %q, want %q", label, note)
			}
		case strings.Contains(label, note):
			t.Errorf("row %q says it left out its own items", label)
		}
	}
	zh := shop.Get("/zh-cn/cart").Doc(t)
	if got := zh.Find("[data-promo-without]").Text(); strings.Count(got, "参与“茶叶三件一件免费”的商品不计入此项。") != 2 {
		t.Errorf("in Chinese = %q", got)
	}
}
