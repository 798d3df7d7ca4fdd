package store

import (
	"context"
	"database/sql"
	"strings"
)

// query runs a read on the read pool, whose connections keep the
// statement prepared (sqlconn.go).
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, query, args...)
}

type rowScanner interface{ Scan(...any) error }

// queryFunc is s.query or a transaction's QueryContext.
type queryFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

// queryRow is QueryRowContext on the read pool.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	return s.read.QueryRowContext(ctx, query, args...)
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
// every connection is held by a snapshot.
func (s *Store) inSnapshot(ctx context.Context, fn func(query queryFunc) error) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx.QueryContext)
}
