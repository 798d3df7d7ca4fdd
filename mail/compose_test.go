package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
)

// emailSettings are the store settings the rendering tests write with.
var emailSettings = store.Settings{
	StoreName: "Test Shop", ContactEmail: "hello@shop.example", Phone: "+351 210 000 000",
	BankTransferInstructions: "IBAN PT50 0002 0123 1234 5678 9015 4\nBank: Caixa Geral", CODInstructions: "Exact change, please.",
}

// placeEmailOrder places an order of two large linen shirts and a tea
// (seedFixture's) through the store, as a shopper speaking locale who pays
// by method, with a flat shipping method of checkout_test.go's addShipping.
func (s *webtest.Shop) placeEmailOrder(locale, method string, shipping int64) *store.Order {
	s.T.Helper()
	ctx := context.Background()
	v := s.Variants()
	cart, err := s.Store.AddToCart(ctx, "", v.ShirtL, 2)
	if err != nil {
		s.T.Fatal(err)
	}
	if _, err := s.Store.AddToCart(ctx, cart.Token, v.Tea, 1); err != nil {
		s.T.Fatal(err)
	}
	o, _, err := s.Store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", Phone: "+351 912 345 678",
			AddressLine1: "Rua Augusta 1", City: "Lisboa", PostalCode: "1100-048", Country: "Portugal"},
		ShippingMethodID: shipping, PaymentMethod: method, Locale: locale, Note: "Ring twice",
	})
	if err != nil {
		s.T.Fatal(err)
	}
	return o
}

// emailShop is a test shop with seedFixture's catalog, addShipping's
// methods and one order by placeEmailOrder per locale, paid by method.
func webtest.NewWithOrders(t *testing.T, method string, locales ...string) (shop *webtest.Shop, flat int64, orders []*store.Order) {
	t.Helper()
	shop = webtest.New(t)
	shop.SeedFixture()
	flat, _ = shop.AddShipping()
	for _, l := range locales {
		orders = append(orders, shop.PlaceOrder(l, method, flat))
	}
	return shop, flat, orders
}

// orderEmail is the outbox row of kind for order o.
func (s *webtest.Shop) orderEmail(o *store.Order, kind string) store.Email {
	s.T.Helper()
	list, err := s.Store.ListEmails(context.Background(), store.EmailFilter{PerPage: 200})
	if err != nil {
		s.T.Fatal(err)
	}
	for _, e := range list.Emails {
		if e.OrderID == o.ID && e.Kind == kind {
			return e
		}
	}
	s.T.Fatalf("no %s email for order %s", kind, o.Number)
	return store.Email{}
}

// renderFor renders e from the order as it stands now, with emailSettings.
func (s *webtest.Shop) renderFor(e store.Email) (emailMessage, *goquery.Document) {
	s.T.Helper()
	o, err := s.Store.OrderByID(context.Background(), e.OrderID)
	if err != nil {
		s.T.Fatal(err)
	}
	msg, err := composeEmail(context.Background(), e, o, emailSettings, "https://shop.example")
	if err != nil {
		s.T.Fatalf("render %s: %v", e.Kind, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(msg.HTML))
	if err != nil {
		s.T.Fatal(err)
	}
	return msg, doc
}

// wantAll fails the test for each of wants that text lacks.
func wantAll(t *testing.T, part, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", part, w, text)
		}
	}
}

func TestConfirmationEmailInEnglish(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en")
	o := orders[0]
	msg, doc := shop.renderFor(shop.OrderEmail(o, store.EmailOrderConfirmation))

	total := i18n.MoneyIn("en", o.Currency, o.Total)
	link := "https://shop.example/orders/" + o.Number + "?key=" + o.AccessKey
	if want := "Order " + o.Number + " confirmed"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	wantAll(t, "text", msg.Text, o.Number, total, "2 × Linen Shirt (L)", "1 × 龙井绿茶 Dragon Well Tea",
		"Hi Ana Lima,", "IBAN PT50 0002 0123 1234 5678 9015 4", "Rua Augusta 1", "1100-048 Lisboa", "Ring twice",
		"Shipping (Standard)", link, "hello@shop.example")
	if doc.Find("html").AttrOr("lang", "") != "en" || doc.Find("h1").Text() != "Thank you for your order" {
		t.Errorf("html: lang %q, h1 %q", doc.Find("html").AttrOr("lang", ""), doc.Find("h1").Text())
	}
	if href := doc.Find("a.button").AttrOr("href", ""); href != link {
		t.Errorf("order link = %q, want %q", href, link)
	}
	wantAll(t, "html", doc.Text(), o.Number, total, "Linen Shirt (L)", "IBAN PT50")
	if doc.Find("script").Length() != 0 {
		t.Error("the email carries a script")
	}

	// Sent after the payment arrived, it no longer asks for it.
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	paid, _ := shop.renderFor(shop.OrderEmail(o, store.EmailOrderConfirmation))
	if strings.Contains(paid.Text, "IBAN") || !strings.Contains(paid.Text, "Your payment has been received") {
		t.Errorf("confirmation of a paid order:\n%s", paid.Text)
	}
	receipt, _ := shop.renderFor(shop.OrderEmail(o, store.EmailPaymentReceived))
	if receipt.Subject != "Payment received for order "+o.Number {
		t.Errorf("payment subject = %q", receipt.Subject)
	}
	wantAll(t, "payment text", receipt.Text, total, o.Number)
}

func TestConfirmationEmailInChinese(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayCOD, "zh")
	o := orders[0]
	msg, doc := shop.renderFor(shop.OrderEmail(o, store.EmailOrderConfirmation))

	if want := "订单 " + o.Number + " 已确认"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	total := i18n.MoneyIn("zh", o.Currency, o.Total)
	wantAll(t, "text", msg.Text, o.Number, total, "Ana Lima，您好：", "感谢您的订购", "合计", "收货地址",
		"货到时以现金支付 "+total, "Exact change, please.", "2 × Linen Shirt（L）", "订单号：", "合计："+total)
	// The heading's underline is as wide as the heading on a fixed-width
	// screen: two columns per Chinese character.
	if !strings.Contains(msg.Text, "感谢您的订购\n============\n") {
		t.Errorf("heading underline:\n%s", msg.Text)
	}
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "zh-CN" {
		t.Errorf("html lang = %q", lang)
	}
	wantAll(t, "html", doc.Text(), "查看订单", total)
}

func TestShippedAndCancelledEmails(t *testing.T) {
	shop, flat, orders := webtest.NewWithOrders(t, store.PayCOD, "en")
	ctx := context.Background()
	o := orders[0]

	// One parcel with the shirts only: the tea follows.
	parcel, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 2}, "CTT", "RR123456789PT")
	if err != nil {
		t.Fatal(err)
	}
	e := shop.OrderEmail(o, store.EmailShipped)
	if e.RefID != parcel {
		t.Fatalf("shipped email ref = %d, want parcel %d", e.RefID, parcel)
	}
	msg, _ := shop.renderFor(e)
	if msg.Subject != "Your order "+o.Number+" is on its way" {
		t.Errorf("shipped subject = %q", msg.Subject)
	}
	wantAll(t, "shipped text", msg.Text, "Carrier: CTT",
		"Tracking number: RR123456789PT", "2 × Linen Shirt (L)", "The rest of your order will follow")
	if strings.Contains(msg.Text, "Dragon Well") {
		t.Errorf("the parcel lists the tea, which was not in it:\n%s", msg.Text)
	}

	unpaid := shop.PlaceOrder("zh", store.PayBankTransfer, flat)
	if _, err := shop.Store.ExpireOrder(ctx, unpaid.ID, store.CancelExpired); err != nil {
		t.Fatal(err)
	}
	cancelled, _ := shop.renderFor(shop.OrderEmail(unpaid, store.EmailCancelled))
	if cancelled.Subject != "订单 "+unpaid.Number+" 已取消" {
		t.Errorf("cancelled subject = %q", cancelled.Subject)
	}
	wantAll(t, "cancelled text", cancelled.Text, "我们未能在期限内收到付款", unpaid.Number)
}

