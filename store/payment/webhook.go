package payment

import (
	"encoding/json"
	"errors"
	"fmt"
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

// WebhookTolerance is how old a signed event may be: an older signature is
// refused as a possible replay.
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
	Session    Session // for checkout.session.* events
}

// VersionMatches reports whether the event was rendered in the API version
// stripe-go pins. Events of other versions are accepted on purpose (see
// sessionObject), and the caller may say so once.
func (e Event) VersionMatches() bool { return e.APIVersion == stripe.APIVersion }

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
	return ev, nil
}
