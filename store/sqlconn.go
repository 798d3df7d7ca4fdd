package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"

	"modernc.org/sqlite"
)

// openDB opens dsn through stmtConnector: the pools' connections keep
// their statements prepared. SQLite parses a statement each time it is
// given as text, and a checkout's transaction runs a few dozen statements
// through tx.Exec and tx.Query: parsing them again took a quarter of its
// CPU. database/sql keeps prepared statements only for sql.Stmt, which a
// transaction's ad hoc queries never are.
//
// A write connection (write) runs each statement to its end though the
// caller's context ends meanwhile: SQLite answers an interrupted write
// inside a transaction by rolling the whole transaction back, and a
// transaction carries other shoppers' writes (Store.tx).
func openDB(dsn string, write bool) (*sql.DB, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(stmtConnector{base, write}), nil
}

type stmtConnector struct {
	driver.Connector
	write bool
}

func (c stmtConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &stmtConn{Conn: conn, stmts: map[string]*cachedStmt{}, write: c.write}, nil
}

// maxConnStmts bounds each connection's prepared statements; the shop runs
// a few hundred distinct ones, and a search's statement varies with its
// number of terms.
const maxConnStmts = 400

// stmtConn is a connection that prepares each single statement once and
// runs it again from then on. database/sql uses a connection from one
// goroutine at a time, but a statement's rows may still be open when the
// same text runs again (a query inside a loop over its own rows): a busy
// statement is then run as a one-off.
type stmtConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
	write bool
}

// statementContext is the context a statement runs under: on a write
// connection, one that is never cancelled.
func (c *stmtConn) statementContext(ctx context.Context) context.Context {
	if c.write {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

type cachedStmt struct {
	stmt driver.Stmt
	busy bool
}

// cached is query's prepared statement, or nil when it should run as a
// one-off: a script of several statements, or one whose rows are open.
func (c *stmtConn) cached(ctx context.Context, query string) (*cachedStmt, error) {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	if strings.Contains(strings.TrimRight(query, " \t\r\n;"), ";") {
		return nil, nil
	}
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if len(c.stmts) >= maxConnStmts {
		c.evict()
	}
	cs := &cachedStmt{stmt: st}
	c.stmts[query] = cs
	return cs, nil
}

// evict closes every statement not in use: simpler than an LRU, and the
// working set comes back within a few requests.
func (c *stmtConn) evict() {
	for q, cs := range c.stmts {
		if !cs.busy {
			cs.stmt.Close()
			delete(c.stmts, q)
		}
	}
}

func (c *stmtConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	ctx = c.statementContext(ctx)
	cs, err := c.cached(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, cs: cs}, nil
}

func (c *stmtConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	ctx = c.statementContext(ctx)
	cs, err := c.cached(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *stmtConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *stmtConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *stmtConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *stmtConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *stmtConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *stmtConn) Close() error {
	var errs []error
	for _, cs := range c.stmts {
		errs = append(errs, cs.stmt.Close())
	}
	c.stmts = nil
	return errors.Join(append(errs, c.Conn.Close())...)
}

// cachedRows frees its statement for the next run once read.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.cs.busy = false
	return err
}

// ColumnTypeDatabaseTypeName passes on what database/sql's ColumnTypes
// asks of the driver's rows.
func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}
