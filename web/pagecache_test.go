package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

func TestPageCache(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	price := func(headers ...string) string {
		t.Helper()
		return shop.Get("/products/dragon-well-tea", headers...).Doc(t).Find("#price-block .price-current").Text()
	}
	if got := price(); got != "$28.00" {
		t.Fatalf("price = %q", got)
	}

	// A write behind the store's back (as another process would make) is
	// not seen until the entry's time is up...
	if _, err := shop.Store.DB().Exec(`UPDATE variants SET price = 3100 WHERE sku = 'TEA-1'`); err != nil {
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
	shop.app.pages.now = func() time.Time { return time.Now().Add(time.Minute) }
	shop.Clock.Advance(time.Minute)
	if got := price("Cookie", "storefront_session=x"); got != "$31.00" {
		t.Errorf("price with a session after the TTL = %q, want $31.00", got)
	}
	if got := price(); got != "$31.00" {
		t.Errorf("price after the TTL = %q, want $31.00", got)
	}

	// A write through the store invalidates at once.
	in := store.ProductInput{Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2500, Stock: 20}}}
	if _, _, err := shop.Store.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if got := price(); got != "$25.00" {
		t.Errorf("price after SaveProduct = %q, want $25.00", got)
	}

	// Languages and htmx partials are cached apart.
	zh := shop.Get("/products/dragon-well-tea", "Accept-Language", "zh-CN")
	if !strings.Contains(zh.Body, "加入购物车") {
		t.Error("Chinese page served from the English cache entry")
	}
	partial := shop.Get("/products/dragon-well-tea", "HX-Request", "true")
	if strings.Contains(partial.Body, "<html") {
		t.Error("htmx partial served the cached full page")
	}
	if res := shop.Get("/products/dragon-well-tea"); res.Status != http.StatusOK || !strings.Contains(res.Body, "<html") {
		t.Error("full page served the cached partial")
	}
}

// TestPageCacheHistoryRestore: when the shopper goes back and htmx's own
// history cache is empty, htmx fetches the page with HX-Request and
// HX-History-Restore-Request; that wants the whole page, not the price
// block a variant pick gets, from the handler and from the page cache alike.
func TestPageCacheHistoryRestore(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if partial := shop.Get("/products/dragon-well-tea", "HX-Request", "true"); strings.Contains(partial.Body, "<html") {
		t.Fatal("htmx variant pick got the whole page")
	}
	for range 2 { // the first render, then the cached one
		res := shop.Get("/products/dragon-well-tea", "HX-Request", "true", "HX-History-Restore-Request", "true")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "<html") {
			t.Fatalf("history restore = %d without the whole page", res.Status)
		}
	}
	if partial := shop.Get("/products/dragon-well-tea", "HX-Request", "true"); strings.Contains(partial.Body, "<html") {
		t.Error("htmx variant pick served the cached whole page")
	}
}

// TestPageCacheUnderConcurrentWrites: many anonymous visitors load a
// product while the owner changes its price again and again. Every visitor
// gets a whole page with one of the prices, and once the owner stops
// everyone sees the last one: no page rendered before a write outlives it.
func TestPageCacheUnderConcurrentWrites(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	save := func(price int64) {
		in := store.ProductInput{Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
			Variants: []store.VariantInput{{SKU: "TEA-1", Price: price, Stock: 20}}}
		if _, _, err := shop.Store.SaveProduct(context.Background(), in); err != nil {
			t.Error(err)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := http.Get(shop.Server.URL + "/products/dragon-well-tea")
				if err != nil {
					t.Error(err)
					return
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `id="price-block"`) {
					t.Errorf("visitor got %d without the price block", res.StatusCode)
					return
				}
			}
		})
	}
	for i := range int64(20) {
		save(2000 + i*100)
	}
	close(done)
	wg.Wait()
	want := fmt.Sprintf("$%d.00", 20+19)
	for _, headers := range [][]string{nil, {"HX-Request", "true"}} {
		if got := shop.Get("/products/dragon-well-tea", headers...).Doc(t).Find("#price-block .price-current").Text(); got != want {
			t.Errorf("price %v after the last write = %q, want %s", headers, got, want)
		}
	}
}
