package mail

import (
	"context"
	"fmt"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// renderAccountEmail writes one of the account's emails (store.IsAccountEmail):
// they name a customer, not an order, and a link email carries its
// one-time link, which is gone once sent, so a resend cannot be written.
func (s *Sender) renderAccountEmail(ctx context.Context, e store.Email) (Message, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return Message{}, err
	}
	ctx = i18n.WithLocale(ctx, e.Locale, settings.Currency)
	settings = settings.In(i18n.Locale(ctx))
	base := s.linkBase(settings)
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		StoreName: settings.StoreName,
		Footer:    emailFooter(ctx, settings),
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	var path string
	switch e.Kind {
	case store.EmailAccountConfirm:
		path = "/account/confirm/"
	case store.EmailAccountReset:
		path = "/account/reset/"
	case store.EmailAccountExists:
		path = "/account/login"
	}
	if path != "/account/login" {
		if e.Link == "" {
			return Message{}, ErrStale
		}
		path += e.Link
	}
	key := "email.account." + strings.TrimPrefix(e.Kind, "account_")
	d.Subject = i18n.T(ctx, key+".subject", settings.StoreName)
	d.Heading = i18n.T(ctx, key+".heading")
	d.Intro = []string{i18n.T(ctx, key+".intro")}
	d.Action = views.EmailLink{Label: i18n.T(ctx, key+".action"), URL: base + string(views.Link(ctx, path))}
	var html strings.Builder
	if err := views.EmailHTML(d).Render(ctx, &html); err != nil {
		return Message{}, fmt.Errorf("render email %d: %w", e.ID, err)
	}
	return Message{Subject: d.Subject, HTML: html.String(), Text: emailText(d),
		StoreName: settings.StoreName, ReplyTo: settings.ContactEmail}, nil
}
