package mail_test

import (
	"context"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestCancelledPaidOrderEmailSaysTheRefundFollows: the cancellation email
// of a paid order says, in the shopper's language, that the payment will
// be refunded and that an email follows when it is on its way, which the
// refund recorded for the cancellation does. A card payment that lands
// after the cancel sends that email again, with the same promise.
func TestCancelledPaidOrderEmailSaysTheRefundFollows(t *testing.T) {
	shop, flat, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en", "zh")
	r := renderer(t, shop)
	ctx := context.Background()
	for _, o := range orders {
		if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
		if err := shop.Store.CancelOrder(ctx, store.Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	en, _ := renderFor(t, r, shop.OrderEmail(orders[0], store.EmailCancelled))
	wantAll(t, "English cancellation", en.Text, "your payment will be refunded", "we will email you when the refund is on its way")
	zh, _ := renderFor(t, r, shop.OrderEmail(orders[1], store.EmailCancelled))
	wantAll(t, "Chinese cancellation", zh.Text, "我们将退还您的付款", "退款发出后会发邮件通知您")

	if err := shop.Store.SetSetting(ctx, store.SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	card := shop.PlaceOrder("en", store.PayStripe, flat)
	if err := shop.Store.CancelOrder(ctx, store.Actor{}, card.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.StripePaid(ctx, "evt_after_cancel", store.StripeSession{ID: "cs_test_late", OrderNumber: card.Number,
		PaymentIntent: "pi_late"}); err != nil {
		t.Fatal(err)
	}
	late, _ := renderFor(t, r, shop.OrderEmail(card, store.EmailCancelled))
	wantAll(t, "cancellation after a late payment", late.Text, "your payment will be refunded")
}
