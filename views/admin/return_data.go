package admin

import (
	"context"
	"slices"
	"strconv"

	"storefront/i18n"
	"storefront/store"
)

// ReturnPage is one return for the owner: what was asked for and quoted,
// where it stands, and the next step's form.
type ReturnPage struct {
	Shell    Shell
	Return   *store.Return
	Order    *store.Order
	Errors   map[string]string
	Notice   string // a catalog key: what the last step did
	Conflict bool   // someone else moved it first
	Form     map[string]string
	Reasons  []store.ReturnReason
	Wanted   map[int64]store.Variant // by order line, what an exchange asks for, at today's price (store.ExchangeWanted)
	// ExchangeOrderID is the replacement order's id, once approved.
	ExchangeOrderID int64
}

// ReturnURL is a return's admin page.
func ReturnURL(id int64) string { return "/admin/returns/" + strconv.FormatInt(id, 10) }

// ConditionField is the receive form's condition field of an order line.
func ConditionField(lineID int64) string { return "condition_" + strconv.FormatInt(lineID, 10) }

// line is the order's line id.
func (p ReturnPage) line(id int64) store.OrderLine {
	for _, l := range p.Order.Lines {
		if l.ID == id {
			return l
		}
	}
	return store.OrderLine{}
}

// exchangeExtra is how much more than the unit of order line id the
// variant its exchange asks for costs now: what approving would give
// away, so the store refuses it (store.OrderLine.ExchangeableFor); 0 when
// it may be exchanged.
func (p ReturnPage) exchangeExtra(id int64) int64 {
	l := p.line(id)
	w, ok := p.Wanted[id]
	if !ok || l.ExchangeableFor(w) {
		return 0
	}
	return w.Price - l.UnitPrice
}

// exchangeDearer reports whether some line's exchange asks for a variant
// dearer than the line (exchangeExtra): approving it is refused.
func (p ReturnPage) exchangeDearer() bool {
	return slices.ContainsFunc(p.Return.Lines, func(l store.ReturnLine) bool { return p.exchangeExtra(l.OrderLineID) > 0 })
}

// returnStatusKeys is the catalog prefix of r's status badge: the
// cancellation of what had not shipped is "To refund" once made, where a
// return would read "Received", or, of an unpaid order, settled when the
// order is paid and then not charged (store.MarkPaid).
func returnStatusKeys(r store.ReturnRequest) string {
	switch {
	case r.Unshipped() && (!r.OrderPaid || r.RefundMethod == store.RefundNotCollected):
		return "admin.returns.unshipped.unpaid."
	case r.Unshipped():
		return "admin.returns.unshipped."
	}
	return "admin.returns."
}

// returnKindLabel says what r is: the refund or exchange a shopper asked
// for, the shop's cancellation of what had not shipped, or the refund of
// a cancelled order's payment.
func returnKindLabel(ctx context.Context, r store.ReturnRequest) string {
	switch {
	case r.CancelsOrder():
		return i18n.T(ctx, "admin.returns.kind.order_cancelled")
	case r.Unshipped():
		return i18n.T(ctx, "admin.returns.kind.unshipped")
	}
	return i18n.T(ctx, "admin.returns.resolution."+r.Resolution)
}

// cancellationReason is why a cancellation (store.ReturnRequest.Unshipped)
// refunds: items the shop could not send, or the whole order cancelled.
func cancellationReason(ctx context.Context, r store.ReturnRequest) string {
	if r.CancelsOrder() {
		return i18n.T(ctx, "admin.returns.order_cancelled_reason")
	}
	return i18n.T(ctx, "admin.returns.unshipped_reason")
}
