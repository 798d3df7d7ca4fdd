package mail_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// emailSettings are the store settings the rendering tests write with.
var emailSettings = map[string]string{
	store.SettingStoreName:                "Test Shop",
	store.SettingContactEmail:             "hello@shop.example",
	store.SettingPhone:                    "+351 210 000 000",
	store.SettingBankTransferInstructions: "IBAN PT50 0002 0123 1234 5678 9015 4\nBank: Caixa Geral",
	store.SettingCODInstructions:          "Exact change, please.",
}

// renderer writes emailSettings into shop's store and returns a sender
// whose links point at https://shop.example, to render with.
func renderer(t *testing.T, shop *webtest.Shop) *mail.Sender {
	t.Helper()
	ctx := context.Background()
	for key, value := range emailSettings {
		if err := shop.Store.SetSetting(ctx, key, value); err != nil {
			t.Fatal(err)
		}
	}
	return mail.NewSender(shop.Store, slog.New(slog.DiscardHandler), mail.SMTP{}, "https://shop.example")
}

// renderFor renders e from the order as it stands now.
func renderFor(t *testing.T, r *mail.Sender, e store.Email) (mail.Message, *goquery.Document) {
	t.Helper()
	msg, err := r.Render(context.Background(), e)
	if err != nil {
		t.Fatalf("render %s: %v", e.Kind, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(msg.HTML))
	if err != nil {
		t.Fatal(err)
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
	r := renderer(t, shop)
	o := orders[0]
	msg, doc := renderFor(t, r, shop.OrderEmail(o, store.EmailOrderConfirmation))

	total := i18n.MoneyIn("en", o.Currency, o.Total)
	link := "https://shop.example/orders/" + o.Number + "?key=" + o.AccessKey
	if want := "Order " + o.Number + " confirmed"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	wantAll(t, "text", msg.Text, o.Number, total, "2 × Linen Shirt (L)", "1 × Dragon Well Tea",
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
	paid, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailOrderConfirmation))
	if strings.Contains(paid.Text, "IBAN") || !strings.Contains(paid.Text, "Your payment has been received") {
		t.Errorf("confirmation of a paid order:\n%s", paid.Text)
	}
	receipt, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailPaymentReceived))
	if receipt.Subject != "Payment received for order "+o.Number {
		t.Errorf("payment subject = %q", receipt.Subject)
	}
	wantAll(t, "payment text", receipt.Text, total, o.Number)
}

func TestConfirmationEmailInChinese(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayCOD, "zh")
	r := renderer(t, shop)
	o := orders[0]
	msg, doc := renderFor(t, r, shop.OrderEmail(o, store.EmailOrderConfirmation))

	if want := "订单 " + o.Number + " 已确认"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	total := i18n.MoneyIn("zh", o.Currency, o.Total)
	wantAll(t, "text", msg.Text, o.Number, total, "Ana Lima，您好：", "感谢您的订购", "合计", "收货地址",
		"货到时支付 "+total, "Exact change, please.", "2 × Linen Shirt（L）", "订单号：", "合计："+total)
	// The heading's underline is as wide as the heading on a fixed-width
	// screen: two columns per Chinese character.
	if !strings.Contains(msg.Text, "感谢您的订购\n============\n") {
		t.Errorf("heading underline:\n%s", msg.Text)
	}
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "zh-CN" {
		t.Errorf("html lang = %q", lang)
	}
	wantAll(t, "html", doc.Text(), "查看订单", total)
	// The link opens the order in Chinese, at its Chinese address.
	if link, want := doc.Find("a.button").AttrOr("href", ""), "https://shop.example/zh-cn/orders/"+o.Number+"?key="+o.AccessKey; link != want {
		t.Errorf("order link = %q, want %q", link, want)
	}
}

func TestShippedAndCancelledEmails(t *testing.T) {
	shop, flat, orders := webtest.NewWithOrders(t, store.PayCOD, "en")
	r := renderer(t, shop)
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
	msg, _ := renderFor(t, r, e)
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
	cancelled, _ := renderFor(t, r, shop.OrderEmail(unpaid, store.EmailCancelled))
	if cancelled.Subject != "订单 "+unpaid.Number+" 已取消" {
		t.Errorf("cancelled subject = %q", cancelled.Subject)
	}
	wantAll(t, "cancelled text", cancelled.Text, "我们未能在期限内收到付款", unpaid.Number)
	// Its confirmation, had it waited for the mail server, would say the
	// order goes ahead: it is never sent.
	if _, err := r.Render(ctx, shop.OrderEmail(unpaid, store.EmailOrderConfirmation)); !errors.Is(err, mail.ErrStale) {
		t.Errorf("the confirmation of a cancelled order: %v, want ErrStale", err)
	}
}

// TestCashOnDeliveryEmailSaysHowToPay: the confirmation of a cash on
// delivery order names no means of payment of its own, so the owner's
// instructions ("in cash or by card") are not contradicted; an order
// collected from the shop is paid on collection, with no courier.
func TestCashOnDeliveryEmailSaysHowToPay(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	r := renderer(t, shop)
	courier := "Pay the courier in cash or by card when your parcel arrives."
	if err := shop.Store.SetSetting(context.Background(), store.SettingCODInstructions, courier); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ locale, delivered, collected string }{
		{"en", "You pay %s when your order is delivered.", "Pay %s when you collect your order."},
		{"zh", "货到时支付 %s。", "请在取货时支付 %s。"},
	} {
		delivered := shop.PlaceOrder(tc.locale, store.PayCOD, flat)
		msg, _ := renderFor(t, r, shop.OrderEmail(delivered, store.EmailOrderConfirmation))
		total := i18n.MoneyIn(tc.locale, delivered.Currency, delivered.Total)
		wantAll(t, tc.locale+" delivered", msg.Text, strings.Replace(tc.delivered, "%s", total, 1), courier)
		if strings.Contains(msg.Text, "in cash when") || strings.Contains(msg.Text, "现金支付") {
			t.Errorf("%s: the email says cash only, then the owner's cash or card:\n%s", tc.locale, msg.Text)
		}

		collected := shop.PlaceOrder(tc.locale, store.PayCOD, pickup)
		msg, _ = renderFor(t, r, shop.OrderEmail(collected, store.EmailOrderConfirmation))
		total = i18n.MoneyIn(tc.locale, collected.Currency, collected.Total)
		wantAll(t, tc.locale+" collected", msg.Text, strings.Replace(tc.collected, "%s", total, 1))
		if strings.Contains(msg.Text, "courier") || strings.Contains(msg.Text, "delivered") || strings.Contains(msg.Text, "货到") {
			t.Errorf("%s: an order collected from the shop is paid to a courier:\n%s", tc.locale, msg.Text)
		}
		if strings.Contains(msg.Text, i18n.TL(tc.locale, "email.ship_to")) || !strings.Contains(msg.Text, i18n.TL(tc.locale, "email.collect_at")) {
			t.Errorf("%s: an order collected from the shop is shipped:\n%s", tc.locale, msg.Text)
		}
	}
}
