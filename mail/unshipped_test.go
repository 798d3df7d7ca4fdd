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

// TestUnshippedCancelledEmail: the shop ships one of two shirts and
// cancels the other and the tea. The shopper's email, in the language they
// ordered in, lists those items with their share of the money and says
// it will be refunded, or, the order unpaid, that they will not be
// charged for them and what is now to pay; it links to the
// cancellation's page. The refund's own
// email, later, links there too.
func TestUnshippedCancelledEmail(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	staff := store.Actor{Email: "owner@example.com"}
	cancel := func(locale, method string) (*store.Order, int64) {
		t.Helper()
		o := shop.PlaceOrder(locale, method, flat)
		if method != store.PayCOD {
			if _, err := shop.Store.MarkPaid(ctx, staff, o.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := shop.Store.FulfillOrder(ctx, staff, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
			t.Fatal(err)
		}
		id, err := shop.Store.CancelUnshipped(ctx, staff, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		return o, id
	}

	paid, id := cancel("en", store.PayBankTransfer)
	msg, doc := renderFor(t, r, shop.OrderEmail(paid, store.EmailUnshippedCancelled))
	if want := "Some items of order " + paid.Number + " were cancelled"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	money := func(lang string, n int64) string { return i18n.MoneyIn(lang, paid.Currency, n) }
	wantAll(t, "text", msg.Text, "Hi Ana Lima,", paid.Number, "1 × Linen Shirt (L)", money("en", 5200), "1 × Dragon Well Tea",
		money("en", 2800), "Their money, "+money("en", 8000)+", will be refunded to you")
	link := "https://shop.example/orders/" + paid.Number + "/returns/" + strconv.FormatInt(id, 10) + "?key=" + paid.AccessKey
	if a := doc.Find("a.button"); a.AttrOr("href", "") != link || a.Text() != "See the details" {
		t.Errorf("button %q → %q, want See the details → %q", a.Text(), a.AttrOr("href", ""), link)
	}
	if strings.Contains(msg.Text, "not be charged") {
		t.Errorf("the paid order's email:\n%s", msg.Text)
	}
	if err := shop.Store.RefundReturn(ctx, staff, id, "bank_transfer", ""); err != nil {
		t.Fatal(err)
	}
	refunded, rdoc := renderFor(t, r, shop.OrderEmail(paid, store.EmailReturnRefunded))
	wantAll(t, "refund text", refunded.Text, money("en", 8000))
	if a := rdoc.Find("a.button"); a.AttrOr("href", "") != link || a.Text() != "See the details" {
		t.Errorf("the refund's button %q → %q", a.Text(), a.AttrOr("href", ""))
	}

	unpaid, _ := cancel("zh", store.PayCOD)
	msg, _ = renderFor(t, r, shop.OrderEmail(unpaid, store.EmailUnshippedCancelled))
	if want := "订单 " + unpaid.Number + " 的部分商品已取消"; msg.Subject != want {
		t.Errorf("subject = %q, want %q", msg.Subject, want)
	}
	wantAll(t, "zh text", msg.Text, "Ana Lima，您好：", "已取消的商品", "1 × Linen Shirt（L）", "您无需为这些商品付款",
		"无需支付："+money("zh", 8000), "该订单现在的应付金额为 "+money("zh", unpaid.Total-8000))
	// In English too it says what is left to pay.
	unpaidEN, _ := cancel("en", store.PayCOD)
	msg, _ = renderFor(t, r, shop.OrderEmail(unpaidEN, store.EmailUnshippedCancelled))
	wantAll(t, "en text", msg.Text, "you will not be charged for these items",
		"The amount to pay for the order is now "+money("en", unpaidEN.Total-8000)+".")
	if strings.Contains(msg.Text, "退还给您") {
		t.Errorf("the unpaid order's email promises a refund:\n%s", msg.Text)
	}

	// Paid on delivery, less the cancelled items: the payment's email
	// thanks for what was paid, says what was not charged, and promises
	// no shipping news for an order that has shipped.
	if _, err := shop.Store.MarkPaid(ctx, staff, unpaid.ID); err != nil {
		t.Fatal(err)
	}
	// The cancellation's email, still waiting, keeps its word.
	msg, _ = renderFor(t, r, shop.OrderEmail(unpaid, store.EmailUnshippedCancelled))
	wantAll(t, "zh text once paid", msg.Text, "这些商品未向您收费。", "无需支付："+money("zh", 8000))
	if strings.Contains(msg.Text, "退还给您") {
		t.Errorf("once paid the cancellation's email promises a refund:\n%s", msg.Text)
	}
	due := money("zh", unpaid.Total-8000)
	msg, _ = renderFor(t, r, shop.OrderEmail(unpaid, store.EmailPaymentReceived))
	wantAll(t, "zh payment text", msg.Text, "我们已收到您为订单 "+unpaid.Number+" 支付的 "+due+"。谢谢！",
		"发货前已取消、未收费的商品", money("zh", -8000), "实付", due)
	if strings.Contains(msg.Text, "发货时") {
		t.Errorf("the shipped order's payment email promises news of its shipping:\n%s", msg.Text)
	}
}
