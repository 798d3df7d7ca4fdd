package payment

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/stripe/stripe-go/v76"

	"storefront/store"
)

// Flows moves orders through Stripe, with the keys and settings current at
// each call. It holds no key: each use reads the keys current at that
// moment (store.StripeSecrets), so the owner can change them while the shop
// runs.
type Flows struct {
	store   *store.Store
	backend stripe.Backend
	// versionNoted makes the webhook say once that events arrive in
	// another API version than stripe-go's (FirstVersionMismatch).
	versionNoted atomic.Bool
}

// NewFlows returns the flows of st's orders through the Stripe API at
// apiBase ("" for Stripe's own; tests point it at stripe-mock).
func NewFlows(st *store.Store, apiBase string) *Flows {
	return &Flows{store: st, backend: NewBackend(apiBase)}
}

// client is Stripe configured as the settings say now.
func (f *Flows) client(ctx context.Context) (*Stripe, error) {
	sec, err := f.store.StripeSecrets(ctx)
	if err != nil {
		return nil, err
	}
	st, err := f.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return &Stripe{Key: sec.SecretKey, Backend: f.backend,
		ExpiresIn: time.Duration(st.StripeExpiryMinutes) * time.Minute, Now: f.store.Now}, nil
}

// Return says where Stripe sends the shopper back and how a line is named
// in the shopper's language.
type Return struct {
	OrderURL  string                             // absolute URL of the order page, no query: https://shop.example/orders/K7QM-4XR2
	AccessKey string                             // the order's access key, added as ?key=
	ItemName  func(title, variant string) string // views.ItemName bound to the request's context
}

// Pay returns where the shopper of Stripe order o goes to pay: a new or
// still-open Checkout Session's URL, or "" when the order page should be
// shown (Stripe says it is paid — recorded — or a delayed payment is
// pending). When it fails (Stripe unreachable, no key) it records the
// failure on the order (store.NotePaymentFailed) before returning the
// error: the order is kept, and its page offers "Pay now" again.
func (f *Flows) Pay(ctx context.Context, o *store.Order, ret Return) (string, error) {
	target, err := f.checkout(ctx, o, ret)
	if err != nil {
		if nerr := f.store.NotePaymentFailed(ctx, o.ID); nerr != nil {
			err = errors.Join(err, fmt.Errorf("note payment failure: %w", nerr))
		}
		return "", err
	}
	return target, nil
}

// checkout is where the shopper pays o. A session that Stripe still holds
// open is reused (a double submit, a shopper back from Stripe's cancel
// link), one already paid is recorded, and only a session that is gone is
// replaced by a new one. So "Pay now" never opens a second payable session
// for an order while the first can still be paid.
func (f *Flows) checkout(ctx context.Context, o *store.Order, ret Return) (string, error) {
	p, err := f.client(ctx)
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
			_, err := f.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: o.Number, PaymentIntent: sess.PaymentIntent})
			return "", err
		case sess.Status == SessionComplete:
			return "", nil // a delayed payment is on its way; its webhook settles the order
		case sess.Status == SessionOpen && sess.URL != "":
			return sess.URL, nil
		}
		replaces = sess.ID
	}
	start, err := p.Start(ctx, paymentOrder(o, ret, replaces))
	if err != nil {
		return "", err
	}
	if err := f.store.SetStripeSession(ctx, o.ID, start.SessionID); err != nil {
		return "", fmt.Errorf("record stripe session: %w", err)
	}
	return start.RedirectURL, nil
}

// paymentOrder describes o to Stripe, with the amounts as charged. Each
// line is sent with the unit amount the shopper actually paid after
// discounts (and tax, when it is added on top); a line whose paid amount
// does not divide by its quantity goes as one item of "title × n", so no
// cent is rounded away. Whatever the order's total holds beyond the lines
// is shipping (with its tax), so Stripe's total is the order's total
// exactly.
func paymentOrder(o *store.Order, ret Return, replaces string) Order {
	key := url.QueryEscape(ret.AccessKey)
	po := Order{
		Number: o.Number, Currency: o.Currency, Email: o.Email, Total: o.Total,
		SuccessURL: ret.OrderURL + "/paid?key=" + key + "&session_id={CHECKOUT_SESSION_ID}",
		CancelURL:  ret.OrderURL + "?key=" + key,
		PlacedAt:   o.CreatedAt, Replaces: replaces,
	}
	itemName := ret.ItemName
	if itemName == nil {
		itemName = plainItemName
	}
	var lines int64
	for _, l := range o.Lines {
		name := itemName(l.ProductTitle, l.VariantTitle)
		if l.Paid%l.Quantity == 0 {
			po.Lines = append(po.Lines, Line{Name: name, Quantity: l.Quantity, UnitAmount: l.Paid / l.Quantity})
		} else {
			po.Lines = append(po.Lines, Line{Name: fmt.Sprintf("%s × %d", name, l.Quantity), Quantity: 1, UnitAmount: l.Paid})
		}
		lines += l.Paid
	}
	if rest := o.Total - lines; rest != 0 {
		po.Lines = append(po.Lines, Line{Name: cmp.Or(o.ShippingMethod, "Shipping"), Quantity: 1, UnitAmount: rest})
	}
	return po
}

// plainItemName names a line when the caller gave no ItemName: the
// English form of the catalog's "Title (Variant)".
func plainItemName(title, variant string) string {
	if variant == "" {
		return title
	}
	return title + " (" + variant + ")"
}

// errForeignSession means a session that pays another order.
var errForeignSession = errors.New("checkout session belongs to another order")

// Confirm records o paid when Stripe says session sessionID, which must be
// o's, is paid (errForeignSession otherwise). It is the shopper's return
// from Stripe: the URL proves nothing, so the session is asked of Stripe.
// The webhook's event (trusted for its signature, ParseWebhook) records
// the payment too, so whichever comes first records it and the other
// changes nothing. An unpaid session is no error.
func (f *Flows) Confirm(ctx context.Context, o *store.Order, sessionID string) error {
	p, err := f.client(ctx)
	if err != nil {
		return err
	}
	sess, err := p.Session(ctx, sessionID)
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
	_, err = f.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: o.Number, PaymentIntent: sess.PaymentIntent})
	return err
}

// Webhook verifies a Stripe event with the current webhook secret and
// applies it once. A body that is not a genuine fresh event (no secret set,
// a wrong or stale signature, not an event) is an error wrapping
// ErrBadEvent: the sender's fault. A session of no order or a refund of no
// return here (another integration on the same Stripe account, a refund
// made in Stripe's dashboard) is store.ErrNotFound. Anything
// else is a database failure, and Stripe should deliver the event again.
// The event is returned whenever it was read, for the caller's log.
func (f *Flows) Webhook(ctx context.Context, body []byte, signature string) (Event, error) {
	sec, err := f.store.StripeSecrets(ctx)
	if err != nil {
		return Event{}, fmt.Errorf("read stripe secrets: %w", err)
	}
	ev, err := ParseWebhook(body, signature, sec.WebhookSecret)
	if err != nil {
		return Event{}, err
	}
	return ev, f.apply(ctx, ev)
}

// apply applies one event; the store makes it happen once per event id,
// marks an order paid once and keeps a refund's final state whatever the
// order of events. Events of no interest change nothing.
func (f *Flows) apply(ctx context.Context, ev Event) error {
	ss := store.StripeSession{ID: ev.Session.ID, OrderNumber: ev.Session.OrderNumber, PaymentIntent: ev.Session.PaymentIntent}
	switch ev.Type {
	case EventSessionCompleted, EventAsyncPaymentSuccess:
		if !ev.Session.Paid() {
			return nil // a delayed method (a bank debit): async_payment_succeeded follows
		}
		_, err := f.store.StripePaid(ctx, ev.ID, ss)
		return err
	case EventSessionExpired:
		_, err := f.store.StripeExpired(ctx, ev.ID, ss)
		return err
	case EventAsyncPaymentFailed:
		_, err := f.store.StripePaymentFailed(ctx, ev.ID, ss)
		return err
	case EventRefundCreated, EventRefundUpdated, EventRefundFailed, EventChargeRefundUpdated, EventChargeRefunded:
		return f.applyRefunds(ctx, ev)
	}
	return nil
}

// FirstVersionMismatch reports true once: the first time a verified event
// arrives in another API version than stripe-go's, so that the handler
// says once that this is fine (the events' objects are read field by
// field, see sessionObject and refundObject).
func (f *Flows) FirstVersionMismatch(ev Event) bool {
	return ev.ID != "" && !ev.VersionMatches() && f.versionNoted.CompareAndSwap(false, true)
}

// ExpireDue expires the unpaid orders whose time has run out, at most
// limit of them (store.DueExpiries picks which, offline orders first). An
// order that cannot be settled now is left for the next run and reported
// to skipped; the error is only for failing to list them.
func (f *Flows) ExpireDue(ctx context.Context, limit int, skipped func(store.ExpiringOrder, error)) error {
	due, err := f.store.DueExpiries(ctx, f.store.Now(), limit)
	if err != nil {
		return err
	}
	for _, e := range due {
		if ctx.Err() != nil {
			return nil
		}
		if err := f.Expire(ctx, e); err != nil && ctx.Err() == nil && skipped != nil {
			skipped(e, err)
		}
	}
	return nil
}

// Expire expires one due unpaid order (from store.DueExpiries) and gives
// its stock back. A Stripe order's session is closed first (closeSession):
// if Stripe says it was paid after all, the order is marked paid instead;
// when that fails the order is left for the next run, because an order that
// might be paid is never cancelled.
func (f *Flows) Expire(ctx context.Context, e store.ExpiringOrder) error {
	if e.PaymentMethod == store.PayStripe && e.StripeSessionID != "" {
		if paid, err := f.closeSession(ctx, e.Number, e.StripeSessionID); err != nil || paid {
			return err
		}
	}
	_, err := f.store.ExpireOrder(ctx, e.ID, store.CancelExpired)
	return err
}

// ErrSessionOpen means a card order's Checkout Session could not be closed
// at Stripe (Stripe unreachable, no key): the shopper may still pay it, so
// the order is not cancelled.
var ErrSessionOpen = errors.New("payment: the checkout session could not be closed")

// ErrPaymentPending means a card order's Checkout Session is complete with
// a delayed payment (a bank debit) on its way: the order waits for its
// outcome and cannot be cancelled meanwhile. It is a store.ErrConflict.
var ErrPaymentPending = fmt.Errorf("%w: a delayed payment is pending", store.ErrConflict)

// CancelOrder cancels an open order for staff (store.CancelOrderSeen, with
// the payment status the form was shown with). A card order still awaiting
// its payment has its Checkout Session closed at Stripe first, as the
// expiry does, so that the shopper cannot pay an order that is cancelled.
// If Stripe says the session was paid meanwhile, the payment is recorded,
// and the form that showed the order unpaid is refused (store.ErrPaidSince).
// When the session cannot be closed (ErrSessionOpen, ErrPaymentPending),
// nothing is cancelled. It returns the id of the refund the cancel
// recorded, 0 for none.
func (f *Flows) CancelOrder(ctx context.Context, actor store.Actor, o *store.Order, payment string) (int64, error) {
	if o.PaymentMethod == store.PayStripe && o.StripeSessionID != "" && o.AwaitingPayment() {
		if _, err := f.closeSession(ctx, o.Number, o.StripeSessionID); err != nil {
			return 0, err
		}
	}
	return f.store.CancelOrderSeen(ctx, actor, o.ID, payment)
}

// closeSession expires the Checkout Session sessionID of order number at
// Stripe, so that it can no longer be paid, and reports whether it was
// paid after all, in which case the payment is recorded. A session that is
// complete with a delayed payment pending is ErrPaymentPending, and a
// Stripe that cannot be asked is ErrSessionOpen: in both cases the order
// may still be paid.
func (f *Flows) closeSession(ctx context.Context, number, sessionID string) (paid bool, err error) {
	p, err := f.client(ctx)
	if err != nil {
		return false, err
	}
	sess, err := p.ExpireSession(ctx, sessionID)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrSessionOpen, err)
	}
	switch {
	case sess.Paid():
		_, err := f.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: number, PaymentIntent: sess.PaymentIntent})
		return true, err
	case sess.Status == SessionComplete:
		return false, fmt.Errorf("session %s is complete: %w", sess.ID, ErrPaymentPending)
	}
	return false, nil
}
