package payment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/checkout/session"
)

// Checkout Session states, as Stripe spells them.
const (
	SessionOpen     = "open"
	SessionComplete = "complete"
	SessionExpired  = "expired"

	SessionPaid = "paid" // payment_status once the money is in
)

// Stripe accepts a session expiry from 30 minutes to 24 hours after it
// creates the session. The floor has a minute to spare for clock skew and
// latency; the ceiling five.
const (
	minSessionLife = 31 * time.Minute
	maxSessionLife = 24*time.Hour - 5*time.Minute
	// stripeMinLead is what Stripe itself requires, plus a little slack:
	// an expiry closer than this would be refused.
	stripeMinLead = 30*time.Minute + 20*time.Second
)

// maxLineName is Stripe's limit on a product name, in characters.
const maxLineName = 250

// ErrNotConfigured means the shop has no Stripe secret key.
var ErrNotConfigured = errors.New("payment: stripe has no secret key")

// NewBackend is the connection to the Stripe API at apiBase ("" for
// Stripe's own; tests point it at stripe-mock). It holds no key, so one
// backend serves every key the owner may save in the settings.
func NewBackend(apiBase string) stripe.Backend {
	cfg := &stripe.BackendConfig{
		HTTPClient:        &http.Client{Timeout: 20 * time.Second},
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull}, // callers log what fails, once
		MaxNetworkRetries: stripe.Int64(2),                                // safe: every POST carries an idempotency key
		EnableTelemetry:   stripe.Bool(false),
	}
	if apiBase != "" {
		cfg.URL = stripe.String(apiBase)
	}
	return stripe.GetBackendWithConfig(stripe.APIBackend, cfg)
}

// Stripe pays through Stripe Checkout. It is built for each use with the
// key current at that moment (the owner can change it in the settings while
// the shop runs), so it never touches stripe-go's global stripe.Key.
type Stripe struct {
	Key       string         // secret key, sk_… or rk_…
	Backend   stripe.Backend // from NewBackend
	ExpiresIn time.Duration  // how long the shopper has to pay; clamped to what Stripe accepts
	Now       func() time.Time
}

// sessions is a Checkout Session client for this key: the per-call client
// that client.API.Init would build, without the other 150 resources.
func (s *Stripe) sessions() (session.Client, error) {
	if s.Key == "" {
		return session.Client{}, ErrNotConfigured
	}
	return session.Client{B: s.Backend, Key: s.Key}, nil
}

func (s *Stripe) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Start creates a Checkout Session in payment mode from the snapshot's
// lines, for the shopper to be sent to.
func (s *Stripe) Start(ctx context.Context, o Order) (Start, error) {
	c, err := s.sessions()
	if err != nil {
		return Start{}, err
	}
	if err := o.check(); err != nil {
		return Start{}, err
	}
	expires, key := s.attempt(o, s.now())
	p := &stripe.CheckoutSessionParams{
		Mode:              stripe.String(string(stripe.CheckoutSessionModePayment)),
		ClientReferenceID: stripe.String(o.Number),
		SuccessURL:        stripe.String(o.SuccessURL),
		CancelURL:         stripe.String(o.CancelURL),
		ExpiresAt:         stripe.Int64(expires.Unix()),
		Metadata:          map[string]string{"order_number": o.Number},
		PaymentIntentData: &stripe.CheckoutSessionPaymentIntentDataParams{
			Description: stripe.String("Order " + o.Number),
			Metadata:    map[string]string{"order_number": o.Number},
		},
	}
	if o.Email != "" {
		p.CustomerEmail = stripe.String(o.Email)
	}
	currency := strings.ToLower(o.Currency)
	for _, l := range o.Lines {
		p.LineItems = append(p.LineItems, &stripe.CheckoutSessionLineItemParams{
			Quantity: stripe.Int64(l.Quantity),
			PriceData: &stripe.CheckoutSessionLineItemPriceDataParams{
				Currency:    stripe.String(currency),
				UnitAmount:  stripe.Int64(l.UnitAmount),
				ProductData: &stripe.CheckoutSessionLineItemPriceDataProductDataParams{Name: stripe.String(truncate(l.Name, maxLineName))},
			},
		})
	}
	p.Context = ctx
	p.SetIdempotencyKey(key)
	sess, err := c.New(p)
	if err != nil {
		return Start{}, fmt.Errorf("stripe: create checkout session for %s: %w", o.Number, err)
	}
	return Start{RedirectURL: sess.URL, SessionID: sess.ID}, nil
}

// attempt picks a session's expiry and its idempotency key.
//
// The first session of an order has the key "storefront-order-{number}"
// and an expiry anchored on when the order was placed, so repeating the
// request (a double submit, a retry after a timeout) repeats it exactly and
// Stripe answers with the session it already made. Stripe refuses a key
// reused with other parameters, and refuses an expiry less than 30 minutes
// away; so once the anchored expiry has come that close, a retry takes an
// expiry from now, rounded up to the minute, and the key carries it:
// retries within one minute still share one session, later ones get their
// own. A session that replaces an expired one names it in the key.
func (s *Stripe) attempt(o Order, now time.Time) (expires time.Time, key string) {
	life := min(max(s.ExpiresIn, minSessionLife), maxSessionLife)
	key = "storefront-order-" + o.Number
	if o.Replaces != "" {
		key += "-" + o.Replaces
	}
	expires = o.PlacedAt.Add(life)
	if o.PlacedAt.IsZero() || expires.Before(now.Add(stripeMinLead)) || expires.After(now.Add(maxSessionLife)) {
		expires = now.Add(life).Truncate(time.Minute).Add(time.Minute)
		key += "-" + strconv.FormatInt(expires.Unix(), 10)
	}
	return expires, key
}

// sessionIDPattern is the shape of a Checkout Session id.
var sessionIDPattern = regexp.MustCompile(`^cs_[A-Za-z0-9_]{1,250}$`)

// ValidSessionID reports whether id looks like a Checkout Session id, so
// that junk from a URL is refused before it costs a call to Stripe.
func ValidSessionID(id string) bool { return sessionIDPattern.MatchString(id) }

// Session is what Stripe says about a Checkout Session.
type Session struct {
	ID            string
	OrderNumber   string // client_reference_id (or the order_number metadata)
	Status        string // SessionOpen, SessionComplete or SessionExpired
	PaymentStatus string // SessionPaid, "unpaid" or "no_payment_required"
	PaymentIntent string
	URL           string // where the shopper pays, while the session is open
}

// Paid reports whether the money is in. A completed session of a delayed
// method (a bank debit) is "unpaid" until its async_payment_succeeded event.
func (s Session) Paid() bool { return s.PaymentStatus == SessionPaid }

func fromStripe(cs *stripe.CheckoutSession) Session {
	out := Session{ID: cs.ID, OrderNumber: cs.ClientReferenceID, Status: string(cs.Status),
		PaymentStatus: string(cs.PaymentStatus), URL: cs.URL}
	if out.OrderNumber == "" {
		out.OrderNumber = cs.Metadata["order_number"]
	}
	if cs.PaymentIntent != nil {
		out.PaymentIntent = cs.PaymentIntent.ID
	}
	return out
}

// Session retrieves a Checkout Session.
func (s *Stripe) Session(ctx context.Context, id string) (Session, error) {
	c, err := s.sessions()
	if err != nil {
		return Session{}, err
	}
	p := &stripe.CheckoutSessionParams{}
	p.Context = ctx
	cs, err := c.Get(id, p)
	if err != nil {
		return Session{}, fmt.Errorf("stripe: retrieve checkout session %s: %w", id, err)
	}
	return fromStripe(cs), nil
}

// ExpireSession expires an open Checkout Session so that it can no longer
// be paid, and returns what became of it. A session that is no longer open
// cannot be expired: Stripe refuses, and the session is retrieved instead,
// so the caller learns whether it was paid in the meantime. Any other
// failure (Stripe unreachable) is an error: the caller must then not assume
// the session is unpaid.
func (s *Stripe) ExpireSession(ctx context.Context, id string) (Session, error) {
	c, err := s.sessions()
	if err != nil {
		return Session{}, err
	}
	p := &stripe.CheckoutSessionExpireParams{}
	p.Context = ctx
	cs, err := c.Expire(id, p)
	var serr *stripe.Error
	if errors.As(err, &serr) && serr.HTTPStatusCode == http.StatusBadRequest && serr.Type == stripe.ErrorTypeInvalidRequest {
		return s.Session(ctx, id)
	}
	if err != nil {
		return Session{}, fmt.Errorf("stripe: expire checkout session %s: %w", id, err)
	}
	return fromStripe(cs), nil
}

// sessionObject is the part of a checkout.session object that the shop
// reads from a webhook event. It is parsed here rather than by stripe-go's
// types because the endpoint may be on another API version than the one
// stripe-go pins: these fields have kept their meaning across versions.
type sessionObject struct {
	ID                string            `json:"id"`
	ClientReferenceID string            `json:"client_reference_id"`
	Status            string            `json:"status"`
	PaymentStatus     string            `json:"payment_status"`
	PaymentIntent     json.RawMessage   `json:"payment_intent"` // an id, or the object when expanded
	Metadata          map[string]string `json:"metadata"`
}

func (o sessionObject) session() Session {
	out := Session{ID: o.ID, OrderNumber: o.ClientReferenceID, Status: o.Status, PaymentStatus: o.PaymentStatus}
	if out.OrderNumber == "" {
		out.OrderNumber = o.Metadata["order_number"]
	}
	if id, ok := stripe.ParseID(o.PaymentIntent); ok {
		out.PaymentIntent = id
	} else {
		var pi struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(o.PaymentIntent, &pi) == nil {
			out.PaymentIntent = pi.ID
		}
	}
	return out
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
