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
		if got, want := doc.Find(".order-facts .order-status").Text(), i18n.TL(c.lang, "order.status.ready"); got != want {
			t.Errorf("%s: status %q, want %q", c.lang, got, want)
		}
		text := doc.Find(".order-page").Text()
		for _, key := range []string{"order.status.shipped", "order.parcels", "order.parcel_sent", "order.event.fulfilled"} {
			if word := i18n.TL(c.lang, key); strings.Contains(text, word) {
				t.Errorf("%s: the pickup's page says %q", c.lang, word)
			}
		}
		for _, key := range []string{"order.parcels_pickup", "order.event.ready"} {
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
		if text, want := doc.Find(".order-page").Text(), i18n.TL(c.lang, "order.event.collected"); !strings.Contains(text, want) {
			t.Errorf("%s: the history lacks %q", c.lang, want)
		}
	}
}
