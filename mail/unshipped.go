package mail

import (
	"context"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// unshippedEmail tells the shopper, as the cancelled-order email does for
// a whole order, which items the shop cancelled before they shipped and
// what becomes of their money: refunded to come, or, the order unpaid,
// never charged. It is written when sent, so one still waiting when the
// order is paid less those items must keep saying so (views.NotCharged).
func unshippedEmail(ctx context.Context, d *views.Email, o *store.Order, r *store.Return) {
	key := "email." + store.EmailUnshippedCancelled
	d.Intro = append(d.Intro[:1], i18n.T(ctx, key+".intro", o.Number))
	total, totalLabel := i18n.Money(ctx, r.Quote.Total), i18n.T(ctx, "returns.quote.total")
	switch {
	case !views.NotCharged(o, r.ReturnRequest):
		d.Intro = append(d.Intro, i18n.T(ctx, key+".refund", total))
	case o.Paid():
		d.Intro = append(d.Intro, i18n.T(ctx, "returns.unshipped.status.not_charged"))
		totalLabel = i18n.T(ctx, "returns.unshipped.total_unpaid")
	default:
		d.Intro = append(d.Intro, i18n.T(ctx, key+".unpaid"))
		totalLabel = i18n.T(ctx, "returns.unshipped.total_unpaid")
	}
	d.Items = views.EmailItems{Title: i18n.T(ctx, key+".items")}
	for _, rl := range r.Lines {
		for _, l := range o.Lines {
			if l.ID == rl.OrderLineID {
				d.Items.Lines = append(d.Items.Lines, views.EmailRow{Label: itemLabel(ctx, rl.Quantity, l), Value: i18n.Money(ctx, rl.Paid)})
			}
		}
	}
	row := func(label, value string) {
		d.Items.Totals = append(d.Items.Totals, views.EmailRow{Label: label, Value: value})
	}
	if r.Quote.GiftKept > 0 {
		row(i18n.T(ctx, "returns.quote.gift_kept"), i18n.Money(ctx, -r.Quote.GiftKept))
	}
	if n := r.Quote.PointsBack; n > 0 {
		row(i18n.T(ctx, "returns.quote.points_back"), "−"+i18n.N(ctx, "returns.points_n", n, n))
	}
	if n := r.Quote.PointsRestored; n > 0 {
		row(i18n.T(ctx, "returns.quote.points_restored"), "+"+i18n.N(ctx, "returns.points_n", n, n))
	}
	row(totalLabel, total)
}
