package admin

import (
	"context"

	"storefront/store"
)

// Page titles that name the item open, as its heading does, so that tabs
// and the browser's history tell one from another.

// EmailTitle is an email's heading: its kind, and its order's number.
func EmailTitle(ctx context.Context, e store.Email) string {
	title := label(ctx, "admin.emails.kind.", e.Kind)
	if e.OrderNumber != "" {
		title += " · " + e.OrderNumber
	}
	return title
}

// StaffTitle is a staff member's heading: their name, or their email.
func StaffTitle(st *store.Staff) string { return displayName(st) }
