// Package web is the shop's HTTP server: New wires the shop's and the
// admin's pages behind one middleware chain, and routes.go lists every URL
// the shop answers. The pages themselves live in web/shop and web/admin;
// what both need lives in web/kit.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"storefront/mail"
	"storefront/store"
	"storefront/store/payment"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/shop"
)

// Config is what the command line decides about the server.
type Config struct {
	kit.Config
	// SetupToken unlocks the first-run page /admin/setup; serve prints
	// the link while the shop has no staff.
	SetupToken string
	// SessionCleanup is how often expired sessions are deleted; 0 never
	// (tests, so that no goroutine outlives them).
	SessionCleanup time.Duration
}

// server holds what the middleware needs beside the pages.
type server struct {
	*kit.Deps
	pages *pageCache
}

// New returns the shop's whole HTTP handler. emails composes the admin's
// email previews; payments moves orders through Stripe.
func New(cfg Config, st *store.Store, log *slog.Logger, emails *mail.Sender, payments *payment.Flows) http.Handler {
	d := &kit.Deps{Cfg: cfg.Config, Store: st, Sessions: newSessions(st, cfg), Log: log}
	d.Cfg.MailEnabled = emails != nil && emails.Enabled()
	s := &server{Deps: d, pages: newPageCache(16<<20, store.CacheTTL)}
	sh := shop.New(d, payments)
	ad := admin.New(d, cfg.SetupToken, emails, payments, http.HandlerFunc(sh.Home))
	d.AdminError = ad.ErrorPage
	return s.routes(sh, ad)
}

// newSessions is the session manager: one cookie for shoppers and staff
// alike, kept in the shop's database (sessionstore.go).
func newSessions(st *store.Store, cfg Config) *scs.SessionManager {
	sm := scs.New()
	sm.Store = newSessionStore(st, cfg.SessionCleanup)
	sm.Codec = sessionCodec{}
	sm.Lifetime = 30 * 24 * time.Hour
	sm.IdleTimeout = 7 * 24 * time.Hour
	sm.Cookie.Name = cfg.SessionCookie()
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookie
	sm.Cookie.Persist = true
	return sm
}
