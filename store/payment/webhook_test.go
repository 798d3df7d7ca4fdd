package payment

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"
)

const testSecret = "whsec_test_secret"

// event is a checkout.session event as Stripe sends it, in API version.
func event(id, typ, version, paymentIntent string) []byte {
	return fmt.Appendf(nil, `{"id":%q,"object":"event","api_version":%q,"created":1700000000,"type":%q,
		"data":{"object":{"id":"cs_test_1","object":"checkout.session","client_reference_id":"K7QM-4XR2",
		"status":"complete","payment_status":"paid","payment_intent":%s,"metadata":{"order_number":"K7QM-4XR2"}}}}`,
		id, version, typ, paymentIntent)
}

func sign(payload []byte, at time.Time, secret string) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

func TestParseWebhook(t *testing.T) {
	body := event("evt_1", EventSessionCompleted, "2023-10-16", `"pi_1"`)
	ev, err := ParseWebhook(body, sign(body, time.Now(), testSecret), testSecret)
	if err != nil {
		t.Fatal(err)
	}
	want := Session{ID: "cs_test_1", OrderNumber: "K7QM-4XR2", Status: SessionComplete, PaymentStatus: SessionPaid, PaymentIntent: "pi_1"}
	if ev.ID != "evt_1" || ev.Type != EventSessionCompleted || ev.Session != want || !ev.VersionMatches() {
		t.Fatalf("event = %+v", ev)
	}

	// Another API version, with payment_intent expanded: read all the same.
	body = event("evt_2", EventSessionCompleted, "2025-03-31.basil", `{"id":"pi_2","object":"payment_intent"}`)
	ev, err = ParseWebhook(body, sign(body, time.Now(), testSecret), testSecret)
	if err != nil || ev.Session.PaymentIntent != "pi_2" || ev.VersionMatches() {
		t.Fatalf("other version: %+v, %v", ev, err)
	}
}

func TestParseWebhookRefusals(t *testing.T) {
	body := event("evt_1", EventSessionCompleted, "2023-10-16", `"pi_1"`)
	tampered := event("evt_1", EventSessionCompleted, "2023-10-16", `"pi_attacker"`)
	for name, c := range map[string]struct {
		body      []byte
		signature string
		secret    string
	}{
		"tampered body":    {tampered, sign(body, time.Now(), testSecret), testSecret},
		"stale timestamp":  {body, sign(body, time.Now().Add(-WebhookTolerance-time.Minute), testSecret), testSecret},
		"future timestamp": {body, sign(body, time.Now().Add(WebhookTolerance+time.Minute), testSecret), testSecret},
		"other secret":     {body, sign(body, time.Now(), "whsec_other"), testSecret},
		"no signature":     {body, "", testSecret},
		"garbage header":   {body, "t=abc,v1=zz", testSecret},
		"no secret set":    {body, sign(body, time.Now(), ""), ""},
		"not an event":     {[]byte(`{"id":"evt_3","type":"checkout.session.completed","data":{"object":"x"}}`), "", testSecret},
	} {
		sig := c.signature
		if name == "not an event" {
			sig = sign(c.body, time.Now(), testSecret)
		}
		if _, err := ParseWebhook(c.body, sig, c.secret); !errors.Is(err, ErrBadEvent) {
			t.Errorf("%s: %v, want ErrBadEvent", name, err)
		}
	}
}

// TestParseWebhookClockSkew: Stripe's clock and the shop's may differ by
// a little either way; within the tolerance an event is taken.
func TestParseWebhookClockSkew(t *testing.T) {
	body := event("evt_1", EventSessionCompleted, "2023-10-16", `"pi_1"`)
	for _, skew := range []time.Duration{-WebhookTolerance + time.Minute, WebhookTolerance - time.Minute} {
		if _, err := ParseWebhook(body, sign(body, time.Now().Add(skew), testSecret), testSecret); err != nil {
			t.Errorf("signed %v from now: %v", skew, err)
		}
	}
}
