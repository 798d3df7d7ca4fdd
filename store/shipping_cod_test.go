package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// codRefusal is the message and the method named when an order was
// refused on its payment method, "" when it was not.
func codRefusal(err error) (msg, method string) {
	var v *ValidationError
	if !errors.As(err, &v) {
		return "", ""
	}
	if args := v.Args["payment_method"]; len(args) == 1 {
		method, _ = args[0].(string)
	}
	return v.Fields["payment_method"], method
}

// TestCashOnDeliveryFollowsTheMethod: a shop's own courier collects cash
// on delivery, the national post does not. An order by post paid on
// delivery is refused with the post named; by courier, or by post paid
// another way, it goes through. A method saved without saying keeps cash
// on delivery, as every method did before there was a choice.
func TestCashOnDeliveryFollowsTheMethod(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	courier := shipTo(t, f.s, "Courier", 900)
	post, err := f.s.CreateShippingMethod(ctx, Actor{Email: "owner@example.com"}, ShippingMethodInput{
		Name: Text{Default: "Post", Tr: map[string]string{"zh": "邮政"}}, Kind: ShippingFlat, Price: 595, Active: true, NoCOD: true})
	if err != nil {
		t.Fatal(err)
	}
	if !courier.COD || post.COD || !courier.Takes(PayCOD) || post.Takes(PayCOD) || !post.Takes(PayBankTransfer) {
		t.Fatalf("courier takes cash %v, post %v", courier.COD, post.COD)
	}

	in := checkoutFor(f.add(t, "", f.mug, 1).Token, post.ID)
	in.PaymentMethod, in.Locale = PayCOD, "zh"
	_, err = f.s.Checkout(ctx, in)
	if msg, method := codRefusal(err); msg != "checkout.error.cod_method" || method != "邮政" {
		t.Fatalf("cash on delivery by post = %v (%q, %q)", err, msg, method)
	}
	// A form with another problem hears of this one too, in one round.
	in.Email = "not an email"
	if _, err = f.s.Checkout(ctx, in); err == nil {
		t.Fatal("a bad email was taken")
	}
	if msg, _ := codRefusal(err); msg != "checkout.error.cod_method" {
		t.Errorf("with a bad email too = %v", err)
	}
	in.Email = "ana@example.com"
	in.ShippingMethodID = courier.ID
	if o, _, err := f.s.PlaceOrder(ctx, in); err != nil || o.PaymentMethod != PayCOD || o.Shipping != 900 {
		t.Fatalf("cash on delivery by courier = %+v, %v", o, err)
	}
	in = checkoutFor(f.add(t, "", f.mug, 1).Token, post.ID)
	if _, _, err := f.s.PlaceOrder(ctx, in); err != nil {
		t.Fatalf("bank transfer by post = %v", err)
	}

	// The owner lets the post take cash after all: kept, and audited.
	edit := ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFlat, Price: 595, Active: true}
	if post, err = f.s.UpdateShippingMethod(ctx, Actor{}, post.ID, post.Version, edit); err != nil || !post.COD {
		t.Fatalf("post with cash on delivery = %+v, %v", post, err)
	}
	page, err := f.s.AuditLog(ctx, AuditFilter{Entity: EntityShippingMethod, EntityID: strconv.FormatInt(post.ID, 10)})
	if err != nil || page.Total != 2 {
		t.Fatalf("audit = %+v, %v", page, err)
	}
	if r := page.Records[0]; !strings.Contains(r.BeforeJSON, `"cod":false`) || !strings.Contains(r.AfterJSON, `"cod":true`) {
		t.Errorf("audited %s → %s", r.BeforeJSON, r.AfterJSON)
	}
}

// TestCashOnDeliveryRefusedOnceTheMethodStops: the owner unticks cash on
// delivery while a shopper's checkout page still offers it; the order,
// checked in its own transaction, is refused.
func TestCashOnDeliveryRefusedOnceTheMethodStops(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	m := shipTo(t, f.s, "Post", 595)
	if _, err := f.s.ActiveShippingMethods(ctx); err != nil { // kept by the page
		t.Fatal(err)
	}
	in := checkoutFor(f.add(t, "", f.mug, 1).Token, m.ID)
	in.PaymentMethod = PayCOD
	edit := ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFlat, Price: 595, Active: true, NoCOD: true}
	if _, err := f.s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, edit); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.PlaceOrder(ctx, in); err == nil {
		t.Fatal("an order paid on delivery was placed by a method no longer taking cash")
	} else if msg, method := codRefusal(err); msg != "checkout.error.cod_method" || method != "Post" {
		t.Errorf("refused with %q %q: %v", msg, method, err)
	}
}

// TestPaymentsForTheMethods: checkout offers cash on delivery while one of
// its methods takes it, and leaves a cart with nothing to ship alone.
func TestPaymentsForTheMethods(t *testing.T) {
	on := []string{PayStripe, PayBankTransfer, PayCOD}
	post, courier := ShippingMethod{ID: 1}, ShippingMethod{ID: 2, COD: true}
	for _, tc := range []struct {
		name    string
		methods []ShippingMethod
		want    []string
	}{
		{"one takes cash", []ShippingMethod{post, courier}, on},
		{"none takes cash", []ShippingMethod{post}, []string{PayStripe, PayBankTransfer}},
		{"nothing to ship", nil, on},
	} {
		if got := PaymentsFor(on, tc.methods); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if len(on) != 3 {
		t.Errorf("PaymentsFor changed its argument: %v", on)
	}
}
