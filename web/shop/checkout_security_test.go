package shop_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCheckoutReplayFromAnotherSession: the checkout_token of a placed
// order, posted from another browser, must not lead to that order's page
// (whose URL carries the order's secret key). A browser with a cart of its
// own is shown its checkout again as after an expired form; one without is
// sent to its empty cart.
func TestCheckoutReplayFromAnotherSession(t *testing.T) {
	shop := teaInCart(t)
	form := checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": "cod"})
	first := shop.Post("/checkout", form)
	o := placedOrder(t, shop, first)

	thief := shop.OtherBrowser()
	res := thief.Post("/checkout", form)
	if loc := res.Header.Get("Location"); res.Status != http.StatusSeeOther || loc != "/cart" {
		t.Errorf("replay from a browser without a cart = %d to %q, want 303 to /cart", res.Status, loc)
	}
	thief.AddToCart("linen-shirt", shop.Variants().ShirtL, "1")
	res = thief.Post("/checkout", form)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "expired") {
		t.Errorf("replay from a browser with a cart = %d, want 422 with the expired-form message", res.Status)
	}
	if strings.Contains(res.Body, o.Number) || strings.Contains(res.Header.Get("Location"), o.Number) {
		t.Error("the replay shows the other shopper's order")
	}
	if got := res.Doc(t).Find(`input[name=checkout_token]`).AttrOr("value", ""); got == "" || got == form.Get("checkout_token") {
		t.Errorf("the refused token is not replaced by a fresh one: %q", got)
	}
	// The shopper who placed it still lands on their order.
	if again := shop.Post("/checkout", form); again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("second submit by the shopper went to %q, want %q", again.Header.Get("Location"), first.Header.Get("Location"))
	}
	if n := orderCount(t, shop.Store); n != 1 {
		t.Errorf("orders = %d, want 1", n)
	}
}

// TestCheckoutReadsOnlyText: a checkout with bytes that are not UTF-8 is
// refused with 422 and places nothing; a name of nothing but invisible or
// direction characters is no name; invisible edges and a direction
// override are not kept in the order (its pages, emails and CSV).
func TestCheckoutReadsOnlyText(t *testing.T) {
	shop := teaInCart(t)
	page := shop.Get("/checkout")
	for field, value := range map[string]string{"name": "Ana \xffLima", "address_line1": "Rua \xc3", "note": "ok\x00"} {
		res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{field: value, "payment_method": "cod"}))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Characters the shop cannot read") {
			t.Errorf("%s %q = %d, want 422 saying the text cannot be read", field, value, res.Status)
		}
	}
	for _, name := range []string{"\u200b\u200b", "\u202e\u202c", "\u3164", "\u2800 \u200f"} {
		res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"name": name, "payment_method": "cod"}))
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("name %+q = %d, want 422", name, res.Status)
			continue
		}
		if msg := res.Doc(t).Find("#checkout-name-error").Text(); !strings.Contains(msg, "Please fill this in") {
			t.Errorf("name %+q: message %q", name, msg)
		}
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Fatalf("refused checkouts placed %d orders", n)
	}
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, page, map[string]string{
		"name": "\u200b\u202eAna Lima\u200b", "city": "Lis\u202eboa", "payment_method": "cod"})))
	if o.Name != "Ana Lima" || o.City != "Lisboa" {
		t.Errorf("order keeps name %+q, city %+q", o.Name, o.City)
	}

	// A search is a form too.
	if res := shop.Get("/search?q=%FF"); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("search for invalid UTF-8 = %d, want 422", res.Status)
	}
}
