package store

import (
	"context"
	"database/sql"
	"strings"
)

// query runs a read on the read pool, whose connections keep the
// statement prepared (sqlconn.go). It runs to its end even if ctx is
// cancelled (a shopper who left): for a context that can be cancelled,
// database/sql and modernc's driver each start a goroutine per statement
// to watch it. Under a full purchase load (64 buyers, a dozen reads a
// purchase) a purchase took 5-15% less of the shop's CPU without them on
// one core, 0-11% on two, and the reads through here end within
// milliseconds (a search at 100,000 products, uncached, in under 10). A
// read that can run long (a CSV export) uses s.read with its caller's
// context, and stops when the caller goes.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(context.WithoutCancel(ctx), query, args...)
}

type rowScanner interface{ Scan(...any) error }

// queryFunc is s.query or a transaction's QueryContext.
type queryFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

// queryRow is QueryRowContext on the read pool, run to its end as query
// is.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	return s.read.QueryRowContext(context.WithoutCancel(ctx), query, args...)
}

// inList is an IN list's placeholders for vals, "(?,?,?)", and vals as
// the query's arguments. A list's statement is prepared once per length.
func inList[T any](vals []T) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",") + ")", args
}

// inSnapshot runs fn's reads in one read transaction on one connection of
// the read pool, for a page that reads several statements. Each statement
// on the pool begins a transaction of its own, and after any commit since
// its connection's last read SQLite drops that connection's cached pages:
// under orders every statement read its B-trees' upper pages again. Read
// together, they are read once and see one snapshot. fn reads only
// through query: a read on the pool beside it could wait for ever once
// every connection is held by a snapshot. Its reads run to their end as
// query's do.
func (s *Store) inSnapshot(ctx context.Context, fn func(query queryFunc) error) error {
	tx, err := s.read.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(func(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
		return tx.QueryContext(context.WithoutCancel(ctx), query, args...)
	})
}
