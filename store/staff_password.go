package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// StaffPasswordChange is the form with which signed-in staff change their
// own password: the current one, the new one twice, and a current code
// when two-factor sign-in is on.
type StaffPasswordChange struct {
	Current  string
	Password string
	Again    string
	Code     string
}

// errPasswordMoved means the password changed between its check and the
// write that depended on it.
var errPasswordMoved = errors.New("password changed meanwhile")

// ChangeStaffPassword gives staff member id the new password of in, after
// the checks DisableTOTP makes (the current password, and a code when
// two-factor is on), and signs out every other session of theirs, keeping
// keepSessionID. The new password follows the rule of invitations and
// reset links. A second submit of the same form finds its new password
// already set and succeeds without changing anything, rather than calling
// the current password wrong.
func (s *Store) ChangeStaffPassword(ctx context.Context, actor Actor, id, keepSessionID int64, in StaffPasswordChange) error {
	err := s.changeStaffPassword(ctx, actor, id, keepSessionID, in)
	if errors.Is(err, errPasswordMoved) {
		// Most likely the same form, submitted twice at once: checked again
		// against the password now set, it is the second submit above.
		err = s.changeStaffPassword(ctx, actor, id, keepSessionID, in)
	}
	if err != nil {
		return fmt.Errorf("change password of staff %d: %w", id, secondFactorField(err))
	}
	return nil
}

func (s *Store) changeStaffPassword(ctx context.Context, actor Actor, id, keepSessionID int64, in StaffPasswordChange) error {
	hash, err := s.staffPasswordHash(ctx, id)
	if err != nil {
		return err
	}
	v := &ValidationError{}
	current, err := passwordMatches(hash, in.Current)
	if err != nil {
		return err
	}
	switch {
	case in.Current == "":
		v.Add("current_password", "error.required")
	case !current:
		if done, err := passwordMatches(hash, in.Password); err != nil || done {
			return err
		}
		v.Add("current_password", "error.password_wrong")
	}
	if msg := checkPassword(in.Password); msg != "" {
		v.Add("password", msg)
	} else if current && in.Password == in.Current {
		v.Add("password", "error.password_same")
	} else if in.Again != in.Password {
		v.Add("password_again", "error.password_again")
	}
	if err := v.Err(); err != nil {
		return err
	}
	newHash, err := hashPassword(in.Password)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		// The write comes before the code's check, which would refuse a
		// second submit's code as used before telling it apart.
		res, err := tx.ExecContext(ctx, `UPDATE staff SET password_hash = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND password_hash = ?`, newHash, s.Now().Unix(), id, hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errPasswordMoved
		}
		st, err := staffInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.TOTPEnabled {
			if _, err := s.useSecondFactor(ctx, tx, id, in.Code); err != nil {
				return err
			}
		}
		ended, err := s.revokeStaffSessions(ctx, tx, id, keepSessionID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffPassword, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), After: map[string]int64{"sessions_ended": ended}})
	})
}

// staffPasswordHash is staff member id's password hash, or ErrNotFound.
func (s *Store) staffPasswordHash(ctx context.Context, id int64) (string, error) {
	var hash string
	err := s.read.QueryRowContext(ctx, `SELECT password_hash FROM staff WHERE id = ?`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return hash, err
}

// passwordMatches reports whether password is the one hash was made from.
// One longer than any allowed password is not, and costs no hashing.
func passwordMatches(hash, password string) (bool, error) {
	if len(password) > maxPasswordLen {
		return false, nil
	}
	return verifyPassword(hash, password)
}
