package admin

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// OrdersPage is the admin's order list with its filter form.
type OrdersPage struct {
	Shell  Shell
	List   store.OrderListPage
	Filter OrderFilter
	Nav    views.PageNav
	CSVURL string // the CSV export of the same filter
}

// OrderFilter echoes the order list's filter form.
type OrderFilter struct {
	Status      string
	Payment     string
	Fulfillment string
	From        string // YYYY-MM-DD
	To          string // YYYY-MM-DD
	Q           string
}

// OrderPage is one order in the admin: its lines, parcels and timeline
// with the forms that act on it.
type OrderPage struct {
	Shell   Shell
	Order   *store.Order
	Notice  string            // translated one-time message after an action
	Problem string            // translated refusal (409), shown above the order
	Errors  map[string]string // field → catalog key
	Fulfil  FulfilForm
	Note    string // the note form's text, kept after an error
	// Returns is every return asked of the order, each linked to its page.
	Returns []store.ReturnRequest
	// Refunds is the money given back, for the payment box.
	Refunds []store.OrderRefund
	// Unshipped is what cancelling the units not shipped would give back,
	// when the order offers that (CanCancelUnshipped); nil otherwise.
	Unshipped *store.ReturnQuote
	// ReplacesID and ReplacesNumber are the order whose exchange this one
	// sends the replacement of (store.ExchangeReplaced); 0 and "" if none.
	ReplacesID     int64
	ReplacesNumber string
}

// Refunded is the money the order's refunds gave back in all: items
// cancelled before it was paid were never charged, and nothing went back
// for them (store.ReturnRequest.Refunded).
func (p OrderPage) Refunded() int64 {
	var n int64
	for _, r := range p.Refunds {
		if r.Method != store.RefundNotCollected {
			n += r.Amount
		}
	}
	return n
}

// FinancialStatus is the order's payment as the page shows it: paid,
// partly refunded or refunded, of what the shopper was charged.
func (p OrderPage) FinancialStatus() string {
	return store.FinancialStatus(p.Order.PaymentStatus, p.Order.Total-store.Uncollected(p.Returns), p.Refunded())
}

// Due is what the order, awaiting payment, is to be paid: the amount
// staff confirm has arrived when they mark it paid.
func (p OrderPage) Due() int64 { return views.AmountDue(p.Order, p.Returns) }

// unpaidKey is key, or of an order not paid yet, its "_unpaid" variant:
// what it does not charge is no refund to make.
func unpaidKey(o *store.Order, key string) string {
	if !o.Paid() {
		return key + "_unpaid"
	}
	return key
}

// Uncollected reports whether some of the order was cancelled before it
// was paid and so never charged (store.RefundNotCollected).
func (p OrderPage) Uncollected() bool {
	return slices.ContainsFunc(p.Refunds, func(r store.OrderRefund) bool { return r.Method == store.RefundNotCollected })
}

// RefundDue is the refund a cancelled order still owes of its payment
// (store.ReturnRequest.CancelsOrder), until it is made.
func (p OrderPage) RefundDue() (store.ReturnRequest, bool) {
	for _, r := range p.Returns {
		if r.CancelsOrder() && r.Status == store.ReturnReceived {
			return r, true
		}
	}
	return store.ReturnRequest{}, false
}

// Net is what the order brought in: what was charged, less the refunds.
func (p OrderPage) Net() int64 { return p.Order.Total - store.Uncollected(p.Returns) - p.Refunded() }

// FulfilForm echoes the fulfil form: a quantity per order line as typed.
type FulfilForm struct {
	Qty            map[int64]string
	Carrier        string
	TrackingNumber string
	// Shipped is the hidden units-shipped the form was first shown with
	// (store.FulfillOrderSeen), kept when a refused field shows it again.
	Shipped string
}

// ShippedOf is the hidden shipped field's value: what the form was first
// shown with, or the units o has shipped now.
func (f FulfilForm) ShippedOf(o *store.Order) string {
	if f.Shipped != "" {
		return f.Shipped
	}
	return strconv.FormatInt(store.ShippedUnits(o.Lines), 10)
}

// QtyOf is the quantity field's value for line l: as typed, or by default
// everything it has left to ship.
func (f FulfilForm) QtyOf(l store.OrderLine) string {
	if v, ok := f.Qty[l.ID]; ok {
		return v
	}
	return strconv.FormatInt(l.Unfulfilled(), 10)
}

// CanMarkPaid reports whether staff may record the order's payment: an
// open, unpaid order paid offline (Stripe orders are paid by Stripe).
func (p OrderPage) CanMarkPaid() bool {
	o := p.Order
	return o.AwaitingPayment() && o.PaymentMethod != store.PayStripe
}

// CanFulfil reports whether the order has anything left to ship.
func (p OrderPage) CanFulfil() bool {
	return !p.Order.Cancelled() && p.Order.FulfillmentStatus != store.FulfillmentDone
}

// CanCancel reports whether the order may still be cancelled: nothing of
// it has shipped, or it is a pickup its shopper never came to collect.
func (p OrderPage) CanCancel() bool {
	return p.ReplacesID == 0 && (!p.Order.Cancelled() && p.Order.FulfillmentStatus == store.FulfillmentNone || p.Order.AwaitsCollection())
}

// CanCancelUnshipped reports whether what the order has not shipped may
// be cancelled on its own: some of it has shipped and some is still to
// ship (with nothing shipped, the whole order is cancelled instead).
func (p OrderPage) CanCancelUnshipped() bool {
	return p.ReplacesID == 0 && !p.Order.Cancelled() && p.Order.FulfillmentStatus == store.FulfillmentPartial
}

// PackingSlipPage is the printable slip that goes in the parcel: who it is
// from and to, and what is in it, without prices.
type PackingSlipPage struct {
	Shell    Shell
	Order    *store.Order
	Settings store.Settings // the shop's name, address and contact
}

// OrderURL is where the admin shows an order.
func OrderURL(id int64) string {
	return "/admin/orders/" + strconv.FormatInt(id, 10)
}

// orderMoney formats an amount in the order's own currency, which is the
// shop's currency when the order was placed.
func orderMoney(ctx context.Context, currency string, amount int64) string {
	return i18n.MoneyIn(i18n.Locale(ctx), currency, amount)
}

// lineTitle names an order line as bought: "Shirt — M".
func lineTitle(l store.OrderLine) string {
	if l.VariantTitle == "" {
		return l.ProductTitle
	}
	return l.ProductTitle + " — " + l.VariantTitle
}

// lineTitles maps the order's line ids to their titles, for the parcels.
func lineTitles(o *store.Order) map[int64]string {
	out := make(map[int64]string, len(o.Lines))
	for _, l := range o.Lines {
		out[l.ID] = lineTitle(l)
	}
	return out
}

// orderBadge is the badge class of an order status: kind is "status",
// "payment" or "fulfillment".
func orderBadge(kind, value string) string {
	return "badge admin-order-badge admin-order-" + kind + "-" + value
}

// refundMethod names how a refund was made: a card refund as the order's
// card payment is named, an offline one as the return's form offers it.
func refundMethod(ctx context.Context, method string) string {
	if method == store.RefundStripe {
		return label(ctx, "admin.orders.method.", method)
	}
	return label(ctx, "admin.return.method.", method)
}

// CustomerOrdersURL is the order list searched for a customer's email.
func CustomerOrdersURL(email string) string {
	return "/admin/orders?q=" + url.QueryEscape(email)
}

// eventDetail is what the timeline says beside an event's kind: the
// payment method an order was placed with, why it was cancelled, which
// email went out, the parcel's carrier and tracking number.
func eventDetail(ctx context.Context, e store.OrderEvent) string {
	switch e.Kind {
	case store.EventPlaced:
		return label(ctx, "admin.orders.method.", e.Detail)
	case store.EventCancelled:
		return label(ctx, "admin.orders.cancel_reason.", e.Detail)
	case store.EventUnshippedCancelled:
		n, _ := strconv.ParseInt(e.Detail, 10, 64)
		return i18n.N(ctx, "admin.order.event_unshipped", n, n)
	case store.EventEmail:
		return label(ctx, "admin.orders.email.", e.Detail)
	case store.EventPaid:
		var parts []string
		for _, p := range strings.Split(e.Detail, ";") {
			parts = append(parts, label(ctx, "admin.orders.paid_via.", p))
		}
		return strings.Join(parts, " · ")
	}
	return e.Detail
}

// eventLabel names a timeline event of o; the refund of units cancelled
// before shipping, or of a cancelled order's payment, is no return's
// refund, and a pickup's parcel is set aside, then collected
// (views.PickupText).
func eventLabel(ctx context.Context, o *store.Order, e store.OrderEvent, returns []store.ReturnRequest) string {
	if id, ok := returnOfEvent(e); ok && e.Kind == store.EventReturnRefunded {
		for _, r := range returns {
			switch {
			case r.ID == id && r.CancelsOrder():
				return i18n.T(ctx, "admin.orders.event.cancel_refunded")
			case r.ID == id && r.Unshipped():
				return i18n.T(ctx, "admin.orders.event.unshipped_refunded")
			}
		}
	}
	if key := views.PickupText(o, "admin.orders.event."+e.Kind); i18n.Has(key) {
		return i18n.T(ctx, key)
	}
	return e.Kind
}

// returnOfEvent is the return a return event on the timeline is about
// (every "return_…" event's detail is the return's id), or false.
func returnOfEvent(e store.OrderEvent) (int64, bool) {
	if !strings.HasPrefix(e.Kind, "return_") && e.Kind != store.EventUncollectedSettled {
		return 0, false
	}
	id, err := strconv.ParseInt(e.Detail, 10, 64)
	return id, err == nil
}

// newestFirst is the timeline in the order it is read: latest on top.
func newestFirst(evs []store.OrderEvent) []store.OrderEvent {
	out := slices.Clone(evs)
	slices.Reverse(out)
	return out
}
