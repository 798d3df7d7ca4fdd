package webtest

import (
	"net/url"
	"strconv"
	"testing"
)

// AddToCart submits the product page's add-to-cart form the way a browser
// without JavaScript does: the variant picked (the page opened at
// ?variant=, as the option picker's form leads to), the quantity typed.
func (s *Shop) AddToCart(product string, variantID int64, qty string) Response {
	s.T.Helper()
	id := strconv.FormatInt(variantID, 10)
	doc := s.Get("/products/" + product + "?variant=" + id).Doc(s.T)
	form := doc.Find("form.add-to-cart")
	if form.Find(`input[type=hidden][name=variant_id][value="`+id+`"]`).Length() != 1 || form.Find("input[name=quantity]").Length() != 1 {
		s.T.Fatalf("the add-to-cart form of %s does not post variant %d with a quantity", product, variantID)
	}
	return s.Post(form.AttrOr("action", ""), url.Values{"variant_id": {id}, "quantity": {qty}})
}

// CartTotal is the cart page's data-cart-total, or -1 without one.
func (r Response) CartTotal(t testing.TB) int64 {
	t.Helper()
	raw, ok := r.Doc(t).Find("[data-cart-total]").Attr("data-cart-total")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		t.Fatalf("data-cart-total %q is not a whole number", raw)
	}
	return n
}
