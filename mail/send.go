// Package mail sends the shop's order emails: it composes each outbox row
// from its order, in the shopper's language, with an HTML and a plain-text
// part, and hands it to the mail server with back-off.
package mail

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"storefront/store"
)

// SMTP is the mail server the shop sends its order emails through.
// With no Addr nothing is sent: the emails wait in the outbox, pending,
// and the admin shows them at /admin/emails.
type SMTP struct {
	Addr     string // host:port; port 465 speaks TLS from the start
	User     string
	Password string
	From     string // the From address; the contact email from settings when empty
}

// Enabled reports whether a mail server is configured.
func (c SMTP) Enabled() bool { return c.Addr != "" }

// Sender sends the outbox's due emails and composes any email for the
// admin's preview.
type Sender struct {
	store *store.Store
	log   *slog.Logger
	smtp  SMTP
	// baseURL is where the links in emails point, without a trailing
	// slash: the --base-url flag; "" reads linkBase at send time.
	baseURL string
	// listenURL is where links point while the shop knows no public
	// address: where it listens (WithListenURL).
	listenURL string
}

// NewSender returns a sender through smtp whose links point at baseURL,
// or, when it is "", at the public address stored in the settings when
// each email is written (the owner confirms it at setup).
func NewSender(st *store.Store, log *slog.Logger, smtp SMTP, baseURL string) *Sender {
	return &Sender{store: st, log: log, smtp: smtp, baseURL: strings.TrimRight(baseURL, "/")}
}

// WithListenURL makes links point at u, the listen address, while the
// shop has neither a base URL nor a stored public address.
func (s *Sender) WithListenURL(u string) *Sender {
	s.listenURL = strings.TrimRight(u, "/")
	return s
}

// linkBase is where the links of an email written now point: the flag,
// else the stored public address, else the listen address.
func (s *Sender) linkBase(settings store.Settings) string {
	return cmp.Or(s.baseURL, settings.PublicURL, s.listenURL, "http://localhost")
}

// Enabled reports whether the sender has a mail server to send through.
func (s *Sender) Enabled() bool { return s.smtp.Enabled() }

const (
	// Interval is how often the serve command's job sends due emails.
	Interval  = 10 * time.Second
	mailBatch = 10
	// smtpTimeout bounds one message's whole conversation with the server.
	smtpTimeout = 30 * time.Second
)

var (
	// errRecipientRefused is a mail server's permanent "no" to the address:
	// trying again would not help.
	errRecipientRefused = errors.New("recipient refused")
	errNoFromAddress    = errors.New("no From address: set STOREFRONT_SMTP_FROM or the store's contact email")
)

// SendDue sends every email that is due, one at a time. On shutdown
// the rest of a claimed batch comes due again once its claim runs out.
func (s *Sender) SendDue(ctx context.Context) {
	for ctx.Err() == nil {
		due, err := s.store.DueEmails(ctx, s.store.Now(), mailBatch)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("due emails", "err", err)
			}
			return
		}
		for _, e := range due {
			if ctx.Err() != nil {
				return
			}
			s.sendEmail(ctx, e)
		}
		if len(due) < mailBatch {
			return
		}
	}
}

// sendEmail sends e and records how it went. The outcome is recorded even
// when shutdown begins meanwhile: a message that went out must not be sent
// again.
func (s *Sender) sendEmail(ctx context.Context, e store.Email) {
	record := context.WithoutCancel(ctx)
	err := s.deliverEmail(ctx, e)
	if err == nil {
		if err := s.store.MarkEmailSent(record, e.ID); err != nil {
			s.log.Error("mark email sent", "email", e.ID, "err", err)
		}
		return
	}
	permanent := errors.Is(err, ErrStale) || errors.Is(err, errRecipientRefused)
	got, merr := s.store.MarkEmailFailed(record, e.ID, err.Error(), permanent)
	if merr != nil {
		s.log.Error("mark email failed", "email", e.ID, "err", merr, "send_err", err)
		return
	}
	s.log.Warn("email not sent", "email", e.ID, "kind", e.Kind, "order", e.OrderNumber, "attempts", got.Attempts,
		"status", got.Status, "next_attempt", got.NextAttemptAt, "err", err)
}

// deliverEmail renders e and hands it to the mail server.
func (s *Sender) deliverEmail(ctx context.Context, e store.Email) error {
	msg, err := s.Render(ctx, e)
	if err != nil {
		return err
	}
	from := cmp.Or(s.smtp.From, msg.ReplyTo)
	if from == "" {
		return errNoFromAddress
	}
	raw, err := mimeMessage(mailHeader{
		From:      mail.Address{Name: msg.StoreName, Address: from},
		To:        e.To,
		ReplyTo:   msg.ReplyTo,
		Date:      s.store.Now(),
		MessageID: messageID(e, from),
	}, msg)
	if err != nil {
		return err
	}
	return s.send(ctx, from, e.To, raw)
}

// send hands a raw message to the mail server, introducing the shop by
// its public host.
func (s *Sender) send(ctx context.Context, from, to string, raw []byte) error {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	return sendSMTP(ctx, s.smtp, helloName(s.linkBase(settings)), from, to, raw)
}

// mailHeader is the envelope of one message as its headers show it.
type mailHeader struct {
	From      mail.Address
	To        string
	ReplyTo   string
	Date      time.Time
	MessageID string
}

// messageID names the message after its outbox row, so that a message
// sent twice (the server took it but the answer was lost) is seen by mail
// programs as one.
func messageID(e store.Email, from string) string {
	return fmt.Sprintf("<storefront-%d-%d@%s>", e.ID, e.CreatedAt.Unix(), domainOf(from))
}

// helloName is the name the shop gives itself to the mail server: its
// public host when configured, as some servers refuse "localhost".
func helloName(baseURL string) string {
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "localhost"
}

// mimeMessage builds the raw message: headers, then a multipart/alternative
// body holding the plain-text part first and the HTML part second (the
// order of preference RFC 2046 asks for), both UTF-8 in quoted-printable.
// Header values are encoded (mime.QEncoding, mail.Address), so nothing a
// shopper typed can add a header.
func mimeMessage(h mailHeader, m Message) ([]byte, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, part := range []struct{ typ, content string }{
		{"text/plain; charset=utf-8", m.Text},
		{"text/html; charset=utf-8", m.HTML},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type": {part.typ}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(part.content)); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("From", h.From.String())
	header("To", (&mail.Address{Address: h.To}).String())
	if h.ReplyTo != "" && !strings.EqualFold(h.ReplyTo, h.From.Address) {
		header("Reply-To", (&mail.Address{Address: h.ReplyTo}).String())
	}
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("Date", h.Date.Format(time.RFC1123Z))
	header("Message-ID", h.MessageID)
	header("MIME-Version", "1.0")
	header("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": mw.Boundary()}))
	header("Auto-Submitted", "auto-generated") // RFC 3834: asks auto-responders not to answer
	b.WriteString("\r\n")
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// sendSMTP hands one message to the mail server. It upgrades to TLS with
// STARTTLS whenever the server offers it, and sends the password only over
// TLS or to localhost: net/smtp's PlainAuth refuses anything else.
func sendSMTP(ctx context.Context, cfg SMTP, hello, from, to string, msg []byte) error {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("smtp address %q: %w", cfg.Addr, err)
	}
	ctx, cancel := context.WithTimeout(ctx, smtpTimeout)
	defer cancel()
	tlsConfig := &tls.Config{ServerName: host}
	var conn net.Conn
	if port == "465" {
		conn, err = (&tls.Dialer{Config: tlsConfig}).DialContext(ctx, "tcp", cfg.Addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", cfg.Addr)
	}
	if err != nil {
		return fmt.Errorf("smtp dial: %w", err)
	}
	// Closing the connection when ctx ends (shutdown, or the timeout) ends
	// a stalled conversation instead of waiting on it.
	defer context.AfterFunc(ctx, func() { conn.Close() })()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(hello); err != nil {
		return fmt.Errorf("smtp EHLO: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok && port != "465" {
		if err := c.StartTLS(tlsConfig); err != nil {
			return fmt.Errorf("smtp STARTTLS: %w", err)
		}
	}
	if cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", cfg.User, cfg.Password, host)); err != nil {
			return fmt.Errorf("smtp AUTH: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) && te.Code >= 500 {
			return fmt.Errorf("smtp RCPT TO: %w: %w", errRecipientRefused, err)
		}
		return fmt.Errorf("smtp RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	// The server has taken the message; a failed goodbye changes nothing.
	_ = c.Quit()
	return nil
}
