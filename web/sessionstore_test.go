package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/payment"
	"storefront/web"
	"storefront/web/kit"
	"storefront/web/webtest"
)

// TestSessionLogoutAcrossServers: sessions are cached in memory in front
// of the database. A customer's logout (which ends the session's token)
// takes effect at once on the server that served it, and within the
// cache's freshness (one second) on a second server on the same file; a
// restart keeps the session.
func TestSessionLogoutAcrossServers(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	if _, err := shop.Store.Register(ctx, store.RegisterInput{Email: "ana@example.com", Password: "a long enough secret",
		Name: "Ana Lima", Locale: "en"}); err != nil {
		t.Fatal(err)
	}
	if res := shop.Post("/account/login", url.Values{"email": {"ana@example.com"}, "password": {"a long enough secret"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("sign in = %d", res.Status)
	}
	signedIn := shop.SessionCookie()

	path, err := shop.Store.Path(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	second := web.New(web.Config{}, st, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, payment.NewFlows(st, ""))
	account := func(h http.Handler) int {
		req := httptest.NewRequest(http.MethodGet, "/account", nil)
		req.AddCookie(&http.Cookie{Name: kit.Config{}.SessionCookie(), Value: signedIn})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if got := account(second); got != http.StatusOK {
		t.Fatalf("the second server's /account with the session = %d, want 200", got)
	}
	if got := account(shop.Handler); got != http.StatusOK {
		t.Fatalf("/account with the session = %d, want 200", got)
	}

	shop.Restart()
	if got := account(shop.Handler); got != http.StatusOK {
		t.Fatalf("/account with the session after a restart = %d, want 200", got)
	}

	if res := shop.Post("/account/logout", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("logout = %d", res.Status)
	}
	if got := account(shop.Handler); got != http.StatusSeeOther {
		t.Errorf("the logged-out session replayed = %d, want 303 at once", got)
	}
	time.Sleep(1100 * time.Millisecond)
	if got := account(second); got != http.StatusSeeOther {
		t.Errorf("the logged-out session replayed on the second server after a second = %d, want 303", got)
	}
}
