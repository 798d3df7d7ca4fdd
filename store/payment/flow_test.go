package payment

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/payment/stripemock"
)

const flowWebhookSecret = "whsec_test_flows"

// flowShop is a real store with one shirt (10 in stock), a 10.00 flat
// shipping method and Stripe keys, and the flows through the Stripe API
// at an address the test chooses.
type flowShop struct {
	st      *store.Store
	flows   *Flows
	variant int64
	ship    int64
}

func newFlowShop(t *testing.T, apiBase string) *flowShop {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for k, v := range map[string]string{store.SettingStripeSecretKey: "sk_test_123", store.SettingStripeWebhookSecret: flowWebhookSecret,
		store.SettingBankTransferInstructions: "Test Bank · IBAN XX00 0000 0000"} {
		if err := st.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st.SaveProduct(ctx, store.ProductInput{Handle: "shirt", Title: "Linen Shirt", Status: store.StatusActive,
		OptionNames: []string{"Size"},
		Variants:    []store.VariantInput{{SKU: "SH-M", Options: [3]string{"M"}, Price: 4900, Stock: 10}}}); err != nil {
		t.Fatal(err)
	}
	m, err := st.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Standard"), Kind: store.ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	s := &flowShop{st: st, flows: NewFlows(st, apiBase), ship: m.ID}
	s.variant = s.product(t).Variants[0].ID
	return s
}

// deadStripe is the address of a Stripe that cannot be reached, for flows
// that must not call it.
func deadStripe(t *testing.T) string {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	return dead.URL
}

func (s *flowShop) product(t *testing.T) *store.Product {
	t.Helper()
	p, err := s.st.ProductByHandle(context.Background(), "shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (s *flowShop) stock(t *testing.T) int64 {
	t.Helper()
	return s.product(t).Variants[0].Stock
}

// place buys qty shirts paid by method.
func (s *flowShop) place(t *testing.T, method string, qty int64) *store.Order {
	t.Helper()
	ctx := context.Background()
	ch, err := s.st.AddToCart(ctx, "", s.variant, qty)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := s.st.PlaceOrder(ctx, store.CheckoutInput{CartToken: ch.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", AddressLine1: "1 Rua Augusta",
			City: "Lisboa", PostalCode: "1100-048", Country: "PT"},
		ShippingMethodID: s.ship, PaymentMethod: method, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (s *flowShop) order(t *testing.T, id int64) *store.Order {
	t.Helper()
	o, err := s.st.OrderByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func returnFor(o *store.Order) Return {
	return Return{OrderURL: "https://shop.example/orders/" + o.Number, AccessKey: o.AccessKey,
		ItemName: func(title, variant string) string { return title + " / " + variant }}
}

func hasEvent(o *store.Order, kind, detail string) bool {
	for _, e := range o.Events {
		if e.Kind == kind && e.Detail == detail {
			return true
		}
	}
	return false
}

// TestPaymentOrderCarriesTheSnapshot: lines go at the unit amount paid, a
// line that does not divide goes as one item, the rest is shipping, and
// the return URLs carry the escaped key.
func TestPaymentOrderCarriesTheSnapshot(t *testing.T) {
	placed := time.Unix(1_800_000_000, 0)
	o := &store.Order{Number: "K7QM-4XR2", Currency: "USD", Address: store.Address{Email: "ana@example.com"},
		Total: 4299, ShippingMethod: "Standard", CreatedAt: placed,
		Lines: []store.OrderLine{
			{ProductTitle: "Linen Shirt", VariantTitle: "M", Quantity: 2, Paid: 2500},
			{ProductTitle: "Dragon Well", Quantity: 3, Paid: 799},
		}}
	got := paymentOrder(o, Return{OrderURL: "https://shop.example/orders/K7QM-4XR2", AccessKey: "k"}, "")
	if want := order(placed); !reflect.DeepEqual(got, want) {
		t.Fatalf("payment order =\n%+v\nwant\n%+v", got, want)
	}

	o.ShippingMethod = ""
	ret := Return{OrderURL: "https://shop.example/orders/K7QM-4XR2", AccessKey: "a+b/c",
		ItemName: func(title, variant string) string { return title + "（" + variant + "）" }}
	got = paymentOrder(o, ret, "cs_test_old")
	if got.Lines[0].Name != "Linen Shirt（M）" || got.Lines[2].Name != "Shipping" || got.Replaces != "cs_test_old" {
		t.Errorf("lines %+v, replaces %q", got.Lines, got.Replaces)
	}
	if got.SuccessURL != "https://shop.example/orders/K7QM-4XR2/paid?key=a%2Bb%2Fc&session_id={CHECKOUT_SESSION_ID}" ||
		got.CancelURL != "https://shop.example/orders/K7QM-4XR2?key=a%2Bb%2Fc" {
		t.Errorf("success %q, cancel %q", got.SuccessURL, got.CancelURL)
	}
	if err := got.check(); err != nil {
		t.Errorf("the snapshot does not add up: %v", err)
	}
}

// TestPayStartsAndReusesSession runs against stripe-mock: Pay sends the
// shopper to a new Checkout Session and records it; paying again sends
// them back to the session Stripe still holds open (the mock's sessions
// are open and unpaid fixtures, so the paid and delayed cases are not
// shown here: see TestFlowsWithPaidSessions).
func TestPayStartsAndReusesSession(t *testing.T) {
	s := newFlowShop(t, stripemock.URL(t))
	ctx := context.Background()
	o := s.place(t, store.PayStripe, 2)

	target, err := s.flows.Pay(ctx, o, returnFor(o))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(target, "https://checkout.stripe.com/") {
		t.Fatalf("Pay = %q, want Stripe Checkout", target)
	}
	got := s.order(t, o.ID)
	if !strings.HasPrefix(got.StripeSessionID, "cs_") || !hasEvent(got, store.EventPayment, "stripe_session") || !got.AwaitingPayment() {
		t.Fatalf("order after Pay: session %q, %s/%s", got.StripeSessionID, got.Status, got.PaymentStatus)
	}

	again, err := s.flows.Pay(ctx, got, returnFor(got))
	if err != nil || !strings.HasPrefix(again, "https://checkout.stripe.com/") {
		t.Fatalf("Pay again = %q, %v", again, err)
	}
	if now := s.order(t, o.ID).StripeSessionID; now != got.StripeSessionID {
		t.Errorf("paying again replaced the open session %s with %s", got.StripeSessionID, now)
	}
}

// TestPayWithoutKeyNotesFailure: with the key removed after the order was
// placed, Pay fails before calling Stripe and the order's timeline says
// starting the payment failed.
func TestPayWithoutKeyNotesFailure(t *testing.T) {
	s := newFlowShop(t, deadStripe(t))
	ctx := context.Background()
	o := s.place(t, store.PayStripe, 1)
	if err := s.st.SetSetting(ctx, store.SettingStripeSecretKey, ""); err != nil {
		t.Fatal(err)
	}
	target, err := s.flows.Pay(ctx, o, returnFor(o))
	if !errors.Is(err, ErrNotConfigured) || target != "" {
		t.Fatalf("Pay without a key = %q, %v; want ErrNotConfigured", target, err)
	}
	got := s.order(t, o.ID)
	if !hasEvent(got, store.EventPayment, store.PaymentStartFailed) || got.StripeSessionID != "" || !got.AwaitingPayment() {
		t.Errorf("order after a failed Pay: session %q, %s/%s, events %+v", got.StripeSessionID, got.Status, got.PaymentStatus, got.Events)
	}

	// Stripe unreachable is a failure too, noted as well.
	if err := s.st.SetSetting(ctx, store.SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.flows.Pay(ctx, o, returnFor(o)); err == nil {
		t.Fatal("Pay with Stripe unreachable succeeded")
	}
	n := 0
	for _, e := range s.order(t, o.ID).Events {
		if e.Kind == store.EventPayment && e.Detail == store.PaymentStartFailed {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d failures noted, want 2", n)
	}
}

// TestConfirmRefusesAnotherOrdersSession runs against stripe-mock, whose
// sessions name no order: a session is then o's only when it is the one
// recorded for o. The mock's session is unpaid, so confirming it changes
// nothing.
func TestConfirmRefusesAnotherOrdersSession(t *testing.T) {
	s := newFlowShop(t, stripemock.URL(t))
	ctx := context.Background()
	mine, other := s.place(t, store.PayStripe, 1), s.place(t, store.PayStripe, 1)
	for _, o := range []*store.Order{mine, other} {
		if _, err := s.flows.Pay(ctx, o, returnFor(o)); err != nil {
			t.Fatal(err)
		}
	}
	mine, other = s.order(t, mine.ID), s.order(t, other.ID)

	if err := s.flows.Confirm(ctx, mine, other.StripeSessionID); !errors.Is(err, errForeignSession) {
		t.Errorf("Confirm with another order's session = %v, want errForeignSession", err)
	}
	if err := s.flows.Confirm(ctx, mine, mine.StripeSessionID); err != nil {
		t.Errorf("Confirm with its own unpaid session = %v", err)
	}
	if s.order(t, mine.ID).Paid() {
		t.Error("an unpaid session paid the order")
	}
}

// paidStripe is a Stripe API whose sessions are complete and paid, each
// naming its order: what stripe-mock cannot answer. Expiring one is
// refused as Stripe refuses to expire a session that is not open.
func paidStripe(t *testing.T, orders map[string]string) string {
	session := func(w http.ResponseWriter, id string) {
		json.NewEncoder(w).Encode(map[string]any{"id": id, "object": "checkout.session", "status": "complete",
			"payment_status": "paid", "payment_intent": "pi_" + id, "client_reference_id": orders[id]})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/checkout/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		session(w, r.PathValue("id"))
	})
	mux.HandleFunc("POST /v1/checkout/sessions/{id}/expire", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"Only Checkout Sessions with a status in [\"open\"] can be expired."}}`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestFlowsWithPaidSessions: a paid session of the order pays it once,
// through the return or Pay; one of another order does not; the expiry
// job marks paid, rather than cancels, an order whose session was paid.
func TestFlowsWithPaidSessions(t *testing.T) {
	orders := map[string]string{} // session id → order number, filled before Stripe is asked
	s := newFlowShop(t, paidStripe(t, orders))
	ctx := context.Background()
	a, b, c := s.place(t, store.PayStripe, 1), s.place(t, store.PayStripe, 1), s.place(t, store.PayStripe, 1)
	orders["cs_test_a"], orders["cs_test_b"], orders["cs_test_c"] = a.Number, b.Number, c.Number
	for id, o := range map[string]*store.Order{"cs_test_a": a, "cs_test_b": b, "cs_test_c": c} {
		if err := s.st.SetStripeSession(ctx, o.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c = s.order(t, a.ID), s.order(t, b.ID), s.order(t, c.ID)

	if err := s.flows.Confirm(ctx, a, "cs_test_b"); !errors.Is(err, errForeignSession) || s.order(t, a.ID).Paid() {
		t.Fatalf("Confirm with b's paid session = %v; a paid %v", err, s.order(t, a.ID).Paid())
	}
	for range 2 {
		if err := s.flows.Confirm(ctx, a, "cs_test_a"); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.order(t, a.ID); !got.Paid() || got.StripePaymentIntent != "pi_cs_test_a" {
		t.Errorf("after Confirm: %s, payment intent %q", got.PaymentStatus, got.StripePaymentIntent)
	}

	if target, err := s.flows.Pay(ctx, b, returnFor(b)); target != "" || err != nil {
		t.Errorf("Pay on a paid session = %q, %v; want the order page", target, err)
	}
	if !s.order(t, b.ID).Paid() {
		t.Error("Pay did not record the paid session")
	}

	stock := s.stock(t)
	if err := s.flows.Expire(ctx, store.ExpiringOrder{ID: c.ID, Number: c.Number, PaymentMethod: c.PaymentMethod,
		StripeSessionID: c.StripeSessionID}); err != nil {
		t.Fatal(err)
	}
	if got := s.order(t, c.ID); !got.Paid() || got.Cancelled() || s.stock(t) != stock {
		t.Errorf("expiry of a paid session: %s/%s, stock %d → %d", got.Status, got.PaymentStatus, stock, s.stock(t))
	}
}

// TestWebhook: a refused signature is ErrBadEvent and changes nothing; a
// genuine completed event pays its order once, however often it comes; a
// session of no order here is ErrNotFound; another API version is noted
// once.
func TestWebhook(t *testing.T) {
	s := newFlowShop(t, deadStripe(t))
	ctx := context.Background()
	o := s.place(t, store.PayStripe, 1)
	body := []byte(`{"id":"evt_flow_1","object":"event","api_version":"2025-03-31.basil","created":1700000000,
		"type":"checkout.session.completed","data":{"object":{"id":"cs_test_flow","object":"checkout.session",
		"client_reference_id":"` + o.Number + `","status":"complete","payment_status":"paid","payment_intent":"pi_flow"}}}`)

	for name, sig := range map[string]string{
		"other secret": sign(body, time.Now(), "whsec_other"),
		"stale":        sign(body, time.Now().Add(-WebhookTolerance-time.Minute), flowWebhookSecret),
		"none":         "",
	} {
		ev, err := s.flows.Webhook(ctx, body, sig)
		if !errors.Is(err, ErrBadEvent) {
			t.Errorf("%s: Webhook = %v, want ErrBadEvent", name, err)
		}
		if s.flows.FirstVersionMismatch(ev) {
			t.Errorf("%s: a refused event was noted for its version", name)
		}
	}
	if s.order(t, o.ID).Paid() {
		t.Fatal("a refused event paid the order")
	}

	for i := range 2 {
		ev, err := s.flows.Webhook(ctx, body, sign(body, time.Now(), flowWebhookSecret))
		if err != nil || ev.ID != "evt_flow_1" {
			t.Fatalf("delivery %d: %+v, %v", i, ev, err)
		}
		if got, want := s.flows.FirstVersionMismatch(ev), i == 0; got != want {
			t.Errorf("delivery %d: version mismatch noted %v, want %v", i, got, want)
		}
	}
	got := s.order(t, o.ID)
	if !got.Paid() || got.StripePaymentIntent != "pi_flow" {
		t.Errorf("after the event: %s, payment intent %q", got.PaymentStatus, got.StripePaymentIntent)
	}
	n := 0
	for _, e := range got.Events {
		if e.Kind == store.EventPaid {
			n++
		}
	}
	if n != 1 {
		t.Errorf("paid %d times, want once", n)
	}

	stranger := []byte(`{"id":"evt_flow_2","object":"event","api_version":"2023-10-16","created":1700000000,
		"type":"checkout.session.completed","data":{"object":{"id":"cs_test_elsewhere","object":"checkout.session",
		"client_reference_id":"ZZZZ-ZZZZ","status":"complete","payment_status":"paid"}}}`)
	if _, err := s.flows.Webhook(ctx, stranger, sign(stranger, time.Now(), flowWebhookSecret)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a session of no order here: %v, want store.ErrNotFound", err)
	}
}

// TestExpire: an unpaid offline order is cancelled and its stock comes
// back without asking Stripe; a Stripe order's session is expired at
// stripe-mock first (an unpaid fixture), then the order is cancelled too.
func TestExpire(t *testing.T) {
	s := newFlowShop(t, stripemock.URL(t))
	ctx := context.Background()
	stock := s.stock(t)
	bank := s.place(t, store.PayBankTransfer, 3)
	card := s.place(t, store.PayStripe, 2)
	if _, err := s.flows.Pay(ctx, card, returnFor(card)); err != nil {
		t.Fatal(err)
	}
	card = s.order(t, card.ID)
	if s.stock(t) != stock-5 {
		t.Fatalf("stock after two orders = %d, want %d", s.stock(t), stock-5)
	}
	for _, o := range []*store.Order{bank, card} {
		e := store.ExpiringOrder{ID: o.ID, Number: o.Number, PaymentMethod: o.PaymentMethod, StripeSessionID: o.StripeSessionID}
		if err := s.flows.Expire(ctx, e); err != nil {
			t.Fatalf("Expire %s order: %v", o.PaymentMethod, err)
		}
		if got := s.order(t, o.ID); !got.Cancelled() || got.CancelReason != store.CancelExpired {
			t.Errorf("%s order after Expire: %s (%s)", o.PaymentMethod, got.Status, got.CancelReason)
		}
	}
	if s.stock(t) != stock {
		t.Errorf("stock after expiry = %d, want %d back", s.stock(t), stock)
	}
}
