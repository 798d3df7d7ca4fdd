package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

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
