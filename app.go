package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"storefront/store"
)

// config is what the command line and environment decide.
type config struct {
	addr         string
	db           string
	baseURL      string // e.g. https://shop.example.com; empty derives it from each request
	secureCookie bool
	trustProxy   bool // believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy
	theme        string

	// stripeAPIBase is the Stripe API's address: stripe-mock in tests
	// (stripe.go). The keys are in the store (store.StripeSecrets).
	stripeAPIBase string

	smtp smtpConfig // the mail server for order emails (mailer.go)
}

// app holds the dependencies every handler needs; handlers are its methods.
type app struct {
	cfg      config
	store    *store.Store
	sessions *scs.SessionManager
	log      *slog.Logger
	pages    *pageCache

	// setupToken unlocks the first-run page /admin/setup; serve prints the
	// link while the shop has no staff (admin_setup.go).
	setupToken string
	// loginLimiter slows down password guessing at /admin/login (ratelimit.go).
	loginLimiter *loginLimiter
	// stripe talks to the Stripe API (stripe.go).
	stripe *stripeGateway
	// adminPatterns is hasAdminRoute's lookup, built on first use (admin.go).
	adminPatterns adminRouteSet
}

func newApp(cfg config, st *store.Store, log *slog.Logger, sessionCleanup time.Duration) *app {
	sm := scs.New()
	sm.Store = newSessionStore(st, sessionCleanup)
	sm.Lifetime = 30 * 24 * time.Hour
	sm.IdleTimeout = 7 * 24 * time.Hour
	sm.Cookie.Name = "storefront_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.secureCookie
	sm.Cookie.Persist = true
	return &app{cfg: cfg, store: st, sessions: sm, log: log, pages: newPageCache(16<<20, store.CacheTTL),
		setupToken: newSetupToken(), loginLimiter: newLoginLimiter(func() time.Time { return st.Now() }),
		stripe: newStripeGateway(cfg.stripeAPIBase)}
}
