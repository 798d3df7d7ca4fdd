//go:build unix

package store

import (
	"context"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSearchCatalog measures uncached search (s.search, past the memo)
// on a grown demo catalog: STOREFRONT_SEARCH_DB names a copy of a database
// made by `storefront demo --products 100000` (it is opened read-write, so
// not the file a server is using). It reports the p95 beside the mean,
// because the target is a p95.
func BenchmarkSearchCatalog(b *testing.B) {
	path := os.Getenv("STOREFRONT_SEARCH_DB")
	if path == "" {
		b.Skip("STOREFRONT_SEARCH_DB names no grown demo database")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// The vocabulary behind "did you mean" is read once a catalog change
	// and CacheTTL (memoizedShelves), 0.3 s at this size: read it first,
	// with the clock stopped so that it stays, or one typo's search in a
	// run would stand for all of them.
	now := time.Now()
	s.Now = func() time.Time { return now }
	if _, err := s.vocabulary(ctx); err != nil {
		b.Fatal(err)
	}
	// "linen 衬衫" asks both indexes. The last four find nothing as typed:
	// a plural, Chinese compounds searched again loosely (龙井茶 by every
	// character, 绿茶杯 by any pair) and a typo whose suggestion is
	// searched before it is offered.
	for _, q := range []string{"linen", "gift", "shirt", "茶", "绿茶", "te", "linen shirt", "lnen",
		"linen 衬衫", "shirts", "龙井茶", "绿茶杯", "green tae"} {
		b.Run(q, func(b *testing.B) {
			took := make([]time.Duration, 0, b.N)
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				// Pages 1–5 in turn, so that SQLite's own cache is not
				// flattering one page; the first page is what most see.
				res, err := s.search(ctx, q, "", "", 1+i%5, 24)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				if res.Total == 0 && res.Suggestion == "" && q != "lnen" {
					b.Fatalf("%q found nothing", q)
				}
			}
			// CPU per search beside the wall time: on a shared machine
			// the wall time measures the neighbours too.
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
