package mail

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"storefront/i18n"
	"storefront/views"
)

// ErrNoMailServer means the shop was started without a mail server
// (--smtp-addr), so nothing can be sent.
var ErrNoMailServer = errors.New("no mail server configured")

// SendTest sends a short email to to at once, through the mail server,
// in the language of ctx, so that the owner sees whether email works: the
// server's own answer comes back as the error.
func (s *Sender) SendTest(ctx context.Context, to string) error {
	if !s.Enabled() {
		return ErrNoMailServer
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	from := cmp.Or(s.smtp.From, settings.ContactEmail)
	if from == "" {
		return errNoFromAddress
	}
	base := s.linkBase(settings)
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		Subject:   i18n.T(ctx, "setup.test_email.subject", settings.StoreName),
		StoreName: settings.StoreName,
		Heading:   i18n.T(ctx, "setup.test_email.heading"),
		Intro:     []string{i18n.T(ctx, "setup.test_email.body", base)},
		Action:    views.EmailLink{Label: i18n.T(ctx, "setup.test_email.open_shop"), URL: base + "/"},
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	msg, err := finish(ctx, 0, d, settings)
	if err != nil {
		return err
	}
	now := s.store.Now()
	raw, err := mimeMessage(mailHeader{
		From:      mail.Address{Name: msg.StoreName, Address: from},
		To:        to,
		ReplyTo:   msg.ReplyTo,
		Date:      now,
		MessageID: fmt.Sprintf("<test-email-%d@%s>", now.UnixNano(), domainOf(from)),
	}, msg)
	if err != nil {
		return err
	}
	return s.send(ctx, from, to, raw)
}

// domainOf is the part of an address after its @, "localhost" without one.
func domainOf(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		return addr[at+1:]
	}
	return "localhost"
}
