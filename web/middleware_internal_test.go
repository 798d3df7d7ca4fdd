package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPanicBecomesA500Page checks that a handler bug costs one request a
// logged 500 page, not the process.
func TestPanicBecomesA500Page(t *testing.T) {
	var logged strings.Builder
	s, _ := newTestServer(t, slog.New(slog.NewTextHandler(&logged, nil)))
	h := s.recoverPanic(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/products/x", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "error-page") {
		t.Errorf("panic answered %d:\n%s", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logged.String(), "boom") {
		t.Errorf("panic not logged: %q", logged.String())
	}
}
