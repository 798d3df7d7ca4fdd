package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// Audited actions of staff management and account security (the list in
// audit.go is the foundation's; these belong to this file and its siblings
// staff_invite.go and staff_totp.go).
const (
	ActionStaffRole          = "staff.role"
	ActionStaffDisable       = "staff.disable"
	ActionStaffEnable        = "staff.enable"
	ActionStaffInvite        = "staff.invite"
	ActionStaffInviteRevoke  = "staff.invite_revoke"
	ActionStaffInviteAccept  = "staff.invite_accept"
	ActionStaffResetLink     = "staff.reset_link"
	ActionStaffPasswordReset = "staff.password_reset"
	ActionSessionRevokeAll   = "staff.session_revoke_all"
	ActionTOTPEnable         = "staff.totp_enable"
	ActionTOTPDisable        = "staff.totp_disable"
	ActionRecoveryCodeUsed   = "staff.recovery_code_used"
	ActionRecoveryCodesNew   = "staff.recovery_codes_new"
)

// otherActiveOwner is true when an enabled owner other than the staff row
// being updated exists. Role changes and disabling put it in their UPDATE's
// WHERE clause, so that "at least one active owner" holds however many
// owners demote or disable each other at once: the write transactions run
// one at a time and each sees the others' committed changes.
const otherActiveOwner = `EXISTS (SELECT 1 FROM staff o WHERE o.role = 'owner' AND o.disabled = 0 AND o.id <> staff.id)`

// ChangeStaffRole gives staff member id a new role. version is the one the
// editor saw: a stale one is ErrConflict. An owner cannot demote
// themselves, and the last active owner cannot be demoted by anyone.
func (s *Store) ChangeStaffRole(ctx context.Context, actor Actor, id, version int64, role string) (*Staff, error) {
	if !validRole(role) {
		return nil, &ValidationError{Fields: map[string]string{"role": "error.role"}}
	}
	var st *Staff
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := staffInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return ErrConflict
		}
		if cur.Role == role {
			st = cur
			return nil
		}
		if actor.StaffID == id && cur.Role == RoleOwner {
			return &ValidationError{Fields: map[string]string{"role": "error.staff_self_demote"}}
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE staff SET role = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ? AND (role <> 'owner' OR disabled = 1 OR `+otherActiveOwner+`)`,
			role, s.Now().Unix(), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &ValidationError{Fields: map[string]string{"role": "error.last_owner"}}
		}
		if st, err = staffInTx(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffRole, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), Before: map[string]string{"role": cur.Role}, After: map[string]string{"role": role}})
	})
	if err != nil {
		return nil, fmt.Errorf("change role of staff %d: %w", id, err)
	}
	return st, nil
}

// SetStaffDisabled disables or re-enables an account. Disabling signs the
// account out everywhere at once and voids its unused password reset
// links. Nobody can disable themselves, nor the last active owner; asking
// for the state an account is already in changes nothing.
func (s *Store) SetStaffDisabled(ctx context.Context, actor Actor, id int64, disabled bool) (*Staff, error) {
	if disabled && actor.StaffID == id {
		return nil, &ValidationError{Fields: map[string]string{"disabled": "error.staff_self_disable"}}
	}
	var st *Staff
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := staffInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Disabled == disabled {
			st = cur
			return nil
		}
		now, flag := s.Now().Unix(), 0
		if disabled {
			flag = 1
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE staff SET disabled = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND (? = 0 OR role <> 'owner' OR `+otherActiveOwner+`)`,
			flag, now, id, flag)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &ValidationError{Fields: map[string]string{"disabled": "error.last_owner"}}
		}
		action := ActionStaffEnable
		if disabled {
			action = ActionStaffDisable
			if _, err := s.revokeStaffSessions(ctx, tx, id, 0); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff_password_resets SET used_at = ? WHERE staff_id = ? AND used_at = 0`,
				now, id); err != nil {
				return err
			}
		}
		if st, err = staffInTx(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), Before: staffAudit(cur), After: staffAudit(st)})
	})
	if err != nil {
		return nil, fmt.Errorf("set staff %d disabled=%v: %w", id, disabled, err)
	}
	return st, nil
}

// SignOutStaff revokes every live session of staff member id, or every one
// but keepSessionID when that is not zero ("sign out my other sessions").
// It returns how many it ended.
func (s *Store) SignOutStaff(ctx context.Context, actor Actor, id, keepSessionID int64) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := staffInTx(ctx, tx, id); err != nil {
			return err
		}
		ended, err := s.revokeStaffSessions(ctx, tx, id, keepSessionID)
		if err != nil {
			return err
		}
		n = ended
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionSessionRevokeAll, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), After: map[string]int64{"sessions": n, "kept": keepSessionID}})
	})
	if err != nil {
		return 0, fmt.Errorf("sign out staff %d: %w", id, err)
	}
	return n, nil
}

// staffInTx reads an account inside a write transaction, or ErrNotFound.
func staffInTx(ctx context.Context, tx *sql.Tx, id int64) (*Staff, error) {
	return scanStaff(tx.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id))
}
