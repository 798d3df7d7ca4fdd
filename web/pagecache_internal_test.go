package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
)

// TestPageCache needs the page cache's clock, which New keeps inside, so
// it builds the server itself; the other page cache tests are in
// pagecache_test.go.
func TestPageCache(t *testing.T) {
	s, h := newTestServer(t, slog.New(slog.DiscardHandler))
	var later time.Duration // how far the shop's clock is ahead
	now := func() time.Time { return time.Now().Add(later) }
	s.Store.Now, s.pages.now = now, now
	tea := store.ProductInput{Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}}}
	if _, _, err := s.Store.SaveProduct(context.Background(), tea); err != nil {
		t.Fatal(err)
	}
	price := func(headers ...string) string {
		t.Helper()
		doc, err := goquery.NewDocumentFromReader(get(h, "/products/dragon-well-tea", headers...).Body)
		if err != nil {
			t.Fatal(err)
		}
		return doc.Find("#price-block .price-current").Text()
	}
	if got := price(); got != "$28.00" {
		t.Fatalf("price = %q", got)
	}

	// A write behind the store's back on its own connection, which no
	// version and no OthersMark follows (another process's would:
	// TestPageCacheFollowsAnotherProcess), is not seen until the entry's
	// time is up...
	if _, err := s.Store.DB().Exec(`UPDATE variants SET price = 3100 WHERE sku = 'TEA-1'`); err != nil {
		t.Fatal(err)
	}
	if got := price(); got != "$28.00" {
		t.Errorf("price right after an outside write = %q, want the cached $28.00", got)
	}
	// ...nor by a visitor with a session, whose page is drawn afresh from
	// the store's memoized product (store/memo.go)...
	if got := price("Cookie", "storefront_session=x"); got != "$28.00" {
		t.Errorf("price with a session = %q, want the memoized $28.00", got)
	}
	// ...and everyone sees it once the time is up.
	later = time.Minute
	if got := price("Cookie", "storefront_session=x"); got != "$31.00" {
		t.Errorf("price with a session after the TTL = %q, want $31.00", got)
	}
	if got := price(); got != "$31.00" {
		t.Errorf("price after the TTL = %q, want $31.00", got)
	}

	// A write through the store invalidates at once.
	in := store.ProductInput{Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2500, Stock: 20}}}
	if _, _, err := s.Store.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if got := price(); got != "$25.00" {
		t.Errorf("price after SaveProduct = %q, want $25.00", got)
	}

	// Languages and htmx partials are cached apart.
	zh := get(h, "/products/dragon-well-tea", "Accept-Language", "zh-CN")
	if !strings.Contains(zh.Body.String(), "加入购物车") {
		t.Error("Chinese page served from the English cache entry")
	}
	partial := get(h, "/products/dragon-well-tea", "HX-Request", "true")
	if strings.Contains(partial.Body.String(), "<html") {
		t.Error("htmx partial served the cached full page")
	}
	if res := get(h, "/products/dragon-well-tea"); res.Code != http.StatusOK || !strings.Contains(res.Body.String(), "<html") {
		t.Error("full page served the cached partial")
	}
}

// TestPageCacheFollowsAnotherProcess: a price changed by another process
// on the same file (an import, a second server) is served from the cache,
// to visitors and to shoppers with a session alike, only until the store
// next asks whether another process wrote (store.OthersMark): at most
// store.OthersEvery, not the cache's TTL.
func TestPageCacheFollowsAnotherProcess(t *testing.T) {
	s, h := newTestServer(t, slog.New(slog.DiscardHandler))
	base := time.Now()
	var later time.Duration
	now := func() time.Time { return base.Add(later) }
	s.Store.Now, s.pages.now = now, now
	ctx := context.Background()
	tea := store.ProductInput{Handle: "tea", Title: "Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}}}
	if _, _, err := s.Store.SaveProduct(ctx, tea); err != nil {
		t.Fatal(err)
	}
	var seq int
	var name, path string
	if err := s.Store.DB().QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &path); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	price := func(headers ...string) string {
		t.Helper()
		doc, err := goquery.NewDocumentFromReader(get(h, "/products/tea", headers...).Body)
		if err != nil {
			t.Fatal(err)
		}
		return doc.Find("#price-block .price-current").Text()
	}
	if anon, session := price(), price("Cookie", "storefront_session=x"); anon != "$28.00" || session != "$28.00" {
		t.Fatalf("prices = %q, %q", anon, session)
	}
	tea.Variants[0].Price = 3100
	if _, _, err := other.SaveProduct(ctx, tea); err != nil {
		t.Fatal(err)
	}
	later = store.OthersEvery / 2
	if anon, session := price(), price("Cookie", "storefront_session=x"); anon != "$28.00" || session != "$28.00" {
		t.Errorf("before the store asked: %q, %q; want the kept $28.00", anon, session)
	}
	later = store.OthersEvery
	if anon, session := price(), price("Cookie", "storefront_session=x"); anon != "$31.00" || session != "$31.00" {
		t.Errorf("once the store asked: %q, %q; want $31.00", anon, session)
	}
}

// TestCachedPageSaysItsAge: a page replayed from the cache says how long
// ago it was rendered (Age, and Server-Timing for the countdown script), so
// a flash sale's seconds left, rendered into it, are corrected; a fresh
// render says nothing.
func TestCachedPageSaysItsAge(t *testing.T) {
	s, h := newTestServer(t, slog.New(slog.DiscardHandler))
	var later time.Duration
	now := func() time.Time { return time.Now().Add(later) }
	s.Store.Now, s.pages.now = now, now
	tea := store.ProductInput{Handle: "tea", Title: "Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}}}
	if _, _, err := s.Store.SaveProduct(context.Background(), tea); err != nil {
		t.Fatal(err)
	}
	fresh := get(h, "/products/tea")
	if fresh.Header().Get("Age") != "" || fresh.Header().Get("Server-Timing") != "" {
		t.Errorf("a fresh render says Age %q, Server-Timing %q", fresh.Header().Get("Age"), fresh.Header().Get("Server-Timing"))
	}
	later = 12*time.Second + 300*time.Millisecond
	cached := get(h, "/products/tea")
	if got := cached.Header().Get("Age"); got != "12" {
		t.Errorf("Age = %q, want 12", got)
	}
	if got := cached.Header().Get("Server-Timing"); !strings.HasPrefix(got, "age;dur=123") {
		t.Errorf("Server-Timing = %q, want age;dur=12300 or so", got)
	}
}
