package mail_test

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// mailShop is webtest.NewWithOrders (bank transfer) sending through a
// fake mail server.
func mailShop(t *testing.T, locales ...string) (*webtest.Shop, *webtest.MailServer, []*store.Order) {
	t.Helper()
	fake := webtest.NewMailServer(t)
	shop := webtest.New(t, webtest.WithSMTP(mail.SMTP{Addr: fake.Addr, User: "shop", Password: "s3cret", From: "orders@shop.example"}))
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	var orders []*store.Order
	for _, l := range locales {
		orders = append(orders, shop.PlaceOrder(l, store.PayBankTransfer, flat))
	}
	return shop, fake, orders
}

// mimeParts reads a multipart/alternative message into its parts by
// content type, decoding quoted-printable.
func mimeParts(t *testing.T, msg *netmail.Message) map[string]string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type = %q, %v", msg.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return parts
		}
		if err != nil {
			t.Fatal(err)
		}
		if enc := p.Header.Get("Content-Transfer-Encoding"); enc != "quoted-printable" {
			t.Errorf("part encoding = %q", enc)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		parts[p.Header.Get("Content-Type")] = string(body)
	}
}

func TestMailerSendsOrderEmails(t *testing.T) {
	shop, fake, orders := mailShop(t, "en", "zh")
	shop.Emails.SendDue(context.Background())

	mails, auth := fake.Received()
	if len(mails) != 2 {
		t.Fatalf("server received %d messages, want 2", len(mails))
	}
	if auth != "\x00shop\x00s3cret" {
		t.Errorf("AUTH PLAIN = %q", auth)
	}
	wantSubjects := []string{"Order " + orders[0].Number + " confirmed", "订单 " + orders[1].Number + " 已确认"}
	for i, m := range mails {
		if m.From != "MAIL FROM:<orders@shop.example> BODY=8BITMIME" && m.From != "MAIL FROM:<orders@shop.example>" {
			t.Errorf("envelope from = %q", m.From)
		}
		if m.To != "RCPT TO:<ana@example.com>" {
			t.Errorf("envelope to = %q", m.To)
		}
		msg, err := netmail.ReadMessage(strings.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != wantSubjects[i] {
			t.Errorf("Subject = %q, %v, want %q", subject, err, wantSubjects[i])
		}
		from, err := netmail.ParseAddress(msg.Header.Get("From"))
		if err != nil || from.Address != "orders@shop.example" || from.Name == "" {
			t.Errorf("From = %q, %v", msg.Header.Get("From"), err)
		}
		if to, err := netmail.ParseAddress(msg.Header.Get("To")); err != nil || to.Address != "ana@example.com" {
			t.Errorf("To = %q, %v", msg.Header.Get("To"), err)
		}
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("Date: %v", err)
		}
		if id := msg.Header.Get("Message-Id"); !strings.HasPrefix(id, "<storefront-") || !strings.HasSuffix(id, "@shop.example>") {
			t.Errorf("Message-ID = %q", id)
		}
		parts := mimeParts(t, msg)
		text, html := parts["text/plain; charset=utf-8"], parts["text/html; charset=utf-8"]
		if !strings.Contains(text, orders[i].Number) || !strings.Contains(html, orders[i].Number) ||
			!strings.HasPrefix(html, "<!doctype html>") {
			t.Errorf("message %d parts: %d of them, text %q…, html %.60q…", i, len(parts), text[:min(len(text), 80)], html)
		}
	}

	for _, o := range orders {
		e := shop.OrderEmail(o, store.EmailOrderConfirmation)
		if e.Status != store.EmailSent || e.Attempts != 1 {
			t.Errorf("email of %s = %s after %d attempts, want sent", o.Number, e.Status, e.Attempts)
		}
		full, _ := shop.Store.OrderByID(context.Background(), o.ID)
		if last := full.Events[len(full.Events)-1]; last.Kind != store.EventEmail || last.Detail != store.EmailOrderConfirmation {
			t.Errorf("timeline of %s ends with %+v, want the email", o.Number, last)
		}
	}
	// Nothing is sent twice.
	shop.Emails.SendDue(context.Background())
	if again, _ := fake.Received(); len(again) != 2 {
		t.Errorf("after a second run the server has %d messages, want 2", len(again))
	}
}

// A mail server that keeps saying "later" gets the email again with ever
// longer waits between tries, until the sender gives up.
func TestMailerBacksOffThenGivesUp(t *testing.T) {
	shop, fake, orders := mailShop(t, "en")
	fake.Fail("451 4.3.0 mailbox busy, try later", "")
	ctx := context.Background()

	var prevNext time.Time
	var prevWait time.Duration
	for attempt := 1; attempt <= store.MaxEmailAttempts; attempt++ {
		before := shop.Store.Now()
		shop.Emails.SendDue(ctx)
		e := shop.OrderEmail(orders[0], store.EmailOrderConfirmation)
		if e.Attempts != attempt || !strings.Contains(e.LastError, "451") {
			t.Fatalf("attempt %d: attempts %d, last error %q", attempt, e.Attempts, e.LastError)
		}
		if attempt == store.MaxEmailAttempts {
			if e.Status != store.EmailFailed {
				t.Fatalf("after %d attempts the email is %s, want failed", attempt, e.Status)
			}
			break
		}
		wait := e.NextAttemptAt.Sub(before)
		if e.Status != store.EmailPending || !e.NextAttemptAt.After(prevNext) || wait <= prevWait {
			t.Fatalf("attempt %d: %s, next attempt in %v (after %v before)", attempt, e.Status, wait, prevWait)
		}
		// Running again before the wait is over sends nothing.
		shop.Emails.SendDue(ctx)
		if again := shop.OrderEmail(orders[0], store.EmailOrderConfirmation); again.Attempts != attempt {
			t.Fatalf("attempt %d: retried before its time", attempt)
		}
		prevNext, prevWait = e.NextAttemptAt, wait
		shop.Clock.Advance(wait + time.Second)
	}
	if mails, _ := fake.Received(); len(mails) != 0 {
		t.Errorf("server accepted %d messages", len(mails))
	}
}

// A recipient the server refuses for good is not tried again.
func TestMailerGivesUpOnARefusedRecipient(t *testing.T) {
	shop, fake, orders := mailShop(t, "en")
	fake.Fail("", "550 5.1.1 no such user")
	shop.Emails.SendDue(context.Background())
	e := shop.OrderEmail(orders[0], store.EmailOrderConfirmation)
	if e.Status != store.EmailFailed || e.Attempts != 1 || !strings.Contains(e.LastError, "550") {
		t.Errorf("refused email = %s after %d attempts (%q), want failed after 1", e.Status, e.Attempts, e.LastError)
	}
}
