// Command storefront is a whole online shop in one binary: run `storefront
// demo` for a throwaway shop or `storefront serve` for the real one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	atLeastTwoProcs(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "storefront:", err)
		}
		os.Exit(1)
	}
}

// atLeastTwoProcs gives the Go scheduler two processors on a machine with
// one CPU (the cheapest VPS), unless GOMAXPROCS is set. With one, a shop
// saturated on one core kept some shoppers waiting seconds while the others
// went on: purchases' p99 was 1.6-3.2 s against a median of 31-52 ms, and
// orders' 0.6-2.1 s, at 890-1,370 orders/s. With two on the same core,
// purchases' p99 was 0.24-0.39 s, orders' 60-74 ms at 1,540-2,070 orders/s.
// The price is paid by short pages, whose two threads now take turns on the
// core: cached pages' p99 went from 5-8 to 9-13 ms, a cart page rendered
// afresh from 18-19 to 47-53 ms, at the same rates. Seconds at checkout
// cost a shop more. Go's own default for a container limited to less than
// two CPUs is two.
//
// GOMAXPROCS counts as set only when Go itself uses it (a positive number):
// Go ignores "0" or "abc", and so does this.
func atLeastTwoProcs(getenv func(string) string) {
	if n, err := strconv.ParseInt(getenv("GOMAXPROCS"), 10, 32); err == nil && n > 0 {
		return
	}
	if runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}
}

const usage = `usage:
  storefront demo  [--addr 127.0.0.1:8080] [--db PATH] [--products N]   throwaway shop, seeded
  storefront serve [--addr :8080] [--db storefront.db]   the real shop
  storefront admin create --email E --password P [--name N] [--role owner] [--db PATH]
  storefront import products FILE.csv --db PATH [--jobs N]   Shopify product CSV
  storefront import translations FILE.csv --db PATH      translations CSV (admin: Export translations)
  storefront backup --db PATH --out FILE [--force]       a verified copy, taken while the shop runs
  storefront restore --db PATH --from FILE               put a backup in place (stop serve first)
  storefront version
`

// run is the whole program, so that tests can start it like a shell would.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], getenv, stdout, stderr, false)
	case "demo":
		return cmdServe(ctx, args[1:], getenv, stdout, stderr, true)
	case "import":
		return cmdImport(ctx, args[1:], getenv, stdout)
	case "admin":
		return cmdAdmin(ctx, args[1:], getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, args[1:], getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "storefront", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// envDefault returns the environment's value for key, or def.
func envDefault(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
