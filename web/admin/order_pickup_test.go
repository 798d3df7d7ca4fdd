package admin_test

import (
	"net/http"
	"net/url"
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
	if got, want := page.Doc(t).Find("form.fulfil-form .muted").First().Text(), i18n.TL("en", "admin.order.left_to_collect", "LS-L", 2); got != want {
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
	if got, want := doc.Find("[role=status]").Text(), i18n.TL("en", "admin.order.notice.ready"); got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	collect := doc.Find(`button[data-action="delivered"]`)
	if got, want := collect.Text(), i18n.TL("en", "admin.order.mark_collected"); got != want {
		t.Fatalf("the handover button says %q, want %q", got, want)
	}

	if res := shop.Post(path+"/delivered", url.Values{}); res.Status != http.StatusSeeOther {
		t.Fatalf("mark collected = %d\n%s", res.Status, res.Body)
	}
	doc = shop.Get(path).Doc(t)
	if got, want := doc.Find("[role=status]").Text(), i18n.TL("en", "admin.order.notice.collected"); got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	if got, want := doc.Find("#admin-order-parcels").Text(), i18n.TL("en", "admin.order.parcels_pickup"); got != want {
		t.Errorf("what was set aside is headed %q, want %q", got, want)
	}
	// The history says what happened to a pickup, not that it shipped.
	for kind, key := range map[string]string{"fulfilled": "admin.orders.event.ready", "delivered": "admin.orders.event.collected"} {
		if got, want := doc.Find(`[data-event="`+kind+`"] strong`).Text(), i18n.TL("en", key); got != want {
			t.Errorf("the history's %s event reads %q, want %q", kind, got, want)
		}
	}
}
