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

// TestCheckoutShowsWherePickupIsCollected: before paying, the pickup
// choice says where the order is collected, in both languages.
func TestCheckoutShowsWherePickupIsCollected(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	for _, c := range []struct{ prefix, want string }{
		{"", "Where to collect it: 1 Test Street, Testville"},
		{"/zh-cn", "取货地址：1 Test Street, Testville"},
	} {
		choice := shop.Get(c.prefix + "/checkout").Doc(t).Find(`input[name=shipping_method][value="` + itoa(pickup) + `"]`).Parent()
		if got := choice.Find("[data-pickup-address]").Text(); got != c.want {
			t.Errorf("%q: pickup choice says %q, want %q (whole choice: %q)", c.prefix, got, c.want, choice.Text())
		}
	}
}

// TestPickupOrderIsReadyThenCollected: staff set a pickup aside with the
// fulfil form and later mark it collected. The shopper's page never says
// it shipped: it is ready to collect, then collected, in both languages;
// nothing of it can come back before it is collected, and its return
// window runs from then, with no days in transit added.
func TestPickupOrderIsReadyThenCollected(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	parcel := shop.PlaceOrder("en", store.PayCOD, flat) // shipped the same moment, for its window
	for _, id := range []int64{o.ID, parcel.ID} {
		if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, id, nil, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	page := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	langs := []struct{ prefix, lang string }{{"", "en"}, {"/zh-cn", "zh"}}
	for _, c := range langs {
		doc := shop.Get(c.prefix + page).Doc(t)
		if got, want := doc.Find(".order-facts .order-status").Text(), i18n.TL(c.lang, "order.status.shipped_pickup"); got != want {
			t.Errorf("%s: status %q, want %q", c.lang, got, want)
		}
		text := doc.Find(".order-page").Text()
		for _, key := range []string{"order.status.shipped", "order.parcels", "order.parcel_sent", "order.event.fulfilled"} {
			if word := i18n.TL(c.lang, key); strings.Contains(text, word) {
				t.Errorf("%s: the pickup's page says %q", c.lang, word)
			}
		}
		for _, key := range []string{"order.parcels_pickup", "order.event.fulfilled_pickup"} {
			if word := i18n.TL(c.lang, key); !strings.Contains(text, word) {
				t.Errorf("%s: the pickup's page lacks %q", c.lang, word)
			}
		}
	}

	// Set aside, not yet the shopper's: nothing of it can come back.
	ready, err := shop.Store.ReturnOptionsOf(ctx, shop.Order(o.Number))
	if err != nil {
		t.Fatal(err)
	}
	if !ready.Deadline.IsZero() || ready.Lines[0].Left != 0 || ready.Lines[0].Why != "returns.why.not_collected" {
		t.Errorf("before collection: deadline %v, %d returnable (%q); want none, not collected", ready.Deadline, ready.Lines[0].Left, ready.Lines[0].Why)
	}

	if err := shop.Store.MarkDelivered(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	collected, err := shop.Store.ReturnOptionsOf(ctx, shop.Order(o.Number))
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := shop.Store.ReturnOptionsOf(ctx, shop.Order(parcel.Number))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := collected.Deadline, shipped.Deadline.AddDate(0, 0, -3); !got.Equal(want) || collected.Lines[0].Left == 0 {
		t.Errorf("collected, returns until %v (%d returnable), want %v (the parcel's %v without its 3 days in transit)",
			got, collected.Lines[0].Left, want, shipped.Deadline)
	}
	for _, c := range langs {
		doc := shop.Get(c.prefix + page).Doc(t)
		if got, want := doc.Find(".order-facts .order-status").Text(), i18n.TL(c.lang, "order.status.collected"); got != want {
			t.Errorf("%s: status once collected %q, want %q", c.lang, got, want)
		}
		if text, want := doc.Find(".order-page").Text(), i18n.TL(c.lang, "order.event.delivered_pickup"); !strings.Contains(text, want) {
			t.Errorf("%s: the history lacks %q", c.lang, want)
		}
	}
}

// TestPickupHoursShownWhereItIsCollected: the shop's address and its
// opening hours for collection, in the shopper's language, are at
// checkout and on a pickup's order page; a shop that gave no hours shows
// no empty label.
func TestPickupHoursShownWhereItIsCollected(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	choice := `input[name=shipping_method][value="` + itoa(pickup) + `"]`
	page := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	for _, prefix := range []string{"", "/zh-cn"} {
		if n := shop.Get(prefix + "/checkout").Doc(t).Find("[data-pickup-hours]").Length(); n != 0 {
			t.Errorf("%q: checkout shows hours the shop never gave", prefix)
		}
		if text := shop.Get(prefix + page).Doc(t).Find(".order-page").Text(); strings.Contains(text, i18n.TL("en", "order.pickup_hours")) ||
			strings.Contains(text, i18n.TL("zh", "order.pickup_hours")) {
			t.Errorf("%q: the order page labels hours the shop never gave", prefix)
		}
	}

	if err := shop.Store.SetSetting(ctx, store.SettingPickupHours, "Mon–Fri 10:00–18:00\nSat 10:00–14:00"); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SetSettingTranslation(ctx, store.SettingPickupHours, "zh", "周一至周五 10:00–18:00"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ prefix, lang, hours string }{
		{"", "en", "Mon–Fri 10:00–18:00, Sat 10:00–14:00"},
		{"/zh-cn", "zh", "周一至周五 10:00–18:00"},
	} {
		got := shop.Get(c.prefix + "/checkout").Doc(t).Find(choice).Parent().Find("[data-pickup-hours]").Text()
		if want := i18n.TL(c.lang, "checkout.pickup_hours", c.hours); got != want {
			t.Errorf("%s: the pickup choice says %q, want %q", c.lang, got, want)
		}
		doc := shop.Get(c.prefix + page).Doc(t)
		if got := doc.Find(".order-page [data-pickup-address]").Text(); !strings.Contains(got, "1 Test Street") || !strings.Contains(got, "Testville") {
			t.Errorf("%s: the order page's pickup address reads %q", c.lang, got)
		}
		hours := doc.Find(".order-page [data-pickup-hours]").Text()
		if first, _, _ := strings.Cut(c.hours, ","); !strings.Contains(hours, i18n.TL(c.lang, "order.pickup_hours")) || !strings.Contains(hours, first) {
			t.Errorf("%s: the order page's hours read %q", c.lang, hours)
		}
	}
}

// TestPickupReturnIsBroughtBack: the shopper of a collected pickup is
// told to bring the items back to the shop, not to send them, on the
// return form and, once approved, with the shop's address and hours.
func TestPickupReturnIsBroughtBack(t *testing.T) {
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
	o, id := shop.CollectAndReturnOne(o)
	key := "?key=" + url.QueryEscape(o.AccessKey)
	for _, c := range []struct{ prefix, lang string }{{"", "en"}, {"/zh-cn", "zh"}} {
		form := shop.Get(c.prefix + "/orders/" + o.Number + "/returns" + key).Doc(t).Text()
		for _, want := range strings.Split(i18n.TL(c.lang, "returns.deadline_pickup", "%s"), "%s") {
			if !strings.Contains(form, want) {
				t.Errorf("%s: the return form does not say %q", c.lang, want)
			}
		}
		doc := shop.Get(c.prefix + "/orders/" + o.Number + "/returns/" + itoa(id) + key).Doc(t)
		page := doc.Find(".return-page").Text()
		for _, key := range []string{"returns.status.approved_pickup", "returns.instructions_pickup", "returns.bring_to"} {
			if want := i18n.TL(c.lang, key); !strings.Contains(page, want) {
				t.Errorf("%s: the approved return's page lacks %q", c.lang, want)
			}
		}
		for _, key := range []string{"returns.status.approved", "returns.instructions", "returns.quote.shipping"} {
			if word := i18n.TL(c.lang, key); strings.Contains(page, word) {
				t.Errorf("%s: a pickup's return page says %q", c.lang, word)
			}
		}
		if got := doc.Find("[data-return-bring-to]").Text(); !strings.Contains(got, "1 Test Street") {
			t.Errorf("%s: bring them to %q, want the shop's address", c.lang, got)
		}
		if got := doc.Find(".return-instructions [data-pickup-hours]").Text(); !strings.Contains(got, "Mon–Fri 10:00–18:00") {
			t.Errorf("%s: the hours read %q", c.lang, got)
		}
	}
}
