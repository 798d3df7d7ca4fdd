package payment

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"sync"
	"testing"

	"storefront/store"
	"storefront/store/payment/stripemock"
)

// calls records the requests that reach a Stripe API on their way to it,
// "POST /v1/checkout/sessions/cs_…/expire", so a test can see which calls
// the shop made.
type calls struct {
	mu   sync.Mutex
	seen []string
}

func (c *calls) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.seen)
}

// recorded is apiBase behind a proxy that records the calls made to it.
func recorded(t *testing.T, apiBase string) (string, *calls) {
	t.Helper()
	target, err := url.Parse(apiBase)
	if err != nil {
		t.Fatal(err)
	}
	c := &calls{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.seen = append(c.seen, r.Method+" "+r.URL.Path)
		c.mu.Unlock()
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, c
}

// TestCancelClosesTheCheckoutSession: staff cancelling a card order the
// shopper has not paid yet close its Checkout Session at Stripe
// (stripe-mock) before the order is cancelled, so that it can no longer
// be paid. An offline order asks nothing of Stripe.
func TestCancelClosesTheCheckoutSession(t *testing.T) {
	base, seen := recorded(t, stripemock.URL(t))
	s := newFlowShop(t, base)
	ctx := context.Background()
	stock := s.stock(t)
	card := s.place(t, store.PayStripe, 2)
	if _, err := s.flows.Pay(ctx, card, returnFor(card)); err != nil {
		t.Fatal(err)
	}
	card = s.order(t, card.ID)
	if card.StripeSessionID == "" {
		t.Fatal("no session recorded")
	}
	refund, err := s.flows.CancelOrder(ctx, store.Actor{Email: "owner@example.com"}, card, store.PaymentPending)
	if err != nil || refund != 0 {
		t.Fatalf("CancelOrder = %d, %v", refund, err)
	}
	expire := "POST /v1/checkout/sessions/" + card.StripeSessionID + "/expire"
	if !slices.Contains(seen.list(), expire) {
		t.Errorf("Stripe was asked %v; want %q", seen.list(), expire)
	}
	if got := s.order(t, card.ID); !got.Cancelled() || got.CancelReason != store.CancelStaff || s.stock(t) != stock {
		t.Errorf("after the cancel: %s (%s), stock %d, want %d back", got.Status, got.CancelReason, s.stock(t), stock)
	}

	before := len(seen.list())
	bank := s.place(t, store.PayBankTransfer, 1)
	if _, err := s.flows.CancelOrder(ctx, store.Actor{}, bank, store.PaymentPending); err != nil {
		t.Fatal(err)
	}
	if after := seen.list(); len(after) != before {
		t.Errorf("cancelling a bank transfer order asked Stripe %v", after[before:])
	}
}

// TestCancelWithoutStripe: while Stripe cannot be reached, a card order
// whose session may still be paid is not cancelled (ErrSessionOpen) and
// keeps its stock taken.
func TestCancelWithoutStripe(t *testing.T) {
	s := newFlowShop(t, deadStripe(t))
	ctx := context.Background()
	card := s.place(t, store.PayStripe, 1)
	if err := s.st.SetStripeSession(ctx, card.ID, "cs_test_unreachable"); err != nil {
		t.Fatal(err)
	}
	card = s.order(t, card.ID)
	stock := s.stock(t)
	if _, err := s.flows.CancelOrder(ctx, store.Actor{}, card, store.PaymentPending); !errors.Is(err, ErrSessionOpen) {
		t.Fatalf("CancelOrder with Stripe down = %v, want ErrSessionOpen", err)
	}
	if got := s.order(t, card.ID); got.Cancelled() || s.stock(t) != stock {
		t.Errorf("after the refused cancel: %s, stock %d (was %d)", got.Status, s.stock(t), stock)
	}
}

// TestCancelFindsTheSessionPaid: Stripe says the session was paid as
// staff cancel from a page that showed the order unpaid. The payment is
// recorded and the cancel refused (store.ErrPaidSince). From the order as
// it stands, the cancel then records the refund of the whole payment.
func TestCancelFindsTheSessionPaid(t *testing.T) {
	orders := map[string]string{}
	s := newFlowShop(t, paidStripe(t, orders))
	ctx := context.Background()
	card := s.place(t, store.PayStripe, 1)
	orders["cs_test_paid"] = card.Number
	if err := s.st.SetStripeSession(ctx, card.ID, "cs_test_paid"); err != nil {
		t.Fatal(err)
	}
	card = s.order(t, card.ID)
	if _, err := s.flows.CancelOrder(ctx, store.Actor{}, card, store.PaymentPending); !errors.Is(err, store.ErrPaidSince) {
		t.Fatalf("CancelOrder of a session paid meanwhile = %v, want ErrPaidSince", err)
	}
	card = s.order(t, card.ID)
	if !card.Paid() || card.Cancelled() || card.StripePaymentIntent != "pi_cs_test_paid" {
		t.Fatalf("after the refused cancel: %s/%s, payment intent %q", card.Status, card.PaymentStatus, card.StripePaymentIntent)
	}
	refund, err := s.flows.CancelOrder(ctx, store.Actor{}, card, store.PaymentPaid)
	if err != nil || refund == 0 {
		t.Fatalf("CancelOrder of the paid order = %d, %v; want its refund", refund, err)
	}
	if r, err := s.st.ReturnByID(ctx, refund); err != nil || r.Quote.Total != card.Total || !r.CancelsOrder() {
		t.Errorf("refund %+v, %v; want the whole %d", r, err, card.Total)
	}
}
