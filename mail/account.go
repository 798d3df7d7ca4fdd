package mail

import (
	"cmp"
	"context"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// renderAccountEmail writes one of the account's emails (store.IsAccountEmail):
// they name a customer, not an order, and a link email carries its
// one-time link, which is gone once sent, so a resend cannot be written.
// The footer says why the address got it: the emails about a change of
// email go to an address that has no account (the new one) or no longer
// has it (the old one).
func (s *Sender) renderAccountEmail(ctx context.Context, e store.Email) (Message, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return Message{}, err
	}
	ctx = shopperContext(ctx, e.Locale, settings.Currency, settings)
	settings = settings.In(i18n.Locale(ctx))
	base := s.linkBase(settings)
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		StoreName: settings.StoreName,
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	path, footer := "", "email.footer_account"
	switch e.Kind {
	case store.EmailAccountConfirm:
		path = "/account/confirm/"
	case store.EmailAccountEmailChange:
		path, footer = "/account/confirm/", "email.footer_email_change"
	case store.EmailAccountEmailChanged:
		footer = "email.footer_email_changed" // and no button: the old address no longer signs in
	case store.EmailAccountReset:
		path = "/account/reset/"
	case store.EmailAccountExists:
		path = "/account/login"
	case store.EmailAccountBirthday, store.EmailAccountPointsExpiring:
		path = "/account/points"
	}
	if store.CarriesLink(e.Kind) {
		if e.Link == "" {
			return Message{}, ErrStale
		}
		path += e.Link
	}
	key := "email.account." + strings.TrimPrefix(e.Kind, "account_")
	d.Subject = i18n.T(ctx, key+".subject", settings.StoreName)
	d.Heading = i18n.T(ctx, key+".heading")
	if d.Intro, err = s.membershipIntro(ctx, e, key); err != nil {
		return Message{}, err
	}
	if path != "" {
		d.Action = views.EmailLink{Label: i18n.T(ctx, key+".action"), URL: base + string(views.Link(ctx, path))}
	}
	d.Footer = emailFooter(ctx, settings, footer)
	return finish(ctx, e.ID, d, settings)
}

// membershipIntro is an account email's first paragraphs: for the
// membership emails, what they announce as it stands when sent (the
// birthday code and its value, after the tier's own words when the owner
// wrote some; the points that expire and when).
func (s *Sender) membershipIntro(ctx context.Context, e store.Email, key string) ([]string, error) {
	switch e.Kind {
	case store.EmailAccountBirthday:
		coupons, err := s.store.MemberCoupons(ctx, e.CustomerID)
		if err != nil || len(coupons) == 0 {
			return nil, cmp.Or(err, ErrStale)
		}
		code := i18n.T(ctx, key+".intro", i18n.Money(ctx, coupons[0].Value), coupons[0].Code)
		tier, err := s.store.CustomerTier(ctx, e.CustomerID)
		if err != nil {
			return nil, err
		}
		if msg := tier.Tier.BirthdayMessage.In(i18n.Locale(ctx)); msg != "" {
			return append(textLines(msg), code), nil
		}
		return []string{code}, nil
	case store.EmailAccountPointsExpiring:
		b, err := s.store.PointsBalance(ctx, e.CustomerID)
		if err != nil || len(b.Expiring) == 0 {
			return nil, cmp.Or(err, ErrStale)
		}
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return nil, err
		}
		at := b.Expiring[0].Expires.In(settings.Location()).Format(i18n.T(ctx, "email.date_format"))
		// Two sentences, each with its own count, so each says "1 point"
		// or "2 points" by itself.
		return []string{i18n.N(ctx, key+".intro", b.Expiring[0].Points, b.Expiring[0].Points, at),
			i18n.N(ctx, key+".have", b.Available, b.Available)}, nil
	}
	return []string{i18n.T(ctx, key+".intro")}, nil
}
