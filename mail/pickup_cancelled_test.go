package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestReadyEmailOfNoShowIsStale: staff set a pickup aside, the shopper
// never comes, and staff cancel it as a no-show while the ready email
// still waits for the mail server. That email would now invite the
// shopper to collect an order that is gone, so it is never written, as
// the confirmation of a cancelled order is not.
func TestReadyEmailOfNoShowIsStale(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	ready := shop.OrderEmail(o, store.EmailShipped)
	renderFor(t, r, ready) // written while the order stands
	if _, err := shop.Store.CancelOrderSeen(ctx, store.Actor{}, o.ID, store.PaymentPending); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(ctx, ready); !errors.Is(err, mail.ErrStale) {
		t.Errorf("the ready email of a pickup cancelled since: %v, want ErrStale", err)
	}
}

// TestPickupUnshippedEmailSaysCollect: staff set aside one of a pickup's
// two shirts and cancel the rest. The shopper's email says the items
// could not be set aside, not that they could not be sent, and that what
// was set aside is still theirs to collect; in both languages.
func TestPickupUnshippedEmailSaysCollect(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	for _, tc := range []struct {
		locale string
		sent   []string
	}{
		{"en", []string{"send", "sent", "shipped"}},
		{"zh", []string{"寄出", "发货"}},
	} {
		o := shop.PlaceOrder(tc.locale, store.PayCOD, pickup)
		if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := shop.Store.CancelUnshipped(ctx, store.Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
		msg, _ := renderFor(t, r, shop.OrderEmail(o, store.EmailUnshippedCancelled))
		intro := strings.Replace(i18n.TL(tc.locale, "email.unshipped_cancelled.intro_pickup"), "%s", o.Number, 1)
		wantAll(t, tc.locale, msg.Text, intro)
		for _, word := range tc.sent {
			if strings.Contains(msg.Text, word) {
				t.Errorf("%s: the pickup's cancellation email says %q:\n%s", tc.locale, word, msg.Text)
			}
		}
	}
}

// TestPickupEmailsWithoutShopAddress: the owner cleared the shop's
// address after a pickup was ordered. Its emails do not name an empty
// place to collect from: they ask the shopper to contact the shop.
func TestPickupEmailsWithoutShopAddress(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	r := renderer(t, shop)
	ctx := context.Background()
	for _, locale := range []string{"en", "zh"} {
		o := shop.PlaceOrder(locale, store.PayCOD, pickup)
		if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
			t.Fatal(err)
		}
		if err := shop.Store.SetSetting(ctx, store.SettingAddress, ""); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{store.EmailOrderConfirmation, store.EmailShipped} {
			msg, _ := renderFor(t, r, shop.OrderEmail(o, kind))
			wantAll(t, locale+" "+kind, msg.Text, i18n.TL(locale, "order.pickup_contact"))
			if strings.Contains(msg.Text, i18n.TL(locale, "email.pickup")) {
				t.Errorf("%s %s: says %q with no address to collect from:\n%s", locale, kind, i18n.TL(locale, "email.pickup"), msg.Text)
			}
		}
		if err := shop.Store.SetSetting(ctx, store.SettingAddress, "1 Test Street\nTestville"); err != nil {
			t.Fatal(err)
		}
	}
}
