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

// TestClientGoneDoesNotLoop: a shopper who hangs up mid-page cancels the
// request's context, so the page and then the error page fail to render.
// That used to call the error page again and again until the stack blew
// and took the whole shop down.
func TestClientGoneDoesNotLoop(t *testing.T) {
	var logged strings.Builder
	shop := webtest.New(t, webtest.WithLog(slog.New(slog.NewTextHandler(&logged, nil))))
	shop.SeedFixture()
	h := shop.Handler
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
