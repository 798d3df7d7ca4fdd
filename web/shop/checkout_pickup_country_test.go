package shop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// deliveryShop has the tea in its cart and deliveryMethods.
func deliveryShop(t *testing.T) (shop *webtest.Shop, standard, asia, pickup int64) {
	t.Helper()
	shop = teaInCart(t)
	standard, asia, pickup = deliveryMethods(t, shop)
	return shop, standard, asia, pickup
}

// deliveryMethods turns AddShipping's methods into three ways to get an
// order: standard shipping to the United States and Canada, another
// method to China and Hong Kong, and local pickup.
func deliveryMethods(t *testing.T, shop *webtest.Shop) (standard, asia, pickup int64) {
	t.Helper()
	ctx := context.Background()
	methods, err := shop.Store.ShippingMethods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range methods {
		if m.Kind == store.ShippingPickup {
			pickup = m.ID
			continue
		}
		standard = m.ID
		if _, err := shop.Store.UpdateShippingMethod(ctx, store.Actor{}, m.ID, m.Version, store.ShippingMethodInput{
			Name: m.Name, Kind: m.Kind, Price: m.Price, Active: true, Countries: []string{"US", "CA"}}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Asia"), Kind: store.ShippingFlat, Price: 1500, Active: true, Countries: []string{"CN", "HK"}})
	if err != nil {
		t.Fatal(err)
	}
	return standard, a.ID, pickup
}

// TestCheckoutToANowhereCountryKeepsDelivery: with JavaScript off, a
// Berlin address sent with standard shipping comes back with the message
// and the address, and pickup not chosen for the shopper (which would
// hide the address, country and all). They change the country to Canada:
// the page offers standard shipping for it, by which the order ships.
func TestCheckoutToANowhereCountryKeepsDelivery(t *testing.T) {
	shop, standard, _, pickup := deliveryShop(t)
	page := shop.Get("/checkout")
	berlin := map[string]string{"address_line1": "Unter den Linden 1", "city": "Berlin", "postal_code": "10117",
		"country": "DE", "shipping_method": itoa(standard)}
	res := shop.Post("/checkout", checkoutForm(t, page, berlin))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("standard shipping to Berlin = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find("#checkout-shipping_method-error").Text(); msg != "Sorry, we do not deliver to Germany. Please choose another country." {
		t.Errorf("message = %q", msg)
	}
	if doc.Find(`input[name=shipping_method][value="`+itoa(pickup)+`"][checked]`).Length() != 0 {
		t.Error("pickup was chosen for the shopper")
	}
	if got := doc.Find(`select[name=country] option[selected]`).AttrOr("value", ""); got != "DE" || doc.Find(`.checkout-address select[name=country]`).Length() != 1 {
		t.Errorf("the address's country = %q, want DE, still in the address", got)
	}
	if got := doc.Find(`input[name=city]`).AttrOr("value", ""); got != "Berlin" {
		t.Errorf("city kept as %q", got)
	}

	canada := map[string]string{"address_line1": "1 Yonge St", "city": "Toronto", "postal_code": "M5E 1W7", "country": "CA"}
	toronto := shop.Post("/checkout", checkoutForm(t, res, canada))
	if toronto.Status != http.StatusUnprocessableEntity || toronto.Doc(t).Find(`input[name=shipping_method][value="`+itoa(standard)+`"][checked]:not([disabled])`).Length() != 1 {
		t.Fatalf("to Toronto with no method chosen = %d, want 422 offering standard shipping", toronto.Status)
	}
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, toronto, canada)))
	if o.Country != "CA" || o.ShippingKind != store.ShippingFlat || o.Shipping != 1000 {
		t.Errorf("order ships to %q by %s for %d, want CA by flat for 1000", o.Country, o.ShippingKind, o.Shipping)
	}
}

// TestCheckoutNowhereMessageBesidePickup: a member whose saved address
// is in Berlin opens the checkout. Pickup, which takes an order from
// anywhere, is on offer but not chosen for them, and the page says
// nothing delivers to Germany, the address kept to change.
func TestCheckoutNowhereMessageBesidePickup(t *testing.T) {
	shop, _, _, pickup := deliveryShop(t)
	ana := newCustomer(t, shop, "ana@example.com")
	if _, err := shop.Store.SaveCustomerAddress(context.Background(), ana.ID, store.CustomerAddress{Name: "Ana Lima",
		AddressLine1: "Unter den Linden 1", City: "Berlin", PostalCode: "10117", Country: "DE"}); err != nil {
		t.Fatal(err)
	}
	signIn(t, shop, "ana@example.com")
	doc := shop.Get("/checkout").Doc(t)
	if nowhere := doc.Find("[data-no-ship-country]"); nowhere.AttrOr("hidden", "-") != "-" ||
		nowhere.Text() != "Sorry, we do not deliver to Germany. Please choose another country." {
		t.Errorf("the message is %q, hidden %v", nowhere.Text(), nowhere.AttrOr("hidden", "-") != "-")
	}
	if doc.Find(`input[name=shipping_method][value="`+itoa(pickup)+`"][checked]`).Length() != 0 {
		t.Error("pickup was chosen for the shopper")
	}
	if got := doc.Find(`.checkout-address select[name=country] option[selected]`).AttrOr("value", ""); got != "DE" {
		t.Errorf("the address's country = %q, want DE", got)
	}
}

// TestPickupOrderExportsNoAddress: a tampered form posts pickup with an
// address. The order is placed with the shopper's contact and no shipping
// address, and the export shows none.
func TestPickupOrderExportsNoAddress(t *testing.T) {
	shop, _, _, pickup := deliveryShop(t)
	page := shop.Get("/checkout")
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, page, map[string]string{
		"shipping_method": itoa(pickup), "address_line2": "2º Esq", "region": "Lisboa"})))
	want := store.Address{Email: "ana@example.com", Name: "Ana Lima", Phone: "+351 912 345 678"}
	if o.Address != want {
		t.Errorf("pickup order keeps %+v, want %+v", o.Address, want)
	}
	shop.LoginAs(store.RoleOwner)
	csv := shop.Get("/admin/orders.csv")
	if csv.Status != http.StatusOK || !strings.Contains(csv.Body, o.Number) {
		t.Fatalf("export = %d\n%s", csv.Status, csv.Body)
	}
	for _, typed := range []string{"Rua Augusta", "2º Esq", "1100-048", "Lisboa"} {
		if strings.Contains(csv.Body, typed) {
			t.Errorf("the export holds %q:\n%s", typed, csv.Body)
		}
	}
}

// TestPickupChosenOffersEveryMethod: with JavaScript off, a page shown
// again (here for a missing email) with pickup chosen and Berlin as the
// hidden address offers every method, so that the shopper can go back to
// a delivery and, refused for Germany, change the country.
func TestPickupChosenOffersEveryMethod(t *testing.T) {
	shop, standard, asia, pickup := deliveryShop(t)
	form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"country": "DE", "city": "Berlin", "shipping_method": itoa(pickup)})
	form.Del("email")
	res := shop.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("no email = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	for _, id := range []int64{standard, asia, pickup} {
		if doc.Find(`label:not([hidden]) input[name=shipping_method][value="`+itoa(id)+`"]:not([disabled])`).Length() != 1 {
			t.Errorf("method %d is not offered beside pickup", id)
		}
	}
}
