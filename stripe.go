package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/stripe/stripe-go/v76"

	"storefront/store"
	"storefront/store/payment"
	"storefront/views"
)

// stripeGateway is the shop's connection to the Stripe API. It holds no
// key: each use reads the keys current at that moment (store.StripeSecrets).
type stripeGateway struct {
	backend stripe.Backend
	// versionNoted makes the webhook say once that events arrive in
	// another API version than stripe-go's (stripe_webhook.go).
	versionNoted atomic.Bool
}

func newStripeGateway(apiBase string) *stripeGateway {
	return &stripeGateway{backend: payment.NewBackend(apiBase)}
}

// stripeProvider is Stripe configured as the settings say now.
func (a *app) stripeProvider(ctx context.Context) (*payment.Stripe, error) {
	sec, err := a.store.StripeSecrets(ctx)
	if err != nil {
		return nil, err
	}
	st, err := a.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return &payment.Stripe{Key: sec.SecretKey, Backend: a.stripe.backend,
		ExpiresIn: time.Duration(st.StripeExpiryMinutes) * time.Minute, Now: a.store.Now}, nil
}

// startStripe sends the shopper of a Stripe order to pay: to Stripe
// Checkout, or, when Stripe cannot be reached, back to the order page,
// which offers "Pay now" again (orderPay).
func (a *app) startStripe(w http.ResponseWriter, r *http.Request, o *store.Order) {
	ctx := r.Context()
	target, err := a.stripeCheckout(ctx, r, o)
	if err != nil {
		a.log.Error("start stripe payment", "id", requestID(ctx), "order", o.Number, "err", err)
		if err := a.store.NotePaymentFailed(ctx, o.ID); err != nil {
			a.log.Error("note payment failure", "order", o.Number, "err", err)
		}
		target = orderURL(o)
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// stripeCheckout is where the shopper pays o. A session that Stripe still
// holds open is reused (a double submit, a shopper back from Stripe's
// cancel link), one already paid is recorded, and only a session that is
// gone is replaced by a new one. So "Pay now" never opens a second
// payable session for an order while the first can still be paid.
func (a *app) stripeCheckout(ctx context.Context, r *http.Request, o *store.Order) (string, error) {
	p, err := a.stripeProvider(ctx)
	if err != nil {
		return "", err
	}
	replaces := ""
	if o.StripeSessionID != "" {
		sess, err := p.Session(ctx, o.StripeSessionID)
		if err != nil {
			return "", err
		}
		switch {
		case sess.Paid():
			_, err := a.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: o.Number, PaymentIntent: sess.PaymentIntent})
			return orderURL(o), err
		case sess.Status == payment.SessionComplete:
			return orderURL(o), nil // a delayed payment is on its way; its webhook settles the order
		case sess.Status == payment.SessionOpen && sess.URL != "":
			return sess.URL, nil
		}
		replaces = sess.ID
	}
	start, err := p.Start(ctx, a.paymentOrder(r, o, replaces))
	if err != nil {
		return "", err
	}
	if err := a.store.SetStripeSession(ctx, o.ID, start.SessionID); err != nil {
		return "", fmt.Errorf("record stripe session: %w", err)
	}
	return start.RedirectURL, nil
}

// paymentOrder describes o to a payment provider, with the amounts as
// charged. Each line is sent with the unit amount the shopper actually paid
// after discounts (and tax, when it is added on top); a line whose paid
// amount does not divide by its quantity goes as one item of "title × n",
// so no cent is rounded away. Whatever the order's total holds beyond the
// lines is shipping (with its tax), so Stripe's total is the order's total
// exactly.
func (a *app) paymentOrder(r *http.Request, o *store.Order, replaces string) payment.Order {
	page := a.absURL(r, "/orders/"+url.PathEscape(o.Number))
	key := url.QueryEscape(o.AccessKey)
	po := payment.Order{
		Number: o.Number, Currency: o.Currency, Email: o.Email, Total: o.Total,
		SuccessURL: page + "/paid?key=" + key + "&session_id={CHECKOUT_SESSION_ID}",
		CancelURL:  page + "?key=" + key,
		PlacedAt:   o.CreatedAt, Replaces: replaces,
	}
	var lines int64
	for _, l := range o.Lines {
		name := views.ItemName(r.Context(), l.ProductTitle, l.VariantTitle)
		if l.Paid%l.Quantity == 0 {
			po.Lines = append(po.Lines, payment.Line{Name: name, Quantity: l.Quantity, UnitAmount: l.Paid / l.Quantity})
		} else {
			po.Lines = append(po.Lines, payment.Line{Name: fmt.Sprintf("%s × %d", name, l.Quantity), Quantity: 1, UnitAmount: l.Paid})
		}
		lines += l.Paid
	}
	if rest := o.Total - lines; rest != 0 {
		po.Lines = append(po.Lines, payment.Line{Name: cmp.Or(o.ShippingMethod, "Shipping"), Quantity: 1, UnitAmount: rest})
	}
	return po
}

// orderPay (POST /orders/{number}/pay, field key) starts paying a Stripe
// order again: after starting failed, or after the shopper left Stripe's
// page. An order not waiting for a Stripe payment just shows its page.
func (a *app) orderPay(w http.ResponseWriter, r *http.Request) {
	o, err := a.keyedOrder(r.Context(), r.PathValue("number"), r.PostFormValue("key"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	if o.PaymentMethod != store.PayStripe || !o.AwaitingPayment() {
		http.Redirect(w, r, orderURL(o), http.StatusSeeOther)
		return
	}
	a.startStripe(w, r, o)
}

// orderPaid (GET /orders/{number}/paid?key=&session_id=) is where Stripe
// sends the shopper back after paying. The query proves nothing: the
// session is asked of Stripe, and only a paid session of this very order
// marks it paid. The webhook does the same, so whichever comes first
// records the payment and the other changes nothing.
func (a *app) orderPaid(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	o, err := a.keyedOrder(ctx, r.PathValue("number"), q.Get("key"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	if id := q.Get("session_id"); o.PaymentMethod == store.PayStripe && !o.Paid() && payment.ValidSessionID(id) {
		if err := a.confirmStripe(ctx, o, id); err != nil {
			// The webhook will settle it; the order page says payment is awaited.
			a.log.Warn("confirm stripe return", "id", requestID(ctx), "order", o.Number, "err", err)
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, orderURL(o), http.StatusSeeOther)
}

// errForeignSession means a session that pays another order.
var errForeignSession = errors.New("checkout session belongs to another order")

// confirmStripe records o paid if Stripe says session id, which must be
// o's, is paid.
func (a *app) confirmStripe(ctx context.Context, o *store.Order, id string) error {
	p, err := a.stripeProvider(ctx)
	if err != nil {
		return err
	}
	sess, err := p.Session(ctx, id)
	if err != nil {
		return err
	}
	// The session names its order (client_reference_id); failing that it
	// must be the one recorded for o. Otherwise a paid session of another
	// order could be replayed here.
	if sess.OrderNumber != o.Number && (sess.OrderNumber != "" || sess.ID != o.StripeSessionID) {
		return fmt.Errorf("%w: %s", errForeignSession, sess.ID)
	}
	if !sess.Paid() {
		return nil
	}
	_, err = a.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: o.Number, PaymentIntent: sess.PaymentIntent})
	return err
}
