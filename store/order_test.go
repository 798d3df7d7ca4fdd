package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// flatShipping adds a 10.00 flat shipping method and returns its id.
func flatShipping(t testing.TB, s *Store) int64 {
	t.Helper()
	m, err := s.CreateShippingMethod(context.Background(), Actor{}, ShippingMethodInput{
		Name: Plain("Standard"), Kind: ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// checkoutFor is a valid bank-transfer checkout of cart token.
func checkoutFor(token string, shipping int64) CheckoutInput {
	return CheckoutInput{
		CartToken: token, CheckoutToken: NewCheckoutToken(),
		Address: Address{Email: "ana@example.com", Name: "Ana Lima", AddressLine1: "1 Rua Augusta",
			City: "Lisboa", PostalCode: "1100-048", Country: "PT"},
		ShippingMethodID: shipping, PaymentMethod: PayBankTransfer, Locale: "en",
	}
}

// placeStripeOrder places an order of one small item paid by card and
// shipped by ship, on a shop with a Stripe key.
func (f *cartFixture) placeStripeOrder(t *testing.T, ship int64) *Order {
	t.Helper()
	ctx := context.Background()
	if err := f.s.SetSetting(ctx, SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	in := checkoutFor(f.add(t, "", f.small, 1).Token, ship)
	in.PaymentMethod = PayStripe
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func stockOf(t testing.TB, s *Store, variantID int64) int64 {
	t.Helper()
	var n int64
	if err := s.read.QueryRow(`SELECT stock FROM variants WHERE id = ?`, variantID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPlaceOrderSnapshotsAndTakesStock(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ch := f.add(t, "", f.small, 2)
	f.add(t, ch.Token, f.mug, 1)
	in := checkoutFor(ch.Token, ship)

	o, created, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil || !created {
		t.Fatalf("PlaceOrder = %v, %v", created, err)
	}
	// Prices include tax by default at 0%: 2×49.00 + 15.00 + 10.00 shipping.
	if o.Subtotal != 11300 || o.Shipping != 1000 || o.Total != 12300 || len(o.Lines) != 2 {
		t.Fatalf("order = subtotal %d shipping %d total %d lines %d", o.Subtotal, o.Shipping, o.Total, len(o.Lines))
	}
	if o.Lines[0].ProductTitle != "Shirt" || o.Lines[0].VariantTitle != "S" || o.Lines[0].Paid != 9800 {
		t.Errorf("line 0 = %+v", o.Lines[0])
	}
	if len(o.Number) != 9 || len(o.AccessKey) < 26 || !o.AwaitingPayment() || o.ExpiresAt.IsZero() {
		t.Errorf("order = number %q key %q status %s/%s expires %v", o.Number, o.AccessKey, o.Status, o.PaymentStatus, o.ExpiresAt)
	}
	if got := stockOf(t, f.s, f.small); got != 1 {
		t.Errorf("stock after order = %d, want 1", got)
	}
	if v := f.view(t, ch.Token); !v.Empty() {
		t.Error("cart still open after the order")
	}
	var queued int
	f.s.read.QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, EmailOrderConfirmation).Scan(&queued)
	if queued != 1 {
		t.Errorf("confirmation emails queued = %d, want 1", queued)
	}

	// A replay of the same form returns the same order and takes nothing more.
	again, created, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil || created || again.Number != o.Number {
		t.Fatalf("replay = %v, %v, %v", again.Number, created, err)
	}
	if got := stockOf(t, f.s, f.small); got != 1 {
		t.Errorf("stock after replay = %d, want 1", got)
	}
	if got, err := f.s.OrderByNumber(context.Background(), " "+o.Number[:4]+o.Number[5:]+" "); err != nil || got.ID != o.ID {
		t.Errorf("OrderByNumber without the dash = %v", err)
	}
}

func TestPlaceOrderRefusals(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	ch := f.add(t, "", f.small, 2)

	bad := checkoutFor(ch.Token, ship)
	bad.Email, bad.CheckoutToken, bad.PaymentMethod, bad.City = "not an email", "x", "bitcoin", ""
	_, _, err := f.s.PlaceOrder(ctx, bad)
	var ve *ValidationError
	// Every problem in one round, the address the method needs included.
	if !errors.As(err, &ve) || ve.Fields["email"] == "" || ve.Fields["checkout_token"] == "" ||
		ve.Fields["payment_method"] == "" || ve.Fields["city"] == "" {
		t.Errorf("bad form = %v", err)
	}
	noAddress := checkoutFor(ch.Token, ship)
	noAddress.City = ""
	if _, _, err := f.s.PlaceOrder(ctx, noAddress); !errors.As(err, &ve) || ve.Fields["city"] == "" {
		t.Errorf("missing city = %v", err)
	}
	badPostal := checkoutFor(ch.Token, ship)
	badPostal.Country, badPostal.PostalCode = "US", "!!!"
	if _, _, err := f.s.PlaceOrder(ctx, badPostal); !errors.As(err, &ve) || ve.Fields["postal_code"] != "checkout.error.postal_code" {
		t.Errorf("a postal code no US address has = %v", err)
	}
	noStripe := checkoutFor(ch.Token, ship)
	noStripe.PaymentMethod = PayStripe
	if _, _, err := f.s.PlaceOrder(ctx, noStripe); !errors.As(err, &ve) || ve.Fields["payment_method"] == "" {
		t.Errorf("stripe without keys = %v", err)
	}
	if _, _, err := f.s.PlaceOrder(ctx, checkoutFor(ch.Token, ship+99)); !errors.As(err, &ve) || ve.Fields["shipping_method"] == "" {
		t.Errorf("unknown shipping method = %v", err)
	}
	if _, _, err := f.s.PlaceOrder(ctx, checkoutFor("no-such-cart", ship)); !errors.Is(err, ErrCartEmpty) {
		t.Errorf("unknown cart = %v", err)
	}

	// A price changed since the shopper saw it: nothing is charged until
	// they have seen the new one.
	if _, err := f.s.DB().Exec(`UPDATE variants SET price = 5900 WHERE id = ?`, f.small); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.PlaceOrder(ctx, checkoutFor(ch.Token, ship)); !errors.Is(err, ErrCartChanged) {
		t.Fatalf("changed price = %v", err)
	}
	if err := f.s.MarkPricesSeen(ctx, f.view(t, ch.Token)); err != nil {
		t.Fatal(err)
	}
	o, _, err := f.s.PlaceOrder(ctx, checkoutFor(ch.Token, ship))
	if err != nil || o.Subtotal != 11800 {
		t.Fatalf("after seeing the price = %v, %v", o, err)
	}
	if got := stockOf(t, f.s, f.small); got != 1 {
		t.Errorf("stock = %d after refusals and one order of 2 from 3", got)
	}
}

// TestPostalCodeFollowsTheCountry: Hong Kong has no postal codes, so an
// order shipped there is placed without one and an address book keeps it;
// the mainland needs six digits; a code is kept narrow and upper-case.
func TestPostalCodeFollowsTheCountry(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	in := checkoutFor(f.add(t, "", f.small, 1).Token, ship)
	in.AddressLine1, in.City, in.PostalCode, in.Country = "88 Queensway", "Admiralty", "", "HK"
	o, _, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil || o.Country != "HK" || o.PostalCode != "" {
		t.Fatalf("Hong Kong order = %v, %v", o, err)
	}
	a := CustomerAddress{Name: "Wing", AddressLine1: "88 Queensway", City: "Admiralty", Country: "HK"}
	if err := a.Validate(); err != nil {
		t.Errorf("Hong Kong address: %v", err)
	}
	a.Country = "CN"
	var ve *ValidationError
	if err := a.Validate(); !errors.As(err, &ve) || ve.Fields["postal_code"] != "checkout.error.required" {
		t.Errorf("mainland address without a postal code: %v", err)
	}
	a.PostalCode = "2000"
	if err := a.Validate(); !errors.As(err, &ve) || ve.Fields["postal_code"] != "checkout.error.postal_code" {
		t.Errorf("mainland address with 4 digits: %v", err)
	}
	// Typed on a Chinese keyboard in full width, kept narrow.
	a.PostalCode = "２０００３０"
	if err := a.Validate(); err != nil || a.PostalCode != "200030" {
		t.Errorf("full-width postal code: %q, %v", a.PostalCode, err)
	}
	uk := checkoutFor(f.add(t, "", f.small, 1).Token, ship)
	uk.Country, uk.PostalCode = "GB", "sw1a 1aa"
	if o, _, err := f.s.PlaceOrder(context.Background(), uk); err != nil || o.PostalCode != "SW1A 1AA" {
		t.Errorf("a British postcode in lower case: %v, %v", o, err)
	}
}

// TestLastUnitsSellOnce is the oversell property: 200 buyers with one unit
// each in their carts race for 10 units; exactly 10 orders are placed and
// the rest are told their cart changed.
func TestLastUnitsSellOnce(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	if _, err := f.s.DB().Exec(`UPDATE variants SET stock = 10 WHERE id = ?`, f.mug); err != nil {
		t.Fatal(err)
	}
	const buyers = 200
	tokens := make([]string, buyers)
	for i := range tokens {
		tokens[i] = f.add(t, "", f.mug, 1).Token
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	placed, refused := 0, 0
	for _, tok := range tokens {
		wg.Go(func() {
			_, _, err := f.s.PlaceOrder(ctx, checkoutFor(tok, ship))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				placed++
			case errors.Is(err, ErrCartChanged):
				refused++
			default:
				t.Errorf("PlaceOrder: %v", err)
			}
		})
	}
	wg.Wait()
	if placed != 10 || refused != buyers-10 {
		t.Errorf("placed %d, refused %d; want 10 and %d", placed, refused, buyers-10)
	}
	if got := stockOf(t, f.s, f.mug); got != 0 {
		t.Errorf("stock = %d, want 0", got)
	}
}

// TestSimultaneousSubmitsMakeOneOrder: ten submits of one checkout form at
// once (a double click, a retrying proxy) make one order.
func TestSimultaneousSubmitsMakeOneOrder(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	in := checkoutFor(f.add(t, "", f.mug, 2).Token, ship)
	var wg sync.WaitGroup
	numbers := make([]string, 10)
	for i := range numbers {
		wg.Go(func() {
			o, _, err := f.s.PlaceOrder(context.Background(), in)
			if err != nil {
				t.Errorf("submit %d: %v", i, err)
				return
			}
			numbers[i] = o.Number
		})
	}
	wg.Wait()
	var orders int
	f.s.read.QueryRow(`SELECT count(*) FROM orders`).Scan(&orders)
	if orders != 1 {
		t.Fatalf("orders = %d, want 1", orders)
	}
	for i, n := range numbers {
		if n != numbers[0] {
			t.Errorf("submit %d got order %q, want %q", i, n, numbers[0])
		}
	}
	if got := stockOf(t, f.s, f.mug); got != 28 {
		t.Errorf("stock = %d, want 28", got)
	}
}

func TestExpiryAndCancelReturnStock(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	o, _, err := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.small, 3).Token, ship))
	if err != nil {
		t.Fatal(err)
	}
	if due, _ := f.s.DueExpiries(ctx, f.s.Now(), 10); len(due) != 0 {
		t.Fatalf("due at once = %v", due)
	}
	if o.ExpiresAt.IsZero() || !o.PayBy().Equal(o.ExpiresAt) {
		t.Errorf("the unpaid order is to be paid by %v, want its expiry %v", o.PayBy(), o.ExpiresAt)
	}
	later := f.s.Now().Add(73 * time.Hour)
	due, err := f.s.DueExpiries(ctx, later, 10)
	if err != nil || len(due) != 1 || due[0].ID != o.ID {
		t.Fatalf("due after 73h = %v, %v", due, err)
	}
	if ok, err := f.s.ExpireOrder(ctx, o.ID, CancelExpired); !ok || err != nil {
		t.Fatalf("ExpireOrder = %v, %v", ok, err)
	}
	if got := stockOf(t, f.s, f.small); got != 3 {
		t.Errorf("stock after expiry = %d, want 3", got)
	}
	if ok, _ := f.s.ExpireOrder(ctx, o.ID, CancelExpired); ok {
		t.Error("expired twice")
	}
	if got := stockOf(t, f.s, f.small); got != 3 {
		t.Errorf("stock after second expiry = %d, want 3", got)
	}

	// An unpaid order staff began to ship, trusting the customer, never
	// expires either: its parcel is on its way.
	trusted, _, _ := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.big, 2).Token, ship))
	stock := stockOf(t, f.s, f.big)
	if _, err := f.s.FulfillOrder(ctx, Actor{}, trusted.ID, map[int64]int64{trusted.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	if due, _ := f.s.DueExpiries(ctx, later, 10); len(due) != 0 {
		t.Errorf("a partly shipped order is due to expire: %v", due)
	}
	if ok, _ := f.s.ExpireOrder(ctx, trusted.ID, CancelExpired); ok {
		t.Error("a partly shipped order expired")
	}
	// Its pages ask for the payment without a deadline.
	if shipped, _ := f.s.OrderByID(ctx, trusted.ID); !shipped.AwaitingPayment() || !shipped.PayBy().IsZero() {
		t.Errorf("the partly shipped order is to be paid by %v", shipped.PayBy())
	}
	if got := stockOf(t, f.s, f.big); got != stock {
		t.Errorf("stock with the shipped order = %d, want %d", got, stock)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, trusted.ID); !errors.Is(err, ErrConflict) {
		t.Fatalf("cancel partly shipped: %v", err)
	}
	if _, err := f.s.CancelUnshipped(ctx, Actor{}, trusted.ID); err != nil {
		t.Fatal(err)
	}

	// A paid order never expires, and staff cancelling it gives stock back.
	o2, _, _ := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.small, 2).Token, ship))
	if changed, err := f.s.MarkPaid(ctx, Actor{Email: "owner@example.com"}, o2.ID); !changed || err != nil {
		t.Fatalf("MarkPaid = %v, %v", changed, err)
	}
	if changed, _ := f.s.MarkPaid(ctx, Actor{}, o2.ID); changed {
		t.Error("paid twice")
	}
	if ok, _ := f.s.ExpireOrder(ctx, o2.ID, CancelExpired); ok {
		t.Error("a paid order expired")
	}
	if paid, _ := f.s.OrderByID(ctx, o2.ID); !paid.PayBy().IsZero() {
		t.Errorf("the paid order is to be paid by %v", paid.PayBy())
	}
	if err := f.s.CancelOrder(ctx, Actor{Email: "owner@example.com"}, o2.ID); err != nil {
		t.Fatal(err)
	}
	if got := stockOf(t, f.s, f.small); got != 3 {
		t.Errorf("stock after cancel = %d, want 3", got)
	}
	full, _ := f.s.OrderByID(ctx, o2.ID)
	kinds := ""
	for _, e := range full.Events {
		kinds += e.Kind + " "
	}
	if kinds != "placed paid cancelled " {
		t.Errorf("timeline = %q", kinds)
	}
}

// TestStripeEventsPayOnce: the webhook and the shopper's return can arrive
// in any order and any number of times; the order is paid once.
func TestStripeEventsPayOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.placeStripeOrder(t, flatShipping(t, f.s))
	ss := StripeSession{ID: "cs_test_1", OrderNumber: o.Number, PaymentIntent: "pi_1"}
	// The webhook overtakes SetStripeSession: found by the order number.
	var wg sync.WaitGroup
	paid := make(chan bool, 6)
	for i := range 6 {
		wg.Go(func() {
			changed, err := f.s.StripePaid(ctx, fmt.Sprintf("evt_%d", i%2), ss)
			if err != nil {
				t.Error(err)
			}
			paid <- changed
		})
	}
	wg.Wait()
	close(paid)
	n := 0
	for c := range paid {
		if c {
			n++
		}
	}
	if n != 1 {
		t.Errorf("paid %d times, want once", n)
	}
	if changed, _ := f.s.StripePaid(ctx, "", ss); changed {
		t.Error("the return page paid again")
	}
	if cancelled, _ := f.s.StripeExpired(ctx, "evt_late", ss); cancelled {
		t.Error("a late expiry cancelled a paid order")
	}
	got, _ := f.s.OrderByID(ctx, o.ID)
	if !got.Paid() || got.Cancelled() || got.StripePaymentIntent != "pi_1" {
		t.Errorf("order = %s/%s pi %q", got.Status, got.PaymentStatus, got.StripePaymentIntent)
	}
}

// TestStockTotalFollowsOrders: the product's total stock, which cards and
// the in-stock filter read, moves with orders and cancellations, not only
// when the product is saved.
func TestStockTotalFollowsOrders(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	inStock := func() map[string]bool {
		t.Helper()
		page, err := f.s.Products(ctx, ProductQuery{PerPage: 10, Page: 1})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, c := range page.Products {
			out[c.Handle] = c.InStock()
		}
		return out
	}
	o, _, err := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.mug, 30).Token, ship)) // every mug
	if err != nil {
		t.Fatal(err)
	}
	if got := inStock(); got["mug"] || !got["shirt"] {
		t.Errorf("after selling every mug, in stock: %v", got)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if got := inStock(); !got["mug"] {
		t.Errorf("after the cancellation restocked them, in stock: %v", got)
	}
	var total, sum int64
	if err := f.s.read.QueryRow(`SELECT stock_total, (SELECT sum(stock) FROM variants WHERE product_id = products.id)
		FROM products WHERE handle = 'shirt'`).Scan(&total, &sum); err != nil || total != sum {
		t.Errorf("shirt stock_total %d, its variants %d, %v", total, sum, err)
	}
}

// TestOrderTakesTheShippingMethodAsItStandsNow: the checkout page has
// shown a method (and the store has kept the active methods since); the
// owner then raises its price, and later switches it off. The order pays
// the new price, and once the method is off it is refused with the
// method's field, not placed with a method the shop no longer offers.
func TestOrderTakesTheShippingMethodAsItStandsNow(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	m, err := f.s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{
		Name: Plain("Standard"), Kind: ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	token := f.add(t, "", f.big, 1).Token
	if _, _, err := f.s.PriceCheckout(ctx, f.view(t, token), m.ID); err != nil {
		t.Fatal(err)
	}
	in := ShippingMethodInput{Name: Plain("Standard"), Kind: ShippingFlat, Price: 2500, Active: true}
	if m, err = f.s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, in); err != nil {
		t.Fatal(err)
	}
	o, _, err := f.s.PlaceOrder(ctx, checkoutFor(token, m.ID))
	if err != nil {
		t.Fatal(err)
	}
	if o.Shipping != 2500 {
		t.Errorf("order shipping = %d, want the new price 2500", o.Shipping)
	}

	token = f.add(t, "", f.big, 1).Token
	if _, _, err := f.s.PriceCheckout(ctx, f.view(t, token), m.ID); err != nil {
		t.Fatal(err)
	}
	in.Active = false
	if _, err = f.s.UpdateShippingMethod(ctx, Actor{}, m.ID, m.Version, in); err != nil {
		t.Fatal(err)
	}
	var v *ValidationError
	if _, _, err := f.s.PlaceOrder(ctx, checkoutFor(token, m.ID)); !errors.As(err, &v) || v.Fields["shipping_method"] == "" {
		t.Fatalf("order with a method switched off = %v, want the shipping method refused", err)
	}
}

// An order number is drawn again only when the number's own unique index
// refuses it; any other refusal is the caller's error.
func TestOrderNumberDrawnAgainWhenTaken(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	a, _, errA := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.mug, 1).Token, ship))
	b, _, errB := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.mug, 1).Token, ship))
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	renumber := func(column, clash string) (number string, calls int, err error) {
		err = f.s.tx(ctx, func(tx *sql.Tx) error {
			number, err = withOrderNumber(func(n string) error {
				calls++
				value := n
				if calls == 1 || column != "number" {
					value = clash
				}
				_, err := tx.ExecContext(ctx, `UPDATE orders SET `+column+` = ? WHERE id = ?`, value, b.ID)
				return err
			})
			return err
		})
		return number, calls, err
	}
	number, calls, err := renumber("number", a.Number)
	if err != nil || calls != 2 || number == a.Number || number == b.Number {
		t.Fatalf("taken number: %q after %d draws, %v", number, calls, err)
	}
	if o, err := f.s.OrderByNumber(ctx, number); err != nil || o.ID != b.ID {
		t.Fatalf("order %q = %v, %v", number, o, err)
	}
	var key string
	if err := f.s.read.QueryRow(`SELECT checkout_token FROM orders WHERE id = ?`, a.ID).Scan(&key); err != nil {
		t.Fatal(err)
	}
	if _, calls, err := renumber("checkout_token", key); !isUnique(err) || calls != 1 {
		t.Fatalf("taken checkout token: %d draws, %v", calls, err)
	}
}
