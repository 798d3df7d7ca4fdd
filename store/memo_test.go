package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"storefront/store/pricing"
)

// TestMemoForgetsOnWrite: a search is remembered until the catalog
// changes; a product saved since is found at once.
func TestMemoForgetsOnWrite(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if res, err := s.Search(ctx, "kettle", 1, 24); err != nil || res.Total != 0 {
		t.Fatalf("search before = %d, %v", res.Total, err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "kettle", Title: "Cast Iron Kettle", Status: StatusActive,
		Variants: []VariantInput{{SKU: "K", Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Search(ctx, "kettle", 1, 24); err != nil || res.Total != 1 {
		t.Errorf("search after saving = %d, %v; want the new product", res.Total, err)
	}
	page, err := s.Products(ctx, ProductQuery{})
	if err != nil || page.Total != 1 {
		t.Fatalf("listing = %d, %v", page.Total, err)
	}
	if _, err := s.DB().Exec(`UPDATE products SET status = 'archived'`); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Products(ctx, ProductQuery{}); page.Total != 1 {
		t.Errorf("a write behind the store's back showed at once (%d): the memo is not in use", page.Total)
	}
	s.bumpCatalog()
	if page, _ := s.Products(ctx, ProductQuery{}); page.Total != 0 {
		t.Errorf("listing after the catalog changed = %d, want 0", page.Total)
	}
}

// TestReadsFollowAnotherProcess: a write by another process on the same
// file (the import command, a second server) bumps no version here, so
// what this store keeps of it (the collection list every page's
// navigation shows, the search vocabulary behind "did you mean", a
// product, the settings, the live promotions) is read again once the
// store has asked whether another process wrote (OthersMark), at most
// OthersEvery later; until then, and while only this store writes, it is
// kept.
func TestReadsFollowAnotherProcess(t *testing.T) {
	ctx := context.Background()
	s, other := twoProcesses(t)
	base := time.Now()
	var offset time.Duration
	s.Now = func() time.Time { return base.Add(offset) }
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "kettle", Title: "Cast Iron Kettle", Status: StatusActive,
		Variants: []VariantInput{{SKU: "K", Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	read := func() (collections int, suggestion string, kettle int64, name string, promotions int) {
		t.Helper()
		cs, err := s.Collections(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, "teapott", 1, 24)
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.ProductByHandle(ctx, "kettle", false)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := s.livePromotions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(cs), res.Suggestion, p.Variants[0].Price, st.StoreName, len(ps)
	}
	_, _, _, before, _ := read()

	if _, err := other.SaveCollection(ctx, CollectionInput{Handle: "teaware", Title: "Teaware"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.SaveProduct(ctx, ProductInput{Handle: "teapot", Title: "Glazed Teapot", Status: StatusActive,
		Variants: []VariantInput{{SKU: "T", Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.DB().Exec(`UPDATE variants SET price = 250 WHERE sku = 'K'`); err != nil {
		t.Fatal(err)
	}
	if err := other.SetSetting(ctx, SettingStoreName, "Tea House"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Tea week"), Kind: PromoAutomatic,
		Type: pricing.TypePercent, Value: "10"}); err != nil {
		t.Fatal(err)
	}

	// The store last asked at the first read: none is due yet.
	offset = OthersEvery / 2
	if c, sg, price, name, ps := read(); c != 0 || sg != "" || price != 100 || name != before || ps != 0 {
		t.Errorf("right after the other process wrote: %d collections, suggestion %q, kettle at %d, name %q, %d promotions; want what was kept",
			c, sg, price, name, ps)
	}
	offset = OthersEvery
	if c, sg, price, name, ps := read(); c != 1 || sg != "teapot" || price != 250 || name != "Tea House" || ps != 1 {
		t.Errorf("once the store asked: %d collections, suggestion %q, kettle at %d, name %q, %d promotions; want 1, teapot, 250, Tea House, 1",
			c, sg, price, name, ps)
	}

	// Only this store writing, behind its own caches, moves no mark: what
	// is kept stays, however many asks go by.
	if _, err := s.DB().Exec(`UPDATE variants SET price = 300 WHERE sku = 'K'`); err != nil {
		t.Fatal(err)
	}
	offset = 3 * OthersEvery
	if _, _, price, _, _ := read(); price != 250 {
		t.Errorf("kettle after this store's own write behind the memo = %d, want the kept 250", price)
	}
}

// TestMemoServesTheOldValueWhileReadingAgain: a value past CacheTTL (and
// nothing else: same version, no other process's write) is read again by
// one caller while the others are served it as it was, without waiting.
func TestMemoServesTheOldValueWhileReadingAgain(t *testing.T) {
	var m memo
	version := func() int64 { return 1 }
	start := time.Now()
	if v, _ := memoIn(&m, version, start, time.Time{}, "k", func() (int, error) { return 1, nil }); v != 1 {
		t.Fatalf("first read = %d", v)
	}
	later := start.Add(CacheTTL + time.Second)
	release := make(chan struct{})
	reading := make(chan int, 1)
	go func() {
		v, _ := memoIn(&m, version, later, time.Time{}, "k", func() (int, error) { <-release; return 2, nil })
		reading <- v
	}()
	waitForFlight(&m, "k") // the read again is under way
	other := make(chan int, 1)
	go func() {
		v, _ := memoIn(&m, version, later, time.Time{}, "k", func() (int, error) { return 3, nil })
		other <- v
	}()
	select {
	case v := <-other:
		if v != 1 {
			t.Errorf("while the value is read again, a caller got %d; want the old 1", v)
		}
	case <-time.After(5 * time.Second):
		t.Error("while the value is read again, a caller waited for the read")
	}
	close(release)
	if v := <-reading; v != 2 {
		t.Errorf("the caller reading again got %d, want 2", v)
	}
	if v, _ := memoIn(&m, version, later, time.Time{}, "k", func() (int, error) { return 4, nil }); v != 2 {
		t.Errorf("after the read: %d, want 2", v)
	}
	// Read before another process wrote, the old value is not served.
	stale := later.Add(time.Second)
	if v, _ := memoIn(&m, version, stale.Add(CacheTTL), stale, "k", func() (int, error) { return 5, nil }); v != 5 {
		t.Errorf("after another process wrote: %d, want 5", v)
	}
}

// TestShelvesOutliveStock: an order taking stock redraws what shows stock
// (the listing's sold-out marks), but not the collections in every page's
// navigation, which no stock changes; a catalog write redraws both.
func TestShelvesOutliveStock(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	ship := flatShipping(t, s) // before the collections are read: a shipping write redraws them
	if _, err := s.SaveCollection(ctx, CollectionInput{Handle: "tops", Title: "Tops"}); err != nil {
		t.Fatal(err)
	}
	if cs, err := s.Collections(ctx, false); err != nil || len(cs) != 1 {
		t.Fatalf("collections = %v, %v", cs, err)
	}
	if _, err := s.DB().Exec(`UPDATE collections SET title = 'Changed behind the store'`); err != nil {
		t.Fatal(err)
	}
	before := s.CatalogVersion()
	if _, _, err := s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.mug, 30).Token, ship)); err != nil { // every mug: sold out
		t.Fatal(err)
	}
	if s.CatalogVersion() == before {
		t.Fatal("selling out did not change the catalog version")
	}
	if cs, _ := s.Collections(ctx, false); cs[0].Title != "Tops" {
		t.Errorf("an order's stock change read the collections again: %q", cs[0].Title)
	}
	s.bumpCatalog()
	if cs, _ := s.Collections(ctx, false); cs[0].Title != "Changed behind the store" {
		t.Errorf("a catalog write kept the collections: %q", cs[0].Title)
	}
}

// TestFewLeftRedrawsOnlyThatProduct: an order that leaves a variant with
// few units changes its product's page (how many are left) and nothing
// else; selling a product out changes every page that lists it.
func TestFewLeftRedrawsOnlyThatProduct(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	ship := flatShipping(t, s)
	shirt, err := s.ProductByHandle(ctx, "shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	catalog, shirtMark, mugMark := s.CatalogVersion(), s.ProductStockVersion("shirt"), s.ProductStockVersion("mug")
	cart := f.add(t, "", f.small, 1).Token // 2 small left
	f.add(t, cart, f.mug, 1)               // 29 mugs left: the mug's page shows no count
	if _, _, err := s.PlaceOrder(ctx, checkoutFor(cart, ship)); err != nil {
		t.Fatal(err)
	}
	if s.CatalogVersion() != catalog || s.ProductStockVersion("mug") != mugMark || s.ProductStockVersion("shirt") == shirtMark {
		t.Errorf("few left: catalog %d → %d, shirt mark %d → %d, mug mark %d → %d", catalog, s.CatalogVersion(),
			shirtMark, s.ProductStockVersion("shirt"), mugMark, s.ProductStockVersion("mug"))
	}
	again, err := s.ProductByHandle(ctx, "shirt", false)
	if err != nil || again == shirt || again.Variants[0].Stock != 2 {
		t.Errorf("the shirt's page still reads the old stock: %+v, %v", again.Variants[0], err)
	}
	if _, _, err := s.PlaceOrder(ctx, checkoutFor(f.add(t, "", f.mug, 29).Token, ship)); err != nil {
		t.Fatal(err)
	}
	if s.CatalogVersion() == catalog {
		t.Error("selling every mug left the catalog version as it was")
	}
}

// TestMemoReadsOnceForEveryoneWaiting: shoppers who miss the same key at
// once share one read; when that read fails, each reads for itself.
func TestMemoReadsOnceForEveryoneWaiting(t *testing.T) {
	var m memo
	version := func() int64 { return 1 }
	var reads atomic.Int64
	release := make(chan struct{})
	slow := func() (int, error) {
		reads.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() { got[i], _ = memoIn(&m, version, time.Now(), time.Time{}, "k", slow) })
	}
	waitForFlight(&m, "k") // one caller reading, the rest arriving
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := reads.Load(); n != 1 {
		t.Errorf("%d reads for 8 callers at once, want 1", n)
	}
	for i, v := range got {
		if v != 42 {
			t.Errorf("caller %d got %d", i, v)
		}
	}

	first, second, secondErr := waiterAfter(func() (int, error) { return 0, errors.New("the first caller went away") })
	if first == nil || secondErr != nil || second != 7 {
		t.Errorf("after a failed read: first %v, waiter %d, %v; want an error, then 7", first, second, secondErr)
	}
}

// TestMemoWaiterOutlivesAPanic: a read that panics still lets the callers
// waiting on it go, each to read for itself.
func TestMemoWaiterOutlivesAPanic(t *testing.T) {
	_, got, err := waiterAfter(func() (int, error) { panic("boom") })
	if got != 7 || err != nil {
		t.Errorf("the waiter got %d, %v; want 7", got, err)
	}
}

// waiterAfter starts a memo read that blocks and then ends with end (an
// error, or a panic), starts a second caller of the same key while it is in
// flight, lets the first end, and returns what each got; the second's own
// read gives 7.
func waiterAfter(end func() (int, error)) (firstErr error, got int, err error) {
	var m memo
	version := func() int64 { return 1 }
	var tries atomic.Int64
	release := make(chan struct{})
	fn := func() (int, error) {
		if tries.Add(1) == 1 {
			<-release
			return end()
		}
		return 7, nil
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		defer func() { recover() }()
		_, firstErr = memoIn(&m, version, time.Now(), time.Time{}, "k", fn)
	})
	for tries.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	wg.Go(func() { got, err = memoIn(&m, version, time.Now(), time.Time{}, "k", fn) })
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	return firstErr, got, err
}

// waitForFlight returns once a read of key is under way in m.
func waitForFlight(m *memo, key string) {
	for {
		m.mu.Lock()
		f := m.flights[key]
		m.mu.Unlock()
		if f != nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestMemoKeepsWhatWasJustRead: a full memo does not forget everything at
// once. What was read up to memoMax entries ago is still served, and an
// entry read again is kept through the next turn; one read neither way
// goes after two turns.
func TestMemoKeepsWhatWasJustRead(t *testing.T) {
	var m memo
	version := func() int64 { return 1 }
	now := time.Now()
	reads := 0
	read := func(key string) {
		t.Helper()
		if _, err := memoIn(&m, version, now, time.Time{}, key, func() (int, error) { reads++; return 0, nil }); err != nil {
			t.Fatal(err)
		}
	}
	readsOf := func(key string) int { before := reads; read(key); return reads - before }
	read("kept")
	read("dropped")
	for i := range memoMax {
		read("a" + itoa(int64(i)))
	}
	if n := readsOf("kept"); n != 0 {
		t.Fatalf("an entry read memoMax entries ago was read again (%d)", n)
	}
	for i := range memoMax {
		read("b" + itoa(int64(i)))
	}
	if n := readsOf("kept"); n != 0 {
		t.Errorf("an entry read again in the last turn was read afresh (%d)", n)
	}
	for i := range 2 * memoMax {
		read("c" + itoa(int64(i)))
	}
	if n := readsOf("dropped"); n != 1 {
		t.Errorf("an entry untouched for two turns was still kept (%d reads)", n)
	}
	if len(m.entries) > memoMax || len(m.older) > memoMax {
		t.Errorf("memo holds %d + %d entries, over memoMax each", len(m.entries), len(m.older))
	}
}
