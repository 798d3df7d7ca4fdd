package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Points ledger kinds: every change to a customer's points is one of these.
const (
	PointsEarn    = "earn"    // an order was paid: a new lot, pending
	PointsRelease = "release" // the lot's order can no longer be returned: pending → available
	PointsRedeem  = "redeem"  // an order paid with them
	PointsRestore = "restore" // that order was cancelled: back into the lots they came from
	PointsExpire  = "expire"  // the lot reached its expiry
	PointsReverse = "reverse" // the order that earned them was cancelled or returned
	PointsAdjust  = "adjust"  // the owner, with a reason
)

// ErrPointsShort means a redemption or an owner's deduction asked for more
// points than are available.
var ErrPointsShort = errors.New("not enough points")

// ErrPointsSince means an adjustment's form was shown before the newest
// row of the customer's ledger: the same form sent twice, or two staff at
// once. Applying it would count it twice. An ErrConflict, told apart so
// staff see why.
var ErrPointsSince = fmt.Errorf("%w: the points ledger changed since the form was shown", ErrConflict)

// PointsBalance is a customer's points as the ledger sums them.
type PointsBalance struct {
	Available int64 `json:"available"`
	Pending   int64 `json:"pending"`
	// Expiring are the available lots' remainders by expiry, soonest first.
	Expiring []ExpiringPoints `json:"expiring"`
	// LastEntry is the id of the ledger's newest row (0 for none): what an
	// adjustment form is shown with, for AdjustPointsSeen.
	LastEntry int64 `json:"-"`
}

// ExpiringPoints is what is left of a lot and when it expires.
type ExpiringPoints struct {
	Points  int64     `json:"points"`
	Expires time.Time `json:"expires"`
}

// PointsEntry is one ledger row, as the account and the admin show it.
type PointsEntry struct {
	ID          int64     `json:"-"`
	Kind        string    `json:"kind"`
	Pending     bool      `json:"pending"`
	Points      int64     `json:"points"`
	OrderNumber string    `json:"order,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	At          time.Time `json:"at"`
	Expires     time.Time `json:"lot_expires"` // the lot's
}

// sameEvent reports whether e and o are one event's rows against two lots.
func (e PointsEntry) sameEvent(o PointsEntry) bool {
	return e.Kind == o.Kind && e.Pending == o.Pending && e.OrderNumber == o.OrderNumber && e.Reason == o.Reason && e.At.Equal(o.At)
}

// Moved reports whether the row is the pending half of a release, which
// the other half shows.
func (e PointsEntry) Moved() bool { return e.Kind == PointsRelease && e.Pending }

// ledgerRow writes one row against a lot.
func ledgerRow(ctx context.Context, tx *sql.Tx, customerID, lotID int64, kind string, pending bool, points int64,
	orderID int64, reason string, actor Actor, now time.Time) error {
	if points == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO points_ledger (customer_id, lot_id, kind, pending, points, order_id, reason, actor, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, customerID, lotID, kind, pending, points, nullIfZero(orderID), reason, actor.Email, now.Unix())
	if err != nil {
		return fmt.Errorf("points ledger: %w", err)
	}
	return nil
}

// lotPart is what is left of one part (pending or available) of a lot.
type lotPart struct {
	lot, left int64
	expires   int64
}

// lotParts are the customer's lots with something left in the pending or
// available part, soonest expiry first (then oldest): the order in which
// points are spent.
func lotParts(ctx context.Context, tx *sql.Tx, customerID int64, pending bool, where string, args ...any) ([]lotPart, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.id, sum(e.points), l.expires_at FROM points_lots l
		JOIN points_ledger e ON e.lot_id = l.id AND e.pending = ?
		WHERE l.customer_id = ? `+where+`
		GROUP BY l.id HAVING sum(e.points) > 0 ORDER BY l.expires_at, l.id`,
		append([]any{pending, customerID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("points lots: %w", err)
	}
	defer rows.Close()
	var out []lotPart
	for rows.Next() {
		var p lotPart
		if err := rows.Scan(&p.lot, &p.left, &p.expires); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// settlePoints brings a customer's ledger (every customer's when
// customerID is 0) up to now: lots whose order can no longer be returned
// become available, and lots past their expiry expire. It runs before any
// balance is read for spending and from the daily job, so the balance is
// always the sum of the ledger.
func settlePoints(ctx context.Context, tx *sql.Tx, customerID int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT l.id, l.customer_id, e.pending, sum(e.points),
			l.expires_at <= ?1, coalesce(l.available_at <= ?1, 0), l.expires_at, coalesce(l.available_at, 0)
		FROM points_lots l JOIN points_ledger e ON e.lot_id = l.id
		WHERE (?2 = 0 OR l.customer_id = ?2) AND (l.expires_at <= ?1 OR l.available_at <= ?1)
		GROUP BY l.id, e.pending HAVING sum(e.points) > 0`, now.Unix(), customerID)
	if err != nil {
		return fmt.Errorf("settle points: %w", err)
	}
	type part struct {
		lot, customer, left int64
		pending             bool
		expired, due        bool
		expires, available  int64
	}
	var parts []part
	for rows.Next() {
		var p part
		if err := rows.Scan(&p.lot, &p.customer, &p.pending, &p.left, &p.expired, &p.due, &p.expires, &p.available); err != nil {
			rows.Close()
			return err
		}
		parts = append(parts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Each row is dated when it happened, not when this pass noticed.
	for _, p := range parts {
		switch {
		case p.expired:
			err = ledgerRow(ctx, tx, p.customer, p.lot, PointsExpire, p.pending, -p.left, 0, "", Actor{}, time.Unix(p.expires, 0))
		case p.pending && p.due:
			at := time.Unix(p.available, 0)
			if err = ledgerRow(ctx, tx, p.customer, p.lot, PointsRelease, true, -p.left, 0, "", Actor{}, at); err == nil {
				err = ledgerRow(ctx, tx, p.customer, p.lot, PointsRelease, false, p.left, 0, "", Actor{}, at)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// SettlePoints is the daily job's pass over every customer's points.
func (s *Store) SettlePoints(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return settlePoints(ctx, tx, 0, s.Now()) })
}

// PointsBalance settles the customer's points and sums them.
func (s *Store) PointsBalance(ctx context.Context, customerID int64) (PointsBalance, error) {
	var b PointsBalance
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := settlePoints(ctx, tx, customerID, s.Now()); err != nil {
			return err
		}
		var err error
		b, err = pointsBalance(ctx, tx, customerID)
		return err
	})
	return b, err
}

func pointsBalance(ctx context.Context, tx *sql.Tx, customerID int64) (PointsBalance, error) {
	var b PointsBalance
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(points) FILTER (WHERE pending = 0), 0),
		coalesce(sum(points) FILTER (WHERE pending = 1), 0), coalesce(max(id), 0) FROM points_ledger WHERE customer_id = ?`, customerID).
		Scan(&b.Available, &b.Pending, &b.LastEntry); err != nil {
		return b, fmt.Errorf("points balance: %w", err)
	}
	parts, err := lotParts(ctx, tx, customerID, false, "")
	for _, p := range parts {
		b.Expiring = append(b.Expiring, ExpiringPoints{Points: p.left, Expires: time.Unix(p.expires, 0)})
	}
	return b, err
}

// spendPoints takes points from the customer's available lots, soonest
// expiry first, as rows of kind. It answers ErrPointsShort, writing
// nothing, when they have fewer.
func spendPoints(ctx context.Context, tx *sql.Tx, customerID, points int64, kind string, orderID int64,
	reason string, actor Actor, now time.Time) error {
	parts, err := lotParts(ctx, tx, customerID, false, "")
	if err != nil {
		return err
	}
	var have int64
	for _, p := range parts {
		have += p.left
	}
	if have < points {
		return ErrPointsShort
	}
	for _, p := range parts {
		if points == 0 {
			break
		}
		take := min(p.left, points)
		if err := ledgerRow(ctx, tx, customerID, p.lot, kind, false, -take, orderID, reason, actor, now); err != nil {
			return err
		}
		points -= take
	}
	return nil
}

// newLot starts a lot of points for the customer, pending until
// availableAt (nil: until its order ships) with its earn row.
func newLot(ctx context.Context, tx *sql.Tx, customerID, orderID, points int64, availableAt *time.Time,
	kind, reason string, actor Actor, l Loyalty, now time.Time) error {
	var avail any
	if availableAt != nil {
		avail = availableAt.Unix()
	}
	var lot int64
	err := tx.QueryRowContext(ctx, `INSERT INTO points_lots (customer_id, order_id, points, available_at, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, customerID, nullIfZero(orderID), points, avail,
		now.AddDate(0, int(l.ExpiryMonths), 0).Unix(), now.Unix()).Scan(&lot)
	if err != nil {
		return fmt.Errorf("points lot: %w", err)
	}
	pending := availableAt == nil || availableAt.After(now)
	return ledgerRow(ctx, tx, customerID, lot, kind, pending, points, orderID, reason, actor, now)
}

// AdjustPoints is the owner's change to a customer's points, with the
// reason the ledger keeps: an addition is a new lot, available at once; a
// deduction takes from the soonest-expiring lots and cannot go below zero
// (ErrPointsShort).
func (s *Store) AdjustPoints(ctx context.Context, actor Actor, customerID, delta int64, reason string) error {
	return s.AdjustPointsSeen(ctx, actor, customerID, -1, delta, reason)
}

// AdjustPointsSeen is AdjustPoints for a form shown when the ledger's
// newest row was lastEntry (PointsBalance.LastEntry): once the ledger has
// a newer row it changes nothing and answers ErrPointsSince, so a form
// sent twice counts once. A negative lastEntry (a form that did not say)
// checks nothing.
func (s *Store) AdjustPointsSeen(ctx context.Context, actor Actor, customerID, lastEntry, delta int64, reason string) error {
	reason = TrimText(reason)
	v := &ValidationError{}
	if delta == 0 || delta > 100_000_000 || delta < -100_000_000 {
		v.Add("points", "account.points.error.amount")
	}
	if reason == "" {
		v.Add("reason", "error.required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	l, err := s.Loyalty(ctx)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE id = ? AND deleted_at IS NULL`, customerID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return ErrNotFound
		}
		// Before settling: lots that came due since the form was shown are
		// no one's second send. Inside the write transaction, so of two sends
		// at once the second sees the first one's row.
		if lastEntry >= 0 {
			var newest int64
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM points_ledger WHERE customer_id = ?`, customerID).Scan(&newest); err != nil {
				return err
			}
			if newest != lastEntry {
				return ErrPointsSince
			}
		}
		if err := settlePoints(ctx, tx, customerID, now); err != nil {
			return err
		}
		if delta > 0 {
			err = newLot(ctx, tx, customerID, 0, delta, &now, PointsAdjust, reason, actor, l, now)
		} else {
			err = spendPoints(ctx, tx, customerID, -delta, PointsAdjust, 0, reason, actor, now)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "customer.points", Entity: "customer",
			EntityID: fmt.Sprint(customerID), After: map[string]any{"points": delta, "reason": reason}})
	})
}

// PointsLedger is the customer's ledger, newest first, from at most limit
// rows. A release is two rows (PointsEntry.Moved). One event that took
// from or gave back to several lots (900 points paying an order from two
// lots) is one row, as the shopper knows it, where it read "−612" and
// "−288"; the row keeps the newest lot's expiry.
func (s *Store) PointsLedger(ctx context.Context, customerID int64, limit int) ([]PointsEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT e.id, e.kind, e.pending, e.points, coalesce(o.number, ''), e.reason,
			e.created_at, l.expires_at
		FROM points_ledger e JOIN points_lots l ON l.id = e.lot_id LEFT JOIN orders o ON o.id = e.order_id
		WHERE e.customer_id = ? ORDER BY e.created_at DESC, e.id DESC LIMIT ?`, customerID, limit)
	if err != nil {
		return nil, fmt.Errorf("points ledger: %w", err)
	}
	defer rows.Close()
	var out []PointsEntry
	for rows.Next() {
		var e PointsEntry
		var at, exp int64
		if err := rows.Scan(&e.ID, &e.Kind, &e.Pending, &e.Points, &e.OrderNumber, &e.Reason, &at, &exp); err != nil {
			return nil, err
		}
		e.At, e.Expires = time.Unix(at, 0), time.Unix(exp, 0)
		if n := len(out); n > 0 && out[n-1].sameEvent(e) {
			out[n-1].Points += e.Points
			continue
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
