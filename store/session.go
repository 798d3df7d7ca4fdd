package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CommitSession stores a browser session (scs's token, encoded data and
// expiry; the expiry as a Julian day, as scs's sqlite3store stores it) in
// its turn among the shop's writes, so that it shares a commit with them,
// and calls inTurn once written, still in that turn: a copy in memory in
// front of the sessions so follows the order of the writes. inTurn runs
// before the commit, which may still fail; CommitSession's error says.
func (s *Store) CommitSession(ctx context.Context, token string, data []byte, expiry time.Time, inTurn func()) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `REPLACE INTO sessions (token, data, expiry) VALUES (?, ?, julianday(?))`,
			token, data, expiry.UTC().Format("2006-01-02 15:04:05.000")); err != nil {
			return fmt.Errorf("commit session: %w", err)
		}
		inTurn()
		return nil
	})
}

// DeleteSession ends a browser session, calling inTurn as CommitSession
// does.
func (s *Store) DeleteSession(ctx context.Context, token string, inTurn func()) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token = ?`, token); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		inTurn()
		return nil
	})
}
