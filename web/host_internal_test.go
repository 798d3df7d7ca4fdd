package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"storefront/store"
)

// TestPageCacheKeepsOnlyTheShopsHost: a page asked for under a host that
// is not the shop's is answered but never stored, so nothing a made-up
// Host could put in a page reaches another visitor.
func TestPageCacheKeepsOnlyTheShopsHost(t *testing.T) {
	s, h := newTestServer(t, slog.New(slog.DiscardHandler))
	if _, _, err := s.Store.SaveProduct(context.Background(), store.ProductInput{Handle: "tea", Title: "Tea",
		Status: store.StatusActive, Variants: []store.VariantInput{{Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/products/tea", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || len(s.pages.entries) != 0 {
		t.Fatalf("page for evil.example = %d, %d cached entries, want 200 and none", rec.Code, len(s.pages.entries))
	}
	if res := get(h, "/products/tea"); res.Code != http.StatusOK || len(s.pages.entries) != 1 {
		t.Errorf("page for the shop's host = %d, %d cached entries, want 200 and one", res.Code, len(s.pages.entries))
	}
}
