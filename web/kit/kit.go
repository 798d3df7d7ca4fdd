// Package kit holds what the shop's pages and the admin's pages both need:
// the dependencies struct their handlers embed, rendering and error pages,
// path and form parsing, the session's keys, and who is asking (the
// visitor's cart, the signed-in staff member).
//
// It imports store, views, i18n, themes and assets; it never imports
// web/shop or web/admin.
package kit

import (
	"log/slog"
	"net/http"

	"github.com/alexedwards/scs/v2"

	"storefront/store"
)

// Config is what the command line decides that pages need.
type Config struct {
	BaseURL      string // e.g. https://shop.example.com; empty uses the stored public address (BaseURL)
	SecureCookie bool   // the shop is served over HTTPS: cookies are Secure, HSTS is sent
	TrustProxy   bool   // believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy
	// ListenURL is where the shop listens, such as http://localhost:8080:
	// the last resort of BaseURL, before the owner has told the public one.
	ListenURL string
	// MailEnabled says whether a mail server is configured, so that no page
	// claims an email was sent when it waits unsent in the outbox.
	MailEnabled bool
}

// Deps holds the dependencies every handler needs. The shop's and the
// admin's handler types embed it, so their methods reach the store and the
// helpers below as h.Store, h.Render, h.StoreError.
type Deps struct {
	Cfg      Config
	Store    *store.Store
	Sessions *scs.SessionManager
	Log      *slog.Logger
	// AdminError answers an error under /admin in the admin's layout, so
	// that staff keep their menu and a way back; web wires in the admin's.
	// Without it every error page is the shop's.
	AdminError func(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string)
}

// MaxBodyBytes bounds every request body; the routes that need more (an
// image upload) raise it in web's body limit.
const MaxBodyBytes = 1 << 20
