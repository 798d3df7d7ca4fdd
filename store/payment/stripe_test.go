package payment

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store/payment/stripemock"
)

// order is a snapshot of a two-line order with shipping: 2 × 12.50 + 1 ×
// 7.99 (a line whose discount made its unit amount uneven, sent as one
// item) + 10.00 shipping.
func order(placed time.Time) Order {
	return Order{
		Number: "K7QM-4XR2", Currency: "USD", Email: "ana@example.com", Total: 4299,
		Lines: []Line{
			{Name: "Linen Shirt (M)", Quantity: 2, UnitAmount: 1250},
			{Name: "Dragon Well × 3", Quantity: 1, UnitAmount: 799},
			{Name: "Standard", Quantity: 1, UnitAmount: 1000},
		},
		SuccessURL: "https://shop.example/orders/K7QM-4XR2/paid?key=k&session_id={CHECKOUT_SESSION_ID}",
		CancelURL:  "https://shop.example/orders/K7QM-4XR2?key=k",
		PlacedAt:   placed,
	}
}

func TestOrderCheck(t *testing.T) {
	ok := order(time.Now())
	if err := ok.check(); err != nil {
		t.Fatalf("a consistent order: %v", err)
	}
	for name, change := range map[string]func(*Order){
		"lines short of total": func(o *Order) { o.Total++ },
		"zero total":           func(o *Order) { o.Total, o.Lines = 0, nil },
		"negative amount":      func(o *Order) { o.Lines[0].UnitAmount = -1 },
		"zero quantity":        func(o *Order) { o.Lines[0].Quantity = 0 },
		"nameless line":        func(o *Order) { o.Lines[2].Name = "" },
	} {
		o := order(time.Now())
		o.Lines = append([]Line(nil), o.Lines...)
		change(&o)
		if err := o.check(); !errors.Is(err, ErrInvalidOrder) {
			t.Errorf("%s: check = %v, want ErrInvalidOrder", name, err)
		}
	}
}

// TestAttemptKeys: a repeated first request is the same request; a retry
// once Stripe would refuse that expiry is a new one, shared within a
// minute; a replacement names what it replaces.
func TestAttemptKeys(t *testing.T) {
	placed := time.Unix(1_800_000_000, 0)
	s := &Stripe{ExpiresIn: 30 * time.Minute}
	o := order(placed)

	exp1, key1 := s.attempt(o, placed.Add(10*time.Second))
	exp2, key2 := s.attempt(o, placed.Add(30*time.Second))
	if key1 != "storefront-order-K7QM-4XR2" || key2 != key1 || !exp1.Equal(exp2) {
		t.Fatalf("a double submit: %q %v then %q %v, want one key and expiry", key1, exp1, key2, exp2)
	}
	if got := exp1.Sub(placed); got != minSessionLife {
		t.Errorf("30 minutes asked: session lives %v, want Stripe's minimum with a margin, %v", got, minSessionLife)
	}

	later := placed.Add(10 * time.Minute)
	exp3, key3 := s.attempt(o, later)
	if key3 == key1 || exp3.Before(later.Add(30*time.Minute)) {
		t.Errorf("a retry 10 minutes on: %q expiring %v after it, want a new key and at least 30 minutes", key3, exp3.Sub(later))
	}
	if _, key4 := s.attempt(o, later.Add(time.Second)); key4 != key3 {
		t.Errorf("a second click a second later: %q, want %q", key4, key3)
	}

	o.Replaces = "cs_test_old"
	if _, key := s.attempt(o, placed.Add(time.Second)); !strings.HasPrefix(key, "storefront-order-K7QM-4XR2-cs_test_old") {
		t.Errorf("a replacement session: key %q does not name the session it replaces", key)
	}

	s.ExpiresIn = 48 * time.Hour
	if exp, _ := s.attempt(order(placed), placed); exp.Sub(placed) > 24*time.Hour {
		t.Errorf("48 hours asked: session lives %v, beyond Stripe's 24 hours", exp.Sub(placed))
	}
}

// TestStartSendsTheSnapshot checks the request Stripe receives, with a
// fake Stripe that records it.
func TestStartSendsTheSnapshot(t *testing.T) {
	var form url.Values
	var header http.Header
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ = url.ParseQuery(string(body))
		header = r.Header.Clone()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"cs_test_1","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_1"}`)
	}))
	defer fake.Close()
	placed := time.Now()
	s := &Stripe{Key: "sk_test_x", Backend: NewBackend(fake.URL), ExpiresIn: time.Hour, Now: func() time.Time { return placed }}

	start, err := s.Start(context.Background(), order(placed))
	if err != nil {
		t.Fatal(err)
	}
	if start.SessionID != "cs_test_1" || start.RedirectURL != "https://checkout.stripe.com/c/pay/cs_test_1" {
		t.Fatalf("start = %+v", start)
	}
	want := map[string]string{
		"mode": "payment", "client_reference_id": "K7QM-4XR2", "customer_email": "ana@example.com",
		"metadata[order_number]": "K7QM-4XR2", "expires_at": strconv.FormatInt(placed.Add(time.Hour).Unix(), 10),
		"success_url": order(placed).SuccessURL, "cancel_url": order(placed).CancelURL,
		"line_items[0][quantity]": "2", "line_items[0][price_data][unit_amount]": "1250",
		"line_items[0][price_data][currency]": "usd", "line_items[0][price_data][product_data][name]": "Linen Shirt (M)",
		"line_items[1][quantity]": "1", "line_items[1][price_data][unit_amount]": "799",
		"line_items[2][price_data][unit_amount]": "1000", "line_items[2][price_data][product_data][name]": "Standard",
	}
	for k, v := range want {
		if got := form.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if got := header.Get("Idempotency-Key"); got != "storefront-order-K7QM-4XR2" {
		t.Errorf("Idempotency-Key = %q", got)
	}
	if got := header.Get("Authorization"); got != "Bearer sk_test_x" {
		t.Errorf("Authorization = %q: the provider's own key must be sent", got)
	}
}

// TestStripeAgainstMock runs the calls against stripe-mock, which checks
// every parameter against Stripe's API description.
func TestStripeAgainstMock(t *testing.T) {
	s := &Stripe{Key: "sk_test_123", Backend: NewBackend(stripemock.URL(t)), ExpiresIn: 30 * time.Minute}
	ctx := context.Background()
	start, err := s.Start(ctx, order(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(start.SessionID, "cs_") || !strings.HasPrefix(start.RedirectURL, "https://") {
		t.Fatalf("start = %+v, want a session and its URL", start)
	}
	sess, err := s.Session(ctx, start.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	// stripe-mock answers with fixture data: the id asked for, an open, unpaid session.
	if sess.ID != start.SessionID || sess.Paid() || sess.PaymentIntent == "" {
		t.Errorf("session = %+v", sess)
	}
	if _, err := s.ExpireSession(ctx, start.SessionID); err != nil {
		t.Errorf("expire: %v", err)
	}

	if _, err := (&Stripe{Backend: s.Backend}).Start(ctx, order(time.Now())); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("no key: %v, want ErrNotConfigured", err)
	}
	bad := order(time.Now())
	bad.Total--
	if _, err := s.Start(ctx, bad); !errors.Is(err, ErrInvalidOrder) {
		t.Errorf("lines not adding up: %v, want ErrInvalidOrder before any call", err)
	}
}

// TestStripeUnreachable: a Stripe that cannot be reached is an error, never
// a session taken for unpaid.
func TestStripeUnreachable(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	s := &Stripe{Key: "sk_test_x", Backend: NewBackend(dead.URL)}
	if _, err := s.ExpireSession(context.Background(), "cs_test_1"); err == nil {
		t.Fatal("expire against a closed port succeeded")
	}
}

func TestValidSessionID(t *testing.T) {
	for id, want := range map[string]bool{
		"cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY": true,
		"cs_live_abc": true, "": false, "cs_": false, "pi_123": false, "cs_../../charges": false, "{CHECKOUT_SESSION_ID}": false,
	} {
		if got := ValidSessionID(id); got != want {
			t.Errorf("ValidSessionID(%q) = %v", id, got)
		}
	}
}
