package shop_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// risenMessage posts the guest checkout form of prefix's language with
// the shopper's email (Ana's, who has ordered before) and returns the
// 409's message.
func risenMessage(t *testing.T, shop *webtest.Shop, prefix, shown string) string {
	t.Helper()
	form := checkoutForm(t, shop.Get(prefix+"/checkout"), nil)
	if form.Get("shown_total") != shown {
		t.Fatalf("%s: the guest's checkout shows %s, want %s", prefix, form.Get("shown_total"), shown)
	}
	res := shop.Post(prefix+"/checkout", form)
	if res.Status != http.StatusConflict {
		t.Fatalf("%s: submit with a returning customer's email = %d, want 409:\n%.1500s", prefix, res.Status, res.Body)
	}
	return strings.Join(strings.Fields(res.Doc(t).Find(".notice-error").Text()), " ")
}

// TestCheckoutSaysWhichAutomaticPromotionWentAndWhy: a guest's checkout
// shows an automatic first-order promotion; the email typed is a
// returning customer's, so the order drops it, and the 409 says which and
// why, in both languages. A flash sale's units per customer, cut the same
// way, are told the same way.
func TestCheckoutSaysWhichAutomaticPromotionWentAndWhy(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	ctx := context.Background()
	if _, err := shop.Store.CreatePromotion(ctx, store.Actor{}, store.PromotionInput{
		Name: store.Plain("First order 15%").With("zh", "首单85折"), Kind: store.PromoAutomatic,
		Type: pricing.TypePercent, Value: "15", FirstOrderOnly: true}); err != nil {
		t.Fatal(err)
	}
	flat, err := strconv.ParseInt(checkoutForm(t, shop.Get("/checkout"), nil).Get("shipping_method"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	shop.Buy(shop.Variants().ShirtL, 1, flat) // Ana's first order

	// 56.00 - 8.40 + 10.00 shipping, then 66.00.
	want := "The total changed from $57.60 to $66.00: First order 15% is not applied: it is for a first order only. Check it and place the order again."
	if msg := risenMessage(t, shop, "", "5760"); msg != want {
		t.Errorf("message = %q,\nwant %q", msg, want)
	}
	want = "订单总额已从US$57.60变为US$66.00：“首单85折”未生效：仅限首单。请核对后重新下单。"
	if msg := risenMessage(t, shop, "/zh-cn", "5760"); msg != want {
		t.Errorf("Chinese message = %q,\nwant %q", msg, want)
	}

	// A flash sale of one tea per customer: the guest's page priced both
	// teas at half price, the order one.
	sale := shop.AddPromotion(webtest.Promotion{Name: "Tea flash", Type: pricing.TypeFlash, Value: 5000, CustomerLimit: 1,
		EndsAt: shop.Clock.Now().Add(time.Hour), Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}}})
	if _, err := shop.Store.DB().Exec(`UPDATE promotions SET archived = 1, active = 0 WHERE id <> ?`, sale); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()
	want = "The total changed from $38.00 to $52.00: Tea flash: the sale price is limited to 1 per customer, earlier orders included. Check it and place the order again."
	if msg := risenMessage(t, shop, "", "3800"); msg != want {
		t.Errorf("flash sale message = %q,\nwant %q", msg, want)
	}
}
