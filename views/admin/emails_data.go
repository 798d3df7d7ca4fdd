package admin

import (
	"context"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// EmailsPage is the outbox: every order email, newest first, filtered by
// status.
type EmailsPage struct {
	Shell   Shell
	List    store.EmailPage
	Status  string // the filter: "" for all, else one of store.EmailStatuses
	Nav     views.PageNav
	SMTPOff bool // no mail server is configured, so nothing is being sent
}

// EmailPage is one email: its outbox row and how it renders now.
type EmailPage struct {
	Shell       Shell
	Email       store.Email
	Subject     string
	Text        string
	RenderError string // set, translated, when the email can no longer be rendered
}

// emailKind names what email e told: the "shipped" email of a pickup
// said the order was ready to collect, so the log says so too.
func emailKind(ctx context.Context, e store.Email) string {
	if key := views.PickupText(&store.Order{ShippingKind: e.ShippingKind}, "admin.emails.kind."+e.Kind); i18n.Has(key) {
		return i18n.T(ctx, key)
	}
	return e.Kind
}

func emailStatusClass(status string) string { return "badge email-status email-status-" + status }

func emailURL(id int64) string { return "/admin/emails/" + strconv.FormatInt(id, 10) }
