// Package store is the shop's domain and its persistence: types, rules, SQL
// and embedded migrations. It knows nothing of HTTP or HTML.
package store

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"runtime/debug"
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
	// Whoever holds it commits the transactions waiting in pending
	// together (tx).
	writer      chan struct{}
	pending     chan *writeReq
	checkpoints *checkpointer
	// Now is the store's clock; tests move it to test time-bound rules.
	Now func() time.Time

	memo       memo
	shelfMemo  memo
	imageInfos imageInfoCache
	cartCounts cartCounts
	stockMarks stockMarks
	settings   settingsCache
	// catalog counts every change a shopper's page shows; shelves only
	// those that are not stock or scheduled prices (bumpStock).
	catalog atomic.Int64
	shelves atomic.Int64
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
	// others is what the store knows of other processes' writes
	// (OthersMark).
	others othersWatch
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

func (s *Store) bumpCatalog() {
	s.catalog.Add(1)
	s.shelves.Add(1)
}

// bumpStock is bumpCatalog for a change of stock alone.
func (s *Store) bumpStock() { s.catalog.Add(1) }

// Open opens (creating if needed) the SQLite file at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
	write, err := openDB(dsn(path, false), true)
	if err != nil {
		return nil, fmt.Errorf("open db: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)

	read, err := openDB(dsn(path, true), false)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open db: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxLifetime(0)

	checkpoint, err := openDB(dsn(path, false), false)
	if err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("open db: %w", err)
	}
	checkpoint.SetMaxOpenConns(1)

	s := &Store{write: write, read: read, writer: make(chan struct{}, 1), pending: make(chan *writeReq, maxBatch),
		checkpoints: startCheckpointer(checkpoint), Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.reindexQueued(ctx); err != nil {
		s.Close()
		return nil, err
	}
	// What another process writes from now on (OthersMark).
	if _, err := s.othersWrote(ctx); err != nil {
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
	// 8 MB of pages per connection (five of them): at 100,000 products
	// 16 MB each took resident memory past 150 MB after a purchase load,
	// for no measurable speed; the OS keeps the file cached besides.
	q.Add("_pragma", "cache_size(-8000)")
	// Temporary data in memory, the savepoint journal above all: group
	// commit runs every write of a batch in its own savepoint, and a page
	// an earlier write of the batch dirtied is copied to that journal
	// before it is changed again. On disk (past 64 KB) the copies took
	// more than half of the writer's write calls and a file opened and
	// closed per batch.
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", writerCheckpointPages))
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes both pools and the checkpointer.
func (s *Store) Close() error {
	return errors.Join(s.checkpoints.close(), s.read.Close(), s.write.Close())
}

// DB is the write pool, for libraries that need a *sql.DB of their own
// (the session store's cleanup of expired sessions). Their writes wait for
// the connection, outside the shop's queue of writers.
func (s *Store) DB() *sql.DB { return s.write }

// ReadDB is the read pool, for libraries that only read (the session
// lookups); it refuses writes.
func (s *Store) ReadDB() *sql.DB { return s.read }

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.queryRow(ctx, "SELECT 1").Scan(&one)
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE through _txlock) and
// returns once it is committed, or with fn's error once fn's writes are
// undone.
//
// Transactions that wait while another commits are committed together
// (group commit): whoever takes the writer slot runs every waiting fn in
// one transaction, each inside its own savepoint, so one fn's error undoes
// only its own writes, and commits once. Committing wrote the WAL and
// took most of a small transaction's time; a checkout's commit now
// carries the others that queued behind it.
//
// What an order reads from memory (the settings, the live promotions, the
// shipping methods) each writer forgets after its commit, before its call
// returns. An order placed while such an edit is under way, in the same
// group commit too, may so see the shop as it was: the two overlap, and
// the order counts as the first. One begun after the edit returned sees
// it. An order reads in its transaction only what other orders change
// (stock, a promotion's uses), which no cache could know in time.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	req := &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	s.pending <- req
	for {
		select {
		case err := <-req.done:
			return err
		case s.writer <- struct{}{}:
			s.commitPending()
			<-s.writer
		}
	}
}

// writeReq is a transaction waiting for its turn, and where its outcome
// goes.
type writeReq struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	done chan error
}

// maxBatch bounds a group commit, so that the first in it waits for at
// most this many others.
const maxBatch = 64

// commitPending runs the waiting transactions as one and tells each its
// outcome. The caller holds the writer slot.
func (s *Store) commitPending() {
	var batch []*writeReq
take:
	for len(batch) < maxBatch {
		select {
		case r := <-s.pending:
			batch = append(batch, r)
		default:
			break take
		}
	}
	if len(batch) == 0 {
		return
	}
	tx, err := s.write.BeginTx(context.Background(), nil)
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("begin: %w", err)
		}
		return
	}
	defer tx.Rollback()
	// A write refused for what an earlier one in the batch wrote (an item
	// removed, the last one sold) hears so after the commit, as the others
	// hear theirs, so that what its caller reads next shows why.
	refused := make([]error, len(batch))
	for i, r := range batch {
		err := r.ctx.Err()
		if err == nil {
			err = runInSavepoint(tx, r.fn)
		}
		if lost, ok := errors.AsType[*txLostError](err); ok {
			// The transaction itself is gone: everything in it failed.
			for _, r := range batch {
				r.done <- lost.err
			}
			return
		}
		refused[i] = err
	}
	err = tx.Commit()
	s.checkpoints.dirty.Store(true)
	for i, r := range batch {
		r.done <- cmp.Or(refused[i], err)
	}
}

// txLostError is a failure that ended the whole transaction, not one
// savepoint.
type txLostError struct{ err error }

func (e *txLostError) Error() string { return e.err.Error() }

// runInSavepoint runs fn in tx inside a savepoint, and undoes fn's writes
// when it fails. A panic in fn is fn's error, so that the others in the
// transaction still hear their outcome.
func runInSavepoint(tx *sql.Tx, fn func(*sql.Tx) error) (err error) {
	if _, err := tx.Exec(`SAVEPOINT write`); err != nil {
		return &txLostError{fmt.Errorf("savepoint: %w", err)}
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic in a write: %v\n%s", p, debug.Stack())
			}
		}()
		err = fn(tx)
	}()
	if err != nil {
		// SQLite rolls the whole transaction back on some errors (a full
		// disk, out of memory); then the savepoint is gone too.
		if _, rerr := tx.Exec(`ROLLBACK TO write`); rerr != nil {
			return &txLostError{fmt.Errorf("%w (and the transaction with it: %v)", err, rerr)}
		}
	}
	if _, rerr := tx.Exec(`RELEASE write`); rerr != nil {
		return &txLostError{fmt.Errorf("release savepoint: %w", rerr)}
	}
	return err
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
