package web

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"time"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"

	"storefront/store"
)

const (
	// sessionBumpSlack is how far the stored expiry may lag behind scs's.
	// With an IdleTimeout scs re-commits every session on every request only
	// to push its expiry forward; when nothing else changed and the stored
	// expiry is within this of the new one, the write is skipped. A session
	// may so end idle this much early out of IdleTimeout (a week).
	sessionBumpSlack = time.Minute
	// sessionCacheBytes bounds the memory the cache holds. A session
	// encodes to 160–220 bytes (a cart; a signed-in customer or staff
	// member), so with its 43-byte token and sessionEntryBytes (the map
	// slot, slice header and times) it holds some 11,000 sessions; past
	// that, a session not in memory is read from the database. A long
	// sale's buyers fill it with sessions nobody reads again, and at
	// 100,000 products resident memory peaks within a few MB of its 150 MB
	// budget.
	sessionCacheBytes = 4 << 20
	sessionEntryBytes = 120
)

// sessionStore keeps sessions in the shop's database with a copy in memory
// in front: every request with a session cookie looks its session up, and
// most find it in memory. Commits and deletes go to the database first and
// then to memory (write-through), so a restart loses nothing.
//
// Database reads go through the read pool: through the single write
// connection they would queue behind checkouts, while WAL lets readers run
// beside the writer. Writes take their turn among the store's writes
// (CommitSession), sharing their commits, so that a busy checkout neither
// starves them nor is starved by them; memory is updated inside that turn,
// so it follows the database's order of writes.
type sessionStore struct {
	st    *store.Store
	clean *sqlite3store.SQLite3Store // deletes expired sessions now and then
	codec scs.Codec                  // newSessions's, to tell an expiry bump from a change
	now   func() time.Time
	limit int // bytes

	mu sync.Mutex
	// gen counts writes to memory, so that a database read that a commit or
	// delete overtook does not put its older copy back (see Find).
	gen     uint64
	size    int
	entries map[string]sessionEntry
	// staleBefore is the store's OthersMark as last seen: a copy checked
	// before then is read again.
	staleBefore time.Time
	// writing counts each token's writes made but not yet committed: they
	// share a transaction with other writes (store.Store.tx), and a Find
	// reading the database meanwhile reads the session as it was, which
	// must not be kept.
	writing map[string]int
}

// sessionEntry is a session as the database held it at checked (data nil:
// no live session under that token).
type sessionEntry struct {
	data    []byte
	expiry  time.Time
	checked time.Time
}

func newSessionStore(st *store.Store, cleanup time.Duration) *sessionStore {
	return &sessionStore{
		st:      st,
		clean:   sqlite3store.NewWithCleanupInterval(st.DB(), cleanup),
		codec:   sessionCodec{},
		now:     time.Now,
		limit:   sessionCacheBytes,
		entries: make(map[string]sessionEntry),
		writing: make(map[string]int),
	}
}

// Find returns the session's data; found is false when there is none or
// it has expired, as scs expects. A copy in memory is served until another
// process writes the database (store.OthersMark): such a process's change
// or revocation of a session shows within about a second, this process's
// own at once. Reading each copy again once a second had passed instead
// cost a browsing shopper's every page a database read: 0.12–0.16 ms of
// CPU per cached product page against 0.10.
func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	mark := s.st.OthersMark(s.now)
	now := s.now()
	s.mu.Lock()
	if mark.After(s.staleBefore) {
		s.staleBefore = mark
	}
	e, ok := s.entries[token]
	gen := s.gen
	fresh := !e.checked.Before(s.staleBefore)
	s.mu.Unlock()
	if ok && fresh {
		if e.data == nil || !now.Before(e.expiry) {
			return nil, false, nil
		}
		return e.data, true, nil
	}
	e, err := s.load(token)
	if err != nil {
		return nil, false, err
	}
	e.checked = now
	s.mu.Lock()
	if s.gen == gen && s.writing[token] == 0 {
		s.putLocked(token, e)
	}
	s.mu.Unlock()
	return e.data, e.data != nil, nil
}

// load reads a live session from the database (expiry is stored as a
// Julian day, the way sqlite3store writes it).
func (s *sessionStore) load(token string) (sessionEntry, error) {
	var e sessionEntry
	var jd float64
	err := s.st.ReadDB().QueryRow(`SELECT data, expiry FROM sessions WHERE token = ? AND julianday('now') < expiry`,
		token).Scan(&e.data, &jd)
	if errors.Is(err, sql.ErrNoRows) {
		return sessionEntry{}, nil
	}
	if err != nil {
		return sessionEntry{}, fmt.Errorf("find session: %w", err)
	}
	e.expiry = time.UnixMilli(int64(math.Round((jd - 2440587.5) * 86400000)))
	return e, nil
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	if s.onlyBump(token, b, expiry) {
		return nil
	}
	return s.write(token, sessionEntry{data: b, expiry: expiry}, func(inTurn func()) error {
		return s.st.CommitSession(context.Background(), token, b, expiry, inTurn)
	})
}

// onlyBump reports whether committing b would only push the stored
// session's expiry forward by less than sessionBumpSlack. sessionCodec
// writes equal sessions as equal bytes; gob (a session written by an
// earlier version, or holding a type sessionCodec does not write) orders
// the values map at random, so equal sessions may differ in bytes though
// not in length: those are decoded and compared.
func (s *sessionStore) onlyBump(token string, b []byte, expiry time.Time) bool {
	s.mu.Lock()
	e, ok := s.entries[token]
	s.mu.Unlock()
	// The stored expiry is whole milliseconds, so it may trail by up to one.
	if !ok || e.data == nil || len(e.data) != len(b) || expiry.Before(e.expiry.Add(-time.Millisecond)) ||
		expiry.Sub(e.expiry) >= sessionBumpSlack || !s.now().Before(e.expiry) {
		return false
	}
	if bytes.Equal(e.data, b) {
		return true
	}
	d1, v1, err1 := s.codec.Decode(e.data)
	d2, v2, err2 := s.codec.Decode(b)
	return err1 == nil && err2 == nil && d1.Equal(d2) && reflect.DeepEqual(v1, v2)
}

// Delete ends the session in the database, then in memory: a logout takes
// effect at once.
func (s *sessionStore) Delete(token string) error {
	return s.write(token, sessionEntry{}, func(inTurn func()) error {
		return s.st.DeleteSession(context.Background(), token, inTurn)
	})
}

// write makes one write of token's session through w (CommitSession or
// DeleteSession), which calls inTurn in the write's turn, before the
// commit. Memory takes e there (no data: the session is dropped), so it
// follows the database's order of writes; a Find that reads the database
// before the commit keeps no copy (writing, gen). A failed write leaves the
// database's state unknown, so the copy is dropped to be read again.
func (s *sessionStore) write(token string, e sessionEntry, w func(inTurn func()) error) error {
	made := false
	err := w(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		made = true
		s.gen++
		s.writing[token]++
		if e.data == nil {
			s.dropLocked(token)
		} else {
			e.checked = s.now()
			s.putLocked(token, e)
		}
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	if made {
		if s.writing[token]--; s.writing[token] == 0 {
			delete(s.writing, token)
		}
	}
	// A Find that began after inTurn read the database before this
	// commit, and by now writing no longer says so: it keeps no copy.
	s.gen++
	if err != nil {
		s.dropLocked(token)
	}
	return err
}

func (s *sessionStore) putLocked(token string, e sessionEntry) {
	s.dropLocked(token)
	s.entries[token] = e
	s.size += len(token) + len(e.data) + sessionEntryBytes
	if s.size > s.limit {
		s.evictLocked()
	}
}

func (s *sessionStore) dropLocked(token string) {
	if old, ok := s.entries[token]; ok {
		delete(s.entries, token)
		s.size -= len(token) + len(old.data) + sessionEntryBytes
	}
}

// evictLocked brings the cache down to 7/8 of its limit: first dropping
// entries due to be read again anyway, then entries at random (Go's map
// order is), so that a flood of new tokens costs the cache its hits but
// never more memory.
func (s *sessionStore) evictLocked() {
	target := s.limit / 8 * 7
	for token, e := range s.entries {
		if s.size <= target {
			return
		}
		if e.checked.Before(s.staleBefore) {
			s.dropLocked(token)
		}
	}
	for token := range s.entries {
		if s.size <= target {
			return
		}
		s.dropLocked(token)
	}
}
