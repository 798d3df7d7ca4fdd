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
// reason) or refunded, with its items, the amount and a link to the
// return's page; or that the shop cancelled what it could not ship
// (unshippedEmail).
func (s *Sender) composeReturnEmail(ctx context.Context, e store.Email, o *store.Order, r *store.Return, settings store.Settings,
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
		Intro:     []string{i18n.T(ctx, "email.greeting", o.Name), i18n.T(ctx, views.PickupText(o, key+".intro"), i18n.Money(ctx, r.Quote.Total))},
		Action:    views.EmailLink{Label: i18n.T(ctx, "email.return.view"), URL: baseURL + string(views.Link(ctx, page))},
		Footer:    emailFooter(ctx, settings, "email.footer"),
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	if r.Resolution == store.ResolutionExchange && i18n.Has(key+".intro_exchange") {
		d.Intro[1] = i18n.T(ctx, views.PickupText(o, key+".intro_exchange"))
	}
	items := "email.return.items"
	if r.Unshipped() {
		items = "email.unshipped_cancelled.items"
	}
	d.Items = views.EmailItems{Title: i18n.T(ctx, items), Lines: returnLines(ctx, o, r)}
	refund := r.Quote.Total // what the return will refund, until it has
	switch e.Kind {
	case store.EmailReturnApproved:
		if place := views.PickupPlaceIn(settings, i18n.Locale(ctx)); o.ShippingKind == store.ShippingPickup && place.Address != "" {
			d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, "returns.bring_to"), Lines: place.AddressLines()})
			d.Sections = append(d.Sections, pickupHours(ctx, o, settings)...)
		}
		if text := r.InstructionsIn(i18n.Locale(ctx)); text != "" {
			d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, views.PickupText(o, "returns.instructions")), Text: textLines(text)})
		}
	case store.EmailReturnExchanged:
		d.Intro[1] = i18n.T(ctx, key+".intro", r.ExchangeOrder)
	case store.EmailReturnRejected:
		d.Sections = append(d.Sections, views.EmailSection{Title: i18n.T(ctx, "admin.return.reject_reason"), Text: textLines(r.RejectReason)})
	case store.EmailReturnRefunded:
		refund = r.RefundAmount
		d.Intro[1] = i18n.T(ctx, key+".intro", i18n.Money(ctx, refund))
	case store.EmailUnshippedCancelled:
		returns, err := s.store.OrderReturns(ctx, o.ID)
		if err != nil {
			return Message{}, err
		}
		unshippedEmail(ctx, &d, o, r, views.AmountDue(o, returns))
	}
	switch {
	case r.Resolution == store.ResolutionExchange && e.Kind != store.EmailReturnRejected:
		sent, err := s.replacement(ctx, e.Kind, o, r)
		if err != nil {
			return Message{}, err
		}
		d.Details = append(d.Details, sent)
	case e.Kind == store.EmailReturnRequested || e.Kind == store.EmailReturnApproved || e.Kind == store.EmailReturnRefunded:
		d.Items.Totals = refundTotals(ctx, r.Quote, i18n.T(ctx, "returns.quote.total"), refund)
	}
	if r.Unshipped() {
		d.Action.Label = i18n.T(ctx, "email.unshipped_cancelled.view")
	}
	return finish(ctx, e.ID, d, settings)
}

// returnLines are the return's items, as the order's emails list lines,
// each with its share of the refund (none for an exchange, which refunds
// nothing).
func returnLines(ctx context.Context, o *store.Order, r *store.Return) []views.EmailRow {
	var rows []views.EmailRow
	for _, rl := range r.Lines {
		row := views.EmailRow{Label: itemLabel(ctx, rl.Quantity, orderLine(o, rl.OrderLineID))}
		if !r.Quote.Exchange {
			row.Value = i18n.Money(ctx, rl.Paid)
		}
		rows = append(rows, row)
	}
	return rows
}

// refundTotals are what a refund keeps and gives back, as the return's
// page shows them: shipping refunded, a free gift's value and the fees
// kept, the points taken back and given back, and last the amount under
// label.
func refundTotals(ctx context.Context, q store.ReturnQuote, label string, amount int64) []views.EmailRow {
	var rows []views.EmailRow
	row := func(label, value string) { rows = append(rows, views.EmailRow{Label: label, Value: value}) }
	if q.Shipping > 0 {
		row(i18n.T(ctx, "returns.quote.shipping_back"), i18n.Money(ctx, q.Shipping))
	}
	if q.GiftKept > 0 {
		row(i18n.T(ctx, "returns.quote.gift_kept"), i18n.Money(ctx, -q.GiftKept))
	}
	if fees := q.Deduction - q.GiftKept; fees > 0 {
		row(i18n.T(ctx, "returns.quote.fees"), i18n.Money(ctx, -fees))
	}
	if n := q.PointsBack; n > 0 {
		row(i18n.T(ctx, "returns.quote.points_back"), "−"+i18n.N(ctx, "returns.points_n", n, n))
	}
	if n := q.PointsRestored; n > 0 {
		row(i18n.T(ctx, "returns.quote.points_restored"), "+"+i18n.N(ctx, "returns.points_n", n, n))
	}
	row(label, i18n.Money(ctx, amount))
	return rows
}

// replacement is what an exchange sends instead of its items, named as
// the catalog names the variants now, and once approved, the
// replacement's order number.
func (s *Sender) replacement(ctx context.Context, kind string, o *store.Order, r *store.Return) (views.EmailSection, error) {
	wanted, err := s.store.ExchangeWanted(ctx, r, i18n.Locale(ctx))
	if err != nil {
		return views.EmailSection{}, err
	}
	sent := views.EmailSection{Title: i18n.T(ctx, "email.return.replacement")}
	for _, rl := range r.Lines {
		if v, ok := wanted[rl.OrderLineID]; ok {
			l := orderLine(o, rl.OrderLineID)
			l.VariantTitle = v.Title()
			sent.Text = append(sent.Text, itemLabel(ctx, rl.Quantity, l))
		}
	}
	if kind == store.EmailReturnApproved && r.ExchangeOrder != "" {
		sent.Text = append(sent.Text, i18n.T(ctx, "returns.exchange_order", r.ExchangeOrder))
	}
	return sent, nil
}

// orderLine is o's line id.
func orderLine(o *store.Order, id int64) store.OrderLine {
	for _, l := range o.Lines {
		if l.ID == id {
			return l
		}
	}
	return store.OrderLine{}
}
