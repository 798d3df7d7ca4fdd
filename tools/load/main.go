// Command load measures the shop from outside, over real HTTP, beside a
// reference server measured in the same run (absolute figures move from
// machine to machine; the ratio does not):
//
//	go run ./tools/load reference --addr 127.0.0.1:8091 --db /tmp/fortunes.db
//	go run ./tools/load pages     --target http://127.0.0.1:8090 --reference http://127.0.0.1:8091/fortunes
//	go run ./tools/load checkout  --target http://127.0.0.1:8090 -c 64 -n 5000
//	go run ./tools/load purchase  --target http://127.0.0.1:8090 -c 64 -d 10s
//
// Give --pid the shop's process id to also print its CPU time per request.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

const usage = "usage: load reference|pages|checkout|purchase [flags] (-h for each)"

func run(ctx context.Context, args []string, w io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	cmds := map[string]func(context.Context, []string, io.Writer) error{
		"reference": cmdReference, "pages": cmdPages, "checkout": cmdCheckout, "purchase": cmdPurchase,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return errors.New(usage)
	}
	if err := cmd(ctx, args[1:], w); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}

func cmdReference(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("reference", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8091", "listen address")
	db := fs.String("db", "fortunes.db", "SQLite file of the fortune table (created and seeded if absent)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ref, err := openReference(ctx, *db)
	if err != nil {
		return err
	}
	defer ref.Close()
	srv := &http.Server{Addr: *addr, Handler: ref, ReadHeaderTimeout: 5 * time.Second,
		ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelError)}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Fprintf(w, "reference: http://%s/fortunes (database %s)\n", *addr, *db)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// cmdPages measures the four pages a shopper browses, anonymous and as a
// shopper with a cart (both answered by the page cache), and the cart page
// rendered as for its first view after a change, between two runs of the
// reference.
func cmdPages(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("pages", flag.ContinueOnError)
	target := fs.String("target", "http://127.0.0.1:8090", "the shop's base URL")
	refURL := fs.String("reference", "http://127.0.0.1:8091/fortunes", "the reference page's URL")
	c := fs.Int("c", 32, "connections")
	d := fs.Duration("d", 10*time.Second, "duration of each measurement")
	pid := fs.Int("pid", 0, "the shop's process id, to report its CPU time per request")
	refPid := fs.Int("ref-pid", 0, "the reference's process id, likewise")
	product := fs.String("product", "linen-shirt", "product handle")
	collection := fs.String("collection", "apparel", "collection handle")
	query := fs.String("q", "linen", "search words")
	// Each of c shoppers comes back within milliseconds; a shopper who
	// browses comes back seconds later, which more shoppers than the shop
	// serves pages in a second imitate.
	n := fs.Int("shoppers", 0, "shoppers with a cart, taken in turn (default and at least: one per connection)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tr := newTransport(*c)
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if *n < *c {
		*n = *c
	}
	cookies, err := shoppers(tr, *target, *product, *n)
	if err != nil {
		return err
	}
	pages := []struct{ name, path string }{
		{"product", "/products/" + *product},
		{"collection", "/collections/" + *collection},
		{"search", "/search?q=" + *query},
		{"cart", "/cart"},
		// A new query string each time: what a view right after the cart
		// changed costs.
		{"cart rendered", "/cart?view="},
	}
	fmt.Fprintf(w, "pages: %s, %d connections, %s each, Accept-Encoding: gzip, %d shoppers with a cart taken in turn\n",
		*target, *c, *d, *n)
	for _, p := range pages {
		sent, size, err := weigh(client, *target+p.path, cookies[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-13s %6.1f KB sent (%s), %6.1f KB of HTML\n", p.name, float64(sent)/1024, p.path, float64(size)/1024)
	}
	meter := cpuMeter{*pid}
	before := cpuMeter{*refPid}.measure(ctx, "reference, before", *c, *d, 0, getter(client, *refURL, nil))
	var rows []result
	for _, p := range pages {
		if !strings.HasPrefix(p.path, "/cart") {
			rows = append(rows, meter.measure(ctx, p.name+", anonymous", *c, *d, 0, getter(client, *target+p.path, nil)))
		}
		rows = append(rows, meter.measure(ctx, p.name+", shopper with a cart", *c, *d, 0, getter(client, *target+p.path, cookies)))
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	after := cpuMeter{*refPid}.measure(ctx, "reference, after", *c, *d, 0, getter(client, *refURL, nil))
	ref := (before.rate() + after.rate()) / 2
	fmt.Fprintf(w, "reference: %.0f req/s (mean of before and after)\n", ref)
	table(w, "req", ref, append(append([]result{before}, rows...), after)...)
	return nil
}

// shoppers makes n shoppers, each with a cart made through a product
// page's form (product's, or once it is sold out, the next product in the
// sitemap), and returns their Cookie headers.
func shoppers(tr http.RoundTripper, target, product string, n int) ([]string, error) {
	var sh *shelf
	cookies := make([]string, n)
	for i := range cookies {
		b := newBrowser(tr, target)
		err := b.addToCart(product)
		if errors.Is(err, errSoldOut) {
			if sh == nil {
				handles, err := products(b)
				if err != nil {
					return nil, fmt.Errorf("list products: %w", err)
				}
				if sh, err = newShelf(handles, 0); err != nil {
					return nil, err
				}
			}
			_, err = sh.addAny(b, "")
		}
		if err == nil {
			// The 303 the form answers leads to the cart page, whose
			// message about the item added is shown once: a browser
			// follows it, and left unseen it would make every shopper's
			// first view in the measurement a render and a session write.
			_, err = b.get("/cart")
		}
		if err != nil {
			return nil, fmt.Errorf("shopper %d fills a cart: %w", i, err)
		}
		cookies[i] = b.cookie()
	}
	return cookies, nil
}
