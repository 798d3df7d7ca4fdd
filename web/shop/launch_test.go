package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestNothingToShipCheckout: a cart of digital items checks out with an
// email and a name only, though the shop has no shipping method at all;
// the confirmation does not claim an email went out without a mail server.
func TestNothingToShipCheckout(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "tea-course", Title: "Online Tea Course",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "COURSE", Price: 5000, Stock: 50, NoShipping: true}}}); err != nil {
		t.Fatal(err)
	}
	course, _ := shop.Store.ProductByHandle(ctx, "tea-course", false)
	shop.AddToCart("tea-course", course.Variants[0].ID, "1")
	page := shop.Get("/checkout")
	doc := page.Doc(t)
	if page.Status != http.StatusOK || doc.Find("[data-nothing-to-ship]").Length() != 1 ||
		doc.Find(`input[name=address_line1], input[name=shipping_method]`).Length() != 0 ||
		doc.Find(`button.checkout-submit[disabled]`).Length() != 0 {
		t.Fatalf("digital checkout = %d\n%s", page.Status, page.Body)
	}
	if res := shop.Post("/checkout", url.Values{"checkout_token": {doc.Find(`input[name=checkout_token]`).AttrOr("value", "")},
		"email": {"ana@example.com"}, "payment_method": {"cod"}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, `id="checkout-name-error"`) {
		t.Errorf("no name = %d", res.Status)
	}
	form := url.Values{"checkout_token": {doc.Find(`input[name=checkout_token]`).AttrOr("value", "")},
		"email": {"ana@example.com"}, "name": {"Ana Lima"}, "payment_method": {"cod"}}
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("digital order = %d\n%s", res.Status, res.Body)
	}
	order := shop.Get(res.Header.Get("Location"))
	if strings.Contains(order.Body, "We have sent") || order.Doc(t).Find("[data-no-email]").Length() != 1 {
		t.Errorf("confirmation without a mail server claims an email was sent:\n%s", order.Body)
	}
	if !strings.Contains(order.Body, "Nothing to ship.") {
		t.Errorf("order page does not say there is nothing to ship")
	}
	placed := shop.Order(strings.TrimPrefix(strings.Split(res.Header.Get("Location"), "?")[0], "/orders/"))
	msg, err := shop.Emails.Render(ctx, shop.OrderEmail(placed, store.EmailOrderConfirmation))
	if err != nil {
		t.Fatal(err)
	}
	if shipTo := i18n.TL("en", "email.ship_to"); strings.Contains(msg.Text, shipTo) || strings.Contains(msg.HTML, shipTo) {
		t.Errorf("the confirmation of an order with nothing to ship has a %q block:\n%s", shipTo, msg.Text)
	}

	// Staff read the same on the order and its packing slip, not an empty
	// address.
	shop.LoginAs(store.RoleOwner)
	for _, path := range []string{"/admin/orders/" + strconv.FormatInt(placed.ID, 10), "/admin/orders/" + strconv.FormatInt(placed.ID, 10) + "/packing-slip"} {
		doc := shop.Get(path).Doc(t)
		if got := doc.Find(`[data-ship-to]`); got.AttrOr("data-ship-to", "") != "none" || got.Text() != i18n.TL("en", "admin.order.nothing_to_ship") {
			t.Errorf("%s ships to %q: %q", path, got.AttrOr("data-ship-to", ""), got.Text())
		}
	}
}

// TestConfirmationSaysSentWithAMailServer: with a mail server the page
// says the confirmation was sent, as before.
func TestConfirmationSaysSentWithAMailServer(t *testing.T) {
	ms := webtest.NewMailServer(t)
	shop := webtest.New(t, webtest.WithSMTP(mail.SMTP{Addr: ms.Addr, From: "shop@example.com"}))
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	res := shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": "cod"}))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("checkout = %d", res.Status)
	}
	if order := shop.Get(res.Header.Get("Location")); !strings.Contains(order.Body, "We have sent a confirmation to ana@example.com") {
		t.Errorf("confirmation with a mail server:\n%s", order.Body)
	}
}
