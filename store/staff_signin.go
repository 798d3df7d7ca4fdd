package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A sign-in to an account with two-factor on takes two pages: the password,
// then the code. Between them the account waits as a pending sign-in, so
// that the code's page asks for nothing else and carries nothing: the
// browser's session holds a random token, the table its hash, the account,
// an expiry and the wrong codes tried. No password is kept anywhere.
const (
	// PendingSignInTTL is how long the code's page stays open after the
	// password was accepted.
	PendingSignInTTL = 5 * time.Minute
	// PendingSignInTries is how many wrong codes end a pending sign-in,
	// after which the password is asked for again.
	PendingSignInTries = 3
)

// ErrSignInTries means the code just tried was wrong and the last one a
// pending sign-in allowed: it is gone.
var ErrSignInTries = errors.New("too many wrong two-factor codes")

// BeginStaffSignIn starts the code step of st's sign-in once their password
// has matched, and returns the token the browser keeps for it.
func (s *Store) BeginStaffSignIn(ctx context.Context, st *Staff) (string, error) {
	token := rand.Text()
	now := s.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_pending_signins WHERE expires_at <= ?`, now.Unix()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO staff_pending_signins (token_hash, staff_id, expires_at) VALUES (?, ?, ?)`,
			hashToken(token), st.ID, now.Add(PendingSignInTTL).Unix())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("begin sign-in of staff %d: %w", st.ID, err)
	}
	return token, nil
}

// pendingSignInStaff selects the account of a live pending sign-in (the
// token's hash, then now): not expired, the account enabled and still
// asking for a code.
var pendingSignInStaff = `SELECT ` + prefixed("st.", staffColumns) + `
	FROM staff_pending_signins p JOIN staff st ON st.id = p.staff_id
	WHERE p.token_hash = ? AND p.expires_at > ? AND st.disabled = 0 AND st.totp_enabled = 1`

// PendingStaffSignIn is the staff member whose pending sign-in token is,
// or ErrNotFound when it is unknown, spent or expired.
func (s *Store) PendingStaffSignIn(ctx context.Context, token string) (*Staff, error) {
	st, err := scanStaff(s.read.QueryRowContext(ctx, pendingSignInStaff, hashToken(token), s.Now().Unix()))
	if err != nil {
		return nil, fmt.Errorf("pending sign-in: %w", err)
	}
	return st, nil
}

// FinishStaffSignIn checks the code of the pending sign-in token (as
// UseSecondFactor does) and returns its staff member, spending it. A wrong
// code is ErrBadSecondFactor and counted, in the same transaction, so that
// tries sent at once are all counted; the PendingSignInTries-th is
// ErrSignInTries. An unknown, spent or expired token is ErrNotFound.
func (s *Store) FinishStaffSignIn(ctx context.Context, token, ip, code string) (*Staff, error) {
	var st *Staff
	var wrong error
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		st, err = scanStaff(tx.QueryRowContext(ctx, pendingSignInStaff, hashToken(token), s.Now().Unix()))
		if err != nil {
			return err
		}
		err = s.signInSecondFactor(ctx, tx, st, ip, code)
		if !errors.Is(err, ErrBadSecondFactor) {
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `DELETE FROM staff_pending_signins WHERE token_hash = ?`, hashToken(token))
			return err
		}
		wrong = ErrBadSecondFactor
		var tries int
		if err := tx.QueryRowContext(ctx, `UPDATE staff_pending_signins SET tries = tries + 1 WHERE token_hash = ? RETURNING tries`,
			hashToken(token)).Scan(&tries); err != nil {
			return err
		}
		if tries < PendingSignInTries {
			return nil
		}
		wrong = ErrSignInTries
		_, err = tx.ExecContext(ctx, `DELETE FROM staff_pending_signins WHERE token_hash = ?`, hashToken(token))
		return err
	})
	if err == nil {
		err = wrong
	}
	if err != nil {
		return nil, fmt.Errorf("finish sign-in: %w", err)
	}
	return st, nil
}
