package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
		return shownPrice(t, h, "/products/dragon-well-tea", headers...)
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

// shownPrice is the price the product page at path shows, asked of h
// with headers.
func shownPrice(t *testing.T, h http.Handler, path string, headers ...string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(get(h, path, headers...).Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc.Find("#price-block .price-current").Text()
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
	path, err := s.Store.Path(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	price := func(headers ...string) string { t.Helper(); return shownPrice(t, h, "/products/tea", headers...) }
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

// TestPageCacheRendersOnceForEveryoneWaiting: shoppers who miss the same
// page at once (its time was up, or the catalog changed) wait for one
// render and are served what it kept; a page it does not keep (not
// found) each then renders for themselves.
func TestPageCacheRendersOnceForEveryoneWaiting(t *testing.T) {
	s, _ := newTestServer(t, slog.New(slog.DiscardHandler))
	for _, c := range []struct {
		path    string
		status  int
		renders int32
	}{{"/products/tea", http.StatusOK, 1}, {"/products/gone", http.StatusNotFound, 8}} {
		var renders atomic.Int32
		release := make(chan struct{})
		h := s.cachePages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			renders.Add(1)
			<-release
			w.WriteHeader(c.status)
			io.WriteString(w, "page "+r.URL.Path)
		}))
		got := make([]*httptest.ResponseRecorder, 8)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() { got[i] = get(h, c.path) })
		}
		for renders.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond) // the others reach the render in flight
		close(release)
		wg.Wait()
		if n := renders.Load(); n != c.renders {
			t.Errorf("%s: rendered %d times for 8 shoppers at once, want %d", c.path, n, c.renders)
		}
		for key := range s.pages.entries {
			// Each shopper asked once, the ones who waited included. The
			// page kept is /products/tea's: a page not found is not kept.
			if n := s.pages.asked.count(key); c.status == http.StatusOK && n != 8 {
				t.Errorf("%s: counted %d asks from 8 shoppers", c.path, n)
			}
		}
		for i, res := range got {
			if res.Code != c.status || res.Body.String() != "page "+c.path {
				t.Errorf("%s: shopper %d got %d %q", c.path, i, res.Code, res.Body.String())
			}
		}
	}
}

// TestPageCacheServesAnOldPageWhileRendering: a page past the cache's TTL
// (and nothing else) is rendered again by one shopper while the others are
// served it as it was, without waiting.
func TestPageCacheServesAnOldPageWhileRendering(t *testing.T) {
	s, _ := newTestServer(t, slog.New(slog.DiscardHandler))
	var later time.Duration
	s.pages.now = func() time.Time { return time.Now().Add(later) }
	var renders atomic.Int32
	release := make(chan struct{})
	h := s.cachePages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if renders.Add(1) > 1 {
			<-release
		}
		io.WriteString(w, "render "+strconv.Itoa(int(renders.Load())))
	}))
	if res := get(h, "/products/tea"); res.Body.String() != "render 1" {
		t.Fatalf("first view = %q", res.Body.String())
	}
	later = store.CacheTTL + time.Second
	rendering := make(chan string, 1)
	go func() { rendering <- get(h, "/products/tea").Body.String() }()
	for renders.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	other := make(chan string, 1)
	go func() { other <- get(h, "/products/tea").Body.String() }()
	select {
	case got := <-other:
		if got != "render 1" {
			t.Errorf("while the page is rendered again, a shopper got %q; want the old page", got)
		}
	case <-time.After(5 * time.Second):
		t.Error("while the page is rendered again, a shopper waited for the render")
	}
	close(release)
	if got := <-rendering; got != "render 2" {
		t.Errorf("the shopper rendering got %q", got)
	}
	if got := get(h, "/products/tea").Body.String(); got != "render 2" {
		t.Errorf("after the render: %q, want the new page", got)
	}
}

// TestPageCacheWaiterWhoLeaves: a shopper waiting for another's render of
// the page who gives up (the browser closed) is let go at once, and the
// render goes on for the one who asked first.
func TestPageCacheWaiterWhoLeaves(t *testing.T) {
	s, _ := newTestServer(t, slog.New(slog.DiscardHandler))
	var renders atomic.Int32
	release := make(chan struct{})
	h := s.cachePages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		<-release
		io.WriteString(w, "page")
	}))
	first := make(chan string, 1)
	go func() { first <- get(h, "/products/tea").Body.String() }()
	for renders.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	left := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/products/tea", nil).WithContext(ctx))
		close(left)
	}()
	cancel()
	select {
	case <-left:
	case <-time.After(5 * time.Second):
		t.Error("a shopper who left still waited for the render")
	}
	close(release)
	if got := <-first; got != "page" || renders.Load() != 1 {
		t.Errorf("the first shopper got %q after %d renders, want the page after 1", got, renders.Load())
	}
}

// testPages is a page cache that holds n pages of testPage's size (at
// least 16: it keeps no page over a sixteenth of its size).
func testPages(n int) *pageCache { return newPageCache(n*(len("page-000")+50), time.Hour) }

func testPage(i int, version int64) *cachedPage {
	return &cachedPage{key: fmt.Sprintf("page-%03d", i), version: version, stored: time.Now(), status: http.StatusOK,
		body: make([]byte, 50)}
}

// ask asks c for page i at version as cachePages does, keeping it on a
// miss, and reports whether it was served from the cache.
func ask(t *testing.T, c *pageCache, i int, version int64) bool {
	t.Helper()
	p, _ := c.get(testPage(i, version).key, version, time.Time{})
	if p == nil {
		c.put(testPage(i, version))
	}
	checkPageCache(t, c)
	return p != nil
}

// askInTurn asks c for pages 0 to n-1 in turn, rounds times, and returns
// how many were served from the cache.
func askInTurn(t *testing.T, c *pageCache, rounds, n int) (hits int) {
	t.Helper()
	for range rounds {
		for i := range n {
			if ask(t, c, i, 1) {
				hits++
			}
		}
	}
	return hits
}

// kept reports whether c holds page i at version.
func kept(c *pageCache, i int, version int64) bool {
	_, ok := c.entries[testPage(i, version).key]
	return ok
}

// TestPageCacheKeepsPagesAskedForInTurn: more pages than the cache holds,
// asked for over and over in the same order (shoppers coming back to
// their carts, a walk through the catalog), are still mostly served from
// it. Least-recently-used evicted each page just before it was asked for
// again, and served none.
func TestPageCacheKeepsPagesAskedForInTurn(t *testing.T) {
	c := testPages(40)
	askInTurn(t, c, 1, 60)
	if hits, asks := askInTurn(t, c, 9, 60), 9*60; hits < asks/2 {
		t.Errorf("%d of %d pages asked for in turn served from the cache, want at least half", hits, asks)
	}
}

// TestPageCacheKeepsPagesInUseThroughOneOffs: pages asked for once each (a
// bot's searches, URLs with query strings of their own) do not evict the
// pages shoppers are reading, and a page asked for again is kept once it
// has been asked for more often than the least recently used.
func TestPageCacheKeepsPagesInUseThroughOneOffs(t *testing.T) {
	c := testPages(40)
	askInTurn(t, c, 3, 40)
	for i := 100; i < 300; i++ {
		if ask(t, c, i, 1) {
			t.Fatalf("page %d, asked for once, was served from the cache", i)
		}
	}
	for i := range 40 {
		if !ask(t, c, i, 1) {
			t.Errorf("page %d, in use, was evicted by pages asked for once", i)
		}
	}
	// The least recently used page was asked for 4 times.
	for n := 1; n <= 5; n++ {
		ask(t, c, 500, 1)
		if kept := kept(c, 500, 1); kept != (n == 5) {
			t.Errorf("a new page kept after %d asks: %v", n, kept)
		}
	}
}

// TestPageCacheMakesRoomForANewCatalog: a page of a newer catalog version
// takes an older one's place however often that was asked for.
func TestPageCacheMakesRoomForANewCatalog(t *testing.T) {
	c := testPages(40)
	askInTurn(t, c, 5, 40)
	for i := 100; i < 140; i++ {
		ask(t, c, i, 2)
		if !kept(c, i, 2) {
			t.Fatalf("page %d of the new catalog was not kept", i)
		}
	}
}

// TestPageCacheMakesRoomInAQuietShop: a page past its time goes for a new
// page however often it was asked for, since nobody has read it since (a
// read past its time renders it again); in a quiet shop its count may be
// days old.
func TestPageCacheMakesRoomInAQuietShop(t *testing.T) {
	c := testPages(40)
	askInTurn(t, c, 5, 40)
	later := time.Now().Add(time.Hour + time.Second)
	c.now = func() time.Time { return later }
	ask(t, c, 100, 1)
	if !kept(c, 100, 1) || kept(c, 0, 1) {
		t.Errorf("a new page in place of the least recently used one past its time: %v, that one still kept: %v",
			kept(c, 100, 1), kept(c, 0, 1))
	}
}

// TestPageCacheAdmitsUnderConcurrentShoppers: shoppers asking at once for
// more pages than the cache holds leave its books right (run with -race).
func TestPageCacheAdmitsUnderConcurrentShoppers(t *testing.T) {
	c := testPages(40)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 500 {
				i := (g*7 + n) % 60
				if p, _ := c.get(testPage(i, 1).key, 1, time.Time{}); p == nil {
					c.put(testPage(i, 1))
				}
			}
		})
	}
	wg.Wait()
	checkPageCache(t, c)
}

// checkPageCache fails t if c's map, list and size disagree.
func checkPageCache(t *testing.T, c *pageCache) {
	t.Helper()
	size := 0
	for el := c.lru.Front(); el != nil; el = el.Next() {
		p := el.Value.(*cachedPage)
		if c.entries[p.key] != el {
			t.Fatalf("page %s is listed but not found by its key", p.key)
		}
		size += len(p.key) + len(p.body)
	}
	if len(c.entries) != c.lru.Len() || size != c.size || size > c.maxBytes {
		t.Fatalf("%d keys, %d listed, size %d counted %d of %d", len(c.entries), c.lru.Len(), size, c.size, c.maxBytes)
	}
}

// TestPageCacheRefusesAPageWithAHugeKey: the size limit counts a page's
// key (its URL) as well as its body, so a small page under a very long URL
// is not kept, and making room for it never runs out of pages to evict,
// even when every page it could evict is of an older catalog.
func TestPageCacheRefusesAPageWithAHugeKey(t *testing.T) {
	c := testPages(20)
	for i := range 20 {
		ask(t, c, i, 1)
	}
	huge := testPage(0, 2)
	huge.key = "/search?q=" + strings.Repeat("x", c.maxBytes)
	c.put(huge)
	checkPageCache(t, c)
	if _, ok := c.entries[huge.key]; ok {
		t.Error("a page whose key outweighs the cache was kept")
	}
	for i := range 20 {
		if !kept(c, i, 1) {
			t.Errorf("page %d was evicted for a page that is not kept", i)
		}
	}
}
