package web

import (
	"context"
	"time"

	"github.com/alexedwards/scs/sqlite3store"

	"storefront/store"
)

// sessionStore keeps sessions in the shop's database, reading them through
// the read pool. Every request with a session cookie looks its session up;
// through the single write connection those lookups would queue behind
// checkouts, while WAL lets the readers run beside the writer.
//
// Its writes take their turn in the store's queue of writers (Queued), so
// that a busy checkout neither starves them nor is starved by them.
type sessionStore struct {
	st    *store.Store
	read  *sqlite3store.SQLite3Store
	write *sqlite3store.SQLite3Store // commits, deletes and the expired-session cleanup
}

func newSessionStore(st *store.Store, cleanup time.Duration) *sessionStore {
	return &sessionStore{
		st:    st,
		read:  sqlite3store.NewWithCleanupInterval(st.ReadDB(), 0),
		write: sqlite3store.NewWithCleanupInterval(st.DB(), cleanup),
	}
}

func (s *sessionStore) Find(token string) ([]byte, bool, error) { return s.read.Find(token) }

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.st.Queued(context.Background(), func() error { return s.write.Commit(token, b, expiry) })
}

func (s *sessionStore) Delete(token string) error {
	return s.st.Queued(context.Background(), func() error { return s.write.Delete(token) })
}
