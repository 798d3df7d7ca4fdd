package shop_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
)

// offered are the shipping methods' ids the checkout page offers: the
// others are on it hidden and disabled, for the checkout script.
func offered(doc *goquery.Document) []string {
	return doc.Find(`input[name=shipping_method]:not([disabled])`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") })
}

// TestCheckoutShipsOnlyWhereTheMethodDelivers: a shop whose standard
// shipping is for the Netherlands and an international rate for Portugal.
// A Lisbon address with the domestic method is refused beside the method,
// the country named and the form kept, and offered what delivers there.
func TestCheckoutShipsOnlyWhereTheMethodDelivers(t *testing.T) {
	shop := teaInCart(t)
	ctx := context.Background()
	methods, err := shop.Store.ShippingMethods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	standard := methods[0]
	if _, err := shop.Store.UpdateShippingMethod(ctx, store.Actor{}, standard.ID, standard.Version, store.ShippingMethodInput{
		Name: standard.Name, Kind: standard.Kind, Price: standard.Price, Active: true, Countries: []string{"NL"}}); err != nil {
		t.Fatal(err)
	}
	abroad, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("International"), Kind: store.ShippingFlat, Price: 1900, Active: true, Countries: []string{"PT"}})
	if err != nil {
		t.Fatal(err)
	}
	domesticID, abroadID := strconv.FormatInt(standard.ID, 10), strconv.FormatInt(abroad.ID, 10)

	page := shop.Get("/checkout")
	if got := strings.Join(offered(page.Doc(t)), " "); !strings.Contains(got, domesticID) || !strings.Contains(got, abroadID) {
		t.Fatalf("before an address the checkout offers %q, want both methods", got)
	}
	res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"shipping_method": domesticID}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("domestic shipping to Lisbon = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find("#checkout-shipping_method-error").Text(); !strings.Contains(msg, "does not deliver to Portugal") {
		t.Errorf("shipping method message = %q", msg)
	}
	if got := doc.Find(`input[name=city]`).AttrOr("value", ""); got != "Lisboa" {
		t.Errorf("city kept as %q", got)
	}
	if got := strings.Join(offered(doc), " "); strings.Contains(got, domesticID) || !strings.Contains(got, abroadID) {
		t.Errorf("for Portugal the checkout offers %q, want International (%s) and not %s", got, abroadID, domesticID)
	}
	if orderCount(t, shop.Store) != 0 {
		t.Fatal("an order was placed by a method that does not deliver to the address")
	}

	berlin := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"country": "DE", "postal_code": "10117",
		"city": "Berlin", "shipping_method": abroadID}))
	if msg := berlin.Doc(t).Find("#checkout-shipping_method-error").Text(); berlin.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(msg, "we do not deliver to Germany") {
		t.Errorf("to Berlin = %d, %q", berlin.Status, msg)
	}

	// Again from the refused page, International picked: htmx redraws the
	// summary, and with it the total shown.
	summary := shop.Get("/checkout/summary?shipping_method=" + abroadID)
	shown := summary.Doc(t).Find(`input[name=shown_total]`).AttrOr("value", "")
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, map[string]string{"shipping_method": abroadID, "shown_total": shown})))
	if o.Shipping != 1900 || o.Country != "PT" {
		t.Errorf("order ships to %s for %d, want PT for 1900", o.Country, o.Shipping)
	}
}
