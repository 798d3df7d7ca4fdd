package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
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

// TestPanicBecomesA500Page checks that a handler bug costs one request a
// logged 500 page, not the process.
func TestPanicBecomesA500Page(t *testing.T) {
	shop := newTestShop(t)
	var logged strings.Builder
	shop.app.log = slog.New(slog.NewTextHandler(&logged, nil))
	h := shop.app.recoverPanic(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/products/x", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "error-page") {
		t.Errorf("panic answered %d:\n%s", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logged.String(), "boom") {
		t.Errorf("panic not logged: %q", logged.String())
	}
}

// TestClientGoneDoesNotLoop: a shopper who hangs up mid-page cancels the
// request's context, so the page and then the error page fail to render.
// That used to call the error page again and again until the stack blew
// and took the whole shop down.
func TestClientGoneDoesNotLoop(t *testing.T) {
	shop := newTestShop(t)
	shop.seedFixture()
	var logged strings.Builder
	shop.app.log = slog.New(slog.NewTextHandler(&logged, nil))
	h := shop.app.routes()
	for _, path := range []string{"/", "/search?q=linen", "/products/no-such-thing", "/cart"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil)
		req.Header.Set("Cookie", "storefront_session=gone") // past the page cache
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	if n := strings.Count(logged.String(), "level=ERROR"); n > 0 {
		t.Errorf("%d errors logged for clients that hung up:\n%.2000s", n, logged.String())
	}
}
