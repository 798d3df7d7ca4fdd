package mail_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// fakeSMTP is a tiny SMTP server for the sender tests. No real mail server
// runs on the test machine (nor in CI), so this fake speaks just enough of
// RFC 5321 for net/smtp (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) and
// records each message it accepts. It offers no STARTTLS: net/smtp then
// sends the password in the clear only because the server is on loopback.
type fakeSMTP struct {
	addr string

	mu       sync.Mutex
	mails    []fakeMail
	auth     string // the last AUTH PLAIN credentials, decoded
	mailFrom string // the reply to MAIL FROM; "" accepts
	rcptTo   string // the reply to RCPT TO; "" accepts
}

type fakeMail struct {
	from, to string
	data     string
}

func newFakeSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{addr: ln.Addr().String()}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { f.serve(conn) })
		}
	})
	return f
}

// fail makes the server answer MAIL FROM (or RCPT TO) with reply.
func (f *fakeSMTP) fail(mailFrom, rcptTo string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mailFrom, f.rcptTo = mailFrom, rcptTo
}

func (f *fakeSMTP) received() []fakeMail {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeMail(nil), f.mails...)
}

func (f *fakeSMTP) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	reply := func(s string) { io.WriteString(conn, s+"\r\n") }
	reply("220 fake.test ESMTP")
	var m fakeMail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		f.mu.Lock()
		failFrom, failRcpt := f.mailFrom, f.rcptTo
		f.mu.Unlock()
		switch {
		case verb == "EHLO" || verb == "HELO":
			reply("250-fake.test\r\n250-AUTH PLAIN\r\n250 8BITMIME")
		case verb == "AUTH":
			creds, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(line, "AUTH PLAIN "))
			f.mu.Lock()
			f.auth = string(creds)
			f.mu.Unlock()
			reply("235 2.7.0 accepted")
		case verb == "MAIL" && failFrom != "":
			reply(failFrom)
		case verb == "MAIL":
			m = fakeMail{from: line}
			reply("250 2.1.0 ok")
		case verb == "RCPT" && failRcpt != "":
			reply(failRcpt)
		case verb == "RCPT":
			m.to = line
			reply("250 2.1.5 ok")
		case verb == "DATA":
			reply("354 end with .")
			m.data = readDotted(r)
			f.mu.Lock()
			f.mails = append(f.mails, m)
			f.mu.Unlock()
			reply("250 2.0.0 queued")
		case verb == "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			reply("250 ok")
		}
	}
}

// readDotted reads DATA up to its lone "." line, undoing dot-stuffing.
func readDotted(r *bufio.Reader) string {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil || line == ".\r\n" {
			return b.String()
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

// mailShop is emailShop (bank transfer) sending through a fake mail server.
func mailShop(t *testing.T, locales ...string) (*webtest.Shop, *fakeSMTP, []*store.Order) {
	t.Helper()
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, locales...)
	fake := newFakeSMTP(t)
	shop.app.cfg.smtp = smtpConfig{addr: fake.addr, user: "shop", password: "s3cret", from: "orders@shop.example"}
	return shop, fake, orders
}

// mimeParts reads a multipart/alternative message into its parts by
// content type, decoding quoted-printable.
func mimeParts(t *testing.T, msg *mail.Message) map[string]string {
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

	mails := fake.received()
	if len(mails) != 2 {
		t.Fatalf("server received %d messages, want 2", len(mails))
	}
	if fake.auth != "\x00shop\x00s3cret" {
		t.Errorf("AUTH PLAIN = %q", fake.auth)
	}
	wantSubjects := []string{"Order " + orders[0].Number + " confirmed", "订单 " + orders[1].Number + " 已确认"}
	for i, m := range mails {
		if m.from != "MAIL FROM:<orders@shop.example> BODY=8BITMIME" && m.from != "MAIL FROM:<orders@shop.example>" {
			t.Errorf("envelope from = %q", m.from)
		}
		if m.to != "RCPT TO:<ana@example.com>" {
			t.Errorf("envelope to = %q", m.to)
		}
		msg, err := mail.ReadMessage(strings.NewReader(m.data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != wantSubjects[i] {
			t.Errorf("Subject = %q, %v, want %q", subject, err, wantSubjects[i])
		}
		from, err := mail.ParseAddress(msg.Header.Get("From"))
		if err != nil || from.Address != "orders@shop.example" || from.Name == "" {
			t.Errorf("From = %q, %v", msg.Header.Get("From"), err)
		}
		if to, err := mail.ParseAddress(msg.Header.Get("To")); err != nil || to.Address != "ana@example.com" {
			t.Errorf("To = %q, %v", msg.Header.Get("To"), err)
		}
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("Date: %v", err)
		}
		if id := msg.Header.Get("Message-Id"); !strings.HasPrefix(id, "<order-email-") || !strings.HasSuffix(id, "@shop.example>") {
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
	if n := len(fake.received()); n != 2 {
		t.Errorf("after a second run the server has %d messages, want 2", n)
	}
}

// A mail server that keeps saying "later" gets the email again with ever
// longer waits between tries, until the sender gives up.
func TestMailerBacksOffThenGivesUp(t *testing.T) {
	shop, fake, orders := mailShop(t, "en")
	fake.fail("451 4.3.0 mailbox busy, try later", "")
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
	if n := len(fake.received()); n != 0 {
		t.Errorf("server accepted %d messages", n)
	}
}

// A recipient the server refuses for good is not tried again.
func TestMailerGivesUpOnARefusedRecipient(t *testing.T) {
	shop, fake, orders := mailShop(t, "en")
	fake.fail("", "550 5.1.1 no such user")
	shop.Emails.SendDue(context.Background())
	e := shop.OrderEmail(orders[0], store.EmailOrderConfirmation)
	if e.Status != store.EmailFailed || e.Attempts != 1 || !strings.Contains(e.LastError, "550") {
		t.Errorf("refused email = %s after %d attempts (%q), want failed after 1", e.Status, e.Attempts, e.LastError)
	}
}
