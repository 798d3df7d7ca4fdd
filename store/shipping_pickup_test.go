package store

import (
	"context"
	"testing"
)

// pickupShop is a shop whose standard shipping goes to the United States
// and Canada, another method to China and Hong Kong, beside local pickup.
func pickupShop(t *testing.T) (f *cartFixture, standard, asia, pickup *ShippingMethod) {
	t.Helper()
	f = newCartFixture(t)
	ctx := context.Background()
	if err := f.s.SetSetting(ctx, SettingAddress, "1 Main Street, Springfield"); err != nil {
		t.Fatal(err)
	}
	standard = shipTo(t, f.s, "Standard", 1000, "US", "CA")
	asia = shipTo(t, f.s, "Asia", 1500, "CN", "HK")
	pickup, err := f.s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{Name: Plain("Pickup"), Kind: ShippingPickup, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return f, standard, asia, pickup
}

// TestCheckoutNeverChoosesPickupForTheShopper: pickup takes an order from
// anywhere, yet it is no delivery. A shopper whose country nothing
// delivers to is priced with no method, not sent to collect the order;
// one who chose pickup keeps it.
func TestCheckoutNeverChoosesPickupForTheShopper(t *testing.T) {
	f, standard, asia, pickup := pickupShop(t)
	ctx := context.Background()
	v := f.view(t, f.add(t, "", f.big, 1).Token)
	for _, c := range []struct {
		country string
		method  int64
		want    *ShippingMethod
	}{
		{"DE", standard.ID, nil},
		{"DE", 0, nil},
		{"DE", pickup.ID, pickup},
		{"CN", standard.ID, asia},
		{"CA", 0, standard},
	} {
		v.ShipTo = c.country
		chosen, options, err := f.s.PriceCheckout(ctx, v, c.method)
		if err != nil || len(options) != 3 {
			t.Fatalf("%s by %d: %d options, %v", c.country, c.method, len(options), err)
		}
		if got, want := methodName(chosen.Method), methodName(c.want); got != want {
			t.Errorf("%s by %d: chosen %q, want %q", c.country, c.method, got, want)
		}
	}
}

func methodName(m *ShippingMethod) string {
	if m == nil {
		return ""
	}
	return m.Name.Default
}

// TestPickupOrderKeepsNoAddress: a pickup order posted with an address
// (a tampered form: the page hides the address for pickup) keeps the
// shopper's contact and no shipping address, as nothing is shipped.
func TestPickupOrderKeepsNoAddress(t *testing.T) {
	f, _, _, pickup := pickupShop(t)
	in := checkoutFor(f.add(t, "", f.big, 1).Token, pickup.ID)
	in.Phone = "+351 912 345 678"
	in.AddressLine2, in.Region = "2º Esq", "Lisboa"
	o, _, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := Address{Email: "ana@example.com", Name: "Ana Lima", Phone: "+351 912 345 678"}
	if o.Address != want || o.ShippingKind != ShippingPickup {
		t.Errorf("pickup order keeps %+v (%s), want %+v", o.Address, o.ShippingKind, want)
	}
}
