package admin

import (
	"context"

	"storefront/i18n"
	"storefront/store"
)

// Page titles that name the item open, as its heading does, so that tabs
// and the browser's history tell one from another.

// EmailTitle is an email's heading: its kind, and its order's number.
func EmailTitle(ctx context.Context, e store.Email) string {
	title := emailKind(ctx, e)
	if e.OrderNumber != "" {
		title += " · " + e.OrderNumber
	}
	return title
}

// StaffTitle is a staff member's heading: their name, or their email.
func StaffTitle(st *store.Staff) string { return displayName(st) }

// ReturnTitle is a return's heading: what kind of return, and its order.
func ReturnTitle(ctx context.Context, p ReturnPage) string {
	switch r := p.Return; {
	case r.CancelsOrder():
		return i18n.T(ctx, "admin.return.title_order_cancelled", p.Order.Number)
	case r.Unshipped():
		return i18n.T(ctx, "admin.return.title_unshipped", p.Order.Number)
	}
	return i18n.T(ctx, "admin.return.title", p.Order.Number)
}
