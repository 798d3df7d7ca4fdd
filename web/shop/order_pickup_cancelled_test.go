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

// pickupLangs are the order page's two languages, by path prefix.
var pickupLangs = []struct{ prefix, lang string }{{"", "en"}, {"/zh-cn", "zh"}}

// orderPage is o's page for its shopper, by its access key.
func orderPage(o *store.Order) string {
	return "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
}

// TestCancelledPickupInvitesNobody: staff set a pickup aside, its shopper
// never comes, and staff cancel it as a no-show. Its page no longer says
// it is ready to collect, where or when to collect it, or to pay on
// collection: there is nothing to collect and nothing to pay.
func TestCancelledPickupInvitesNobody(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	ctx := context.Background()
	if err := shop.Store.SetSetting(ctx, store.SettingPickupHours, "Mon–Fri 10:00–18:00"); err != nil {
		t.Fatal(err)
	}
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.CancelOrderSeen(ctx, store.Actor{}, o.ID, store.PaymentPending); err != nil {
		t.Fatal(err)
	}
	for _, c := range pickupLangs {
		doc := shop.Get(c.prefix + orderPage(o)).Doc(t)
		if got, want := doc.Find(".order-facts .order-status").Text(), i18n.TL(c.lang, "order.status.cancelled"); got != want {
			t.Errorf("%s: status %q, want %q", c.lang, got, want)
		}
		main := doc.Find(".order-layout")
		// The history still tells that it was ready once; no section does.
		if word := i18n.TL(c.lang, "order.parcels_pickup"); strings.Contains(main.Find("h2").Text(), word) {
			t.Errorf("%s: the cancelled pickup's page has a section %q", c.lang, word)
		}
		for _, key := range []string{"order.pickup", "order.pickup_hours", "checkout.pay.cod_pickup"} {
			if word := i18n.TL(c.lang, key); strings.Contains(main.Text(), word) {
				t.Errorf("%s: the cancelled pickup's page says %q", c.lang, word)
			}
		}
		if n := main.Find("[data-pickup-address], [data-pickup-hours]").Length(); n != 0 {
			t.Errorf("%s: the cancelled pickup's page shows where and when to collect it", c.lang)
		}
		if got, want := doc.Find(".order-payment").Text(), i18n.TL(c.lang, "order.nothing_to_pay"); !strings.Contains(got, want) {
			t.Errorf("%s: the payment section reads %q, want %q", c.lang, got, want)
		}
	}
}

// TestPartlySetAsidePickupSaysReady: staff set aside one of a pickup's two
// shirts. Its line says how many are ready to collect, not shipped; the
// return form, before anything is set aside, says the items are not
// ready yet rather than not shipped; in both languages.
func TestPartlySetAsidePickupSaysReady(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	form := "/orders/" + o.Number + "/returns?key=" + url.QueryEscape(o.AccessKey)
	for _, c := range pickupLangs {
		why := shop.Get(c.prefix + form).Doc(t).Find(".return-line-why").First().Text()
		if want := i18n.TL(c.lang, "returns.why.not_shipped_pickup"); why != want {
			t.Errorf("%s: the return form before anything is set aside says %q, want %q", c.lang, why, want)
		}
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range pickupLangs {
		text := shop.Get(c.prefix + orderPage(o)).Doc(t).Find(".order-lines").Text()
		if want := i18n.TL(c.lang, "order.line_shipped_pickup", 1, 2); !strings.Contains(text, want) {
			t.Errorf("%s: the set aside line lacks %q:\n%s", c.lang, want, text)
		}
		if word := i18n.TL(c.lang, "order.line_shipped", 1, 2); strings.Contains(text, word) {
			t.Errorf("%s: the pickup's line says %q", c.lang, word)
		}
	}
}

// TestPickupWithoutShopAddress: the owner cleared the shop's address
// after a pickup was ordered. Its page does not say "collect your order
// from the shop:" followed by nothing: it asks the shopper to contact the
// shop, by its phone and email.
func TestPickupWithoutShopAddress(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	for key, value := range map[string]string{store.SettingAddress: "", store.SettingPhone: "+1 555 0100", store.SettingContactEmail: "shop@example.com"} {
		if err := shop.Store.SetSetting(context.Background(), key, value); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range pickupLangs {
		doc := shop.Get(c.prefix + orderPage(o)).Doc(t)
		if doc.Find(`a[data-pickup-phone][href="tel:+15550100"]`).Length() != 1 || doc.Find(`a[data-pickup-email][href="mailto:shop@example.com"]`).Length() != 1 {
			t.Errorf("%s: the page asks to contact the shop without its phone and email", c.lang)
		}
		text := doc.Find(".order-layout").Text()
		if want := i18n.TL(c.lang, "order.pickup_contact"); !strings.Contains(text, want) {
			t.Errorf("%s: the page lacks %q", c.lang, want)
		}
		if word := i18n.TL(c.lang, "order.pickup"); strings.Contains(text, word) {
			t.Errorf("%s: the page says %q with no address after it", c.lang, word)
		}
	}
}

// TestPickupCancellationPagesSayCollect: the page of what the shop
// cancelled of a pickup it could not set aside, and the refund page of a
// paid pickup cancelled as a no-show, tell of collecting, not of
// shipping or of sending anything back; in both languages.
func TestPickupCancellationPagesSayCollect(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	ctx := context.Background()
	part := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, part.ID, map[int64]int64{part.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	unshipped, err := shop.Store.CancelUnshipped(ctx, store.Actor{}, part.ID)
	if err != nil {
		t.Fatal(err)
	}
	paid := shop.PlaceOrder("en", store.PayBankTransfer, pickup)
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, paid.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, paid.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	refund, err := shop.Store.CancelOrderSeen(ctx, store.Actor{}, paid.ID, store.PaymentPaid)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pickupLangs {
		for _, p := range []struct {
			o   *store.Order
			id  int64
			key string
		}{{part, unshipped, "returns.unshipped.intro_pickup"}, {paid, refund, "returns.order_cancelled.intro_pickup"}} {
			path := c.prefix + "/orders/" + p.o.Number + "/returns/" + itoa(p.id) + "?key=" + url.QueryEscape(p.o.AccessKey)
			intro := shop.Get(path).Doc(t).Find("[data-unshipped-intro]").Text()
			if before, after, _ := strings.Cut(i18n.TL(c.lang, p.key), "%s"); !strings.HasPrefix(intro, before) || !strings.HasSuffix(intro, after) {
				t.Errorf("%s: %s reads %q, want %s", c.lang, path, intro, p.key)
			}
		}
	}
}
