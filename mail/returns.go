package mail

import (
	"cmp"
	"context"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// composeReturnEmail tells the shopper where their return stands: asked
// for, approved (with the owner's instructions), declined (with the
// reason) or refunded, with the amount and a link to the return's page;
// or that the shop cancelled what it could not ship (unshippedEmail).
func composeReturnEmail(ctx context.Context, e store.Email, o *store.Order, r *store.Return, settings store.Settings,
	baseURL string) (Message, error) {
	ctx = shopperContext(ctx, cmp.Or(e.Locale, o.Locale), o.Currency, settings)
	settings = settings.In(i18n.Locale(ctx))
	key := "email." + e.Kind
	page := "/orders/" + o.Number + "/returns/" + strconv.FormatInt(r.ID, 10) + views.KeyQuery(o.AccessKey)
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		StoreName: settings.StoreName,
		Subject:   i18n.T(ctx, key+".subject", o.Number),
		Heading:   i18n.T(ctx, key+".heading"),
		Intro:     []string{i18n.T(ctx, "email.greeting", o.Name), i18n.T(ctx, key+".intro", i18n.Money(ctx, r.Quote.Total))},
		Action:    views.EmailLink{Label: i18n.T(ctx, "email.return.view"), URL: baseURL + string(views.Link(ctx, page))},
		Footer:    emailFooter(ctx, settings, "email.footer"),
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	if r.Resolution == store.ResolutionExchange && i18n.Has(key+".intro_exchange") {
		d.Intro[1] = i18n.T(ctx, key+".intro_exchange")
	}
	switch e.Kind {
	case store.EmailReturnApproved:
		if text := r.InstructionsIn(i18n.Locale(ctx)); text != "" {
			d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, "returns.instructions"), Text: textLines(text)})
		}
		if r.ExchangeOrder != "" {
			d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, "returns.resolution.exchange"),
				Text: []string{i18n.T(ctx, "returns.exchange_order", r.ExchangeOrder)}})
		}
	case store.EmailReturnExchanged:
		d.Intro[1] = i18n.T(ctx, key+".intro", r.ExchangeOrder)
	case store.EmailReturnRejected:
		d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, "admin.return.reject_reason"), Text: textLines(r.RejectReason)})
	case store.EmailReturnRefunded:
		d.Intro[1] = i18n.T(ctx, key+".intro", i18n.Money(ctx, r.RefundAmount))
	case store.EmailUnshippedCancelled:
		unshippedEmail(ctx, &d, o, r)
	}
	if r.Unshipped() {
		d.Action.Label = i18n.T(ctx, "email.unshipped_cancelled.view")
	}
	return finish(ctx, e.ID, d, settings)
}
