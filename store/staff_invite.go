package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// One-time links: an invitation creates an account, a reset link sets a
// new password. Each is emailed to the person, and shown once to whoever
// made it to hand over if the email does not arrive (or the shop has no
// mail server yet), so they live long enough for that, and no longer.
const (
	InviteTTL        = 72 * time.Hour
	PasswordResetTTL = 24 * time.Hour
)

// Staff link emails: they carry an invitation's or a reset link's token
// (Email.Link, cleared once sent) and are written in the shop's default
// language, as staff have no language of their own.
const (
	EmailStaffInvite = "staff_invite"
	EmailStaffReset  = "staff_reset"
)

// IsStaffEmail reports whether kind is one of the staff's link emails.
func IsStaffEmail(kind string) bool { return kind == EmailStaffInvite || kind == EmailStaffReset }

// CarriesLink reports whether an email of kind carries a one-time link
// (Email.Link), which opens an account to whoever follows it.
func CarriesLink(kind string) bool {
	switch kind {
	case EmailAccountConfirm, EmailAccountReset, EmailAccountEmailChange, EmailStaffInvite, EmailStaffReset:
		return true
	}
	return false
}

// enqueueStaffEmail queues a staff link email to to in locale; ref is the
// invitation's or the account's id.
func enqueueStaffEmail(ctx context.Context, tx *sql.Tx, kind string, ref int64, to, locale, token string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, ref_id, link, to_addr, locale, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, kind, ref, token, to, locale, now.Unix(), now.Unix()); err != nil {
		return fmt.Errorf("queue %s email: %w", kind, err)
	}
	return nil
}

// StaffInvite is a pending invitation to join the staff.
type StaffInvite struct {
	ID        int64
	Email     string
	Role      string
	InvitedBy string // the inviter's email; empty for the command line
	CreatedAt time.Time
	ExpiresAt time.Time
}

// newLinkToken makes a one-time link's secret and the hash that is stored.
// rand.Text is 26 base32 characters: 130 bits, beyond guessing.
func newLinkToken() (token, hash string) {
	token = rand.Text()
	return token, hashToken(token)
}

// InviteStaff creates an invitation for email to join with role and
// returns the link's token, which is shown once, emailed to them, and
// stored only as a hash (and in the outbox until the email is sent). A new
// invitation replaces any earlier pending one for the same email.
func (s *Store) InviteStaff(ctx context.Context, actor Actor, email, role string) (string, *StaffInvite, error) {
	email = normalizeEmail(email)
	v := &ValidationError{}
	if msg := checkEmail(email); msg != "" {
		v.Add("email", msg)
	}
	if !validRole(role) {
		v.Add("role", "error.role")
	}
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return "", nil, err
	}
	token, hash := newLinkToken()
	now := s.Now()
	inv := &StaffInvite{Email: email, Role: role, InvitedBy: actor.Email, CreatedAt: now, ExpiresAt: now.Add(InviteTTL)}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE email = ?`, email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return &ValidationError{Fields: map[string]string{"email": "error.email_taken"}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff_invites SET expires_at = ? WHERE email = ? AND used_at = 0 AND expires_at > ?`,
			now.Unix(), email, now.Unix()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO staff_invites (token_hash, email, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			hash, email, role, nullID(actor.StaffID), now.Unix(), inv.ExpiresAt.Unix())
		if err != nil {
			return err
		}
		if inv.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := enqueueStaffEmail(ctx, tx, EmailStaffInvite, inv.ID, email, settings.Locale, token, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffInvite, Entity: EntityStaff,
			After: map[string]any{"invite": inv.ID, "email": email, "role": role, "expires_at": inv.ExpiresAt.Unix()}})
	})
	if err != nil {
		return "", nil, fmt.Errorf("invite %s: %w", email, err)
	}
	return token, inv, nil
}

const inviteColumns = `i.id, i.email, i.role, coalesce(st.email, ''), i.created_at, i.expires_at`

// PendingInvites lists the invitations that can still be accepted, newest first.
func (s *Store) PendingInvites(ctx context.Context) ([]StaffInvite, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT `+inviteColumns+` FROM staff_invites i LEFT JOIN staff st ON st.id = i.created_by
		WHERE i.used_at = 0 AND i.expires_at > ? ORDER BY i.id DESC`, s.Now().Unix())
	if err != nil {
		return nil, fmt.Errorf("pending invites: %w", err)
	}
	defer rows.Close()
	var out []StaffInvite
	for rows.Next() {
		inv, err := scanInvite(rows)
		if err != nil {
			return nil, fmt.Errorf("pending invites: %w", err)
		}
		out = append(out, *inv)
	}
	return out, rows.Err()
}

// InviteByToken returns the pending invitation a link's token opens, or
// ErrNotFound when it is unknown, used, revoked or expired.
func (s *Store) InviteByToken(ctx context.Context, token string) (*StaffInvite, error) {
	inv, err := scanInvite(s.read.QueryRowContext(ctx, `
		SELECT `+inviteColumns+` FROM staff_invites i LEFT JOIN staff st ON st.id = i.created_by
		WHERE i.token_hash = ? AND i.used_at = 0 AND i.expires_at > ?`, hashToken(token), s.Now().Unix()))
	if err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	return inv, nil
}

func scanInvite(row interface{ Scan(...any) error }) (*StaffInvite, error) {
	var inv StaffInvite
	var created, expires int64
	if err := row.Scan(&inv.ID, &inv.Email, &inv.Role, &inv.InvitedBy, &created, &expires); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	inv.CreatedAt, inv.ExpiresAt = time.Unix(created, 0), time.Unix(expires, 0)
	return &inv, nil
}

// RevokeInvite withdraws a pending invitation so that its link stops working.
func (s *Store) RevokeInvite(ctx context.Context, actor Actor, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now().Unix()
		var email, role string
		err := tx.QueryRowContext(ctx, `
			UPDATE staff_invites SET expires_at = ? WHERE id = ? AND used_at = 0 AND expires_at > ? RETURNING email, role`,
			now, id, now).Scan(&email, &role)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffInviteRevoke, Entity: EntityStaff,
			Before: map[string]any{"invite": id, "email": email, "role": role}})
	})
	if err != nil {
		return fmt.Errorf("revoke invite %d: %w", id, err)
	}
	return nil
}

// AcceptInvite uses an invitation: it creates the account with the
// invitation's email and role and the invitee's name and password. The
// link is spent by a conditional UPDATE inside the same transaction as the
// INSERT, so of two accepts racing on one link exactly one creates an
// account; the other gets ErrNotFound, as does an expired or revoked link.
func (s *Store) AcceptInvite(ctx context.Context, ip, token, name, password string) (*Staff, error) {
	name = TrimText(name)
	if err := checkNameAndPassword(name, password); err != nil {
		return nil, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	var st *Staff
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now().Unix()
		var inviteID int64
		in := StaffInput{Name: name}
		err := tx.QueryRowContext(ctx, `
			UPDATE staff_invites SET used_at = ? WHERE token_hash = ? AND used_at = 0 AND expires_at > ?
			RETURNING id, email, role`, now, hashToken(token), now).Scan(&inviteID, &in.Email, &in.Role)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if st, err = s.insertStaff(ctx, tx, in, hash); err != nil {
			return err
		}
		after := staffAudit(st)
		after["invite"] = inviteID
		return s.audit(ctx, tx, AuditEntry{Actor: Actor{StaffID: st.ID, Email: st.Email, IP: ip},
			Action: ActionStaffInviteAccept, Entity: EntityStaff, EntityID: strconv.FormatInt(st.ID, 10), After: after})
	})
	if err != nil {
		return nil, fmt.Errorf("accept invite: %w", err)
	}
	return st, nil
}

// checkNameAndPassword validates what an invitee chooses for themselves.
func checkNameAndPassword(name, password string) error {
	v := &ValidationError{}
	if name == "" {
		v.Add("name", "error.required")
	} else if utf8.RuneCountInString(name) > maxNameLen {
		v.Add("name", "error.too_long")
	}
	if msg := checkPassword(password); msg != "" {
		v.Add("password", msg)
	}
	return v.Err()
}

// CreatePasswordReset makes a one-time link with which staff member id
// sets a new password, replacing any earlier unused one, and returns its
// token; the link is emailed to them too. The owner never learns or
// chooses the password. A disabled account gets no link.
func (s *Store) CreatePasswordReset(ctx context.Context, actor Actor, id int64) (string, time.Time, error) {
	settings, err := s.Settings(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	token, hash := newLinkToken()
	now := s.Now()
	expires := now.Add(PasswordResetTTL)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		st, err := staffInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.Disabled {
			return &ValidationError{Fields: map[string]string{"reset": "error.staff_disabled"}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff_password_resets SET used_at = ? WHERE staff_id = ? AND used_at = 0`,
			now.Unix(), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO staff_password_resets (token_hash, staff_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			hash, id, nullID(actor.StaffID), now.Unix(), expires.Unix()); err != nil {
			return err
		}
		if err := enqueueStaffEmail(ctx, tx, EmailStaffReset, id, st.Email, settings.Locale, token, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffResetLink, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), After: map[string]any{"expires_at": expires.Unix()}})
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("password reset for staff %d: %w", id, err)
	}
	return token, expires, nil
}

// PasswordResetByToken returns the enabled account a reset link's token
// is for, or ErrNotFound when the link is unknown, used or expired.
func (s *Store) PasswordResetByToken(ctx context.Context, token string) (*Staff, error) {
	st, err := scanStaff(s.read.QueryRowContext(ctx, `
		SELECT `+prefixed("st.", staffColumns)+` FROM staff_password_resets r JOIN staff st ON st.id = r.staff_id
		WHERE r.token_hash = ? AND r.used_at = 0 AND r.expires_at > ? AND st.disabled = 0`,
		hashToken(token), s.Now().Unix()))
	if err != nil {
		return nil, fmt.Errorf("password reset: %w", err)
	}
	return st, nil
}

// ResetPassword spends a reset link: the account gets password, and every
// session of it ends. Like invitations, a link works once even when used
// twice at the same moment. Two-factor sign-in, if on, stays on.
func (s *Store) ResetPassword(ctx context.Context, ip, token, password string) (*Staff, error) {
	if msg := checkPassword(password); msg != "" {
		return nil, &ValidationError{Fields: map[string]string{"password": msg}}
	}
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	var st *Staff
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now().Unix()
		var id int64
		err := tx.QueryRowContext(ctx, `
			UPDATE staff_password_resets SET used_at = ?
			WHERE token_hash = ? AND used_at = 0 AND expires_at > ? AND staff_id IN (SELECT id FROM staff WHERE disabled = 0)
			RETURNING staff_id`, now, hashToken(token), now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			hash, now, id); err != nil {
			return err
		}
		if _, err := s.revokeStaffSessions(ctx, tx, id, 0); err != nil {
			return err
		}
		if st, err = staffInTx(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: Actor{StaffID: st.ID, Email: st.Email, IP: ip},
			Action: ActionStaffPasswordReset, Entity: EntityStaff, EntityID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, fmt.Errorf("reset password: %w", err)
	}
	return st, nil
}

// nullID stores 0 (the command line, the system) as NULL in a column that
// references staff.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}
