package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// newCustomerToken stores a one-time link for customerID and returns its
// secret; an earlier unused link of the same purpose stops working.
func newCustomerToken(ctx context.Context, tx *sql.Tx, customerID int64, purpose, email string, life time.Duration, now time.Time) (string, error) {
	if err := withdrawCustomerTokens(ctx, tx, customerID, purpose, now); err != nil {
		return "", err
	}
	token, hash := newLinkToken()
	_, err := tx.ExecContext(ctx, `INSERT INTO customer_tokens (customer_id, purpose, token_hash, email, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, customerID, purpose, hash, email, now.Unix(), now.Add(life).Unix())
	return token, err
}

// withdrawCustomerTokens stops the customer's unused links of purpose
// working.
func withdrawCustomerTokens(ctx context.Context, tx *sql.Tx, customerID int64, purpose string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE customer_tokens SET used_at = ? WHERE customer_id = ? AND purpose = ? AND used_at IS NULL`,
		now.Unix(), customerID, purpose)
	return err
}

// useCustomerToken spends a live link of purpose and returns its customer
// and email. A link that is unknown, used or expired is ErrNotFound; the
// UPDATE's condition makes two clicks at once spend it once.
func useCustomerToken(ctx context.Context, tx *sql.Tx, purpose, token string, now time.Time) (customerID int64, email string, err error) {
	err = tx.QueryRowContext(ctx, `UPDATE customer_tokens SET used_at = ?
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
		RETURNING customer_id, email`, now.Unix(), hashToken(token), purpose, now.Unix()).Scan(&customerID, &email)
	return customerID, email, notFound(err)
}

// CustomerResetValid reports whether a reset link can still be used, so
// the page can say so before asking for a new password. A link sent to
// an address the account no longer has is dead (ResetCustomerPassword).
func (s *Store) CustomerResetValid(ctx context.Context, token string) bool {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM customer_tokens t JOIN customers c ON c.id = t.customer_id
		WHERE t.token_hash = ? AND t.purpose = 'reset' AND t.used_at IS NULL AND t.expires_at > ? AND c.deleted_at IS NULL
			AND t.email = c.email`,
		hashToken(token), s.Now().Unix()).Scan(&n)
	return err == nil && n > 0
}

// RequestCustomerReset emails a one-time link to choose a new password to
// the account with email, if there is one. It answers the same either way,
// so the form tells strangers nothing.
func (s *Store) RequestCustomerReset(ctx context.Context, email, locale string) error {
	email = normalizeEmail(email)
	if msg := checkEmail(email); msg != "" {
		return &ValidationError{Fields: map[string]string{"email": msg}}
	}
	now := s.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := customerByEmail(ctx, tx, email)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		_, err = sendAccountLink(ctx, tx, c, EmailAccountReset, "reset", CustomerResetLifetime, locale, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("request reset: %w", err)
	}
	return nil
}

// ResetCustomerPassword spends a reset link and sets password, signing
// every browser of the account out. Opening the link proves the address
// it was sent to, so the email counts as confirmed; but only while that
// is still the account's email: a link sent before the email changed
// proves nothing about the new one, and is dead. A dead link is
// ErrNotFound. A reset never changes the email.
func (s *Store) ResetCustomerPassword(ctx context.Context, token, password string) (*Customer, error) {
	if msg := checkCustomerPassword(password); msg != "" {
		return nil, &ValidationError{Fields: map[string]string{"password": msg}}
	}
	now := s.Now()
	var c *Customer
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, email, err := useCustomerToken(ctx, tx, "reset", token, now)
		if err != nil {
			return err
		}
		if c, err = customerByID(ctx, tx, id); err != nil {
			return err
		}
		if email != c.Email {
			return ErrNotFound
		}
		if _, err := setCustomerPassword(ctx, tx, id, password, now); err != nil {
			return err
		}
		if _, err := confirmEmail(ctx, tx, id, c.Email, now); err != nil {
			return err
		}
		c, err = customerByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reset password: %w", err)
	}
	return c, nil
}

// ConfirmCustomerEmail spends a confirmation link: the account's email
// becomes the link's (a change of address takes effect only now) and is
// confirmed, and past guest orders placed with it join the account;
// claimed is how many did. A change withdraws the reset links sent to the
// old address, which no longer stands for the account, and tells that
// address, in locale, so that its owner learns of a change they did not
// make. A dead link, or a new address someone registered meanwhile, is
// ErrNotFound.
func (s *Store) ConfirmCustomerEmail(ctx context.Context, token, locale string) (c *Customer, claimed int64, err error) {
	now := s.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		id, email, err := useCustomerToken(ctx, tx, "confirm", token, now)
		if err != nil {
			return err
		}
		old, err := customerByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if claimed, err = confirmEmail(ctx, tx, id, email, now); err != nil {
			return err
		}
		if old.Email != email {
			if err := withdrawCustomerTokens(ctx, tx, id, "reset", now); err != nil {
				return err
			}
			if err := enqueueAccountEmail(ctx, tx, EmailAccountEmailChanged, id, old.Email, locale, "", now); err != nil {
				return err
			}
		}
		c, err = customerByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("confirm email: %w", err)
	}
	return c, claimed, nil
}

// sendAccountLink queues an email of kind to the customer with a new
// one-time link for purpose, unless one went within the limits on account
// emails (accountEmailAllowed): the link already sent stays good
// meanwhile. It reports whether it queued one.
func sendAccountLink(ctx context.Context, tx *sql.Tx, c *Customer, kind, purpose string, lifetime time.Duration,
	locale string, now time.Time) (bool, error) {
	if ok, err := accountEmailAllowed(ctx, tx, c.ID, kind, now); err != nil || !ok {
		return false, err
	}
	token, err := newCustomerToken(ctx, tx, c.ID, purpose, c.Email, lifetime, now)
	if err != nil {
		return false, err
	}
	return true, enqueueAccountEmail(ctx, tx, kind, c.ID, c.Email, locale, token, now)
}

// ResendCustomerConfirm emails the signed-in customer a new link to
// confirm the account's email, the earlier one stopping working. It
// reports false, sending nothing, when one went within the limits that
// keep strangers from flooding an inbox (accountEmailAllowed): a
// signed-in browser left open is no better placed to flood it. An email
// already confirmed is ErrConflict.
func (s *Store) ResendCustomerConfirm(ctx context.Context, id int64, locale string) (bool, error) {
	now := s.Now()
	var sent bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := customerByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.EmailConfirmed() {
			return ErrConflict
		}
		sent, err = sendAccountLink(ctx, tx, c, EmailAccountConfirm, "confirm", CustomerConfirmLifetime, locale, now)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("resend confirmation: %w", err)
	}
	return sent, nil
}

// confirmEmail makes email the account's confirmed address and claims the
// guest orders placed with it, returning how many: only a confirmed
// address proves that they are the customer's.
func confirmEmail(ctx context.Context, tx *sql.Tx, id int64, email string, now time.Time) (int64, error) {
	_, err := tx.ExecContext(ctx, `UPDATE customers SET email = ?, email_confirmed_at = ?, updated_at = ?
		WHERE id = ? AND deleted_at IS NULL`, email, now.Unix(), now.Unix(), id)
	if isUnique(err) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE orders SET customer_id = ? WHERE customer_id IS NULL AND lower(email) = ?`,
		id, normalizeEmail(email))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// RequestEmailChange checks the password and emails a link to confirm
// the new address there; the account keeps its email until the link is
// opened. A new address that already has an account gets no link, and
// the answer is the same. Within the limits on account emails
// (accountEmailGap, accountEmailsPerDay) it returns 0; past them it sends
// nothing and returns how long until the next request is taken: the
// customer, signed in and past the password, is told.
func (s *Store) RequestEmailChange(ctx context.Context, id int64, email, password, locale string) (time.Duration, error) {
	email = normalizeEmail(email)
	v := &ValidationError{}
	if msg := checkEmail(email); msg != "" {
		v.Add("email", msg)
	}
	if err := s.checkCurrentPassword(ctx, id, password, v); err != nil {
		return 0, fmt.Errorf("change email: %w", err)
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	now := s.Now()
	var wait time.Duration
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if wait, err = emailChangeWait(ctx, tx, id, now); err != nil || wait > 0 {
			return err
		}
		// The link is made for a taken address too, though never sent, so
		// that it counts against the limits like any request: otherwise
		// the next answer would tell whether the address has an account.
		token, err := newCustomerToken(ctx, tx, id, "confirm", email, CustomerConfirmLifetime, now)
		if err != nil {
			return err
		}
		if _, err := customerByEmail(ctx, tx, email); !errors.Is(err, ErrNotFound) {
			return err // nil when taken: nothing to send
		}
		return enqueueAccountEmail(ctx, tx, EmailAccountEmailChange, id, email, locale, token, now)
	})
	if err != nil {
		return 0, fmt.Errorf("change email: %w", err)
	}
	return wait, nil
}

// emailChangeWait is how long until the customer may ask to change the
// email again, 0 for now: a request is a link to confirm an address other
// than the account's, and they go at most once in accountEmailGap and
// accountEmailsPerDay times a day, as the account's other emails a
// stranger could cause.
func emailChangeWait(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (time.Duration, error) {
	return accountEmailWait(ctx, tx, now, `SELECT t.created_at FROM customer_tokens t JOIN customers c ON c.id = t.customer_id
		WHERE t.customer_id = ? AND t.purpose = 'confirm' AND t.email <> c.email AND t.created_at > ?
		ORDER BY t.created_at DESC LIMIT ?`, id, now.Add(-24*time.Hour).Unix(), accountEmailsPerDay)
}
