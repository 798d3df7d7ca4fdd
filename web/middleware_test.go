package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"storefront/web/webtest"
)

// TestPanicBecomesA500Page checks that a handler bug costs one request a
// logged 500 page, not the process.
func TestPanicBecomesA500Page(t *testing.T) {
	shop := webtest.New(t)
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
	shop := webtest.New(t)
	shop.SeedFixture()
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
