package store

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkPlaceOrder places orders from 64 concurrent buyers (32 per
// processor on 2 cores), each with a prepared two-line cart, and reports
// orders/s and the p99 latency of Checkout (what POST /checkout calls):
//
//	go test -run '^$' -bench PlaceOrder -benchtime 5000x ./store
func BenchmarkPlaceOrder(b *testing.B) {
	f := newBenchCartFixture(b)
	ship := flatShipping(b, f.s)
	ctx := context.Background()
	tokens := make([]string, b.N)
	for i := range tokens {
		ch, err := f.s.AddToCart(ctx, "", f.big, 1)
		if err == nil {
			_, err = f.s.AddToCart(ctx, ch.Token, f.mug, 2)
		}
		if err != nil {
			b.Fatal(err)
		}
		tokens[i] = ch.Token
	}
	var next atomic.Int64
	var mu sync.Mutex
	latencies := make([]time.Duration, 0, b.N)
	b.SetParallelism(32)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			i := next.Add(1) - 1
			in := checkoutFor(tokens[i], ship)
			in.Email = "buyer" + itoa(i) + "@example.com" // each a new customer
			t0 := time.Now()
			if _, err := f.s.Checkout(ctx, in); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t0))
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
		b.ReportMetric(float64(latencies[n/2].Microseconds())/1000, "p50-ms")
	}
}

// newBenchCartFixture is newCartFixture with stock for any benchmark size.
func newBenchCartFixture(b *testing.B) *cartFixture {
	f := &cartFixture{s: newTestStore(b)}
	f.s.Now = time.Now
	for _, in := range []ProductInput{
		{Handle: "shirt", Title: "Shirt", Status: StatusActive, OptionNames: []string{"Size"},
			Variants: []VariantInput{{SKU: "SH-L", Options: [3]string{"L"}, Price: 5200, Stock: MaxStock, WeightGrams: 250}}},
		{Handle: "mug", Title: "Mug", Status: StatusActive, Variants: []VariantInput{{SKU: "MUG", Price: 1500, Stock: MaxStock}}},
	} {
		if _, _, err := f.s.SaveProduct(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	// Bank transfer is offered only with the bank's details.
	if err := f.s.SetSetting(context.Background(), SettingBankTransferInstructions, "Test Bank · IBAN XX00 0000 0000"); err != nil {
		b.Fatal(err)
	}
	shirt, _ := f.s.ProductByHandle(context.Background(), "shirt", false)
	mug, _ := f.s.ProductByHandle(context.Background(), "mug", false)
	f.big, f.mug = shirt.Variants[0].ID, mug.Variants[0].ID
	return f
}

// BenchmarkMarkPaid marks orders paid one after another, as Stripe's
// webhook does for card payments; the orders are 500 customers', so each
// customer has several:
//
//	go test -run '^$' -bench MarkPaid -benchtime 3000x ./store
func BenchmarkMarkPaid(b *testing.B) {
	f := newBenchCartFixture(b)
	ship := flatShipping(b, f.s)
	ctx := context.Background()
	ids := make([]int64, b.N)
	for i := range ids {
		ids[i] = f.placeFor(b, ship, "buyer"+itoa(int64(i%500))+"@example.com", "Buyer", f.big, 1).ID
	}
	b.ResetTimer()
	for _, id := range ids {
		if _, err := f.s.MarkPaid(ctx, Actor{}, id); err != nil {
			b.Fatal(err)
		}
	}
}
