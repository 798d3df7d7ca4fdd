package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestServeStartsAndShutsDown runs the real command on a free port, waits
// for it to answer, then cancels its context the way SIGTERM does and
// expects a clean return.
func TestServeStartsAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	db := filepath.Join(t.TempDir(), "shop.db")
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, func(string) string { return "" }, pw, io.Discard)
		pw.Close()
	}()
	urlRE := regexp.MustCompile(`open at (http://\S+)`)
	base := ""
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" {
		t.Fatalf("serve printed no address; err = %v", <-done)
	}
	res, err := http.Get(base + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz = %v, %v", res, err)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestUnknownCommand(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, &out, &out); err == nil {
		t.Error("unknown command accepted")
	}
	out.Reset()
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, &out, &out); err != nil || !strings.HasPrefix(out.String(), "storefront ") {
		t.Errorf("version = %q, %v", out.String(), err)
	}
}

// TestAtLeastTwoProcs: one processor becomes two, unless GOMAXPROCS says
// otherwise in a way Go uses; more than one is left as it is.
func TestAtLeastTwoProcs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		env         string
		procs, want int
	}{
		{"", 1, 2},
		{"1", 1, 1},
		{"0", 1, 2},
		{"abc", 1, 2},
		{"", 2, 2},
		{"", 3, 3},
	} {
		runtime.GOMAXPROCS(c.procs)
		atLeastTwoProcs(func(key string) string {
			if key == "GOMAXPROCS" {
				return c.env
			}
			return ""
		})
		if got := runtime.GOMAXPROCS(0); got != c.want {
			t.Errorf("GOMAXPROCS=%q, %d processors: %d after, want %d", c.env, c.procs, got, c.want)
		}
	}
}
