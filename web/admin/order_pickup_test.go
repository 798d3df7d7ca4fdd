package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminPickupReadyThenCollected: for an order collected from the
// shop, the fulfil form marks it ready for collection (no carrier, no
// tracking number), which emails the shopper, and the delivered button
// marks it collected.
func TestAdminPickupReadyThenCollected(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	path := "/admin/orders/" + itoa(o.ID)

	page := shop.Get(path)
	if got, want := page.Doc(t).Find("form.fulfil-form .muted").First().Text(), i18n.TL("en", "admin.order.left_to_ship_pickup", "LS-L", 2); got != want {
		t.Errorf("the line reads %q, want %q", got, want)
	}
	form := page.Doc(t).Find("form.fulfil-form")
	if n := form.Find("[name=carrier], [name=tracking_number]").Length(); n != 0 {
		t.Errorf("the pickup's fulfil form asks for a carrier or tracking number (%d fields)", n)
	}
	if got, want := page.Doc(t).Find("#order-fulfil").Text(), i18n.TL("en", "admin.order.fulfil_pickup"); got != want {
		t.Errorf("fulfil form heading %q, want %q", got, want)
	}
	if got, want := form.Find("button[name=all]").Text(), i18n.TL("en", "admin.order.fulfil_all_pickup"); got != want {
		t.Errorf("the button says %q, want %q", got, want)
	}

	res := shop.Post(path+"/fulfil", fulfilForm(t, page, map[string]string{"all": "1"}))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("ready for collection = %d\n%s", res.Status, res.Body)
	}
	if e := shop.OrderEmail(o, store.EmailShipped); e.To != o.Email {
		t.Errorf("the ready email goes to %q, want %q", e.To, o.Email)
	}
	doc := shop.Get(path).Doc(t)
	if got, want := doc.Find("[role=status]").Text(), i18n.TL("en", "admin.order.notice.fulfilled_pickup"); got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	collect := doc.Find(`button[data-action="delivered"]`)
	if got, want := collect.Text(), i18n.TL("en", "admin.order.mark_delivered_pickup"); got != want {
		t.Fatalf("the handover button says %q, want %q", got, want)
	}

	if res := shop.Post(path+"/delivered", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("mark collected = %d\n%s", res.Status, res.Body)
	}
	doc = shop.Get(path).Doc(t)
	if got, want := doc.Find("[role=status]").Text(), i18n.TL("en", "admin.order.notice.delivered_pickup"); got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	if got, want := doc.Find("#admin-order-parcels").Text(), i18n.TL("en", "admin.order.parcels_pickup"); got != want {
		t.Errorf("what was set aside is headed %q, want %q", got, want)
	}
	// The history says what happened to a pickup, not that it shipped.
	for kind, key := range map[string]string{"fulfilled": "admin.orders.event.fulfilled_pickup", "delivered": "admin.orders.event.delivered_pickup"} {
		if got, want := doc.Find(`[data-event="`+kind+`"] strong`).Text(), i18n.TL("en", key); got != want {
			t.Errorf("the history's %s event reads %q, want %q", kind, got, want)
		}
	}
}

// TestAdminEmailLogNamesReadyEmail: the outbox names a pickup's "shipped"
// email for what it told the shopper, that the order is ready to collect.
func TestAdminEmailLogNamesReadyEmail(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	parcel := shop.PlaceOrder("en", store.PayCOD, flat)
	for _, id := range []int64{o.ID, parcel.ID} {
		if _, err := shop.Store.FulfillOrder(context.Background(), store.Actor{}, id, nil, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		o   *store.Order
		key string
	}{{o, "admin.emails.kind.shipped_pickup"}, {parcel, "admin.emails.kind.shipped"}} {
		e := shop.OrderEmail(c.o, store.EmailShipped)
		list := shop.Get("/admin/emails").Doc(t)
		if got, want := list.Find(`tr[data-email-id="`+itoa(e.ID)+`"] .col-key`).Text(), i18n.TL("en", c.key); got != want {
			t.Errorf("%s: the log lists its email as %q, want %q", c.o.Number, got, want)
		}
		if got, want := shop.Get("/admin/emails/"+itoa(e.ID)).Doc(t).Find("h1").Text(), i18n.TL("en", c.key)+" · "+c.o.Number; got != want {
			t.Errorf("%s: the email's page is headed %q, want %q", c.o.Number, got, want)
		}
	}
}

// TestAdminDashboardCountsPickupsToSetAside: pickups that can be handed
// over are counted, and listed, as orders to set aside for collection,
// not as orders to ship; an unpaid bank transfer waits for its payment.
func TestAdminDashboardCountsPickupsToSetAside(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	parcel := shop.PlaceOrder("en", store.PayCOD, flat)
	counter := shop.PlaceOrder("en", store.PayCOD, pickup)
	shop.PlaceOrder("en", store.PayBankTransfer, pickup)
	home := shop.Get("/admin").Doc(t)
	if got := home.Find("[data-orders-to-ship]").Text(); got != "1" {
		t.Errorf("to ship = %q, want 1", got)
	}
	if got := home.Find("[data-orders-to-set-aside]").Text(); got != "1" {
		t.Errorf("to set aside = %q, want 1", got)
	}
	for link, want := range map[string]string{"to_ship": parcel.Number, "to_set_aside": counter.Number} {
		a := home.Find(`a[href="/admin/orders?fulfillment=` + link + `"]`)
		if got := listedOrders(t, shop.Get(a.AttrOr("href", ""))); len(got) != 1 || got[0] != want {
			t.Errorf("%s lists %v, want %s", link, got, want)
		}
	}
	if got, want := home.Find(`a[href="/admin/orders?fulfillment=to_set_aside"]`).Text(), i18n.TL("en", "admin.orders.home.to_set_aside"); got != want {
		t.Errorf("the tile reads %q, want %q", got, want)
	}
}

// TestAdminCancelUncollectedPickup: a pickup set aside that nobody came
// for is cancelled from its page, with the ticked box: the form says
// what was set aside goes back, the shopper is emailed, and nothing is
// owed of an order to be paid at the counter. Once collected, the page
// offers no cancel.
func TestAdminCancelUncollectedPickup(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	path := "/admin/orders/" + itoa(o.ID)
	for _, lang := range []string{"en", "zh"} {
		page := shop.Get(path, "Accept-Language", lang)
		if got, want := page.Doc(t).Find("[data-cancel-not-collected]").Text(), i18n.TL(lang, "admin.order.cancel_hint_not_collected"); got != want {
			t.Errorf("%s: the cancel form's hint reads %q, want %q", lang, got, want)
		}
	}
	form := cancelForm(t, shop.Get(path), o.ID)
	form.Del("confirm")
	if res := shop.Post(path+"/cancel", form); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("cancel without the ticked box = %d, want 422", res.Status)
	}
	if res := shop.Post(path+"/cancel", cancelForm(t, shop.Get(path), o.ID)); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel the no-show = %d\n%s", res.Status, res.Body)
	}
	if got := shop.Order(o.Number); !got.Cancelled() {
		t.Fatalf("the no-show is %s, want cancelled", got.Status)
	}
	if e := shop.OrderEmail(o, store.EmailCancelled); e.To != o.Email {
		t.Errorf("the cancellation email goes to %q, want %q", e.To, o.Email)
	}
	if page := shop.Get(path); strings.Contains(page.Body, i18n.TL("en", "admin.order.notice.cancelled_refund")) {
		t.Error("an order to be paid at the counter is said to owe a refund")
	}

	collected := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, collected.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.MarkDelivered(ctx, store.Actor{}, collected.ID); err != nil {
		t.Fatal(err)
	}
	if n := shop.Get("/admin/orders/" + itoa(collected.ID)).Doc(t).Find(`form[action$="/cancel"]`).Length(); n != 0 {
		t.Error("a collected pickup offers to be cancelled")
	}
}

// TestSettingsPickupHoursInBothLanguages: the owner writes the opening
// hours for collection beside the shop's address, in English and
// Chinese; the form shows them back, and the shopper reads their own.
func TestSettingsPickupHoursInBothLanguages(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	saveSettings(t, shop, "/admin/settings/profile", url.Values{
		"store_name": {"Tea House"}, "address": {"1 Tea Road\r\nShanghai"},
		"pickup_hours": {"Mon–Fri 10:00–18:00\r\nSat 10:00–14:00"}, "pickup_hours_zh": {" 周一至周五 10:00–18:00 "},
	})
	st, err := shop.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, zh := st.In("en").PickupHours, st.In("zh").PickupHours; got != "Mon–Fri 10:00–18:00\nSat 10:00–14:00" || zh != "周一至周五 10:00–18:00" {
		t.Errorf("saved hours %q / %q", got, zh)
	}
	doc := shop.Get("/admin/settings").Doc(t)
	if got := doc.Find(`#profile textarea[name=pickup_hours_zh]`).Text(); got != "周一至周五 10:00–18:00" {
		t.Errorf("the Chinese hours field = %q", got)
	}
	if got := doc.Find(`#profile textarea[name=pickup_hours]`).Text(); !strings.HasPrefix(got, "Mon–Fri") {
		t.Errorf("the hours field = %q", got)
	}
}
