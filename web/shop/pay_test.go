package shop_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/payment/stripemock"
	"storefront/views"
	"storefront/web/webtest"
)

const testWebhookSecret = "whsec_test_storefront"

// newStripeShop is a test shop with the fixture catalog and shipping that
// takes Stripe payments through the Stripe API at apiBase.
func newStripeShop(t *testing.T, apiBase string) *webtest.Shop {
	t.Helper()
	shop := webtest.New(t, webtest.WithStripe(apiBase))
	shop.SeedFixture()
	shop.AddShipping()
	ctx := context.Background()
	for k, v := range map[string]string{store.SettingStripeSecretKey: "sk_test_123", store.SettingStripeWebhookSecret: testWebhookSecret} {
		if err := shop.Store.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	return shop
}

// buy checks out two shirts and a tea with method, and returns the
// checkout's answer and the order it placed.
func buy(t *testing.T, shop *webtest.Shop, method string) (webtest.Response, *store.Order) {
	t.Helper()
	v := shop.Variants()
	shop.AddToCart("linen-shirt", v.ShirtL, "2")
	shop.AddToCart("dragon-well-tea", v.Tea, "1")
	res := shop.Post("/checkout", checkoutForm(t, shop.Get("/checkout"), map[string]string{"payment_method": method}))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("checkout = %d:\n%s", res.Status, res.Body)
	}
	var number string
	if err := shop.Store.DB().QueryRow(`SELECT number FROM orders ORDER BY id DESC LIMIT 1`).Scan(&number); err != nil {
		t.Fatal(err)
	}
	return res, shop.Order(number)
}

// paymentEmails counts the "payment received" emails queued for o.
func paymentEmails(t *testing.T, st *store.Store, o *store.Order) int {
	t.Helper()
	var n int
	err := st.DB().QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, store.EmailPaymentReceived).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStripeCheckoutAgainstMock buys with Stripe against stripe-mock: the
// checkout sends the shopper to a Checkout Session and records it. The
// mock's sessions are fixtures that are never paid, so the shopper's
// return must not mark the order paid (the paid return and the webhook
// are tested with a fake Stripe below), and the expiry job expires the
// session and cancels the order.
func TestStripeCheckoutAgainstMock(t *testing.T) {
	shop := newStripeShop(t, stripemock.URL(t))
	stock := shop.VariantStock(shop.Variants().ShirtL)
	res, o := buy(t, shop, store.PayStripe)

	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "https://checkout.stripe.com/") {
		t.Fatalf("checkout sent the shopper to %q, want Stripe Checkout", loc)
	}
	if !strings.HasPrefix(o.StripeSessionID, "cs_") || !o.AwaitingPayment() {
		t.Fatalf("order: session %q, status %s/%s", o.StripeSessionID, o.Status, o.PaymentStatus)
	}

	ret := shop.Get("/orders/" + o.Number + "/paid?key=" + o.AccessKey + "&session_id=" + o.StripeSessionID)
	if ret.Status != http.StatusSeeOther || ret.Header.Get("Location") != views.OrderURL(o) {
		t.Fatalf("return = %d to %q, want 303 to the order page", ret.Status, ret.Header.Get("Location"))
	}
	if shop.Order(o.Number).Paid() {
		t.Fatal("the return marked paid a session Stripe says is unpaid")
	}
	if res := shop.Get("/orders/" + o.Number + "/paid?key=wrong&session_id=" + o.StripeSessionID); res.Status != http.StatusNotFound {
		t.Errorf("return with a wrong key = %d, want 404", res.Status)
	}

	// Pay now sends the shopper back to the session Stripe still holds open.
	pay := shop.Post("/orders/"+o.Number+"/pay", url.Values{"key": {o.AccessKey}})
	if pay.Status != http.StatusSeeOther || !strings.HasPrefix(pay.Header.Get("Location"), "https://checkout.stripe.com/") {
		t.Fatalf("pay now = %d to %q", pay.Status, pay.Header.Get("Location"))
	}
	if got := shop.Order(o.Number).StripeSessionID; got != o.StripeSessionID {
		t.Errorf("pay now replaced the open session %s with %s", o.StripeSessionID, got)
	}

	shop.Clock.Advance(31 * time.Minute)
	if err := shop.Payments.ExpireDue(context.Background(), 100, nil); err != nil {
		t.Fatal(err)
	}
	if got := shop.Order(o.Number); !got.Cancelled() || got.CancelReason != store.CancelExpired {
		t.Fatalf("after its time: %s (%s), want cancelled as expired", got.Status, got.CancelReason)
	}
	if got := shop.VariantStock(shop.Variants().ShirtL); got != stock {
		t.Errorf("stock after expiry = %d, want %d back", got, stock)
	}
}

// fakeStripe is a Stripe API with sessions whose state the test sets:
// what stripe-mock cannot do.
type fakeStripe struct {
	*httptest.Server
	mu          sync.Mutex
	sessions    map[string]map[string]any
	down        bool // answers every session request with a 503
	unreachable bool // hangs up on every request unanswered
}

func newFakeStripe(t *testing.T) *fakeStripe {
	f := &fakeStripe{sessions: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/checkout/sessions", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		id := fmt.Sprintf("cs_test_fake%d", len(f.sessions)+1)
		f.sessions[id] = map[string]any{"id": id, "object": "checkout.session", "status": "open", "payment_status": "unpaid",
			"client_reference_id": r.PostFormValue("client_reference_id"), "url": "https://checkout.stripe.com/c/pay/" + id}
		json.NewEncoder(w).Encode(f.sessions[id])
	})
	mux.HandleFunc("GET /v1/checkout/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.answer(w, r.PathValue("id"), "")
	})
	mux.HandleFunc("POST /v1/checkout/sessions/{id}/expire", func(w http.ResponseWriter, r *http.Request) {
		f.answer(w, r.PathValue("id"), "expired")
	})
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		unreachable := f.unreachable
		f.mu.Unlock()
		if unreachable {
			// No answer at all: to the shop a network failure, as when
			// Stripe cannot be reached.
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

// answer writes session id, first moving an open one to status; Stripe
// refuses to expire a session that is not open.
func (f *fakeStripe) answer(w http.ResponseWriter, id, status string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[id]
	switch {
	case f.down:
		w.Header().Set("Stripe-Should-Retry", "false") // spares the test stripe-go's back-off
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"error":{"type":"api_error","message":"down"}}`))
		return
	case !ok:
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"No such checkout.session"}}`))
		return
	case status != "" && s["status"] != "open":
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"Only Checkout Sessions with a status in [\"open\"] can be expired."}}`))
		return
	case status != "":
		s["status"], s["url"] = status, nil
	}
	json.NewEncoder(w).Encode(s)
}

// pay makes session id complete and paid, as a shopper paying does.
func (f *fakeStripe) pay(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sessions[id]["status"], f.sessions[id]["payment_status"], f.sessions[id]["payment_intent"] = "complete", "paid", "pi_"+id
}

func (f *fakeStripe) status(id string) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sessions[id]["status"]
}

func (f *fakeStripe) setDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
}

func (f *fakeStripe) setUnreachable(unreachable bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.unreachable = unreachable
}

// TestStripeReturnMarksPaidOnce: the shopper's return asks Stripe, and a
// paid session pays its own order once, however often the page is loaded.
func TestStripeReturnMarksPaidOnce(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	_, o := buy(t, shop, store.PayStripe)
	paidURL := "/orders/" + o.Number + "/paid?key=" + o.AccessKey + "&session_id="

	shop.Get(paidURL + o.StripeSessionID)
	if shop.Order(o.Number).Paid() {
		t.Fatal("paid before the shopper paid")
	}
	fake.pay(o.StripeSessionID)
	for range 2 {
		if res := shop.Get(paidURL + o.StripeSessionID); res.Status != http.StatusSeeOther || res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("return = %d, Cache-Control %q", res.Status, res.Header.Get("Cache-Control"))
		}
	}
	got := shop.Order(o.Number)
	if !got.Paid() || got.StripePaymentIntent != "pi_"+o.StripeSessionID {
		t.Fatalf("after the return: %s, payment intent %q", got.PaymentStatus, got.StripePaymentIntent)
	}
	if n := paymentEmails(t, shop.Store, o); n != 1 {
		t.Errorf("%d payment emails, want 1", n)
	}
	// Back from Stripe, the order's page thanks the buyer once.
	for i, want := range []bool{true, false} {
		if got := strings.Contains(shop.Get(views.OrderURL(o)).Body, "Your order is placed"); got != want {
			t.Errorf("order page visit %d says thank you = %v, want %v", i+1, got, want)
		}
	}

	// Another order's paid session does not pay this one.
	_, other := buy(t, shop, store.PayStripe)
	shop.Get("/orders/" + other.Number + "/paid?key=" + other.AccessKey + "&session_id=" + o.StripeSessionID)
	if shop.Order(other.Number).Paid() {
		t.Fatal("a paid session of another order paid this one")
	}
	// Pay now on a paid order just shows it.
	if res := shop.Post("/orders/"+o.Number+"/pay", url.Values{"key": {o.AccessKey}}); res.Header.Get("Location") != views.OrderURL(o) {
		t.Errorf("pay now on a paid order went to %q", res.Header.Get("Location"))
	}
}

// TestStripeUnavailableOffersPayNow: when Stripe cannot be reached the
// order is kept and its page offers to pay again, which then works.
func TestStripeUnavailableOffersPayNow(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	fake.setUnreachable(true) // Stripe cannot be reached
	res, o := buy(t, shop, store.PayStripe)
	if res.Header.Get("Location") != views.OrderURL(o) || o.StripeSessionID != "" {
		t.Fatalf("checkout with Stripe down went to %q, session %q; want the order page", res.Header.Get("Location"), o.StripeSessionID)
	}
	noted := false
	for _, e := range o.Events {
		noted = noted || (e.Kind == store.EventPayment && e.Detail == store.PaymentStartFailed)
	}
	if !noted {
		t.Error("the failure is not on the order's timeline")
	}
	if page := shop.Get(views.OrderURL(o)).Doc(t); page.Find(`form[action="/orders/`+o.Number+`/pay"] button`).Length() != 1 {
		t.Error("the order page offers no way to pay")
	}

	fake.setUnreachable(false) // Stripe is back
	pay := shop.Post("/orders/"+o.Number+"/pay", url.Values{"key": {o.AccessKey}})
	if !strings.HasPrefix(pay.Header.Get("Location"), "https://checkout.stripe.com/") || shop.Order(o.Number).StripeSessionID == "" {
		t.Fatalf("pay now = %d to %q", pay.Status, pay.Header.Get("Location"))
	}
	if res := shop.Post("/orders/"+o.Number+"/pay", url.Values{"key": {"wrong"}}); res.Status != http.StatusNotFound {
		t.Errorf("pay now with a wrong key = %d, want 404", res.Status)
	}
}

// TestStripeExpiryJob: the job expires the session at Stripe before it
// cancels; a session paid meanwhile pays the order instead; with Stripe
// unreachable the order is left for the next run.
func TestStripeExpiryJob(t *testing.T) {
	fake := newFakeStripe(t)
	shop := newStripeShop(t, fake.URL)
	ctx := context.Background()
	_, open := buy(t, shop, store.PayStripe)
	_, paid := buy(t, shop, store.PayStripe)
	_, unsure := buy(t, shop, store.PayStripe)
	fake.pay(paid.StripeSessionID)
	shop.Clock.Advance(31 * time.Minute)

	fake.setDown(true)
	if err := shop.Payments.ExpireDue(ctx, 100, nil); err != nil {
		t.Fatal(err)
	}
	for _, o := range []*store.Order{open, paid, unsure} {
		if got := shop.Order(o.Number); !got.AwaitingPayment() {
			t.Fatalf("Stripe down: order %s became %s/%s", o.Number, got.Status, got.PaymentStatus)
		}
	}

	fake.setDown(false)
	if err := shop.Payments.ExpireDue(ctx, 100, nil); err != nil {
		t.Fatal(err)
	}
	if got := shop.Order(open.Number); !got.Cancelled() {
		t.Errorf("open session: order %s, want cancelled", got.Status)
	}
	if got := shop.Order(paid.Number); !got.Paid() || got.Cancelled() {
		t.Errorf("paid session: order %s/%s, want paid and open", got.Status, got.PaymentStatus)
	}
	if fake.status(open.StripeSessionID) != "expired" {
		t.Error("the job cancelled the order without expiring its session at Stripe")
	}
}

// TestBankTransferExpiry: an unpaid bank transfer order past its time is
// cancelled and its stock returned; cash on delivery never expires.
func TestBankTransferExpiry(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	stock := shop.VariantStock(shop.Variants().ShirtL)
	_, bank := buy(t, shop, store.PayBankTransfer)
	_, cod := buy(t, shop, store.PayCOD)

	shop.Clock.Advance(71 * time.Hour)
	if err := shop.Payments.ExpireDue(context.Background(), 100, nil); err != nil {
		t.Fatal(err)
	}
	if !shop.Order(bank.Number).AwaitingPayment() {
		t.Fatal("cancelled before its 72 hours")
	}
	shop.Clock.Advance(2 * time.Hour)
	if err := shop.Payments.ExpireDue(context.Background(), 100, nil); err != nil {
		t.Fatal(err)
	}
	if got := shop.Order(bank.Number); !got.Cancelled() || got.CancelReason != store.CancelExpired {
		t.Fatalf("after 73 hours: %s (%s), want cancelled as expired", got.Status, got.CancelReason)
	}
	if got := shop.Order(cod.Number); got.Cancelled() {
		t.Error("a cash on delivery order expired")
	}
	if got := shop.VariantStock(shop.Variants().ShirtL); got != stock-2 {
		t.Errorf("stock = %d, want %d: the bank order's 2 back, the COD order's 2 still taken", got, stock-2)
	}
}

// TestPayNowForm: the order page's "Pay now" is a plain form posting the
// order's key to /orders/{number}/pay, in the shopper's language.
func TestPayNowForm(t *testing.T) {
	var buf strings.Builder
	ctx := i18n.WithLocale(context.Background(), "zh", "CNY")
	if err := views.PayNow("K7QM-4XR2", "secret-key").Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	doc := webtest.Response{Body: buf.String()}.Doc(t)
	form := doc.Find(`form[method=post][action="/orders/K7QM-4XR2/pay"]`)
	if form.Find(`input[type=hidden][name=key][value=secret-key]`).Length() != 1 || !strings.Contains(form.Find("button").Text(), "立即付款") {
		t.Fatalf("pay now form:\n%s", buf.String())
	}
}
