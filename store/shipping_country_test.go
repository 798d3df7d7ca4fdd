package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

// shipTo adds a flat method delivering to countries (none: everywhere).
func shipTo(t testing.TB, s *Store, name string, price int64, countries ...string) *ShippingMethod {
	t.Helper()
	m, err := s.CreateShippingMethod(context.Background(), Actor{}, ShippingMethodInput{
		Name: Plain(name), Kind: ShippingFlat, Price: price, Active: true, Countries: countries})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// countryRefusal is the message and the country an order was refused
// with on its shipping method, "" when it was not.
func countryRefusal(err error) (msg, country string) {
	var v *ValidationError
	if !errors.As(err, &v) {
		return "", ""
	}
	if args := v.Args["shipping_method"]; len(args) == 1 {
		country, _ = args[0].(string)
	}
	return v.Fields["shipping_method"], country
}

func TestShippingMethodCountriesAreKept(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	// Ticked in any order, one twice: kept once each, in the list's order.
	m := shipTo(t, s, "Benelux", 595, "BE", "NL", "BE")
	if got, _ := s.ShippingMethod(ctx, m.ID); !slices.Equal(got.Countries, []string{"NL", "BE"}) {
		t.Errorf("countries = %v, want [NL BE]", got.Countries)
	}
	if !m.Serves("NL") || m.Serves("DE") || !m.Serves("") {
		t.Errorf("NL %v, DE %v, none given %v", m.Serves("NL"), m.Serves("DE"), m.Serves(""))
	}
	in := ShippingMethodInput{Name: Plain("Benelux"), Kind: ShippingFlat, Price: 595, Active: true}
	m, err := s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, in)
	if err != nil || len(m.Countries) != 0 || !m.Serves("US") {
		t.Errorf("no country ticked = %v, %v; want every country", m, err)
	}
	in.Countries = []string{"NL", "XX"}
	var v *ValidationError
	if _, err := s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, in); !errors.As(err, &v) || v.Fields["countries"] == "" {
		t.Errorf("an unknown country = %v", err)
	}
	pickup := ShippingMethodInput{Name: Plain("Pickup"), Kind: ShippingPickup, Countries: []string{"NL"}}
	if err := pickup.Validate(); err != nil || pickup.Countries != nil {
		t.Errorf("pickup keeps %v, %v: it needs no country", pickup.Countries, err)
	}
}

// TestOrderShipsOnlyWhereItsMethodDelivers: a Dutch shop's domestic
// method beside an international one. The checkout chooses among what
// delivers to the address (pricing the others too, for the page to show
// when the shopper picks another country), and an order by a method that
// does not is refused with the country named.
func TestOrderShipsOnlyWhereItsMethodDelivers(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	domestic := shipTo(t, f.s, "Standard (NL)", 595, "NL")
	abroad := shipTo(t, f.s, "International", 1900, "PT", "US")

	in := checkoutFor(f.add(t, "", f.big, 1).Token, domestic.ID) // to Lisbon
	_, _, err := f.s.PlaceOrder(ctx, in)
	if msg, country := countryRefusal(err); msg != "checkout.error.shipping_country" || country != "PT" {
		t.Fatalf("the domestic method to Portugal = %v", err)
	}
	v := f.view(t, in.CartToken)
	v.ShipTo = "PT"
	chosen, options, err := f.s.PriceCheckout(ctx, v, domestic.ID)
	if err != nil || len(options) != 2 || chosen.Method.ID != abroad.ID || chosen.Pricing.Shipping != 1900 {
		t.Fatalf("checkout to Portugal = %+v, %d options, %v; want International chosen of both", chosen.Method, len(options), err)
	}
	v.ShipTo = "DE"
	if chosen, options, _ := f.s.PriceCheckout(ctx, v, abroad.ID); chosen.Method != nil || len(options) != 2 || chosen.Pricing.Shipping != 0 {
		t.Fatalf("checkout to Germany = %+v, %d options; want none chosen, both priced", chosen.Method, len(options))
	}
	v.ShipTo = ""
	if _, options, _ := f.s.PriceCheckout(ctx, v, 0); len(options) != 2 {
		t.Errorf("before an address: %d options, want both", len(options))
	}
	in.ShippingMethodID = abroad.ID
	if o, _, err := f.s.PlaceOrder(ctx, in); err != nil || o.Shipping != 1900 {
		t.Fatalf("International to Portugal = %v, %v", o, err)
	}

	// Nowhere to ship a German address: the message says so.
	in = checkoutFor(f.add(t, "", f.big, 1).Token, domestic.ID)
	in.AddressLine1, in.City, in.PostalCode, in.Country = "Unter den Linden 1", "Berlin", "10117", "DE"
	_, err = f.s.Checkout(ctx, in)
	if msg, country := countryRefusal(err); msg != "checkout.error.no_shipping_country" || country != "DE" {
		t.Errorf("to Germany = %q %q", msg, country)
	}
	// A form with another problem hears of the country too, in one round.
	in.Email = "not an email"
	_, err = f.s.Checkout(ctx, in)
	if msg, _ := countryRefusal(err); msg != "checkout.error.no_shipping_country" {
		t.Errorf("to Germany with a bad email = %q", msg)
	}
	// Local pickup takes the order whatever the country.
	if err := f.s.SetSetting(ctx, SettingAddress, "1 Dam, Amsterdam"); err != nil {
		t.Fatal(err)
	}
	pickup, err := f.s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{Name: Plain("Pickup"), Kind: ShippingPickup, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	in.Email, in.ShippingMethodID = "ana@example.com", pickup.ID
	if _, err := f.s.Checkout(ctx, in); err != nil {
		t.Errorf("pickup for a German shopper = %v", err)
	}
}

// TestMethodCountriesChangedWhileOrdersArePlaced: orders to Portugal go
// in while the owner limits their method to the Netherlands. Each is
// placed or refused for the country, and none begun after the change
// returned gets through: the order's transaction sees the method as it
// stands, not as the checkout's kept list last read it.
func TestMethodCountriesChangedWhileOrdersArePlaced(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	m := shipTo(t, f.s, "Standard", 595)
	const buyers = 40
	tokens := make([]string, buyers)
	for i := range tokens {
		tokens[i] = f.add(t, "", f.mug, 1).Token
	}
	// Kept as the checkout page keeps it, before the change.
	if _, err := f.s.ActiveShippingMethods(ctx); err != nil {
		t.Fatal(err)
	}
	changed := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	placed, lateRefused := 0, 0
	for i, tok := range tokens {
		late := i%2 == 1
		wg.Go(func() {
			if late {
				<-changed
			}
			_, err := f.s.Checkout(ctx, checkoutFor(tok, m.ID))
			mu.Lock()
			defer mu.Unlock()
			msg, _ := countryRefusal(err)
			switch {
			case err == nil && late:
				t.Errorf("an order begun after the change was placed to Portugal")
			case err == nil:
				placed++
			case msg == "checkout.error.no_shipping_country":
				if late {
					lateRefused++
				}
			default:
				t.Errorf("Checkout: %v", err)
			}
		})
	}
	wg.Go(func() {
		defer close(changed)
		in := ShippingMethodInput{Name: Plain("Standard"), Kind: ShippingFlat, Price: 595, Active: true, Countries: []string{"NL"}}
		if _, err := f.s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, in); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	if lateRefused != buyers/2 {
		t.Errorf("%d of the %d orders begun after the change refused", lateRefused, buyers/2)
	}
	if got := stockOf(t, f.s, f.mug); got != 30-int64(placed) {
		t.Errorf("stock %d after %d orders from 30", got, placed)
	}
}
