package mail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// renderStaffEmail writes a staff link email (store.IsStaffEmail): an
// invitation to join the admin, or a link to choose a new password. A link
// withdrawn, replaced, used or expired before the email went is stale.
func (s *Sender) renderStaffEmail(ctx context.Context, e store.Email) (Message, error) {
	if e.Link == "" {
		return Message{}, ErrStale
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return Message{}, err
	}
	ctx = shopperContext(ctx, e.Locale, settings.Currency, settings)
	settings = settings.In(i18n.Locale(ctx))
	key := "email." + e.Kind
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		StoreName: settings.StoreName,
		Subject:   i18n.T(ctx, key+".subject", settings.StoreName),
		Heading:   i18n.T(ctx, key+".heading"),
		Footer:    emailFooter(ctx, settings, "email.footer_staff"),
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	// Admin addresses have no language prefix (views.Link would add one).
	var path string
	switch e.Kind {
	case store.EmailStaffInvite:
		inv, err := s.store.InviteByToken(ctx, e.Link)
		if err != nil {
			return Message{}, staleIfNotFound(err)
		}
		path = "/admin/invite/" + e.Link
		d.Intro = []string{i18n.T(ctx, key+".intro", settings.StoreName, i18n.T(ctx, "admin.role."+inv.Role)),
			i18n.T(ctx, key+".expires", int(store.InviteTTL/time.Hour))}
	case store.EmailStaffReset:
		if _, err := s.store.PasswordResetByToken(ctx, e.Link); err != nil {
			return Message{}, staleIfNotFound(err)
		}
		path = "/admin/reset/" + e.Link
		d.Intro = []string{i18n.T(ctx, key+".intro", settings.StoreName),
			i18n.T(ctx, key+".expires", int(store.PasswordResetTTL/time.Hour))}
	default:
		return Message{}, fmt.Errorf("email %d: unknown kind %q", e.ID, e.Kind)
	}
	d.Action = views.EmailLink{Label: i18n.T(ctx, key+".action"), URL: strings.TrimSuffix(s.linkBase(settings), "/") + path}
	return finish(ctx, e.ID, d, settings)
}

func staleIfNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return ErrStale
	}
	return err
}
