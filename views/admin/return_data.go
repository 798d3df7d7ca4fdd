package admin

import (
	"context"
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
	Choices  map[int64][]store.Variant // to name an exchange's variants
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
// for, or the shop's cancellation of what had not shipped.
func returnKindLabel(ctx context.Context, r store.ReturnRequest) string {
	if r.Unshipped() {
		return i18n.T(ctx, "admin.returns.kind.unshipped")
	}
	return i18n.T(ctx, "admin.returns.resolution."+r.Resolution)
}
