// Package admin holds the owner's and staff's pages under /admin, one file
// for each admin area or action, and the one permission table
// (permissions.go). web/routes.go lists every admin URL with the permission
// it needs; RequireStaff enforces it.
package admin

import (
	"net/http"

	"storefront/mail"
	"storefront/store/payment"
	"storefront/web/kit"
)

// Handler serves the admin's pages; web's routes.go registers its methods.
type Handler struct {
	*kit.Deps
	// setupToken unlocks the first-run page /admin/setup; serve prints the
	// link while the shop has no staff (setup.go).
	setupToken string
	// emails composes order emails for the outbox's preview (emails.go).
	emails *mail.Sender
	// home is the storefront's home page, which the theme preview shows
	// with the look being tried (settings.go); web wires in the shop's.
	home http.Handler
	// payments refunds card orders' returns through Stripe (return.go).
	payments *payment.Flows
}

// New returns the admin's handler. setupToken is the one-time secret of
// the first-run setup link; home is the storefront's home page.
func New(d *kit.Deps, setupToken string, emails *mail.Sender, payments *payment.Flows, home http.Handler) *Handler {
	return &Handler{Deps: d, setupToken: setupToken, emails: emails, payments: payments, home: home}
}
