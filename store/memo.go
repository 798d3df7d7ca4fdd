package store

import (
	"sync"
	"time"
)

// memo keeps the results of the catalog's costliest reads (search and
// listings: a common word can match most of a large catalog, and ranking
// thousands of hits costs milliseconds; the collection list every page's
// navigation shows; the search vocabulary) for the current catalog version.
// It is the store's one cache of catalog reads: a new one belongs here
// rather than in a version-checked pointer of its own, which would miss
// the TTL below.
// The page cache only serves visitors without a session; this serves
// everyone else, a shopper with a cart included. Like the page cache it
// forgets what was read before another process (the import command, a
// second server) was last seen to write (Store.OthersMark), so that such
// a write shows within about a second; and past CacheTTL one caller
// reads an entry again while the others are served it as it was.
type memo struct {
	mu      sync.Mutex
	version int64
	// entries fill up to memoMax, then become older and entries begin
	// again; a read of an older entry carries it over (heldLocked).
	entries, older map[string]memoEntry
	// flights are the reads running now, by key: a caller that finds its
	// key in flight at its version waits for that read instead of running
	// its own. After a catalog write every shopper's next page misses at
	// once; at 100,000 products 32 of them each ranked a search or counted
	// the collections side by side, and the pages waited seconds.
	flights map[string]*memoFlight
}

type memoFlight struct {
	version int64
	at      time.Time // when the read began
	done    chan struct{}
	value   any
	ok      bool // the read succeeded; a waiter on a failed one reads for itself
}

type memoEntry struct {
	value any
	at    time.Time // when the read began
}

// CacheTTL is how long a cached read or page is served before it is read
// again, however quiet the database: the backstop for a change that no
// version and no OthersMark follows. Before OthersMark it was also how
// long another process's write took to show.
const CacheTTL = 30 * time.Second

// memoMax bounds each of entries and older (a few MB together). Starting
// again from empty when full dropped what shoppers were looking at: under
// a run of purchases the memo filled in a fraction of a second, and an
// order placed a few requests after its product page no longer found the
// product's names there, so read them behind the single writer.
const memoMax = 512

// memoized returns fn's result for key, computing it at most once per
// catalog version, OthersMark and CacheTTL. The result is shared: callers
// must not change it.
func memoized[T any](s *Store, key string, fn func() (T, error)) (T, error) {
	return memoIn(&s.memo, s.CatalogVersion, s.Now(), s.OthersMark(s.Now), key, fn)
}

// memoizedShelves is memoized for what stock and scheduled prices do not
// change (the collections in the navigation, the search vocabulary): it
// is kept while orders take stock, which under a sale is many times a
// second, each of which would have every page read it again.
func memoizedShelves[T any](s *Store, key string, fn func() (T, error)) (T, error) {
	return memoIn(&s.shelfMemo, s.shelves.Load, s.Now(), s.OthersMark(s.Now), key, fn)
}

// memoPeek returns what the memo holds for key at the current catalog
// version, without reading anything when it holds nothing: for a caller
// that reads the rest of what it needs in one go (nameViewLines).
func memoPeek[T any](s *Store, key string) (T, bool) {
	return peekIn[T](&s.memo, s.CatalogVersion(), s.Now(), s.OthersMark(s.Now), key)
}

// shelvesPeek is memoPeek for the shelves' memo (memoizedShelves), and
// shelvesKeep keeps there what such a caller read, begun at version
// (s.shelves then).
func shelvesPeek[T any](s *Store, key string) (T, bool) {
	return peekIn[T](&s.shelfMemo, s.shelves.Load(), s.Now(), s.OthersMark(s.Now), key)
}

func (s *Store) shelvesKeep(version int64, at time.Time, key string, v any) {
	m := &s.shelfMemo
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.version == version && s.shelves.Load() == version { // a write since may have changed it
		m.putLocked(key, memoEntry{value: v, at: at})
	}
}

func peekIn[T any](m *memo, version int64, now, stale time.Time, key string) (T, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var zero T
	if v, fresh, _ := m.heldLocked(version, now, stale, key); fresh {
		return v.(T), true
	}
	return zero, false
}

// heldLocked is key's value if the memo holds it at version, read at or
// after stale (the store's OthersMark); fresh if it is also younger than
// CacheTTL at now, old if not. An older version's entries go. The caller
// holds m.mu.
func (m *memo) heldLocked(version int64, now, stale time.Time, key string) (v any, fresh, old bool) {
	if m.version != version {
		m.version, m.entries, m.older = version, nil, nil
	}
	e, ok := m.entries[key]
	if !ok {
		if e, ok = m.older[key]; ok {
			delete(m.older, key)
			m.putLocked(key, e)
		}
	}
	if !ok || e.at.Before(stale) {
		return nil, false, false
	}
	fresh = now.Sub(e.at) < CacheTTL
	return e.value, fresh, !fresh
}

func memoIn[T any](m *memo, current func() int64, now, stale time.Time, key string, fn func() (T, error)) (T, error) {
	version := current()
	m.mu.Lock()
	v, fresh, old := m.heldLocked(version, now, stale, key)
	if fresh {
		m.mu.Unlock()
		return v.(T), nil
	}
	if f, ok := m.flights[key]; ok && f.version == version && !f.at.Before(stale) {
		m.mu.Unlock()
		if old {
			// Past CacheTTL alone, and being read again: the others go on
			// with it meanwhile. Every 30 s the navigation's collections,
			// counted afresh (6-40 ms at 10,000 products), held up every
			// page for as long.
			return v.(T), nil
		}
		<-f.done
		if f.ok {
			return f.value.(T), nil
		}
		// It failed, perhaps only because its caller went away.
		return fn()
	}
	f := &memoFlight{version: version, at: now, done: make(chan struct{})}
	if m.flights == nil {
		m.flights = make(map[string]*memoFlight)
	}
	m.flights[key] = f
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		if m.flights[key] == f {
			delete(m.flights, key)
		}
		m.mu.Unlock()
		close(f.done) // also when fn panics: the waiters then read for themselves
	}()

	res, err := fn()
	if err != nil {
		return res, err
	}
	f.value, f.ok = res, true
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.version == version && current() == version { // a write since may have changed it
		m.putLocked(key, memoEntry{value: res, at: now})
	}
	return res, nil
}

// putLocked keeps e under key, moving the entries to older when full.
// The caller holds m.mu.
func (m *memo) putLocked(key string, e memoEntry) {
	if m.entries == nil || len(m.entries) >= memoMax {
		m.older, m.entries = m.entries, make(map[string]memoEntry)
	}
	m.entries[key] = e
}
