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

// EmailKindLabel names an email kind in the reader's language.
func EmailKindLabel(ctx context.Context, kind string) string {
	if key := "admin.emails.kind." + kind; i18n.Has(key) {
		return i18n.T(ctx, key)
	}
	return kind
}

// EmailStatusLabel names an email status in the reader's language.
func EmailStatusLabel(ctx context.Context, status string) string {
	return i18n.T(ctx, "admin.emails.status."+status)
}

func emailStatusClass(status string) string { return "badge email-status email-status-" + status }

func emailOrderURL(orderID int64) string { return "/admin/orders/" + strconv.FormatInt(orderID, 10) }

func emailURL(id int64) string { return "/admin/emails/" + strconv.FormatInt(id, 10) }
