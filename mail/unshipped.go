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
// never charged, with what is now to pay (due, views.AmountDue). It is
// written when sent, so one still waiting when the order is paid less
// those items must keep saying so (views.NotCharged). Its items are
// composeReturnEmail's, as every return email's.
func unshippedEmail(ctx context.Context, d *views.Email, o *store.Order, r *store.Return, due int64) {
	key := "email." + store.EmailUnshippedCancelled
	d.Intro = append(d.Intro[:1], i18n.T(ctx, views.PickupText(o, key+".intro"), o.Number))
	total, totalLabel := i18n.Money(ctx, r.Quote.Total), i18n.T(ctx, "returns.quote.total")
	switch {
	case !views.NotCharged(o, r.ReturnRequest):
		d.Intro = append(d.Intro, i18n.T(ctx, key+".refund", total))
	case o.Paid():
		d.Intro = append(d.Intro, i18n.T(ctx, "returns.unshipped.status.not_charged"))
		totalLabel = i18n.T(ctx, "returns.unshipped.total_unpaid")
	default:
		d.Intro = append(d.Intro, i18n.T(ctx, key+".unpaid"), i18n.T(ctx, key+".due", i18n.Money(ctx, due)))
		totalLabel = i18n.T(ctx, "returns.unshipped.total_unpaid")
	}
	d.Items.Totals = refundTotals(ctx, r.Quote, totalLabel, r.Quote.Total)
}
