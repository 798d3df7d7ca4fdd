package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// result is one measured run: completed calls, their latencies, failures.
type result struct {
	name    string
	elapsed time.Duration
	lat     []time.Duration // sorted; successful calls only
	failed  int
	skipped int            // calls that found nothing to do (a sold-out product)
	errs    map[string]int // failure messages, for the report
	cpu     time.Duration  // the server's CPU time over the run, if known
	ownCPU  time.Duration  // this program's, which shares the machine
}

func (r result) rate() float64 { return float64(len(r.lat)) / r.elapsed.Seconds() }

// pct is the q-quantile latency (q in 0..1) of the successful calls.
func (r result) pct(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*q))]
}

// hammer runs c workers, each calling do in a loop, until d has passed or,
// with n > 0, n calls have started, or ctx is done. do gets the call's number; it returns
// errSoldOut to be counted as skipped, any other error as a failure.
func hammer(ctx context.Context, name string, c int, d time.Duration, n int, do func(worker, i int) error) result {
	var next atomic.Int64
	var mu sync.Mutex
	res := result{name: name, errs: map[string]int{}}
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range c {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 4096)
			var failed, skipped int
			errs := map[string]int{}
			for {
				i := int(next.Add(1) - 1)
				if (n > 0 && i >= n) || (d > 0 && time.Now().After(deadline)) || ctx.Err() != nil {
					break
				}
				t0 := time.Now()
				switch err := do(w, i); {
				case err == nil:
					lat = append(lat, time.Since(t0))
				case errors.Is(err, errSoldOut):
					skipped++
				default:
					failed++
					errs[err.Error()]++
				}
			}
			mu.Lock()
			defer mu.Unlock()
			res.lat = append(res.lat, lat...)
			res.failed += failed
			res.skipped += skipped
			for k, v := range errs {
				res.errs[k] += v
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.lat)
	return res
}

// getter is the hot loop of a page measurement: one GET with the browser's
// Accept-Encoding (and, given cookies, the next shopper's cookie in turn), the
// whole body read and thrown away, status 200 or a failure. A url ending
// in "=" gets the call's number, a URL no cache has seen.
func getter(client *http.Client, url string, cookies []string) func(int, int) error {
	return func(worker, i int) error {
		u := url
		if strings.HasSuffix(u, "=") {
			u += strconv.Itoa(i)
		}
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept-Encoding", "gzip")
		if cookies != nil {
			req.Header.Set("Cookie", cookies[i%len(cookies)])
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return err
	}
}

// weigh is what a page costs on the wire (gzipped, as the shop sends it
// to a browser) and its HTML's size, for a shopper with the given cookie.
func weigh(client *http.Client, url, cookie string) (sent, size int64, err error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Cookie", cookie)
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("GET %s: status %d, %v", url, resp.StatusCode, err)
	}
	page, err := readPage(resp.Header.Get("Content-Encoding"), bytes.NewReader(body))
	if err != nil {
		return 0, 0, fmt.Errorf("GET %s: %w", url, err)
	}
	return int64(len(body)), int64(len(page)), nil
}

// cpuMeter reads a process's CPU time (user + system) from /proc, so the
// report can say what a request costs the server; pid 0 reads nothing.
type cpuMeter struct{ pid int }

func (m cpuMeter) now() time.Duration {
	if m.pid == 0 {
		return 0
	}
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(m.pid) + "/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: state is the first, utime the 12th and stime the 13th.
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	const clockTicks = 100 // USER_HZ, 100 on every Linux build that matters
	return time.Duration(u+s) * time.Second / clockTicks
}

// measure runs hammer and records the server's CPU time over it, and
// this program's own (the load is generated on the same cores).
func (m cpuMeter) measure(ctx context.Context, name string, c int, d time.Duration, n int, do func(worker, i int) error) result {
	self := cpuMeter{os.Getpid()}
	before, ownBefore := m.now(), self.now()
	r := hammer(ctx, name, c, d, n, do)
	r.cpu, r.ownCPU = m.now()-before, self.now()-ownBefore
	return r
}

// products lists the shop's product handles from its sitemap (following a
// sitemap index), in the default language.
func products(b *browser) ([]string, error) {
	var handles []string
	seen := map[string]bool{}
	var read func(path string, depth int) error
	read = func(path string, depth int) error {
		page, err := b.get(path)
		if err != nil {
			return err
		}
		index := strings.Contains(page, "<sitemapindex")
		for _, loc := range between(page, "<loc>", "</loc>") {
			u, err := url.Parse(loc)
			if err != nil {
				continue
			}
			if index {
				if depth == 0 {
					if err := read(u.Path, 1); err != nil {
						return err
					}
				}
				continue
			}
			if h, ok := strings.CutPrefix(u.Path, "/products/"); ok && !seen[h] {
				seen[h] = true
				handles = append(handles, h)
			}
		}
		return nil
	}
	if err := read("/sitemap.xml", 0); err != nil {
		return nil, err
	}
	if len(handles) == 0 {
		return nil, fmt.Errorf("the sitemap lists no products")
	}
	return handles, nil
}

// between is every text between open and close in s.
func between(s, open, close string) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i+len(open):]
		j := strings.Index(s, close)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j:]
	}
}

// table prints results, one per row: rate, latencies, failures, the ratio
// to the reference rate when ref > 0 and the server's CPU per success.
func table(w io.Writer, unit string, ref float64, rows ...result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "request\t" + unit + "/s\tp50 ms\tp99 ms\tok\tfailed\t"
	if ref > 0 {
		head += "× reference\t"
	}
	fmt.Fprintln(tw, head+"CPU ms each\tload CPU ms each\t")
	for _, r := range rows {
		line := fmt.Sprintf("%s\t%.0f\t%.2f\t%.2f\t%d\t%d\t", r.name, r.rate(), ms(r.pct(0.50)), ms(r.pct(0.99)), len(r.lat), r.failed)
		if ref > 0 {
			line += fmt.Sprintf("%.2f\t", r.rate()/ref)
		}
		fmt.Fprintln(tw, line+perCall(r.cpu, len(r.lat))+"\t"+perCall(r.ownCPU, len(r.lat))+"\t")
	}
	tw.Flush()
	for _, r := range rows {
		if r.skipped > 0 {
			fmt.Fprintf(w, "%s: %d skipped (sold out)\n", r.name, r.skipped)
		}
		for msg, n := range r.errs {
			fmt.Fprintf(w, "%s: %d × %s\n", r.name, n, msg)
		}
	}
}

// perCall is cpu per call in milliseconds, or a dash when not measured.
func perCall(cpu time.Duration, calls int) string {
	if cpu <= 0 || calls == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f", ms(cpu)/float64(calls))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
