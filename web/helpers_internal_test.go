package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"storefront/mail"
	"storefront/store"
	"storefront/store/payment"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/shop"
)

// newTestServer builds the shop's server as New does, on a new database
// file in t's temp dir, and returns it with its whole handler, so that a
// test can reach what New keeps inside (the page cache, the middleware).
// (The tests outside this package run the shop with web/webtest.)
func newTestServer(t *testing.T, log *slog.Logger) (*server, http.Handler) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// A shop past setup (an owner; see webtest.Fresh), listening where
	// httptest.NewRequest sends its requests, so its pages may be cached.
	if _, err := st.CreateStaff(context.Background(), store.Actor{}, store.StaffInput{
		Email: "owner@example.com", Password: "test password 123", Role: store.RoleOwner}); err != nil {
		t.Fatal(err)
	}
	d := &kit.Deps{Cfg: kit.Config{ListenURL: "http://example.com"}, Store: st, Sessions: newSessions(st, Config{}), Log: log}
	s := &server{Deps: d, pages: newPageCache(16<<20, store.CacheTTL)}
	sh := shop.New(d, payment.NewFlows(st, ""))
	ad := admin.New(d, "", mail.NewSender(st, log, mail.SMTP{}, "http://localhost"), nil, http.HandlerFunc(sh.Home))
	return s, s.routes(sh, ad)
}

// get requests path from h; headers are name, value pairs.
func get(h http.Handler, path string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
