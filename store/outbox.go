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

// Email kinds. Each is rendered from its order when it is sent.
const (
	EmailOrderConfirmation = "order_confirmation"
	EmailPaymentReceived   = "payment_received"
	EmailShipped           = "shipped" // ref_id is the fulfillment
	EmailCancelled         = "cancelled"
)

// enqueueEmail queues an email inside tx, the transaction of the change it
// tells of, so that the change and its email are kept or lost together.
func enqueueEmail(ctx context.Context, tx *sql.Tx, kind string, orderID, refID int64, to, locale string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO outbox (kind, order_id, ref_id, to_addr, locale, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, kind, orderID, refID, to, locale, now.Unix(), now.Unix())
	if err != nil {
		return fmt.Errorf("queue %s email: %w", kind, err)
	}
	return nil
}

// Email statuses: pending until sent, failed once it has been tried
// MaxEmailAttempts times (or the recipient was refused for good).
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailFailed  = "failed"
)

// EmailStatuses lists the statuses in the order the admin filter offers them.
var EmailStatuses = []string{EmailPending, EmailSent, EmailFailed}

// MaxEmailAttempts is how many times an email is tried before it is failed.
const MaxEmailAttempts = 8

// emailBackoff is the wait after the nth failed attempt (1-based); the
// waits grow so that a mail server that is down for a day is outlasted
// without hammering it, and the last attempt comes about two days in.
var emailBackoff = []time.Duration{
	time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// EmailRetryAfter is how long to wait after attempts failed attempts before
// the next; false means give up.
func EmailRetryAfter(attempts int) (time.Duration, bool) {
	if attempts < 1 || attempts >= MaxEmailAttempts {
		return 0, false
	}
	return emailBackoff[min(attempts, len(emailBackoff))-1], true
}

// EmailClaimLease is how long DueEmails holds the rows it hands out: a
// sender that dies before marking one lets it come due again afterwards,
// so an email is sent at least once.
const EmailClaimLease = 10 * time.Minute

// Email is one row of the outbox.
type Email struct {
	ID            int64
	Kind          string
	OrderID       int64
	OrderNumber   string
	RefID         int64
	To            string
	Locale        string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time // zero until sent
	CustomerID    int64     // an account email's customer (IsAccountEmail), 0 for an order's
	Link          string    // an account email's one-time link token, "" once sent
	ShippingKind  string    // its order's shipping kind: a pickup's "shipped" email says it is ready to collect
}

const emailColumns = `o.id, o.kind, coalesce(o.order_id, 0), coalesce(r.number, ''), o.ref_id, o.to_addr, o.locale,
	o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at,
	coalesce(o.customer_id, 0), o.link, coalesce(r.shipping_kind, '')`

const emailFrom = ` FROM outbox o LEFT JOIN orders r ON r.id = o.order_id`

func scanEmail(row rowScanner) (Email, error) {
	var e Email
	var next, created int64
	var sent sql.NullInt64
	err := row.Scan(&e.ID, &e.Kind, &e.OrderID, &e.OrderNumber, &e.RefID, &e.To, &e.Locale, &e.Status,
		&e.Attempts, &next, &e.LastError, &created, &sent, &e.CustomerID, &e.Link, &e.ShippingKind)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	e.NextAttemptAt, e.CreatedAt, e.SentAt = time.Unix(next, 0), time.Unix(created, 0), nullTime(sent)
	return e, err
}

// DueEmails claims up to limit pending emails whose time has come, oldest
// first: their next attempt moves EmailClaimLease ahead, so a second
// sender (or the next tick) does not take them too.
func (s *Store) DueEmails(ctx context.Context, now time.Time, limit int) ([]Email, error) {
	var claimed []int64
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		claimed, err = queryIDs(ctx, tx, `
			UPDATE outbox SET next_attempt_at = ?
			WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
				ORDER BY next_attempt_at, id LIMIT ?)
			RETURNING id`, now.Add(EmailClaimLease).Unix(), now.Unix(), limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("due emails: %w", err)
	}
	if len(claimed) == 0 {
		return nil, nil
	}
	ids := make([]any, len(claimed))
	for i, id := range claimed {
		ids[i] = id
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+emailColumns+emailFrom+`
		WHERE o.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY o.created_at, o.id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("due emails: %w", err)
	}
	return scanEmails(rows)
}

func scanEmails(rows *sql.Rows) ([]Email, error) {
	defer rows.Close()
	var out []Email
	for rows.Next() {
		e, err := scanEmail(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkEmailSent records that a pending email went out and notes it on the
// order's timeline in the same transaction. An email that is no longer
// pending answers ErrNotFound.
func (s *Store) MarkEmailSent(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var orderID sql.NullInt64
		var kind string
		err := tx.QueryRowContext(ctx, `
			UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '', link = ''
			WHERE id = ? AND status = 'pending' RETURNING order_id, kind`, now.Unix(), id).Scan(&orderID, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("mark email sent: %w", err)
		}
		if !orderID.Valid {
			return nil
		}
		return addOrderEvent(ctx, tx, orderID.Int64, EventEmail, kind, Actor{}, now)
	})
}

// MarkEmailFailed records a failed attempt and schedules the next by
// EmailRetryAfter; after the last attempt, or when permanent (the mail
// server refused the recipient for good), the email is failed. It returns
// the email as it now stands; one no longer pending answers ErrNotFound.
func (s *Store) MarkEmailFailed(ctx context.Context, id int64, reason string, permanent bool) (Email, error) {
	var e Email
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var attempts int
		err := tx.QueryRowContext(ctx, `SELECT attempts FROM outbox WHERE id = ? AND status = 'pending'`, id).Scan(&attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		attempts++
		status, next := EmailPending, now
		if wait, ok := EmailRetryAfter(attempts); ok && !permanent {
			next = now.Add(wait)
		} else {
			status = EmailFailed
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
			status, attempts, next.Unix(), clipError(reason), id); err != nil {
			return err
		}
		e, err = scanEmail(tx.QueryRowContext(ctx, `SELECT `+emailColumns+emailFrom+` WHERE o.id = ?`, id))
		return err
	})
	if err != nil {
		return e, fmt.Errorf("mark email failed: %w", err)
	}
	return e, nil
}

// EmailByID returns one email of the outbox.
func (s *Store) EmailByID(ctx context.Context, id int64) (Email, error) {
	return scanEmail(s.read.QueryRowContext(ctx, `SELECT `+emailColumns+emailFrom+` WHERE o.id = ?`, id))
}

// EmailFilter selects a page of the outbox; an empty Status means all.
type EmailFilter struct {
	Status  string
	Page    int
	PerPage int
}

// EmailPage is a page of the outbox, newest first.
type EmailPage struct {
	Emails  []Email
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p EmailPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// ListEmails returns the page of the outbox that f selects.
func (s *Store) ListEmails(ctx context.Context, f EmailFilter) (EmailPage, error) {
	page := EmailPage{Page: min(max(f.Page, 1), MaxPage), PerPage: perPageOr(f.PerPage, 50)}
	cond, args := "", []any{}
	if f.Status != "" {
		cond, args = " WHERE o.status = ?", append(args, f.Status)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM outbox o`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list emails: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+emailColumns+emailFrom+cond+` ORDER BY o.id DESC LIMIT ? OFFSET ?`,
		append(args, page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, fmt.Errorf("list emails: %w", err)
	}
	if page.Emails, err = scanEmails(rows); err != nil {
		return page, fmt.Errorf("list emails: %w", err)
	}
	return page, nil
}

// clipError keeps a mail server's error short enough to list, cutting on a
// character boundary.
func clipError(msg string) string {
	const max = 500
	if len(msg) <= max {
		return msg
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}
