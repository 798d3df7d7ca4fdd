package admin_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserShipAnOrderInTwoParcels is a support agent's morning on a
// phone: sign in, open the order from the menu, ship one shirt of two,
// then everything left, and see the order go from partly shipped to
// shipped.
func TestBrowserShipAnOrderInTwoParcels(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shop.SeedOrder()
	agent := shop.AddStaff(store.RoleSupport)
	shirts := "#" + store.FulfilQtyField(o.Lines[0].ID)
	tea := "#" + store.FulfilQtyField(o.Lines[1].ID)

	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login"),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, agent.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`.admin-menu-toggle`),
		chromedp.Click(`.admin-menu-toggle`), // a phone's menu is folded
		chromedp.WaitVisible(`.admin-nav a[href="/admin/orders"]`),
		chromedp.Click(`.admin-nav a[href="/admin/orders"]`),
		chromedp.WaitVisible(`.admin-order-table a[href="/admin/orders/`+itoa(o.ID)+`"]`),
		chromedp.Click(`.admin-order-table a[href="/admin/orders/`+itoa(o.ID)+`"]`),
		chromedp.WaitVisible(shirts),
		chromedp.SetValue(shirts, "1"),
		chromedp.SetValue(tea, "0"),
		chromedp.SendKeys(`#carrier`, "DHL"),
		chromedp.SendKeys(`#tracking_number`, "JD0001"),
	)
	if err == nil {
		err = webtest.Submit(ctx, `form.fulfil-form button.button-primary`, `[data-fulfillment="partial"]`)
	}
	if err != nil {
		t.Fatalf("ship the first parcel: %v", err)
	}
	left, err := chromedp.Run(ctx, chromedp.Value(shirts))
	if err != nil || left != "1" {
		t.Errorf("shirts left to ship = %q (%v)", left, err)
	}
	err = webtest.Submit(ctx, `form.fulfil-form button[name=all]`, `[data-fulfillment="fulfilled"]`)
	if err != nil {
		t.Fatalf("ship the rest: %v", err)
	}
	got, _ := shop.Store.OrderByID(context.Background(), o.ID)
	if got.FulfillmentStatus != store.FulfillmentDone || len(got.Fulfillments) != 2 || got.Fulfillments[0].TrackingNumber != "JD0001" {
		t.Errorf("stored order = %s with parcels %+v", got.FulfillmentStatus, got.Fulfillments)
	}
}
