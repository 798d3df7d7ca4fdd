package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps read statements prepared: parsing SQL costs more than
// running most of the shop's queries. database/sql prepares each statement
// once per pooled connection and reuses it from then on.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := s.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

func (s *Store) closeStmts() {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, st := range s.stmts.m {
		st.Close()
	}
	s.stmts.m = nil
}

// query runs a read through the statement cache.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

type rowScanner interface{ Scan(...any) error }

// queryFunc is s.query or a transaction's QueryContext.
type queryFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// queryRow is QueryRowContext through the statement cache.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}
