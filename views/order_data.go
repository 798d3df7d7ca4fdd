package views

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"time"

	"storefront/i18n"
	"storefront/store"
)

// OrderURL is the guest order page of o: its key is the credential.
func OrderURL(o *store.Order) string {
	return OrderPageURL(o.Number, o.AccessKey)
}

// OrderPageURL is OrderURL from the order's number and key.
func OrderPageURL(number, key string) string {
	return "/orders/" + number + "?key=" + url.QueryEscape(key)
}

// OrderPage is a guest's order page: the order as placed and where it
// stands, with what the shop tells the shopper about paying for it.
type OrderPage struct {
	Shell            Shell
	Order            *store.Order
	JustPlaced       bool        // opened straight after checkout: say thank you
	BankInstructions string      // the owner's bank transfer instructions, "" for the generic text
	CODInstructions  string      // the owner's cash on delivery instructions, "" for the generic text
	Pickup           PickupPlace // where and when a pickup order is collected
	// MailEnabled says whether the shop has a mail server: without one the
	// confirmation waits unsent, and the page must not say it was sent.
	MailEnabled bool
	// InAccount is set on the signed-in customer's own order page
	// (/account/orders/{number}), which leads back to the account.
	InAccount bool
	// Returns is every return asked of the order, each followed on its
	// own page.
	Returns []store.ReturnRequest
	// ReturnOptions is what of the order can still be asked back, and
	// until when; nil until it has shipped, and for a cancelled order.
	ReturnOptions *store.ReturnOptions
}

// Due is what the shopper is asked to pay for an order awaiting payment:
// its total less what the shop cancelled before shipping (the
// cancellation says they are not charged for those items).
func (p OrderPage) Due() int64 { return AmountDue(p.Order, p.Returns) }

// AmountPaid is what the shopper paid for a paid order: its total less
// what the shop cancelled before the payment, which was not charged.
func (p OrderPage) AmountPaid() int64 { return p.Order.Total - store.Uncollected(p.Returns) }

// AmountDue is what order o, awaiting payment, is to be paid: its total
// less what the shop cancelled before shipping, which the shopper is
// told they are not charged for. Staff marking it paid record that much
// (store.MarkPaid settles the cancellations).
func AmountDue(o *store.Order, returns []store.ReturnRequest) int64 {
	due := o.Total
	for _, r := range returns {
		if r.Unshipped() && r.RefundAmount == 0 {
			due -= r.RefundTotal
		}
	}
	return max(due, 0)
}

// paymentMethodKey names how o is paid: cash for an order collected from
// the shop is paid on collection, not on delivery.
func paymentMethodKey(o *store.Order) string {
	return PickupText(o, "checkout.pay."+o.PaymentMethod)
}

// orderStatusKey is the catalog key of the order's status in a few words.
func orderStatusKey(o *store.Order) string {
	switch {
	case o.Cancelled():
		return "order.status.cancelled"
	case o.FulfillmentStatus == store.FulfillmentDone:
		return "order.status.shipped"
	case o.FulfillmentStatus == store.FulfillmentPartial:
		return "order.status.partly_shipped"
	case o.Paid():
		return "order.status.paid"
	case o.PaymentMethod == store.PayCOD:
		return "order.status.cod"
	default:
		return "order.status.awaiting_payment"
	}
}

// orderStatusClass colours the status badge.
func orderStatusClass(o *store.Order) string {
	switch {
	case o.Cancelled():
		return "order-status order-status-cancelled"
	case o.AwaitingPayment() && o.PaymentMethod != store.PayCOD:
		return "order-status order-status-waiting"
	default:
		return "order-status order-status-ok"
	}
}

// cancelReason explains a cancellation, "" when the reason has no text.
func cancelReason(ctx context.Context, reason string) string {
	key := "order.cancel_reason." + reason
	if reason == "" || !i18n.Has(key) {
		return ""
	}
	return i18n.T(ctx, key)
}

// timelineEntry is one line of the order's history as the shopper sees it.
type timelineEntry struct {
	At    time.Time
	Label string
}

// orderTimeline is the order's history in the shopper's words: the
// events store.Order.ShopperEvents lets the shopper see.
func orderTimeline(ctx context.Context, o *store.Order) []timelineEntry {
	var out []timelineEntry
	for _, e := range o.ShopperEvents() {
		var label string
		switch e.Kind {
		case store.EventCancelled:
			label = i18n.T(ctx, "order.event.cancelled")
			if why := cancelReason(ctx, e.Detail); why != "" {
				label += " " + why
			}
		case store.EventUnshippedCancelled:
			n, _ := strconv.ParseInt(e.Detail, 10, 64)
			label = i18n.N(ctx, "order.event.unshipped_cancelled", n, n)
		case store.EventEmail:
			label = i18n.T(ctx, "order.event.email", i18n.T(ctx, emailKey(o, e.Detail)))
		default:
			label = i18n.T(ctx, eventKey(o, e.Kind))
		}
		out = append(out, timelineEntry{At: e.CreatedAt, Label: label})
	}
	return out
}

// lineShipping is where a line of o with units cancelled before shipping
// stands: "2 of 4 shipped · 2 cancelled" (ready to collect, for a
// pickup), or "1 cancelled" when none shipped.
func lineShipping(ctx context.Context, o *store.Order, l store.OrderLine) string {
	cancelled := i18n.T(ctx, "order.line_cancelled", l.CancelledQuantity)
	if l.FulfilledQuantity == 0 {
		return cancelled
	}
	return i18n.T(ctx, PickupText(o, "order.line_shipped"), l.FulfilledQuantity, l.Quantity) + " · " + cancelled
}

// ReturnsHeading is the catalog key (under prefix: the shop's "order.",
// the admin's "admin.order.") heading an order's returns, which may
// include the shop's cancellation of what it had not shipped.
func ReturnsHeading(prefix string, returns []store.ReturnRequest) string {
	if slices.ContainsFunc(returns, store.ReturnRequest.Unshipped) {
		return prefix + "returns_and_cancelled"
	}
	return prefix + "returns"
}

// returnStatusKey is the catalog key of where return r of o stands, in
// the shopper's words: the shop's cancellation of what had not shipped
// was never sent back, and of an unpaid order it is not charged at all.
func returnStatusKey(o *store.Order, r store.ReturnRequest) string {
	switch {
	case !r.Unshipped() && r.Status == store.ReturnReceived && r.Resolution == store.ResolutionExchange:
		return "returns.status.received_exchange"
	case !r.Unshipped():
		return PickupText(o, "returns.status."+r.Status)
	case r.RefundMethod == store.RefundNotCollected:
		return "returns.unshipped.status.not_charged"
	case r.Status == store.ReturnReceived && !o.Paid():
		return "returns.unshipped.status.unpaid"
	case r.CancelsOrder():
		return "returns.order_cancelled.status." + r.Status
	}
	return "returns.unshipped.status." + r.Status
}

// pointsKey is the catalog key of a return quote's points line (what) of
// order o: they move with the refund, or, for items never charged, with
// the order's payment, which once made gave back the points that paid
// for them (store.MarkPaid settles the cancellation).
func pointsKey(o *store.Order, uncharged bool, what string) string {
	switch {
	case !uncharged:
		return "returns.quote." + what
	case o.Paid() && what == "points_restored":
		return "returns.unshipped.points_restored_paid"
	}
	return "returns.unshipped." + what + "_unpaid"
}

// NotCharged reports whether r of o is the shop's cancellation of items
// the shopper was never charged for: o is not paid yet, or was paid its
// total less them.
func NotCharged(o *store.Order, r store.ReturnRequest) bool {
	return r.Unshipped() && (!o.Paid() || r.RefundMethod == store.RefundNotCollected)
}

// formatTime shows a moment in the shopper's language, in the shop's time
// zone (WithTimeZone).
func formatTime(ctx context.Context, t time.Time) string {
	return i18n.FormatTime(i18n.Locale(ctx), t.In(TimeZone(ctx)), i18n.T(ctx, "order.time_format"))
}

type timeZoneKey struct{}

// WithTimeZone is ctx with the zone pages show times in: the shop's
// (store.Settings.Location), not the server's nor the visitor's, so that
// the order page, the emails and the admin agree on "placed at 09:30".
func WithTimeZone(ctx context.Context, loc *time.Location) context.Context {
	return context.WithValue(ctx, timeZoneKey{}, loc)
}

// TimeZone is the zone WithTimeZone set, else the server's.
func TimeZone(ctx context.Context) *time.Location {
	if loc, ok := ctx.Value(timeZoneKey{}).(*time.Location); ok && loc != nil {
		return loc
	}
	return time.Local
}

// isoTime is a moment for <time datetime>.
func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// lineTitle names an order line by its id, for a parcel's contents.
func lineTitle(ctx context.Context, o *store.Order, id int64) string {
	for _, l := range o.Lines {
		if l.ID == id {
			return ItemName(ctx, l.ProductTitle, l.VariantTitle)
		}
	}
	return ""
}
