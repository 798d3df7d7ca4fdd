// Package store is the shop's domain and its persistence: types, rules, SQL
// and embedded migrations. It knows nothing of HTTP or HTML.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the shop's database: one write connection so writers queue in Go
// instead of fighting over SQLite's lock, and a pool of readers that WAL lets
// run beside the writer.
type Store struct {
	write *sql.DB
	read  *sql.DB
	// writer is a one-slot queue in front of the write connection. Waiters
	// on a channel are served first come, first served, whereas
	// database/sql hands a freed connection to a random waiter: under many
	// buyers at once that randomness, not the work, made the slow tail.
	writer chan struct{}
	// Now is the store's clock; tests move it to test time-bound rules.
	Now func() time.Time

	memo       memo
	imageInfos imageInfoCache
	settings   settingsCache
	catalog    atomic.Int64
	// live is the automatic promotions (promotion_live.go), and
	// priceChange the next second one of them starts, steps or ends, when
	// CatalogVersion moves on by itself; 0 for none.
	live        liveCache
	priceChange atomic.Int64
	// stripeOverride holds Stripe keys from the environment (StripeSecrets).
	stripeOverride atomic.Pointer[StripeSecrets]
	// backupFailure is the last backup that failed, until one succeeds
	// (backup_folder.go): kept in memory, since a full disk that fails a
	// backup would fail writing its record too.
	backupFailure atomic.Pointer[BackupRecord]
	// staffExists remembers that setup is done (HasStaff, launch.go).
	staffExists atomic.Bool
}

// CatalogVersion changes whenever this process writes to the catalog or
// settings, so rendered pages can be cached until then.
func (s *Store) CatalogVersion() int64 {
	if next := s.priceChange.Load(); next != 0 && s.Now().Unix() >= next && s.priceChange.CompareAndSwap(next, 0) {
		// A sale started, stepped or ended: pages showing the old price go.
		s.live.drop()
		s.catalog.Add(1)
	}
	return s.catalog.Load()
}

func (s *Store) bumpCatalog() { s.catalog.Add(1) }

// Open opens (creating if needed) the SQLite file at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
	write, err := openDB(dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open db: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)

	read, err := openDB(dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open db: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxLifetime(0)

	s := &Store{write: write, read: read, writer: make(chan struct{}, 1), Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds modernc's connection string. busy_timeout comes first so that
// the pragmas after it wait for the lock instead of failing.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "cache_size(-16000)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes both pools.
func (s *Store) Close() error {
	err1 := s.read.Close()
	err2 := s.write.Close()
	if err1 != nil {
		return err1
	}
	return err2
}

// DB is the write pool, for libraries that need a *sql.DB of their own (the
// session store): its writes then queue with the shop's.
func (s *Store) DB() *sql.DB { return s.write }

// ReadDB is the read pool, for libraries that only read (the session
// lookups); it refuses writes.
func (s *Store) ReadDB() *sql.DB { return s.read }

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.queryRow(ctx, "SELECT 1").Scan(&one)
}

// Queued runs fn, which writes through DB() on its own (the session
// store), in its turn among the shop's transactions: first come, first
// served, like tx.
func (s *Store) Queued(ctx context.Context, fn func() error) error {
	select {
	case s.writer <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.writer }()
	return fn()
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE through _txlock) and
// commits when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.Queued(ctx, func() error {
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer tx.Rollback()
		if err := fn(tx); err != nil {
			return err
		}
		return tx.Commit()
	})
}

func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	if _, err := s.write.ExecContext(ctx,
		`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := migrationVersion(name)
		if err != nil {
			return err
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			body, err := migrationFiles.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, s.Now().Unix())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}
