package shop_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// shopperLangs are the order page's languages, by path prefix.
var shopperLangs = []struct{ prefix, lang string }{{"", "en"}, {"/zh-cn", "zh"}}

// TestShippedUnpaidOrderHasNoDeadline: an unpaid bank-transfer order says
// by when it must be paid, or be cancelled. Once staff ship part of it, it
// never expires, so its page, in both languages, still asks for the money
// but no longer threatens a cancellation.
func TestShippedUnpaidOrderHasNoDeadline(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	page := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	if shop.Get(page).Doc(t).Find(".order-payment .order-expiry").Length() != 1 {
		t.Fatal("the unpaid order does not say by when it must be paid")
	}
	if _, err := shop.Store.FulfillOrder(context.Background(), store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range shopperLangs {
		payment := shop.Get(c.prefix + page).Doc(t).Find(".order-payment")
		if payment.Find(".order-expiry").Length() != 0 || strings.Contains(payment.Text(), i18n.TL(c.lang, "order.pay_by")) {
			t.Errorf("%s: the partly shipped order threatens a cancellation: %q", c.lang, payment.Text())
		}
		if want := i18n.MoneyIn(c.lang, o.Currency, o.Total); !strings.Contains(payment.Find(".order-instructions").Text(), want) {
			t.Errorf("%s: the partly shipped order no longer asks for its %s: %q", c.lang, want, payment.Text())
		}
	}
}

// TestCashOnDeliveryPartlyCancelledSaysWhatIsDue: the owner wrote cash on
// delivery instructions, which name no amount. The shop ships one shirt
// of a cash-on-delivery order and cancels the rest: the order's page, in
// both languages, says the amount still to pay beside the instructions.
// Paid on delivery, it says what was paid, not only the original total.
func TestCashOnDeliveryPartlyCancelledSaysWhatIsDue(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	courier := "Pay the courier in cash or by card when your parcel arrives."
	if err := shop.Store.SetSetting(ctx, store.SettingCODInstructions, courier); err != nil {
		t.Fatal(err)
	}
	o, id := cancelledRest(t, shop, store.PayCOD)
	r, err := shop.Store.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	due := o.Total - r.Quote.Total
	page := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	for _, c := range shopperLangs {
		text := shop.Get(c.prefix + page).Doc(t).Find(".order-instructions").Text()
		if want := i18n.TL(c.lang, "order.cod_generic", i18n.MoneyIn(c.lang, o.Currency, due)); !strings.Contains(text, want) {
			t.Errorf("%s: the order asks %q, want %q", c.lang, strings.TrimSpace(text), want)
		}
		if c.lang == "en" && !strings.Contains(text, courier) {
			t.Errorf("the owner's instructions are gone: %q", text)
		}
	}

	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range shopperLangs {
		paid := shop.Get(c.prefix + page).Doc(t).Find(".order-payment [data-amount-paid]")
		want := i18n.TL(c.lang, "order.paid_less", i18n.MoneyIn(c.lang, o.Currency, due))
		if paid.AttrOr("data-amount-paid", "") != itoa(due) || paid.Text() != want {
			t.Errorf("%s: once paid the order says %q, want %q", c.lang, paid.Text(), want)
		}
	}
}

// TestSettledCancellationSaysPointsCameBack: a member paid part of two
// shirts with points. The shop ships one and cancels the other before
// the order is paid: its page says the points that paid for it come back
// with the payment; once paid, in both languages, that they came back.
func TestSettledCancellationSaysPointsCameBack(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	c, err := shop.Store.Register(ctx, store.RegisterInput{Email: "mei@example.com", Password: "correct horse battery", Name: "Mei", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.AdjustPoints(ctx, store.Actor{}, c.ID, 800, "gift"); err != nil {
		t.Fatal(err)
	}
	flat, _ := shop.AddShipping()
	cart, err := shop.Store.AddToCart(ctx, "", shop.Variants().ShirtL, 2)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: c.Email, Name: "Mei", AddressLine1: "1 Nanjing Road", City: "Shanghai", PostalCode: "200000",
			Country: "CN"}, ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "en", CustomerID: c.ID, RedeemPoints: 800})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	id, err := shop.Store.CancelUnshipped(ctx, store.Actor{}, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	page := "/orders/" + o.Number + "/returns/" + itoa(id) + "?key=" + url.QueryEscape(o.AccessKey)
	if text := shop.Get(page).Doc(t).Find(".return-page").Text(); !strings.Contains(text, i18n.TL("en", "returns.unshipped.points_restored_unpaid")) {
		t.Fatalf("the unpaid order's cancellation does not say its points come back with the payment:\n%s", text)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	for _, l := range shopperLangs {
		text := shop.Get(l.prefix + page).Doc(t).Find(".return-page").Text()
		if !strings.Contains(text, i18n.TL(l.lang, "returns.unshipped.points_restored_paid")) ||
			strings.Contains(text, i18n.TL(l.lang, "returns.unshipped.points_restored_unpaid")) {
			t.Errorf("%s: once paid the cancellation says of its points:\n%s", l.lang, text)
		}
	}
}
