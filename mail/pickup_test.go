package mail_test

import (
	"context"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestPickupReadyEmail: an order collected from the shop is never told a
// parcel left. Staff's fulfilment sets it aside, and the shopper learns it
// is ready to collect, where, and (unpaid) what to bring to the counter;
// in both languages.
func TestPickupReadyEmail(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	for _, tc := range []struct {
		locale, subject, pay string
		shipped              []string
	}{
		{"en", "Your order %s is ready to collect", "To pay when you collect it: %s.", []string{"parcel", "Parcel", "on its way"}},
		{"zh", "您的订单 %s 已可取货", "取货时需支付：%s。", []string{"包裹", "发货", "寄出"}},
	} {
		o := shop.PlaceOrder(tc.locale, store.PayCOD, pickup)
		if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
			t.Fatal(err)
		}
		msg, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailShipped))
		if want := strings.Replace(tc.subject, "%s", o.Number, 1); msg.Subject != want {
			t.Errorf("%s: subject = %q, want %q", tc.locale, msg.Subject, want)
		}
		total := i18n.MoneyIn(tc.locale, o.Currency, o.Total)
		wantAll(t, tc.locale+" ready", msg.Text, strings.Replace(tc.pay, "%s", total, 1),
			i18n.TL(tc.locale, "email.collect_at"), "1 Test Street", "Testville", "+351 210 000 000")
		for _, word := range tc.shipped {
			if strings.Contains(msg.Subject+msg.Text, word) {
				t.Errorf("%s: the ready email says %q:\n%s", tc.locale, word, msg.Text)
			}
		}
	}
}

// TestPickupPaymentEmailsSayCollection: a pickup paid by bank transfer is
// set aside for collection once paid, not shipped.
func TestPickupPaymentEmailsSayCollection(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	o := shop.PlaceOrder("en", store.PayBankTransfer, pickup)
	msg, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailOrderConfirmation))
	wantAll(t, "confirmation", msg.Text, "We set your order aside for you to collect once the payment has arrived.")
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	paid, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailPaymentReceived))
	wantAll(t, "payment", paid.Text, "We will let you know when it is ready to collect.")
	for _, m := range []string{msg.Text, paid.Text} {
		if strings.Contains(m, "ship") {
			t.Errorf("a pickup's email says it ships:\n%s", m)
		}
	}
}

// TestPickupEmailsSayWhenAndBringBack: the ready email gives the shop's
// opening hours for collection in the shopper's language, and an
// approved return of a pickup asks for the items at the shop, with its
// address, rather than to send them.
func TestPickupEmailsSayWhenAndBringBack(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	if err := shop.Store.SetSetting(ctx, store.SettingPickupHours, "Mon–Fri 10:00–18:00"); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SetSettingTranslation(ctx, store.SettingPickupHours, "zh", "周一至周五 10:00–18:00"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ locale, hours string }{{"en", "Mon–Fri 10:00–18:00"}, {"zh", "周一至周五 10:00–18:00"}} {
		o := shop.PlaceOrder(tc.locale, store.PayCOD, pickup)
		if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
			t.Fatal(err)
		}
		ready, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailShipped))
		wantAll(t, tc.locale+" ready", ready.Text, i18n.TL(tc.locale, "order.pickup_hours"), tc.hours)

		o, _ = shop.CollectAndReturnOne(o)
		msg, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailReturnApproved))
		wantAll(t, tc.locale+" approved", msg.Text, i18n.TL(tc.locale, "returns.bring_to"), "1 Test Street", tc.hours)
		for _, send := range []string{"send the items back", "寄回"} {
			if strings.Contains(msg.Text, send) {
				t.Errorf("%s: the approved return of a pickup says %q:\n%s", tc.locale, send, msg.Text)
			}
		}
	}
}
