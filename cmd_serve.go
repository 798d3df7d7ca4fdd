package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"storefront/mail"
	"storefront/store"
	"storefront/store/demo"
	"storefront/store/payment"
	"storefront/themes"
	"storefront/web"
	"storefront/web/kit"
)

// serveConfig is what serve's flags and environment decide.
type serveConfig struct {
	addr          string
	db            string
	baseURL       string // e.g. https://shop.example.com; empty derives it from each request
	trustProxy    bool   // believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy
	theme         string
	stripeAPIBase string // the Stripe API's address: stripe-mock in tests
	stripeEnv     store.StripeSecrets
	smtp          mail.SMTP   // the mail server for order emails
	products      int         // demo only: grow the catalog to this many products
	https         httpsConfig // serve only: the shop's own HTTPS (cmd_serve_tls.go)
}

// cmdServe runs the shop until ctx is cancelled. The demo variant uses a
// throwaway database of its own and seeds it.
func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, isDemo bool) error {
	cfg, err := parseServeFlags(args, getenv, stderr, isDemo)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if isDemo && cfg.db == "" {
		dir, err := os.MkdirTemp("", "storefront-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.db = filepath.Join(dir, "demo.db")
	}
	// Held while the shop runs, so that restore refuses to replace the
	// database under it (store.LockDatabase).
	unlock, err := store.LockDatabase(cfg.db)
	if errors.Is(err, store.ErrInUse) {
		return fmt.Errorf("another storefront is running on %s", cfg.db)
	}
	if err != nil {
		return err
	}
	defer unlock()
	st, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var demoPassword string
	if isDemo {
		if demoPassword, err = seedDemo(ctx, st, cfg.products, stdout); err != nil {
			return err
		}
	}
	if err := applySettingFlags(ctx, st, cfg); err != nil {
		return err
	}
	// Without --base-url, email links use the public address the owner
	// confirmed at setup, read when each email is written.
	emails := mail.NewSender(st, log, cfg.smtp, cfg.baseURL).WithListenURL(emailBaseURL("", cfg.addr))
	payments := payment.NewFlows(st, cfg.stripeAPIBase)
	defer startJobs(ctx, st, log, emails, payments)()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	setupToken := rand.Text()
	handler := web.New(web.Config{
		Config: kit.Config{BaseURL: cfg.baseURL, SecureCookie: strings.HasPrefix(cfg.baseURL, "https://"), TrustProxy: cfg.trustProxy,
			ListenURL: "http://" + displayAddr(ln.Addr())},
		SetupToken: setupToken, SessionCleanup: 5 * time.Minute,
	}, st, log, emails, payments)
	fmt.Fprintf(stdout, "Storefront is open at %s (database %s)\n", shopURL(cfg, ln.Addr()), cfg.db)
	if err := printAdminAccess(ctx, st, stdout, cmp.Or(cfg.baseURL, "http://"+displayAddr(ln.Addr())), setupToken, demoPassword); err != nil {
		ln.Close()
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "db", cfg.db, "version", version)
	return serveShop(ctx, cfg, ln, handler, log, stdout)
}

// parseServeFlags reads serve's (or demo's) flags, each defaulting to its
// environment variable.
func parseServeFlags(args []string, getenv func(string) string, stderr io.Writer, isDemo bool) (serveConfig, error) {
	name, defAddr, defDB := "serve", ":8080", "storefront.db"
	if isDemo {
		name, defAddr, defDB = "demo", "127.0.0.1:8080", ""
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", envDefault(getenv, "STOREFRONT_ADDR", defAddr), "listen address (STOREFRONT_ADDR)")
	fs.StringVar(&cfg.db, "db", envDefault(getenv, "STOREFRONT_DB", defDB), "SQLite database file (STOREFRONT_DB)")
	fs.StringVar(&cfg.baseURL, "base-url", getenv("STOREFRONT_BASE_URL"), "public URL of the shop, for canonical links (STOREFRONT_BASE_URL)")
	fs.StringVar(&cfg.theme, "theme", getenv("STOREFRONT_THEME"), "set the storefront theme (STOREFRONT_THEME)")
	fs.StringVar(&cfg.stripeAPIBase, "stripe-api-base", getenv("STOREFRONT_STRIPE_API_BASE"), "Stripe API URL, e.g. a stripe-mock's (STOREFRONT_STRIPE_API_BASE)")
	fs.BoolVar(&cfg.trustProxy, "trust-proxy", getenv("STOREFRONT_TRUST_PROXY") == "1", "trust X-Forwarded-* from a reverse proxy (STOREFRONT_TRUST_PROXY=1)")
	// Secrets come from the environment only, never a flag that ps would show.
	cfg.stripeEnv = store.StripeSecrets{SecretKey: getenv("STRIPE_SECRET_KEY"), WebhookSecret: getenv("STRIPE_WEBHOOK_SECRET")}
	cfg.smtp.Password = getenv("STOREFRONT_SMTP_PASSWORD")
	fs.StringVar(&cfg.smtp.Addr, "smtp-addr", getenv("STOREFRONT_SMTP_ADDR"), "mail server host:port for order emails; empty keeps them unsent in the admin (STOREFRONT_SMTP_ADDR)")
	fs.StringVar(&cfg.smtp.User, "smtp-user", getenv("STOREFRONT_SMTP_USER"), "mail server user name (STOREFRONT_SMTP_USER)")
	fs.StringVar(&cfg.smtp.From, "smtp-from", getenv("STOREFRONT_SMTP_FROM"), "From address of order emails; default the store's contact email (STOREFRONT_SMTP_FROM)")
	if isDemo {
		fs.IntVar(&cfg.products, "products", 0, "grow the demo catalog to this many products (for load tests)")
	} else {
		addHTTPSFlags(fs, &cfg.https, getenv)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	return cfg, finishHTTPSFlags(fs, &cfg, getenv)
}

// applySettingFlags stores the settings that flags and the environment
// override: the theme, and the Stripe keys (kept in memory only).
func applySettingFlags(ctx context.Context, st *store.Store, cfg serveConfig) error {
	if cfg.theme != "" {
		if !themes.Exists(cfg.theme) {
			return fmt.Errorf("unknown theme %q", cfg.theme)
		}
		if err := st.SetSetting(ctx, store.SettingTheme, cfg.theme); err != nil {
			return err
		}
	}
	if cfg.stripeEnv != (store.StripeSecrets{}) {
		st.SetStripeOverride(cfg.stripeEnv)
	}
	return nil
}

// listening is an HTTP server and the listener it serves.
type listening struct {
	srv *http.Server
	ln  net.Listener
}

// newServer is an HTTP server for handler with the shop's limits.
func newServer(ctx context.Context, handler http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// serveHTTP runs the servers until ctx ends or one of them fails, then
// shuts them all down, letting requests in flight finish for up to five
// seconds.
func serveHTTP(ctx context.Context, log *slog.Logger, servers ...listening) error {
	errc := make(chan error, len(servers))
	for _, s := range servers {
		go func() { errc <- s.srv.Serve(s.ln) }()
	}
	var err error
	running := len(servers)
	select {
	case err = <-errc:
		running--
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range servers {
		if serr := s.srv.Shutdown(shutdownCtx); serr != nil && err == nil {
			err = fmt.Errorf("shutdown: %w", serr)
		}
	}
	for ; running > 0; running-- {
		if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	}
	return err
}

// displayAddr turns a wildcard listen address into one a person can click.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// emailBaseURL is where the links in emails point: the shop's public URL
// (STOREFRONT_BASE_URL), else its port on localhost, which is right for the
// demo and a first try; a real shop stores its public address at setup,
// which the sender prefers to this fallback.
func emailBaseURL(baseURL, addr string) string {
	if baseURL != "" {
		return strings.TrimRight(baseURL, "/")
	}
	if _, port, err := net.SplitHostPort(addr); err == nil && port != "" {
		return "http://localhost:" + port
	}
	return "http://localhost"
}

// printAdminAccess tells the person who started the shop how to reach the
// admin: the demo owner's login, or on a shop without staff the one-time
// setup link. base is the shop's URL, such as http://localhost:8080.
func printAdminAccess(ctx context.Context, st *store.Store, stdout io.Writer, base, setupToken, demoPassword string) error {
	base = strings.TrimRight(base, "/")
	if demoPassword != "" {
		fmt.Fprintf(stdout, "Admin: %s/admin/login\n  email:    %s\n  password: %s\n", base, demoOwnerEmail, demoPassword)
		fmt.Fprintf(stdout, "Shopper (a Silver member with points): %s/account/login\n  email:    %s\n  password: %s\n",
			base, demo.DemoEmail, demo.DemoPassword)
		return nil
	}
	n, err := st.StaffCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	fmt.Fprintf(stdout, "No admin account yet. Open this one-time link to create the owner:\n  %s/admin/setup?token=%s\n"+
		"(or run: storefront admin create --email you@example.com --password '...')\n", base, url.QueryEscape(setupToken))
	return nil
}
