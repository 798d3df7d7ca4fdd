package mail_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestReturnEmailsListTheItems: each email of a return lists its items as
// the order's emails list lines, in the shopper's language: a refund's
// with each item's share and the refund under them; an exchange's with
// what is sent instead, and once approved the replacement's order under
// its own heading, not under the form's option "An exchange (another
// size or colour, or a sound one)".
func TestReturnEmailsListTheItems(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	r := renderer(t, shop)
	ctx := context.Background()
	o := shop.SeedOrder()
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	o, refund := shop.ShipAndReturnOne(o) // one of the two large shirts
	shirt := o.Lines[0]
	money := func(lang string, n int64) string { return i18n.MoneyIn(lang, o.Currency, n) }
	email := func(kind string, id int64, locale string) string {
		t.Helper()
		msg, _ := renderFor(t, r, store.Email{Kind: kind, OrderID: o.ID, RefID: id, Locale: locale, To: o.Email})
		return msg.Text
	}
	share := money("en", shirt.Paid/2)
	wantAll(t, "requested", email(store.EmailReturnRequested, refund, "en"), "Items in your return", "1 × Linen Shirt (L)    "+share,
		"Refund: "+share)
	wantAll(t, "requested zh", email(store.EmailReturnRequested, refund, "zh"), "退货商品", "1 × Linen Shirt（L）    "+money("zh", shirt.Paid/2))
	if err := shop.Store.ApproveReturn(ctx, store.Actor{}, refund, ""); err != nil {
		t.Fatal(err)
	}
	wantAll(t, "approved", email(store.EmailReturnApproved, refund, "en"), "1 × Linen Shirt (L)    "+share, "Refund: "+share)

	exchange, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{shirt.ID: 1}, Reason: "too_large",
		Resolution: store.ResolutionExchange, Exchange: map[int64]int64{shirt.ID: shop.Variants().ShirtM}})
	if err != nil {
		t.Fatal(err)
	}
	text := email(store.EmailReturnRequested, exchange, "en")
	wantAll(t, "exchange requested", text, "Items in your return\n---", "1 × Linen Shirt (L)\n", "What we send instead", "1 × Linen Shirt (M)")
	if err := shop.Store.ApproveReturn(ctx, store.Actor{}, exchange, ""); err != nil {
		t.Fatal(err)
	}
	ret, _ := shop.Store.ReturnByID(ctx, exchange)
	text = email(store.EmailReturnApproved, exchange, "en")
	wantAll(t, "exchange approved", text, "1 × Linen Shirt (L)\n", "What we send instead", "1 × Linen Shirt (M)",
		"Your replacement is order "+ret.ExchangeOrder+".")
	if strings.Contains(text, "An exchange (") || strings.Contains(text, "Refund") {
		t.Errorf("the exchange's approval:\n%s", text)
	}
	wantAll(t, "exchange approved zh", email(store.EmailReturnApproved, exchange, "zh"), "退货商品", "我们换寄给您的商品",
		"1 × Linen Shirt（M）")
}

// TestRefundEmailSaysThePoints: a member paid part of two shirts with
// points and earned points on them; the email of a shirt's refund says,
// as the return's page does, the points taken back and given back.
func TestRefundEmailSaysThePoints(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	r := renderer(t, shop)
	ctx := context.Background()
	c, err := shop.Store.Register(ctx, store.RegisterInput{Email: "mei@example.com", Password: "correct horse battery", Name: "Mei", Locale: "zh"})
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
			Country: "CN"}, ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "zh", CustomerID: c.ID, RedeemPoints: 800})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	o, id := shop.ShipAndReturnOne(o)
	for _, step := range []func() error{
		func() error { return shop.Store.ApproveReturn(ctx, store.Actor{}, id, "") },
		func() error { return shop.Store.ReceiveReturn(ctx, store.Actor{}, id, nil) },
		func() error { return shop.Store.RefundReturn(ctx, store.Actor{}, id, "bank_transfer", "") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	ret, _ := shop.Store.ReturnByID(ctx, id)
	back, restored := ret.Quote.PointsBack, ret.Quote.PointsRestored
	if back == 0 || restored == 0 {
		t.Fatalf("the refund moves %d and %d points: nothing to tell", back, restored)
	}
	for _, lc := range []struct{ locale, back, restored string }{
		{"en", "−" + strconv.FormatInt(back, 10) + " points", "+" + strconv.FormatInt(restored, 10) + " points"},
		{"zh", "−" + strconv.FormatInt(back, 10) + " 积分", "+" + strconv.FormatInt(restored, 10) + " 积分"},
	} {
		msg, _ := renderFor(t, r, store.Email{Kind: store.EmailReturnRefunded, OrderID: o.ID, RefID: id, Locale: lc.locale, To: o.Email})
		wantAll(t, lc.locale, msg.Text, i18n.TL(lc.locale, "returns.quote.points_back")+i18n.TL(lc.locale, "email.label_sep")+lc.back,
			i18n.TL(lc.locale, "returns.quote.points_restored")+i18n.TL(lc.locale, "email.label_sep")+lc.restored,
			i18n.MoneyIn(lc.locale, o.Currency, ret.RefundAmount))
	}
}
