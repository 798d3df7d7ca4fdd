package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateTokenLifetime is how long a new form's token is remembered: long
// past a double click, or a form sent again after going back to it.
const CreateTokenLifetime = 24 * time.Hour

// NewCreateToken returns the one-time token an admin "new" form carries,
// so that submitting the form twice creates one record (createOnce).
func NewCreateToken() string { return rand.Text() }

// createOnce runs create, which makes one record of kind in tx and returns
// its id, and keeps token with that id in the same transaction. A token
// that already made a kind returns the first record's id and creates
// nothing: the writer runs transactions one at a time, so of two submits
// of one form the second always sees the first's token. A create that
// fails keeps no token, so a refused form can be corrected and sent again
// with it. A token no form gave (empty, or not of NewCreateToken's shape)
// guards nothing, and create simply runs.
func (s *Store) createOnce(ctx context.Context, tx *sql.Tx, kind, token string, create func() (int64, error)) (int64, error) {
	if !formTokenPattern.MatchString(token) {
		return create()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT made_id FROM create_tokens WHERE kind = ? AND token = ?`, kind, token).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return id, err // nil: the same form again, answered with its record
	}
	if id, err = create(); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO create_tokens (kind, token, made_id, created_at) VALUES (?, ?, ?, ?)`,
		kind, token, id, s.Now().Unix())
	return id, err
}

// ForgetCreateTokens deletes the tokens kept before before and reports
// how many went. The shop calls it daily with CreateTokenLifetime ago.
func (s *Store) ForgetCreateTokens(ctx context.Context, before time.Time) (int64, error) {
	n, err := s.deleteCounted(ctx, `DELETE FROM create_tokens WHERE created_at < ?`, before.Unix())
	if err != nil {
		return 0, fmt.Errorf("forget create tokens: %w", err)
	}
	return n, nil
}
