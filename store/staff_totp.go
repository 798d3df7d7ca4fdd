package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Two-factor sign-in is TOTP (RFC 6238) as every authenticator app does
// it: SHA-1, six digits, 30-second steps, a code accepted one step either
// side of now for clocks that drift.
const (
	totpPeriod = 30
	// RecoveryCodeCount is how many one-time recovery codes enrolment gives.
	RecoveryCodeCount = 10
	// recoveryCodeLen is a recovery code's length without its hyphens:
	// 16 base32 characters, 80 bits, so that a plain SHA-256 of it is as
	// safe to store as a session token's.
	recoveryCodeLen = 16
	// totpSecretLen is the secret's size in bytes: RFC 4226's recommended 160 bits.
	totpSecretLen = 20
)

// totpSecretEncoding is how secrets are stored and shown: base32 without
// padding, as otpauth:// URLs carry them.
var totpSecretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// ErrBadSecondFactor means a two-factor code is wrong, already used, or
// not a code at all.
var ErrBadSecondFactor = errors.New("wrong or used two-factor code")

// TOTPEnrolment is a secret being set up, not yet confirmed: the text to
// type into an authenticator app and the otpauth:// URL its QR code holds.
type TOTPEnrolment struct {
	Secret string
	URL    string
}

// StartTOTP gives staff member id a new secret to enrol, replacing any
// earlier unconfirmed one. Two-factor stays off until ConfirmTOTP; an
// account that already has it on gets ErrConflict. issuer names the shop in
// the authenticator app.
func (s *Store) StartTOTP(ctx context.Context, id int64, issuer string) (*TOTPEnrolment, error) {
	raw := make([]byte, totpSecretLen)
	rand.Read(raw)
	secret := totpSecretEncoding.EncodeToString(raw)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE staff SET totp_secret = ? WHERE id = ? AND totp_enabled = 0`, secret, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("start totp for staff %d: %w", id, err)
	}
	return s.PendingTOTP(ctx, id, issuer)
}

// PendingTOTP returns the unconfirmed enrolment of staff member id, or
// ErrNotFound when there is none (never started, or already confirmed).
func (s *Store) PendingTOTP(ctx context.Context, id int64, issuer string) (*TOTPEnrolment, error) {
	var email, secret string
	err := s.read.QueryRowContext(ctx, `SELECT email, totp_secret FROM staff WHERE id = ? AND totp_enabled = 0 AND totp_secret <> ''`,
		id).Scan(&email, &secret)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("pending totp of staff %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pending totp of staff %d: %w", id, err)
	}
	raw, err := totpSecretEncoding.DecodeString(secret)
	if err != nil {
		return nil, fmt.Errorf("pending totp of staff %d: %w", id, err)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuerName(issuer), AccountName: email, Period: totpPeriod, Secret: raw})
	if err != nil {
		return nil, fmt.Errorf("pending totp of staff %d: %w", id, err)
	}
	return &TOTPEnrolment{Secret: key.Secret(), URL: key.URL()}, nil
}

func issuerName(issuer string) string {
	if issuer = strings.TrimSpace(issuer); issuer == "" {
		return defaultSettings()[SettingStoreName]
	}
	return issuer
}

// ConfirmTOTP turns two-factor on once code proves the app holds the
// pending secret, and returns fresh recovery codes: the only time they
// exist in plain text. A wrong code is a ValidationError on "code".
func (s *Store) ConfirmTOTP(ctx context.Context, actor Actor, id int64, code string) ([]string, error) {
	var codes []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var secret string
		var enabled bool
		err := tx.QueryRowContext(ctx, `SELECT totp_secret, totp_enabled FROM staff WHERE id = ?`, id).Scan(&secret, &enabled)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if enabled || secret == "" {
			return ErrConflict
		}
		counter, ok := matchTOTP(secret, normalizeCode(code), s.Now())
		if !ok {
			return &ValidationError{Fields: map[string]string{"code": "error.otp_bad"}}
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE staff SET totp_enabled = 1, totp_last_counter = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			counter, s.Now().Unix(), id); err != nil {
			return err
		}
		if codes, err = s.replaceRecoveryCodes(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionTOTPEnable, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), Before: map[string]bool{"totp": false}, After: map[string]bool{"totp": true}})
	})
	if err != nil {
		return nil, fmt.Errorf("confirm totp for staff %d: %w", id, err)
	}
	return codes, nil
}

// DisableTOTP turns two-factor off. It takes the password and a current
// code (or an unused recovery code, for a lost phone), so that a session
// left open on someone's desk cannot remove it.
func (s *Store) DisableTOTP(ctx context.Context, actor Actor, id int64, password, code string) error {
	if err := s.checkStaffPassword(ctx, id, password); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.useSecondFactor(ctx, tx, id, code); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE staff SET totp_enabled = 0, totp_secret = '', totp_last_counter = 0, updated_at = ?, version = version + 1
			WHERE id = ?`, s.Now().Unix(), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_recovery_codes WHERE staff_id = ?`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionTOTPDisable, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10), Before: map[string]bool{"totp": true}, After: map[string]bool{"totp": false}})
	})
	if err != nil {
		return fmt.Errorf("disable totp for staff %d: %w", id, secondFactorField(err))
	}
	return nil
}

// NewRecoveryCodes replaces staff member id's recovery codes, after the
// same checks as DisableTOTP, and returns the new ones.
func (s *Store) NewRecoveryCodes(ctx context.Context, actor Actor, id int64, password, code string) ([]string, error) {
	if err := s.checkStaffPassword(ctx, id, password); err != nil {
		return nil, err
	}
	var codes []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.useSecondFactor(ctx, tx, id, code); err != nil {
			return err
		}
		var err error
		if codes, err = s.replaceRecoveryCodes(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionRecoveryCodesNew, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return nil, fmt.Errorf("new recovery codes for staff %d: %w", id, secondFactorField(err))
	}
	return codes, nil
}

// secondFactorField turns a wrong code into a message beside the form's
// code field.
func secondFactorField(err error) error {
	if errors.Is(err, ErrBadSecondFactor) {
		return &ValidationError{Fields: map[string]string{"code": "error.otp_bad"}}
	}
	return err
}

// UseSecondFactor checks a sign-in's second factor for st: a current TOTP
// code not used before, or an unused recovery code, which is then spent
// (and audited). Anything else is ErrBadSecondFactor.
func (s *Store) UseSecondFactor(ctx context.Context, st *Staff, ip, code string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		return s.signInSecondFactor(ctx, tx, st, ip, code)
	})
	if err != nil {
		return fmt.Errorf("second factor of staff %d: %w", st.ID, err)
	}
	return nil
}

// signInSecondFactor is UseSecondFactor inside tx.
func (s *Store) signInSecondFactor(ctx context.Context, tx *sql.Tx, st *Staff, ip, code string) error {
	left, err := s.useSecondFactor(ctx, tx, st.ID, code)
	if err != nil || left < 0 {
		return err
	}
	return s.audit(ctx, tx, AuditEntry{Actor: Actor{StaffID: st.ID, Email: st.Email, IP: ip},
		Action: ActionRecoveryCodeUsed, Entity: EntityStaff, EntityID: strconv.FormatInt(st.ID, 10),
		After: map[string]int{"recovery_codes_left": left}})
}

// useSecondFactor accepts code for staff member id inside tx: a TOTP
// code or a recovery code, told apart by length. left is the number of
// recovery codes remaining when one was spent, else -1.
func (s *Store) useSecondFactor(ctx context.Context, tx *sql.Tx, id int64, code string) (left int, err error) {
	var secret string
	var enabled bool
	err = tx.QueryRowContext(ctx, `SELECT totp_secret, totp_enabled FROM staff WHERE id = ?`, id).Scan(&secret, &enabled)
	if errors.Is(err, sql.ErrNoRows) {
		return -1, ErrNotFound
	}
	if err != nil {
		return -1, err
	}
	if !enabled {
		return -1, ErrConflict
	}
	switch code = normalizeCode(code); len(code) {
	case int(otp.DigitsSix):
		return -1, s.useTOTPCode(ctx, tx, id, secret, code)
	case recoveryCodeLen:
		return s.useRecoveryCode(ctx, tx, id, code)
	}
	return -1, ErrBadSecondFactor
}

// useTOTPCode accepts a TOTP code only for a time step later than the last
// accepted one. The check is the UPDATE's condition, so two sign-ins racing
// with one code (or replaying it a moment later) cannot both pass.
func (s *Store) useTOTPCode(ctx context.Context, tx *sql.Tx, id int64, secret, code string) error {
	counter, ok := matchTOTP(secret, code, s.Now())
	if !ok {
		return ErrBadSecondFactor
	}
	res, err := tx.ExecContext(ctx, `UPDATE staff SET totp_last_counter = ? WHERE id = ? AND totp_last_counter < ?`,
		counter, id, counter)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrBadSecondFactor
	}
	return nil
}

// useRecoveryCode spends an unused recovery code, again by a conditional
// UPDATE, and returns how many are left.
func (s *Store) useRecoveryCode(ctx context.Context, tx *sql.Tx, id int64, code string) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE staff_recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at = 0`,
		s.Now().Unix(), id, hashToken(code))
	if err != nil {
		return -1, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return -1, ErrBadSecondFactor
	}
	var left int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at = 0`, id).Scan(&left)
	return left, err
}

// matchTOTP finds the time step, now or one either side, whose code is
// code. It is totp.ValidateCustom with a skew of one, asked one step at a
// time because replay protection needs to know which step matched.
func matchTOTP(secret, code string, now time.Time) (counter int64, ok bool) {
	for _, step := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(step*totpPeriod) * time.Second)
		if ok, err := totp.ValidateCustom(code, secret, t, totpOpts); err == nil && ok {
			return t.Unix() / totpPeriod, true
		}
	}
	return 0, false
}

// normalizeCode forgives what people type around a code: spaces, hyphens
// and lower case.
func normalizeCode(code string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(code))
}

// replaceRecoveryCodes deletes staff member id's recovery codes and stores
// the hashes of RecoveryCodeCount new ones, which it returns formatted for
// reading (xxxx-xxxx-xxxx-xxxx).
func (s *Store) replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM staff_recovery_codes WHERE staff_id = ?`, id); err != nil {
		return nil, err
	}
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		raw := rand.Text()[:recoveryCodeLen]
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?, ?)`,
			id, hashToken(raw)); err != nil {
			return nil, err
		}
		codes[i] = strings.ToLower(raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:16])
	}
	return codes, nil
}

// RecoveryCodesLeft is how many unused recovery codes staff member id has.
func (s *Store) RecoveryCodesLeft(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at = 0`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("recovery codes of staff %d: %w", id, err)
	}
	return n, nil
}

// checkStaffPassword confirms a signed-in staff member's password before a
// sensitive change; a wrong one is a ValidationError on "password".
func (s *Store) checkStaffPassword(ctx context.Context, id int64, password string) error {
	hash, err := s.staffPasswordHash(ctx, id)
	if err != nil {
		return fmt.Errorf("check password of staff %d: %w", id, err)
	}
	ok, err := passwordMatches(hash, password)
	if err != nil {
		return fmt.Errorf("check password of staff %d: %w", id, err)
	}
	if !ok {
		return &ValidationError{Fields: map[string]string{"password": "error.password_wrong"}}
	}
	return nil
}
