package shop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
)

// TestCheckoutCashOnDeliveryByMethod: the shop's courier collects cash on
// delivery, the post does not. Each method tells the page whether it does;
// a shopper without JavaScript who picks the post and cash on delivery gets
// the form back with the post named beside the payment, every value kept,
// and no order; paying by bank transfer instead goes through.
func TestCheckoutCashOnDeliveryByMethod(t *testing.T) {
	shop := teaInCart(t)
	post, err := shop.Store.CreateShippingMethod(context.Background(), store.Actor{}, store.ShippingMethodInput{
		Name: store.Text{Default: "Post", Tr: map[string]string{"zh": "邮政"}}, Kind: store.ShippingFlat, Price: 500, Active: true, NoCOD: true})
	if err != nil {
		t.Fatal(err)
	}
	page := shop.Get("/checkout")
	doc := page.Doc(t)
	if got := doc.Find(`input[name=shipping_method][value="`+itoa(post.ID)+`"]`).AttrOr("data-cod", ""); got != "false" {
		t.Errorf("the post says data-cod=%q", got)
	}
	if got := doc.Find(`input[name=shipping_method][data-kind=flat]`).First().AttrOr("data-cod", ""); got != "true" {
		t.Errorf("the standard method says data-cod=%q", got)
	}
	if doc.Find(`input[name=payment_method][value=cod]`).Length() != 1 {
		t.Fatal("cash on delivery is not offered, though a method takes it")
	}

	form := checkoutForm(t, page, map[string]string{"shipping_method": itoa(post.ID), "payment_method": store.PayCOD})
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("cash on delivery by post = %d, want 422", res.Status)
	}
	doc = res.Doc(t)
	if msg := doc.Find(".checkout-payment #checkout-payment_method-error").Text(); !strings.Contains(msg, "Post does not take cash on delivery") {
		t.Errorf("payment message = %q", msg)
	}
	if got := doc.Find(`input[name=city]`).AttrOr("value", ""); got != "Lisboa" {
		t.Errorf("city kept as %q", got)
	}
	if got := doc.Find(`input[name=shipping_method][checked]`).AttrOr("value", ""); got != itoa(post.ID) {
		t.Errorf("shipping kept as %q, want the post", got)
	}
	if got := doc.Find(`input[name=payment_method][checked]`).AttrOr("value", ""); got != store.PayCOD {
		t.Errorf("payment kept as %q, want cod", got)
	}
	if orderCount(t, shop.Store) != 0 {
		t.Fatal("an order was placed paid on delivery by a method that does not take cash")
	}

	zh := shop.Post("/zh-cn/checkout", form)
	if msg := zh.Doc(t).Find("#checkout-payment_method-error").Text(); zh.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(msg, "邮政不支持货到付款") {
		t.Errorf("in Chinese = %d, %q", zh.Status, msg)
	}

	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, map[string]string{"payment_method": store.PayBankTransfer})))
	if o.PaymentMethod != store.PayBankTransfer || o.Shipping != 500 {
		t.Errorf("order = %s, shipping %d; want bank transfer by post", o.PaymentMethod, o.Shipping)
	}
}

// TestCheckoutOffersCashOnDeliveryOnlyWithAMethodTakingIt: when no method
// collects cash, the checkout does not offer cash on delivery at all,
// though the shop-wide switch is on, and starts on another payment.
func TestCheckoutOffersCashOnDeliveryOnlyWithAMethodTakingIt(t *testing.T) {
	shop := teaInCart(t)
	ctx := context.Background()
	methods, err := shop.Store.ShippingMethods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range methods {
		in := store.ShippingMethodInput{Name: m.Name, Kind: m.Kind, Price: m.Price, Active: true, NoCOD: true}
		if _, err := shop.Store.UpdateShippingMethod(ctx, store.Actor{}, m.ID, m.Version, in); err != nil {
			t.Fatal(err)
		}
	}
	doc := shop.Get("/checkout").Doc(t)
	if doc.Find(`input[name=payment_method][value=cod]`).Length() != 0 {
		t.Error("cash on delivery is offered, though no method takes it")
	}
	if got := doc.Find(`input[name=payment_method][checked]`).AttrOr("value", ""); got == "" || got == store.PayCOD {
		t.Errorf("the form starts on payment %q", got)
	}
}
