package web

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"storefront/store"
)

// testClock is the session cache's clock (freshness and expiry of what it
// holds); SQLite still judges expiry by the real clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time         { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration)    { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newTestClock() *testClock              { return &testClock{t: time.Now()} }
func (c *testClock) store(ss *sessionStore) { ss.now = c.Now }

// openSessionStores opens n stores ("processes") on one new database file,
// each with its own session store on the clock.
func openSessionStores(t *testing.T, clock *testClock, n int) []*sessionStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	var out []*sessionStore
	for range n {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		ss := newSessionStore(st, 0)
		clock.store(ss)
		out = append(out, ss)
	}
	return out
}

func mustFind(t *testing.T, ss *sessionStore, token string) ([]byte, bool) {
	t.Helper()
	b, ok, err := ss.Find(token)
	if err != nil {
		t.Fatal(err)
	}
	return b, ok
}

func mustCommit(t *testing.T, ss *sessionStore, token string, b []byte, expiry time.Time) {
	t.Helper()
	if err := ss.Commit(token, b, expiry); err != nil {
		t.Fatal(err)
	}
}

// storedExpiry is the session's row as the database holds it.
func storedExpiry(t *testing.T, ss *sessionStore, token string) time.Time {
	t.Helper()
	e, err := ss.load(token)
	if err != nil || e.data == nil {
		t.Fatalf("load %s = %v, %v", token, e, err)
	}
	return e.expiry
}

func TestSessionCacheOtherProcess(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 2)
	here, other := ss[0], ss[1]
	week := clock.Now().Add(7 * 24 * time.Hour)
	mustCommit(t, here, "tok", []byte("cart 1"), week)
	if b, ok := mustFind(t, other, "tok"); !ok || string(b) != "cart 1" {
		t.Fatalf("other process finds %q, %v", b, ok)
	}
	// This one asks whether another process wrote (the first ask is due)
	// and keeps its copy.
	if b, _ := mustFind(t, here, "tok"); string(b) != "cart 1" {
		t.Fatalf("this process finds %q", b)
	}

	// The other process changes the session, then revokes it: this one
	// serves its copy until it next asks, at most store.OthersEvery
	// later, then reads the database.
	mustCommit(t, other, "tok", []byte("cart 2"), week)
	clock.Add(store.OthersEvery / 2)
	if b, _ := mustFind(t, here, "tok"); string(b) != "cart 1" {
		t.Fatalf("within freshness: %q, want the cached copy (the test would not show the cache)", b)
	}
	clock.Add(store.OthersEvery / 2)
	if b, _ := mustFind(t, here, "tok"); string(b) != "cart 2" {
		t.Errorf("after freshness: %q, want the other process's change", b)
	}
	if err := other.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	clock.Add(store.OthersEvery)
	if b, ok := mustFind(t, here, "tok"); ok {
		t.Errorf("revoked elsewhere, still found after %v: %q", store.OthersEvery, b)
	}
	// And a session the other process creates after this one looked for
	// it (and cached its absence) is found once that is stale.
	mustCommit(t, other, "new", []byte("x"), week)
	clock.Add(store.OthersEvery)
	if _, ok := mustFind(t, here, "new"); !ok {
		t.Error("session created elsewhere not found")
	}
}

// TestSessionCacheKeepsCopiesWhileOnlyThisProcessWrites: a copy is not
// read again by the clock alone, only once another process has written.
func TestSessionCacheKeepsCopiesWhileOnlyThisProcessWrites(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 2)
	here, other := ss[0], ss[1]
	week := clock.Now().Add(7 * 24 * time.Hour)
	mustCommit(t, here, "tok", []byte("cart"), week)
	if _, ok := mustFind(t, here, "tok"); !ok {
		t.Fatal("committed session not found")
	}
	// Changed behind the cache's back through this process's own write
	// connection, which no session write here does: only a read of the
	// database would show it.
	if _, err := here.st.DB().Exec(`UPDATE sessions SET data = 'changed' WHERE token = 'tok'`); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		clock.Add(store.OthersEvery)
		if b, _ := mustFind(t, here, "tok"); string(b) != "cart" {
			t.Fatalf("with no other process writing, the copy was read again: %q", b)
		}
	}
	mustCommit(t, other, "elsewhere", []byte("x"), week)
	clock.Add(store.OthersEvery)
	if b, _ := mustFind(t, here, "tok"); string(b) != "changed" {
		t.Errorf("after another process wrote: %q, want the database's", b)
	}
}

// TestSessionCacheDoesNotWaitForTheWriter: asking whether another process
// wrote needs the write connection; while a long write holds it, a
// request reads its session again instead of waiting.
func TestSessionCacheDoesNotWaitForTheWriter(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 1)[0]
	mustCommit(t, ss, "tok", []byte("cart"), clock.Now().Add(time.Hour))
	mustFind(t, ss, "tok")
	conn, err := ss.st.DB().Conn(context.Background()) // the only write connection
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	clock.Add(store.OthersEvery)
	found := make(chan bool)
	go func() {
		_, ok, _ := ss.Find("tok")
		found <- ok
	}()
	select {
	case ok := <-found:
		if !ok {
			t.Error("session not found while the writer was busy")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Find waited for the write connection")
	}
}

func TestSessionCacheDeleteAtOnce(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 1)[0]
	mustCommit(t, ss, "tok", []byte("staff"), clock.Now().Add(time.Hour))
	if _, ok := mustFind(t, ss, "tok"); !ok {
		t.Fatal("committed session not found")
	}
	if err := ss.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if b, ok := mustFind(t, ss, "tok"); ok {
		t.Errorf("deleted session found: %q", b)
	}
}

func TestSessionCacheWritesThrough(t *testing.T) {
	clock := newTestClock()
	path := filepath.Join(t.TempDir(), "shop.db")
	open := func() *sessionStore {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		ss := newSessionStore(st, 0)
		clock.store(ss)
		return ss
	}
	first := open()
	mustCommit(t, first, "tok", []byte("cart"), clock.Now().Add(time.Hour))
	first.st.Close() // the restart
	if b, ok := mustFind(t, open(), "tok"); !ok || string(b) != "cart" {
		t.Errorf("after restart: %q, %v", b, ok)
	}
}

func TestSessionCacheExpiry(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 2)
	mustCommit(t, ss[0], "tok", []byte("cart"), clock.Now().Add(store.OthersEvery/4))
	if _, ok := mustFind(t, ss[0], "tok"); !ok {
		t.Fatal("live session not found")
	}
	clock.Add(store.OthersEvery / 2) // fresh in memory, but expired
	if b, ok := mustFind(t, ss[0], "tok"); ok {
		t.Errorf("expired session served from memory: %q", b)
	}
	// In the database, expiry is SQLite's: a row already past it is not
	// found by a process that never saw it.
	mustCommit(t, ss[0], "old", []byte("cart"), time.Now().Add(-time.Second))
	if b, ok := mustFind(t, ss[1], "old"); ok {
		t.Errorf("expired row found: %q", b)
	}
}

// TestSessionCacheSkipsBumps: scs re-commits every session on every
// request to move its idle expiry; only a real change, or an expiry moved
// by sessionBumpSlack, is written.
func TestSessionCacheSkipsBumps(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 1)[0]
	codec := scs.GobCodec{}
	deadline := clock.Now().Add(30 * 24 * time.Hour)
	values := map[string]any{"cart": "abc", "customer": int64(7), "epoch": int64(2), "locale": "zh"}
	first, err := codec.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	// gob writes a map in Go's map order: find an encoding that differs.
	again := first
	for i := 0; i < 100 && bytes.Equal(again, first); i++ {
		if again, err = codec.Encode(deadline, values); err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Equal(again, first) {
		t.Fatal("gob wrote the map in one order 100 times: the test needs two")
	}
	expiry := clock.Now().Add(7 * 24 * time.Hour)
	mustCommit(t, ss, "tok", first, expiry)
	stored := storedExpiry(t, ss, "tok")

	mustCommit(t, ss, "tok", again, expiry.Add(10*time.Second))
	if got := storedExpiry(t, ss, "tok"); !got.Equal(stored) {
		t.Errorf("an expiry bump of 10s was written: %v → %v", stored, got)
	}
	later := expiry.Add(sessionBumpSlack)
	mustCommit(t, ss, "tok", again, later)
	if got := storedExpiry(t, ss, "tok"); got.Before(later.Add(-time.Millisecond)) {
		t.Errorf("a bump of %v not written: stored %v, want %v", sessionBumpSlack, got, later)
	}
	values["cart"] = "def"
	changed, err := codec.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	mustCommit(t, ss, "tok", changed, later)
	e, err := ss.load("tok")
	if err != nil || !bytes.Equal(e.data, changed) {
		t.Errorf("a change was not written: %v", err)
	}
}

// TestSessionCacheConcurrent: many goroutines finding, committing and
// deleting the same few sessions (run with -race); afterwards memory
// agrees with the database.
func TestSessionCacheConcurrent(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 1)[0]
	expiry := clock.Now().Add(time.Hour)
	tokens := []string{"a", "b", "c"}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 60 {
				tok := tokens[(g+i)%len(tokens)]
				var err error
				switch i % 4 {
				case 0, 1:
					_, _, err = ss.Find(tok)
				case 2:
					err = ss.Commit(tok, fmt.Appendf(nil, "%d-%d", g, i), expiry)
				case 3:
					if g%4 == 0 {
						err = ss.Delete(tok)
					}
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, tok := range tokens {
		got, ok := mustFind(t, ss, tok)
		want, err := ss.load(tok)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (want.data != nil) || !bytes.Equal(got, want.data) {
			t.Errorf("%s: memory has %q (%v), the database %q", tok, got, ok, want.data)
		}
	}
}

// TestSessionCacheBounded: a flood of tokens (bogus cookies) never holds
// more than the cache's limit.
func TestSessionCacheBounded(t *testing.T) {
	clock := newTestClock()
	ss := openSessionStores(t, clock, 1)[0]
	ss.limit = 64 << 10
	expiry := clock.Now().Add(time.Hour)
	for i := range 2000 {
		tok := fmt.Sprintf("token-%04d", i)
		if i%2 == 0 {
			mustCommit(t, ss, tok, bytes.Repeat([]byte("x"), 100), expiry)
		}
		mustFind(t, ss, tok)
		if ss.size > ss.limit {
			t.Fatalf("after %d tokens the cache holds %d bytes, limit %d", i+1, ss.size, ss.limit)
		}
	}
	if b, ok := mustFind(t, ss, "token-0000"); !ok || len(b) != 100 {
		t.Error("an evicted session was not read again from the database")
	}
}
