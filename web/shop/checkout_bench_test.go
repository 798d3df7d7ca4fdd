package shop_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// BenchmarkCheckout is the whole order path over HTTP: 64 shoppers at once
// (32 per processor on 2 cores) submit the checkout form of their own
// two-line cart, filled and opened before the timer starts. It reports
// orders/s and the p99 of POST /checkout, session write included:
//
//	go test -run '^$' -bench 'Checkout$' -benchtime 5000x .
func BenchmarkCheckout(b *testing.B) {
	shop := webtest.New(b)
	shop.Store.Now = time.Now
	ctx := context.Background()
	var variants []string
	for _, h := range []string{"tea", "cup"} {
		_, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: h, Title: h, Status: store.StatusActive,
			Variants: []store.VariantInput{{SKU: h, Price: 1200, Stock: store.MaxStock}}})
		if err != nil {
			b.Fatal(err)
		}
		p, _ := shop.Store.ProductByHandle(ctx, h, false)
		variants = append(variants, strconv.FormatInt(p.Variants[0].ID, 10))
	}
	if _, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Post"), Kind: store.ShippingFlat, Price: 500, Active: true}); err != nil {
		b.Fatal(err)
	}
	shoppers := make([]checkoutShopper, b.N)
	for i := range shoppers {
		shoppers[i] = openCheckout(b, shop.Handler, variants, "bench"+strconv.Itoa(i)+"@example.com")
	}
	benchmarkCheckouts(b, shoppers)
}

// BenchmarkCheckoutDemoCatalog is BenchmarkCheckout on the demo catalog
// grown to 10,000 products, with the demo's promotions live, as the load
// tool's checkout runs: each cart holds two products no other cart holds,
// so the writer finds its rows across the catalog rather than on a few
// pages it keeps. A second round of the catalog would find products sold
// out, so a run asking for more orders than that is skipped.
//
//	go test -run '^$' -bench CheckoutDemoCatalog -benchtime 4000x .
func BenchmarkCheckoutDemoCatalog(b *testing.B) {
	h, st := benchShopCopy(b)
	rows, err := st.ReadDB().Query(`SELECT min(v.id) FROM variants v JOIN products p ON p.id = v.product_id
		WHERE p.status = 'active' AND v.stock > 0 GROUP BY p.id ORDER BY p.id`)
	if err != nil {
		b.Fatal(err)
	}
	var variants []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		variants = append(variants, strconv.FormatInt(id, 10))
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	if n := len(variants); 2*b.N > n {
		b.Skipf("%d two-line orders need %d products in stock, the demo catalog has %d: run with -benchtime %dx or less",
			b.N, 2*b.N, n, n/2)
	}
	shoppers := make([]checkoutShopper, b.N)
	for i := range shoppers {
		shoppers[i] = openCheckout(b, h, variants[2*i:2*i+2], "bench"+strconv.Itoa(i)+"@example.com")
	}
	benchmarkCheckouts(b, shoppers)
}

// benchmarkCheckouts submits the shoppers' forms, 64 at once (32 per
// processor on 2 cores), and reports orders/s and the p99 of POST /checkout.
func benchmarkCheckouts(b *testing.B, shoppers []checkoutShopper) {
	var next atomic.Int64
	var mu sync.Mutex
	latencies := make([]time.Duration, 0, b.N)
	b.SetParallelism(32)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			s := shoppers[next.Add(1)-1]
			t0 := time.Now()
			rec := s.do(b, s.submit())
			mine = append(mine, time.Since(t0))
			if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/orders/") {
				b.Errorf("checkout = %d to %q", rec.Code, rec.Header().Get("Location"))
				return
			}
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(latencies)
	if n := len(latencies); n > 0 {
		b.ReportMetric(float64(n)/elapsed.Seconds(), "orders/s")
		b.ReportMetric(float64(latencies[n*99/100].Microseconds())/1000, "p99-ms")
	}
}

// checkoutShopper is a browser with a cart and the checkout page open.
type checkoutShopper struct {
	cartShopper
	form url.Values
}

// openCheckout fills the form as email, each shopper their own, as the
// load tool's fresh buyers are.
func openCheckout(b *testing.B, h http.Handler, variants []string, email string) checkoutShopper {
	s := checkoutShopper{cartShopper: cartShopper{h: h}}
	for _, v := range variants {
		s.add(b, v, false)
	}
	rec := s.do(b, httptest.NewRequest(http.MethodGet, "/checkout", nil))
	page, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil || rec.Code != http.StatusOK {
		b.Fatalf("GET /checkout = %d, %v", rec.Code, err)
	}
	s.form = url.Values{
		"checkout_token":  {page.Find(`input[name="checkout_token"]`).AttrOr("value", "")},
		"shipping_method": {page.Find(`input[name="shipping_method"]`).First().AttrOr("value", "")},
		"payment_method":  {store.PayBankTransfer},
		"email":           {email}, "name": {"Bench Buyer"}, "address_line1": {"1 Main St"},
		"city": {"Springfield"}, "postal_code": {"12345"}, "country": {"US"},
	}
	return s
}

func (s *checkoutShopper) submit() *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/checkout", strings.NewReader(s.form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
