package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"storefront/store"
)

func TestPageCache(t *testing.T) {
	shop := newTestShop(t)
	shop.seedFixture()
	price := func(headers ...string) string {
		t.Helper()
		return shop.get("/products/dragon-well-tea", headers...).doc(t).Find("#price-block .price-current").Text()
	}
	if got := price(); got != "$28.00" {
		t.Fatalf("price = %q", got)
	}

	// A write behind the store's back (as another process would make) is
	// not seen until the entry's time is up...
	if _, err := shop.store.DB().Exec(`UPDATE variants SET price = 3100 WHERE sku = 'TEA-1'`); err != nil {
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
	shop.clock.advance(time.Minute)
	if got := price("Cookie", "storefront_session=x"); got != "$31.00" {
		t.Errorf("price with a session after the TTL = %q, want $31.00", got)
	}
	if got := price(); got != "$31.00" {
		t.Errorf("price after the TTL = %q, want $31.00", got)
	}

	// A write through the store invalidates at once.
	in := store.ProductInput{Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2500, Stock: 20}}}
	if _, _, err := shop.store.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if got := price(); got != "$25.00" {
		t.Errorf("price after SaveProduct = %q, want $25.00", got)
	}

	// Languages and htmx partials are cached apart.
	zh := shop.get("/products/dragon-well-tea", "Accept-Language", "zh-CN")
	if !strings.Contains(zh.body, "加入购物车") {
		t.Error("Chinese page served from the English cache entry")
	}
	partial := shop.get("/products/dragon-well-tea", "HX-Request", "true")
	if strings.Contains(partial.body, "<html") {
		t.Error("htmx partial served the cached full page")
	}
	if res := shop.get("/products/dragon-well-tea"); res.status != http.StatusOK || !strings.Contains(res.body, "<html") {
		t.Error("full page served the cached partial")
	}
}
