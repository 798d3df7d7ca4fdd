package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Staff sessions end after StaffIdleTimeout without a request, and
// StaffSessionLifetime after sign-in whatever happens: a lost laptop is not
// a key to the shop for long. The browser's session cookie lives longer
// (shoppers keep their carts), so these rows are what decide.
const (
	StaffIdleTimeout     = 2 * time.Hour
	StaffSessionLifetime = 12 * time.Hour
)

// staffSessionKeep is how long ended sessions stay in the table.
const staffSessionKeep = 30 * 24 * time.Hour

// StaffSession is one signed-in browser of a staff member.
type StaffSession struct {
	ID         int64
	StaffID    int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

// hashToken is how session and invitation tokens are kept: a database
// leak then yields nothing that can be replayed as a cookie or a link.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RecordStaffSession starts a session for st after a successful sign-in and
// returns its token, which the caller keeps in the browser's session. The
// sign-in is audited in the same transaction.
func (s *Store) RecordStaffSession(ctx context.Context, st *Staff, ip, userAgent string) (string, error) {
	token := rand.Text()
	now := s.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_sessions WHERE created_at < ?`,
			now.Add(-staffSessionKeep).Unix()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?)`,
			hashToken(token), st.ID, now.Unix(), now.Unix(), clip(ip, 64), clip(userAgent, 300)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET last_login_at = ? WHERE id = ?`, now.Unix(), st.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: Actor{StaffID: st.ID, Email: st.Email, IP: ip},
			Action: ActionLogin, Entity: EntityStaff, EntityID: strconv.FormatInt(st.ID, 10)})
	})
	if err != nil {
		return "", fmt.Errorf("record session of staff %d: %w", st.ID, err)
	}
	return token, nil
}

// StaffSessionValid returns the session with token and its staff member, or
// ErrNotFound when the session is unknown, revoked, idle for longer than
// StaffIdleTimeout, older than StaffSessionLifetime, or its account is
// disabled.
func (s *Store) StaffSessionValid(ctx context.Context, token string) (*Staff, *StaffSession, error) {
	if token == "" {
		return nil, nil, ErrNotFound
	}
	now := s.Now()
	var sess StaffSession
	var created, seen int64
	row := s.read.QueryRowContext(ctx, `
		SELECT `+prefixed("st.", staffColumns)+`, ss.id, ss.created_at, ss.last_seen_at, ss.ip, ss.user_agent
		FROM staff_sessions ss JOIN staff st ON st.id = ss.staff_id
		WHERE ss.token_hash = ? AND ss.revoked_at = 0 AND st.disabled = 0
			AND ss.created_at > ? AND ss.last_seen_at > ?`,
		hashToken(token), now.Add(-StaffSessionLifetime).Unix(), now.Add(-StaffIdleTimeout).Unix())
	st, err := scanStaff(row, &sess.ID, &created, &seen, &sess.IP, &sess.UserAgent)
	if err != nil {
		return nil, nil, fmt.Errorf("staff session: %w", err)
	}
	sess.StaffID, sess.CreatedAt, sess.LastSeenAt = st.ID, time.Unix(created, 0), time.Unix(seen, 0)
	return st, &sess, nil
}

// TouchStaffSession marks the session as used now, which keeps it from
// timing out idle. Callers touch at most about once a minute: it is a write.
func (s *Store) TouchStaffSession(ctx context.Context, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE staff_sessions SET last_seen_at = ? WHERE id = ?`, s.Now().Unix(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("touch staff session %d: %w", id, err)
	}
	return nil
}

// StaffSessions lists a staff member's live sessions, most recently used first.
func (s *Store) StaffSessions(ctx context.Context, staffID int64) ([]StaffSession, error) {
	now := s.Now()
	rows, err := s.read.QueryContext(ctx, `
		SELECT id, staff_id, created_at, last_seen_at, ip, user_agent FROM staff_sessions
		WHERE staff_id = ? AND revoked_at = 0 AND created_at > ? AND last_seen_at > ?
		ORDER BY last_seen_at DESC, id DESC`,
		staffID, now.Add(-StaffSessionLifetime).Unix(), now.Add(-StaffIdleTimeout).Unix())
	if err != nil {
		return nil, fmt.Errorf("staff sessions: %w", err)
	}
	defer rows.Close()
	var out []StaffSession
	for rows.Next() {
		var ss StaffSession
		var created, seen int64
		if err := rows.Scan(&ss.ID, &ss.StaffID, &created, &seen, &ss.IP, &ss.UserAgent); err != nil {
			return nil, fmt.Errorf("staff sessions: %w", err)
		}
		ss.CreatedAt, ss.LastSeenAt = time.Unix(created, 0), time.Unix(seen, 0)
		out = append(out, ss)
	}
	return out, rows.Err()
}

// RevokeStaffSession signs out one session of staffID, so that its next
// request goes back to the login page. A session of someone else is
// ErrNotFound.
func (s *Store) RevokeStaffSession(ctx context.Context, actor Actor, staffID, sessionID int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE staff_sessions SET revoked_at = ? WHERE id = ? AND staff_id = ? AND revoked_at = 0`,
			s.Now().Unix(), sessionID, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionSessionRevoke, Entity: EntityStaff,
			EntityID: strconv.FormatInt(staffID, 10), Before: map[string]any{"session": sessionID}})
	})
	if err != nil {
		return fmt.Errorf("revoke session %d: %w", sessionID, err)
	}
	return nil
}

// EndStaffSession is sign-out: it revokes the session with token and audits
// it. An unknown or already ended session is not an error.
func (s *Store) EndStaffSession(ctx context.Context, token, ip string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id, staffID int64
		var email string
		err := tx.QueryRowContext(ctx, `
			SELECT ss.id, st.id, st.email FROM staff_sessions ss JOIN staff st ON st.id = ss.staff_id
			WHERE ss.token_hash = ? AND ss.revoked_at = 0`, hashToken(token)).Scan(&id, &staffID, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff_sessions SET revoked_at = ? WHERE id = ?`, s.Now().Unix(), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: Actor{StaffID: staffID, Email: email, IP: ip},
			Action: ActionLogout, Entity: EntityStaff, EntityID: strconv.FormatInt(staffID, 10)})
	})
	if err != nil {
		return fmt.Errorf("end staff session: %w", err)
	}
	return nil
}

// revokeStaffSessions signs a staff member out everywhere but session
// keep (0 keeps none) and returns how many sessions it ended. A new
// password and a disabled account call it; sign-ins waiting for their
// code end too, as their password was checked before.
func (s *Store) revokeStaffSessions(ctx context.Context, tx *sql.Tx, staffID, keep int64) (int64, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM staff_pending_signins WHERE staff_id = ?`, staffID); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at = 0 AND id <> ?`,
		s.Now().Unix(), staffID, keep)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// prefixed qualifies each of a comma-separated column list with a table alias.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// clip cuts s to at most n bytes without splitting a UTF-8 sequence.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
