package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Customer is a shopper's account. The password hash stays in the store.
type Customer struct {
	ID               int64
	Email            string
	Name             string
	Birthday         string // YYYY-MM-DD, "" when not given
	EmailConfirmedAt time.Time
	SessionEpoch     int64 // part of every signed-in session (CustomerSession)
	CreatedAt        time.Time
}

// EmailConfirmed reports whether the customer has opened a confirmation link.
func (c *Customer) EmailConfirmed() bool { return !c.EmailConfirmedAt.IsZero() }

// Email kinds of the account; they name a customer, not an order.
const (
	EmailAccountConfirm      = "account_confirm"       // link: confirm the email address
	EmailAccountExists       = "account_exists"        // someone registered with a taken email
	EmailAccountReset        = "account_reset"         // link: choose a new password
	EmailAccountEmailChange  = "account_email_change"  // link: confirm a new address for an existing account
	EmailAccountEmailChanged = "account_email_changed" // to the old address: the account's email was changed
)

// IsAccountEmail reports whether kind is one of the account's emails.
func IsAccountEmail(kind string) bool {
	switch kind {
	case EmailAccountConfirm, EmailAccountExists, EmailAccountReset, EmailAccountEmailChange, EmailAccountEmailChanged,
		EmailAccountBirthday, EmailAccountPointsExpiring:
		return true
	}
	return false
}

// Lifetimes of the account's one-time links.
const (
	CustomerResetLifetime   = time.Hour
	CustomerConfirmLifetime = 48 * time.Hour
)

// RegisterInput is the registration form.
type RegisterInput struct {
	Email    string
	Password string
	Name     string
	Birthday string // YYYY-MM-DD or ""
	Locale   string // for the emails
}

// Validate tidies the fields in place and checks them.
func (in *RegisterInput) Validate(now time.Time) error {
	v := &ValidationError{}
	in.Email = normalizeEmail(in.Email)
	in.Name = TrimText(in.Name)
	in.Birthday = strings.TrimSpace(in.Birthday)
	if msg := checkEmail(in.Email); msg != "" {
		v.Add("email", msg)
	}
	if msg := checkCustomerName(in.Name); msg != "" {
		v.Add("name", msg)
	}
	if msg := checkBirthday(in.Birthday, now, "account.error."); msg != "" {
		v.Add("birthday", msg)
	}
	if msg := checkCustomerPassword(in.Password); msg != "" {
		v.Add("password", msg)
	}
	return v.Err()
}

// CustomerNameMax is the longest name an account takes, in characters;
// the forms' inputs hold no more and the message names the number.
const CustomerNameMax = maxNameLen

func checkCustomerName(name string) string {
	switch {
	case name == "":
		return "error.required"
	case utf8.RuneCountInString(name) > CustomerNameMax:
		return "account.error.name_too_long"
	}
	return ""
}

// checkBirthday accepts "" or a real past date in YYYY-MM-DD, no more
// than 120 years ago. Each way to miss gets its own message: a date in
// the right form is not corrected by being shown the form again. The
// messages are under prefix: the shopper's speak to them ("account.error."),
// the staff's of the customer ("admin.customer.error.").
func checkBirthday(s string, now time.Time, prefix string) string {
	if s == "" {
		return ""
	}
	d, err := time.Parse(time.DateOnly, s)
	switch {
	case err != nil:
		return prefix + "birthday"
	case d.After(now):
		return prefix + "birthday_future"
	case d.Before(now.AddDate(-120, 0, 0)):
		return prefix + "birthday_past"
	}
	return ""
}

// checkCustomerPassword is the staff's length rule plus a list of the
// passwords guessers try first.
func checkCustomerPassword(pw string) string {
	if msg := checkPassword(pw); msg != "" {
		return msg
	}
	if commonPassword(pw) {
		return "account.error.password_common"
	}
	return ""
}

// Register creates an account. When the email already has one, nothing
// is created and that account is sent an "you already have an account"
// email instead; the caller answers both the same way, so the form does
// not tell strangers which emails are registered. A new account is sent
// a link to confirm its email.
func (s *Store) Register(ctx context.Context, in RegisterInput) (*Customer, error) {
	now := s.Now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	var c *Customer
	err = s.tx(ctx, func(tx *sql.Tx) error {
		existing, err := customerByEmail(ctx, tx, in.Email)
		if err == nil {
			if ok, err := accountEmailAllowed(ctx, tx, existing.ID, EmailAccountExists, now); err != nil || !ok {
				return err
			}
			return enqueueAccountEmail(ctx, tx, EmailAccountExists, existing.ID, existing.Email, in.Locale, "", now)
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		var birthday sql.NullString
		if in.Birthday != "" {
			birthday = sql.NullString{String: in.Birthday, Valid: true}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO customers (email, name, password_hash, birthday, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			in.Email, in.Name, hash, birthday, now.Unix(), now.Unix()).Scan(&id); err != nil {
			return err
		}
		if c, err = customerByID(ctx, tx, id); err != nil {
			return err
		}
		token, err := newCustomerToken(ctx, tx, id, "confirm", in.Email, CustomerConfirmLifetime, now)
		if err != nil {
			return err
		}
		return enqueueAccountEmail(ctx, tx, EmailAccountConfirm, id, in.Email, in.Locale, token, now)
	})
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	return c, nil
}

// AuthenticateCustomer returns the live account whose email and password
// match, or ErrBadCredentials. An unknown email costs one password hash
// too, so timing does not tell which accounts exist.
func (s *Store) AuthenticateCustomer(ctx context.Context, email, password string) (*Customer, error) {
	if len(password) > maxPasswordLen {
		return nil, ErrBadCredentials
	}
	var hash string
	row := s.read.QueryRowContext(ctx, `SELECT `+customerColumns+`, password_hash FROM customers
		WHERE email = ? AND deleted_at IS NULL`, normalizeEmail(email))
	c, err := scanCustomer(row, &hash)
	if errors.Is(err, ErrNotFound) {
		verifyPassword(dummyHash(), password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate customer: %w", err)
	}
	ok, err := verifyPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("authenticate customer %d: %w", c.ID, err)
	}
	if !ok {
		return nil, ErrBadCredentials
	}
	return c, nil
}

// CustomerSession returns the live account a browser's session names by id
// and epoch, or ErrNotFound when it was deleted or its epoch has moved on
// (a new password signs every other browser out).
func (s *Store) CustomerSession(ctx context.Context, id, epoch int64) (*Customer, error) {
	if id <= 0 {
		return nil, ErrNotFound
	}
	c, err := scanCustomer(s.read.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers
		WHERE id = ? AND session_epoch = ? AND deleted_at IS NULL`, id, epoch))
	if err != nil {
		return nil, fmt.Errorf("customer session: %w", err)
	}
	return c, nil
}

// ChangeCustomerPassword sets a new password after checking the current
// one, and signs the account's other browsers out: it returns the new
// epoch for the caller's own session.
func (s *Store) ChangeCustomerPassword(ctx context.Context, id int64, current, password string) (int64, error) {
	v := &ValidationError{}
	if msg := checkCustomerPassword(password); msg != "" {
		v.Add("password", msg)
	}
	if err := s.checkCurrentPassword(ctx, id, current, v); err != nil {
		return 0, fmt.Errorf("change password: %w", err)
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var epoch int64
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		epoch, err = setCustomerPassword(ctx, tx, id, password, s.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("change password: %w", err)
	}
	return epoch, nil
}

// ProfileInput is what customers change about themselves.
type ProfileInput struct {
	Name     string
	Birthday string // YYYY-MM-DD; "" leaves it as it is
}

// UpdateCustomerProfile saves the customer's name and, while the account
// has none, the birthday. A birthday once given stays: the birthday
// coupon follows it, and one that could be moved at will could be moved
// to whichever month suits a purchase. Posting the same date again is no
// change; another date is refused with a message.
func (s *Store) UpdateCustomerProfile(ctx context.Context, id int64, in ProfileInput) (*Customer, error) {
	in.Name, in.Birthday = TrimText(in.Name), strings.TrimSpace(in.Birthday)
	now := s.Now()
	v := &ValidationError{}
	if msg := checkCustomerName(in.Name); msg != "" {
		v.Add("name", msg)
	}
	if msg := checkBirthday(in.Birthday, now, "account.error."); msg != "" {
		v.Add("birthday", msg)
	}
	var c *Customer
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := customerByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Birthday != "" && in.Birthday != "" && in.Birthday != old.Birthday {
			v.Add("birthday", "account.error.birthday_set")
		}
		if err := v.Err(); err != nil {
			return err
		}
		// coalesce keeps a birthday that is already there, whatever was posted.
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, birthday = coalesce(birthday, nullif(?, '')),
			updated_at = ? WHERE id = ?`, in.Name, in.Birthday, now.Unix(), id); err != nil {
			return err
		}
		c, err = customerByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update profile: %w", err)
	}
	return c, nil
}

// setCustomerPassword sets the password, signs every browser out and
// withdraws the reset links still open: one asked for before must not
// undo the new password.
func setCustomerPassword(ctx context.Context, tx *sql.Tx, id int64, password string, now time.Time) (int64, error) {
	hash, err := hashPassword(password)
	if err != nil {
		return 0, err
	}
	if err := withdrawCustomerTokens(ctx, tx, id, "reset", now); err != nil {
		return 0, err
	}
	var epoch int64
	err = tx.QueryRowContext(ctx, `UPDATE customers SET password_hash = ?, session_epoch = session_epoch + 1,
		updated_at = ? WHERE id = ? AND deleted_at IS NULL RETURNING session_epoch`, hash, now.Unix(), id).Scan(&epoch)
	return epoch, notFound(err)
}

const customerColumns = `id, email, name, coalesce(birthday, ''), email_confirmed_at, session_epoch, created_at`

func scanCustomer(row rowScanner, extra ...any) (*Customer, error) {
	var c Customer
	var confirmed sql.NullInt64
	var created int64
	dest := append([]any{&c.ID, &c.Email, &c.Name, &c.Birthday, &confirmed, &c.SessionEpoch, &created}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, notFound(err)
	}
	c.EmailConfirmedAt, c.CreatedAt = nullTime(confirmed), time.Unix(created, 0)
	return &c, nil
}

func customerByEmail(ctx context.Context, tx *sql.Tx, email string) (*Customer, error) {
	return scanCustomer(tx.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers
		WHERE email = ? AND deleted_at IS NULL`, normalizeEmail(email)))
}

func customerByID(ctx context.Context, tx *sql.Tx, id int64) (*Customer, error) {
	return scanCustomer(tx.QueryRowContext(ctx, `SELECT `+customerColumns+` FROM customers
		WHERE id = ? AND deleted_at IS NULL`, id))
}

// notFound turns sql.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// Anyone can make the shop email a registered address, by registering
// with it or asking for its password reset: each kind goes to a customer
// at most once in accountEmailGap and accountEmailsPerDay times a day,
// so that nobody can flood the customer's inbox or the shop's standing
// with its mail server. The page answers the same either way. A
// signed-in customer asking for the confirmation link again is held to
// the same limits (ResendCustomerConfirm), and so is one asking to change
// the email (RequestEmailChange), but they are told.
const (
	accountEmailGap     = 5 * time.Minute
	accountEmailsPerDay = 5
)

// accountEmailAllowed reports whether another email of kind may go to the
// customer now.
func accountEmailAllowed(ctx context.Context, tx *sql.Tx, customerID int64, kind string, now time.Time) (bool, error) {
	wait, err := accountEmailWait(ctx, tx, now, `SELECT created_at FROM outbox
		WHERE customer_id = ? AND kind = ? AND created_at > ? ORDER BY created_at DESC LIMIT ?`,
		customerID, kind, now.Add(-24*time.Hour).Unix(), accountEmailsPerDay)
	return wait == 0, err
}

// accountEmailWait is how long until another of the account's emails may
// go: query selects the times of the last day's, newest first, at most
// accountEmailsPerDay of them. 0 for now.
func accountEmailWait(ctx context.Context, tx *sql.Tx, now time.Time, query string, args ...any) (time.Duration, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("account emails sent: %w", err)
	}
	defer rows.Close()
	var sent []time.Time
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return 0, fmt.Errorf("account emails sent: %w", err)
		}
		sent = append(sent, time.Unix(at, 0))
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("account emails sent: %w", err)
	}
	var next time.Time
	if len(sent) > 0 {
		next = sent[0].Add(accountEmailGap)
	}
	if len(sent) >= accountEmailsPerDay {
		if day := sent[accountEmailsPerDay-1].Add(24 * time.Hour); day.After(next) {
			next = day
		}
	}
	return max(next.Sub(now), 0), nil
}

// enqueueAccountEmail queues one of the account's emails inside tx; link
// is the one-time link's token, "" for none.
func enqueueAccountEmail(ctx context.Context, tx *sql.Tx, kind string, customerID int64, to, locale, link string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO outbox (kind, customer_id, link, to_addr, locale, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, kind, customerID, link, to, locale, now.Unix(), now.Unix())
	if err != nil {
		return fmt.Errorf("queue %s email: %w", kind, err)
	}
	return nil
}

// checkCurrentPassword adds a message for current_password to v unless
// password is the live account's; a deleted account is ErrNotFound. The
// account pages ask for it before anything that a borrowed, signed-in
// browser must not do alone.
func (s *Store) checkCurrentPassword(ctx context.Context, id int64, password string, v *ValidationError) error {
	var hash string
	if err := s.read.QueryRowContext(ctx, `SELECT password_hash FROM customers WHERE id = ? AND deleted_at IS NULL`,
		id).Scan(&hash); err != nil {
		return notFound(err)
	}
	if len(password) > maxPasswordLen {
		v.Add("current_password", "account.error.current_password")
		return nil
	}
	if ok, err := verifyPassword(hash, password); err != nil || !ok {
		v.Add("current_password", "account.error.current_password")
	}
	return nil
}
