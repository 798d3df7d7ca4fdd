package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// shelf hands out the shop's products in turn, from a random start, so
// that buyers spread over the catalog (demo stock is a few units per
// variant) and a second run does not start where the first emptied it.
// Each product page is then viewed once in a run and rendered afresh: the
// worst case for the shop's caches. With popular, products are drawn by
// popularity instead, as a shop's shoppers pick them.
type shelf struct {
	handles []string
	next    atomic.Int64
	// popular draws the product of rank k in handles (the sitemap's order,
	// the shop's newest first) with a probability proportional to 1/k^s:
	// with s = 1.01 over 10,000 products the first 100 take half the
	// views. *rand.Zipf is not safe for concurrent use, hence mu.
	mu      sync.Mutex
	popular *rand.Zipf
}

// newShelf hands out handles in turn, or by popularity with exponent s
// (above 1; 0 for in turn).
func newShelf(handles []string, s float64) (*shelf, error) {
	sh := &shelf{handles: handles}
	sh.next.Store(rand.Int64N(int64(len(handles))))
	if s != 0 {
		sh.popular = rand.NewZipf(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), s, 1, uint64(len(handles)-1))
		if sh.popular == nil {
			return nil, fmt.Errorf("popularity exponent %v: it must be above 1", s)
		}
	}
	return sh, nil
}

// pick returns the index in handles of the next product to buy.
func (s *shelf) pick() int {
	if s.popular == nil {
		return int(s.next.Add(1) % int64(len(s.handles)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return int(s.popular.Uint64())
}

// addAny puts one item in b's cart from the next product not sold out and
// not product (the one already in the cart, which drawn by popularity
// comes up again most of the time: the product after it is taken
// instead), and says which product it took.
func (s *shelf) addAny(b *browser, product string) (string, error) {
	for range len(s.handles) {
		i := s.pick()
		if s.handles[i] == product {
			i = (i + 1) % len(s.handles)
		}
		if err := b.addToCart(s.handles[i]); !errors.Is(err, errSoldOut) {
			return s.handles[i], err
		}
	}
	return "", errSoldOut
}

// buyerEmail is buyer i's email: each is a new customer, as a fresh buyer
// is (the shop looks up a buyer's earlier orders at checkout).
func buyerEmail(run time.Time, i int) string {
	return fmt.Sprintf("buyer-%d-%d@example.com", run.Unix(), i)
}

// shelfFlags are the flags checkout and purchase share.
type shelfFlags struct {
	target  string
	c       int
	pid     int
	product string
	popular float64
}

func (f *shelfFlags) register(fs *flag.FlagSet, c int) {
	fs.StringVar(&f.target, "target", "http://127.0.0.1:8090", "the shop's base URL")
	fs.IntVar(&f.c, "c", c, "buyers at once")
	fs.IntVar(&f.pid, "pid", 0, "the shop's process id, to report its CPU time per order")
	fs.StringVar(&f.product, "product", "", "buy only this product (default: every product in the sitemap, in turn)")
	fs.Float64Var(&f.popular, "popular", 0, "draw products by popularity, the sitemap's k-th with probability ∝ 1/k^popular (above 1; 0: in turn)")
}

func (f *shelfFlags) shelf(tr http.RoundTripper) (*shelf, error) {
	if f.product != "" {
		return newShelf([]string{f.product}, f.popular)
	}
	handles, err := products(newBrowser(tr, f.target))
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return newShelf(handles, f.popular)
}

// cmdCheckout measures POST /checkout alone: n shoppers each fill a
// two-line cart and open the checkout page first, then all submit, c at once.
func cmdCheckout(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("checkout", flag.ContinueOnError)
	var f shelfFlags
	f.register(fs, 64)
	n := fs.Int("n", 5000, "orders to place")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tr := newTransport(f.c)
	sh, err := f.shelf(tr)
	if err != nil {
		return err
	}
	type shopper struct {
		b    *browser
		form url.Values
	}
	shoppers := make([]shopper, *n)
	run := time.Now()
	setup := hammer(ctx, "setup", f.c, 0, *n, func(_, i int) error {
		b := newBrowser(tr, f.target)
		var product string
		for range 2 {
			var err error
			if product, err = sh.addAny(b, product); err != nil {
				return err
			}
		}
		form, err := b.openCheckout(buyerEmail(run, i))
		shoppers[i] = shopper{b, form}
		return err
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	ready := shoppers[:0]
	for _, s := range shoppers {
		if s.form != nil {
			ready = append(ready, s)
		}
	}
	if len(ready) == 0 {
		table(w, "shopper", 0, setup)
		return errors.New("no shopper could fill a cart and open the checkout page")
	}
	fmt.Fprintf(w, "checkout: %s, %d products, %d shoppers with a two-line cart and the checkout page open (%s), %d at once\n",
		f.target, len(sh.handles), len(ready), setup.elapsed.Round(time.Millisecond), f.c)
	if setup.failed+setup.skipped > 0 {
		table(w, "shopper", 0, setup)
	}
	res := cpuMeter{f.pid}.measure(ctx, "POST /checkout", f.c, 0, len(ready), func(_, i int) error {
		return ready[i].b.placeOrder(ready[i].form)
	})
	table(w, "order", 0, res)
	return nil
}

// cmdPurchase is the whole purchase as a new buyer makes it, c buyers
// looping: a fresh cookie jar, the product page, add to cart, the checkout
// page, place the order.
func cmdPurchase(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("purchase", flag.ContinueOnError)
	var f shelfFlags
	f.register(fs, 64)
	d := fs.Duration("d", 10*time.Second, "duration")
	n := fs.Int("n", 0, "stop after this many purchases started (0: run for -d)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st := newSteps()
	res, products, err := purchase(ctx, f, *d, *n, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "purchase: %s, %d products, %d buyers at once, %s: product page, add to cart, checkout page, place order\n",
		f.target, products, f.c, res.elapsed.Round(time.Millisecond))
	table(w, "purchase", 0, res)
	fmt.Fprintln(w, "where a purchase's time goes (each request, sold-out product pages included):")
	st.print(w)
	return nil
}

// purchase runs the purchase loop and returns its result and the number
// of products it bought from.
func purchase(ctx context.Context, f shelfFlags, d time.Duration, n int, st *steps) (result, int, error) {
	tr := newTransport(f.c)
	defer tr.CloseIdleConnections()
	sh, err := f.shelf(tr)
	if err != nil {
		return result{}, 0, err
	}
	run := time.Now()
	wires := make([]wire, f.c)
	defer func() {
		for i := range wires {
			wires[i].close()
		}
	}()
	res := cpuMeter{f.pid}.measure(ctx, "purchase", f.c, d, n, func(worker, i int) error {
		b := newBrowser(&wires[worker], f.target)
		b.steps = st
		if _, err := sh.addAny(b, ""); err != nil {
			return err
		}
		form, err := b.openCheckout(buyerEmail(run, i))
		if err != nil {
			return err
		}
		return b.placeOrder(form)
	})
	return res, len(sh.handles), ctx.Err()
}
