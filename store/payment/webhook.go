package payment

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"
)

// The Checkout Session events the shop acts on.
const (
	EventSessionCompleted    = "checkout.session.completed"
	EventAsyncPaymentSuccess = "checkout.session.async_payment_succeeded"
	EventSessionExpired      = "checkout.session.expired"
	EventAsyncPaymentFailed  = "checkout.session.async_payment_failed"
)

// WebhookTolerance is how old a signed event may be, and how far ahead of
// the shop's clock: any other signature is refused as a possible replay.
const WebhookTolerance = 5 * time.Minute

// ErrBadEvent means a webhook body is not a genuine, fresh Stripe event:
// no or a wrong signature, a stale timestamp, or a body that is not an
// event. It is the sender's fault (answer 400).
var ErrBadEvent = errors.New("payment: bad stripe event")

// Event is a verified Stripe webhook event, reduced to what the shop reads.
type Event struct {
	ID         string
	Type       string
	APIVersion string
	Session    Session  // for checkout.session.* events
	Refunds    []Refund // for refund events (refundsOf)
}

// VersionMatches reports whether the event was rendered in the API version
// stripe-go pins. Events of other versions are accepted on purpose (see
// sessionObject), and the caller may say so once.
func (e Event) VersionMatches() bool { return e.APIVersion == stripe.APIVersion }

// signedAt reads the time a Stripe-Signature header ("t=1700000000,v1=…")
// was signed at.
func signedAt(signature string) (time.Time, bool) {
	for part := range strings.SplitSeq(signature, ",") {
		if v, ok := strings.CutPrefix(part, "t="); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			return time.Unix(n, 0), err == nil
		}
	}
	return time.Time{}, false
}

// ParseWebhook verifies a webhook body against its Stripe-Signature header
// with the endpoint's signing secret, and reads the event.
func ParseWebhook(payload []byte, signature, secret string) (Event, error) {
	if secret == "" {
		return Event{}, fmt.Errorf("%w: no webhook signing secret is set", ErrBadEvent)
	}
	e, err := webhook.ConstructEventWithOptions(payload, signature, secret, webhook.ConstructEventOptions{
		Tolerance:                WebhookTolerance,
		IgnoreAPIVersionMismatch: true,
	})
	if err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrBadEvent, err)
	}
	// stripe-go refuses only signatures older than the tolerance; one
	// dated in the future would stay replayable for as long as it is ahead.
	if at, ok := signedAt(signature); !ok || time.Until(at) > WebhookTolerance {
		return Event{}, fmt.Errorf("%w: signed for %v, in the future", ErrBadEvent, at)
	}
	ev := Event{ID: e.ID, Type: string(e.Type), APIVersion: e.APIVersion}
	if ev.ID == "" {
		return Event{}, fmt.Errorf("%w: no event id", ErrBadEvent)
	}
	if strings.HasPrefix(ev.Type, "checkout.session.") {
		var obj sessionObject
		if e.Data == nil || json.Unmarshal(e.Data.Raw, &obj) != nil || obj.ID == "" {
			return Event{}, fmt.Errorf("%w: %s %s carries no checkout session", ErrBadEvent, ev.Type, ev.ID)
		}
		ev.Session = obj.session()
	}
	if e.Data != nil {
		if ev.Refunds, err = refundsOf(ev.Type, e.Data.Raw); err != nil {
			return Event{}, fmt.Errorf("%w (event %s)", err, ev.ID)
		}
	}
	return ev, nil
}
