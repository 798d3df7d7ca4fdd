package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"storefront/store"
	"storefront/store/demo"
	"storefront/themes"
)

// cmdServe runs the shop until ctx is cancelled. The demo variant uses a
// throwaway database of its own and seeds it.
func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, isDemo bool) error {
	name, defAddr, defDB := "serve", ":8080", "storefront.db"
	if isDemo {
		name, defAddr, defDB = "demo", "127.0.0.1:8080", ""
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	fs.StringVar(&cfg.addr, "addr", envDefault(getenv, "STOREFRONT_ADDR", defAddr), "listen address (STOREFRONT_ADDR)")
	fs.StringVar(&cfg.db, "db", envDefault(getenv, "STOREFRONT_DB", defDB), "SQLite database file (STOREFRONT_DB)")
	fs.StringVar(&cfg.baseURL, "base-url", getenv("STOREFRONT_BASE_URL"), "public URL of the shop, for canonical links (STOREFRONT_BASE_URL)")
	fs.StringVar(&cfg.theme, "theme", getenv("STOREFRONT_THEME"), "set the storefront theme (STOREFRONT_THEME)")
	fs.StringVar(&cfg.stripeAPIBase, "stripe-api-base", getenv("STOREFRONT_STRIPE_API_BASE"), "Stripe API URL, e.g. a stripe-mock's (STOREFRONT_STRIPE_API_BASE)")
	// Secrets come from the environment only, never a flag that ps would show.
	stripeEnv := store.StripeSecrets{SecretKey: getenv("STRIPE_SECRET_KEY"), WebhookSecret: getenv("STRIPE_WEBHOOK_SECRET")}
	fs.BoolVar(&cfg.trustProxy, "trust-proxy", getenv("STOREFRONT_TRUST_PROXY") == "1", "trust X-Forwarded-* from a reverse proxy (STOREFRONT_TRUST_PROXY=1)")
	smtpFlags(fs, getenv, &cfg.smtp)
	products := 0
	if isDemo {
		fs.IntVar(&products, "products", 0, "grow the demo catalog to this many products (for load tests)")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.secureCookie = strings.HasPrefix(cfg.baseURL, "https://")
	log := slog.New(slog.NewTextHandler(stderr, nil))

	if isDemo && cfg.db == "" {
		dir, err := os.MkdirTemp("", "storefront-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.db = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var demoPassword string
	if isDemo {
		if err := seedDemo(ctx, st, products, stdout); err != nil {
			return err
		}
		if demoPassword, err = ensureDemoOwner(ctx, st); err != nil {
			return fmt.Errorf("demo owner: %w", err)
		}
	}
	if cfg.theme != "" {
		if !themes.Exists(cfg.theme) {
			return fmt.Errorf("unknown theme %q", cfg.theme)
		}
		if err := st.SetSetting(ctx, store.SettingTheme, cfg.theme); err != nil {
			return err
		}
	}

	if stripeEnv != (store.StripeSecrets{}) {
		st.SetStripeOverride(stripeEnv)
	}
	a := newApp(cfg, st, log, 5*time.Minute)
	defer a.startJobs(ctx)()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	fmt.Fprintf(stdout, "Storefront is open at http://%s (database %s)\n", displayAddr(ln.Addr()), cfg.db)
	if err := a.printAdminAccess(ctx, stdout, cmp.Or(cfg.baseURL, "http://"+displayAddr(ln.Addr())), demoPassword); err != nil {
		ln.Close()
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "db", cfg.db, "version", version)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func seedDemo(ctx context.Context, st *store.Store, products int, stdout io.Writer) error {
	page, err := st.Products(ctx, store.ProductQuery{PerPage: 1})
	if err != nil {
		return err
	}
	if page.Total == 0 {
		start := time.Now()
		if err := demo.Seed(ctx, st); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		fmt.Fprintf(stdout, "Seeded the demo shop in %s.\n", time.Since(start).Round(time.Millisecond))
	}
	if products > 0 {
		start := time.Now()
		if err := demo.Grow(ctx, st, products); err != nil {
			return fmt.Errorf("grow demo: %w", err)
		}
		fmt.Fprintf(stdout, "Grew the catalog to %s products in %s.\n", strconv.Itoa(products), time.Since(start).Round(time.Millisecond))
	}
	return nil
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
