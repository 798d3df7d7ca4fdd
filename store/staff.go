package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Staff roles. What each role may do is the HTTP layer's permission table
// (permissions.go); the store only knows the names.
const (
	RoleOwner   = "owner"
	RoleManager = "manager"
	RoleSupport = "support"
)

// Roles lists every role, most powerful first.
var Roles = []string{RoleOwner, RoleManager, RoleSupport}

// Limits on staff fields.
const (
	MinPasswordLen = 10  // characters
	maxPasswordLen = 256 // bytes; longer is refused before hashing
	maxEmailLen    = 254
	maxNameLen     = 100
)

// ErrBadCredentials means the email is unknown, the password is wrong or the
// account is disabled. Callers cannot tell which, on purpose: the login form
// must not reveal which accounts exist.
var ErrBadCredentials = errors.New("wrong email or password")

// Staff is a person who runs the shop from /admin. The password hash and
// the TOTP secret stay inside the store.
type Staff struct {
	ID          int64
	Email       string
	Name        string
	Role        string
	Disabled    bool
	TOTPEnabled bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLoginAt time.Time // zero until the first login
	Version     int64
}

// StaffInput is a new staff account as a form or the command line gives it.
type StaffInput struct {
	Email    string
	Name     string
	Password string
	Role     string
}

// Validate checks the input and tidies the email and name in place.
func (in *StaffInput) Validate() error {
	v := &ValidationError{}
	in.Email = normalizeEmail(in.Email)
	in.Name = TrimText(in.Name)
	if msg := checkEmail(in.Email); msg != "" {
		v.Add("email", msg)
	}
	if utf8.RuneCountInString(in.Name) > maxNameLen {
		v.Add("name", "error.too_long")
	}
	if err := checkPassword(in.Password); err != "" {
		v.Add("password", err)
	}
	if !validRole(in.Role) {
		v.Add("role", "error.role")
	}
	return v.Err()
}

// checkPassword is the one password rule for staff and shoppers alike.
// Spaces count towards the length, for passphrases, but a password of
// nothing else is what a slipped thumb or a pasted blank gives, and
// guessers try it first.
func checkPassword(pw string) string {
	switch {
	case strings.TrimSpace(pw) == "" && pw != "":
		return "error.password_blank"
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return "error.password_short"
	case len(pw) > maxPasswordLen:
		return "error.too_long"
	}
	return ""
}

func validRole(role string) bool { return slices.Contains(Roles, role) }

func normalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// checkEmail returns "" or the message for a staff member's (normalised)
// email, which is required.
func checkEmail(email string) string {
	switch {
	case email == "":
		return "error.required"
	case !validEmail(email):
		return "error.email"
	}
	return ""
}

// validEmail accepts a bare address (no display name) of sensible length.
func validEmail(email string) bool {
	if len(email) > maxEmailLen {
		return false
	}
	a, err := mail.ParseAddress(email)
	return err == nil && a.Address == email && a.Name == ""
}

// staffAudit is what the audit log keeps of an account: never the hashes.
func staffAudit(st *Staff) map[string]any {
	return map[string]any{"email": st.Email, "name": st.Name, "role": st.Role, "disabled": st.Disabled}
}

// CreateStaff adds a staff account and audits it.
func (s *Store) CreateStaff(ctx context.Context, actor Actor, in StaffInput) (*Staff, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	var st *Staff
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if st, err = s.insertStaff(ctx, tx, in, hash); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffCreate, Entity: EntityStaff,
			EntityID: strconv.FormatInt(st.ID, 10), After: staffAudit(st)})
	})
	if err != nil {
		return nil, fmt.Errorf("create staff %s: %w", in.Email, err)
	}
	return st, nil
}

// CreateOwnerIfNone creates the shop's first account, an owner, but only
// while there is no staff at all: of two setups racing on a fresh shop,
// exactly one wins and the other gets ErrConflict. The check and the insert
// share one write transaction, which SQLite runs one at a time.
func (s *Store) CreateOwnerIfNone(ctx context.Context, actor Actor, in StaffInput) (*Staff, error) {
	return s.createFirstOwner(ctx, actor, in, nil)
}

// createFirstOwner is CreateOwnerIfNone that also writes settings (the
// store's profile, at setup) and the shop's defaults (shopDefaults, so
// that the shop can sell at once) in the same transaction: only the setup
// that wins writes them, and its audit entry records them.
func (s *Store) createFirstOwner(ctx context.Context, actor Actor, in StaffInput, settings map[string]string) (*Staff, error) {
	in.Role = RoleOwner
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	var st *Staff
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("staff already exist: %w", ErrConflict)
		}
		if st, err = s.insertStaff(ctx, tx, in, hash); err != nil {
			return err
		}
		after := staffAudit(st)
		for k, v := range settings {
			if err := setSetting(ctx, tx, k, v); err != nil {
				return err
			}
			after[k] = v
		}
		defaults, err := s.shopDefaults(ctx, tx)
		if err != nil {
			return err
		}
		if len(defaults) > 0 {
			after["defaults"] = defaults
		}
		if actor.StaffID == 0 && actor.Email == "" {
			actor.StaffID, actor.Email = st.ID, st.Email
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionSetup, Entity: EntityStaff,
			EntityID: strconv.FormatInt(st.ID, 10), After: after})
	})
	if err != nil {
		return nil, fmt.Errorf("create owner: %w", err)
	}
	// The defaults may have changed settings even when the caller gave none.
	s.invalidateSettings()
	return st, nil
}

func (s *Store) insertStaff(ctx context.Context, tx *sql.Tx, in StaffInput, hash string) (*Staff, error) {
	now := s.Now()
	res, err := tx.ExecContext(ctx, `
		INSERT INTO staff (email, name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		in.Email, in.Name, hash, in.Role, now.Unix(), now.Unix())
	if err != nil {
		if isUnique(err) {
			return nil, &ValidationError{Fields: map[string]string{"email": "error.email_taken"}}
		}
		return nil, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	return staffInTx(ctx, tx, id)
}

// AuthenticateStaff returns the enabled account whose email and password
// match, or ErrBadCredentials. An unknown email still costs one password
// hash, so the answer's timing does not reveal which accounts exist.
func (s *Store) AuthenticateStaff(ctx context.Context, email, password string) (*Staff, error) {
	if len(password) > maxPasswordLen {
		return nil, ErrBadCredentials
	}
	var hash string
	row := s.read.QueryRowContext(ctx, `SELECT `+staffColumns+`, password_hash FROM staff WHERE email = ?`, normalizeEmail(email))
	st, err := scanStaff(row, &hash)
	if errors.Is(err, ErrNotFound) {
		verifyPassword(dummyHash(), password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	ok, err := verifyPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("authenticate %s: %w", st.Email, err)
	}
	if !ok || st.Disabled {
		return nil, ErrBadCredentials
	}
	return st, nil
}

// SetStaffPassword replaces a staff member's password and signs out every
// session of theirs, since a reset usually means the old one leaked.
func (s *Store) SetStaffPassword(ctx context.Context, actor Actor, id int64, password string) error {
	if msg := checkPassword(password); msg != "" {
		return &ValidationError{Fields: map[string]string{"password": msg}}
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE staff SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			hash, s.Now().Unix(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := s.revokeStaffSessions(ctx, tx, id, 0); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStaffPassword, Entity: EntityStaff,
			EntityID: strconv.FormatInt(id, 10)})
	})
	if err != nil {
		return fmt.Errorf("set password of staff %d: %w", id, err)
	}
	return nil
}

// StaffCount is how many staff accounts exist, disabled ones included; zero
// means the shop has not been set up.
func (s *Store) StaffCount(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM staff`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count staff: %w", err)
	}
	return n, nil
}

// StaffByID returns one account, or ErrNotFound.
func (s *Store) StaffByID(ctx context.Context, id int64) (*Staff, error) {
	st, err := scanStaff(s.read.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("staff %d: %w", id, err)
	}
	return st, nil
}

// StaffByEmail returns one account, or ErrNotFound.
func (s *Store) StaffByEmail(ctx context.Context, email string) (*Staff, error) {
	st, err := scanStaff(s.read.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff WHERE email = ?`, normalizeEmail(email)))
	if err != nil {
		return nil, fmt.Errorf("staff %s: %w", email, err)
	}
	return st, nil
}

// ListStaff returns every account, owners first, then by email.
func (s *Store) ListStaff(ctx context.Context) ([]Staff, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff
		ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, email`)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		st, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("list staff: %w", err)
		}
		out = append(out, *st)
	}
	return out, rows.Err()
}

const staffColumns = `id, email, name, role, disabled, totp_enabled, created_at, updated_at, last_login_at, version`

// scanStaff reads staffColumns, then any extra columns into extra.
func scanStaff(row interface{ Scan(...any) error }, extra ...any) (*Staff, error) {
	var st Staff
	var created, updated, lastLogin int64
	dest := append([]any{&st.ID, &st.Email, &st.Name, &st.Role, &st.Disabled, &st.TOTPEnabled,
		&created, &updated, &lastLogin, &st.Version}, extra...)
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	st.CreatedAt, st.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	if lastLogin > 0 {
		st.LastLoginAt = time.Unix(lastLogin, 0)
	}
	return &st, nil
}
