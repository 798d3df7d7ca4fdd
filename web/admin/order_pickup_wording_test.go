package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminPickupReadySentTwice: staff press "Ready" on one shirt of a
// pickup, then Back, and send the same form again. The 409 tells them
// that items were set aside meanwhile and to set aside only what is
// left, not that nothing shipped; in both languages.
func TestAdminPickupReadySentTwice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	path := "/admin/orders/" + itoa(o.ID)
	shirts, tea := store.FulfilQtyField(o.Lines[0].ID), store.FulfilQtyField(o.Lines[1].ID)
	form := fulfilForm(t, shop.Get(path), map[string]string{shirts: "1", tea: "0"})
	if res := shop.Post(path+"/fulfil", form); res.Status != http.StatusSeeOther {
		t.Fatalf("ready = %d\n%s", res.Status, res.Body)
	}
	for _, lang := range []string{"en", "zh"} {
		res := shop.Post(path+"/fulfil", form, "Accept-Language", lang)
		if res.Status != http.StatusConflict {
			t.Fatalf("%s: the form sent again = %d, want 409", lang, res.Status)
		}
		got := res.Doc(t).Find("[data-problem]").Text()
		if want := i18n.TL(lang, "admin.order.error.fulfil_since_pickup"); !strings.Contains(got, want) {
			t.Errorf("%s: the 409 says %q, want %q", lang, got, want)
		}
	}
}

// TestAdminEmailOfNoShowWillNotBeSent: the ready email of a pickup still
// waits (the mail server down) when staff cancel the pickup as a no-show.
// Its page says it will not be sent, as a cancelled order's confirmation
// does, rather than showing it as it would be sent now.
func TestAdminEmailOfNoShowWillNotBeSent(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	_, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayCOD, pickup)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.CancelOrderSeen(ctx, store.Actor{}, o.ID, store.PaymentPending); err != nil {
		t.Fatal(err)
	}
	page := shop.Get("/admin/emails/" + itoa(shop.OrderEmail(o, store.EmailShipped).ID))
	if !strings.Contains(page.Doc(t).Text(), i18n.TL("en", "admin.emails.stale")) {
		t.Errorf("the no-show's ready email is not said to go unsent:\n%s", page.Body)
	}
	if strings.Contains(page.Body, i18n.TL("en", "admin.emails.rendered_now")) {
		t.Error("the no-show's ready email is shown as it would be sent now")
	}
}

// TestSettingsPickupNotOfferedWithoutAddress: the owner clears the shop's
// address, which takes local pickup out of checkout. The shipping methods
// list then marks the pickup method as not offered, says why, and links
// to the address; the flat method is not marked, nor is pickup once the
// address is back; in both languages.
func TestSettingsPickupNotOfferedWithoutAddress(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, pickup := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	marked := func(lang string, id int64) bool {
		t.Helper()
		doc := shop.Get("/admin/settings", "Accept-Language", lang).Doc(t)
		row := doc.Find(`[data-shipping-method="` + itoa(id) + `"]`)
		warning := row.Find("[data-pickup-no-address]")
		if warning.Length() == 0 {
			return false
		}
		if !strings.Contains(warning.Text(), i18n.TL(lang, "admin.settings.shipping_pickup_no_address")) {
			t.Errorf("%s: the warning reads %q", lang, warning.Text())
		}
		href := warning.Find("a").AttrOr("href", "")
		if href == "" || doc.Find(href).Length() != 1 || doc.Find(href).AttrOr("name", "") != "address" {
			t.Errorf("%s: the warning links to %q, want the address field", lang, href)
		}
		return true
	}
	if err := shop.Store.SetSetting(ctx, store.SettingAddress, " \n "); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		if !marked(lang, pickup) {
			t.Errorf("%s: the pickup method is not marked as not offered while the shop has no address", lang)
		}
		if marked(lang, flat) {
			t.Errorf("%s: the flat method is marked as needing the address", lang)
		}
	}
	if err := shop.Store.SetSetting(ctx, store.SettingAddress, "1 Test Street\nTestville"); err != nil {
		t.Fatal(err)
	}
	if marked("en", pickup) {
		t.Error("the pickup method is marked as not offered though the shop has an address")
	}
}
