package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Return statuses. A request waits for staff to approve or reject it; an
// approved one is received back, then refunded (or, for an exchange,
// closed once the replacement is on its way).
const (
	ReturnRequested = "requested"
	ReturnApproved  = "approved"
	ReturnRejected  = "rejected"
	ReturnReceived  = "received"
	ReturnRefunded  = "refunded"
	ReturnClosed    = "closed"
)

// ReturnStatuses lists the statuses in the order a return moves through them.
var ReturnStatuses = []string{ReturnRequested, ReturnApproved, ReturnReceived, ReturnRefunded, ReturnExchanged, ReturnClosed,
	ReturnRejected, ReturnCancelled}

// Return resolutions: what the shopper asked for, the return form's
// resolution values.
const (
	ResolutionRefund   = "refund"
	ResolutionExchange = "exchange"
)

// Kinds of return: a shopper's, of goods that shipped, and the shop's
// cancellation of units that never shipped (CancelUnshipped), which
// refunds the same way but brings nothing back and is no return in the
// return statistics.
const (
	ReturnKindReturn    = "return"
	ReturnKindUnshipped = "unshipped"
)

// ReturnRequest is a shopper's request to send back some of an order, with
// the order's number and customer for the admin's list.
type ReturnRequest struct {
	ID           int64
	OrderID      int64
	OrderNumber  string
	Currency     string // the order's, in which it was paid and is refunded
	Email        string
	Name         string
	Kind         string // ReturnKindReturn or ReturnKindUnshipped
	Status       string // one of the Return status constants
	Resolution   string // ResolutionRefund or ResolutionExchange
	Reason       string
	Note         string
	Items        int64 // units asked to be returned, over all lines
	RefundAmount int64 // minor units actually refunded; 0 until then
	RefundTotal  int64 // what its quote refunds
	// RefundMethod and RefundStatus are the refund's (a card refund's
	// state follows Stripe); RefundedAt is when it was recorded, the
	// return's last change for one migrated from before that was kept.
	RefundMethod, RefundStatus string
	RefundedAt                 time.Time
	Version                    int64
	CreatedAt                  time.Time
	UpdatedAt                  time.Time
	ReceivedAt                 time.Time // zero until the parcel is back
	// OrderPaid says the order's payment has arrived: until then there is
	// nothing to refund (RefundReturn).
	OrderPaid bool
}

// Unshipped reports whether this is the shop's cancellation of units
// that never shipped rather than a return.
func (r ReturnRequest) Unshipped() bool { return r.Kind == ReturnKindUnshipped }

// Uncollected is what of an order's total its shopper was never charged:
// the cancellations of what it had not shipped, settled as it was marked
// paid (RefundNotCollected), of its returns as OrderReturns reads them.
func Uncollected(returns []ReturnRequest) int64 {
	var n int64
	for _, r := range returns {
		if r.RefundMethod == RefundNotCollected {
			n += r.RefundAmount
		}
	}
	return n
}

// Overdue reports whether the shop is late at now: a request unanswered
// for ReturnAnswerDays, or goods received that long ago and not refunded
// though the order is paid.
func (r ReturnRequest) Overdue(now time.Time) bool {
	limit := now.AddDate(0, 0, -ReturnAnswerDays)
	switch r.Status {
	case ReturnRequested:
		return r.CreatedAt.Before(limit)
	case ReturnReceived:
		return r.OrderPaid && r.ReceivedAt.Before(limit)
	}
	return false
}

// ReturnFilter selects returns for the admin list; zero fields match
// everything.
type ReturnFilter struct {
	Status string // one of ReturnStatuses
	Query  string // the order number (with or without its dash), the email or the name
}

// ReturnPage is one page of the admin's return list.
type ReturnPage struct {
	Rows    []ReturnRequest
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p ReturnPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// ListReturns returns the page of returns that f selects, newest first.
func (s *Store) ListReturns(ctx context.Context, f ReturnFilter, page, perPage int) (ReturnPage, error) {
	res := ReturnPage{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 50)}
	where := []string{"1"}
	var args []any
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, f.Status)
	}
	if text := strings.TrimSpace(f.Query); text != "" {
		pattern, err := containsPattern(text)
		if err != nil {
			return res, err
		}
		where = append(where, `(o.number = ? OR o.number LIKE ? ESCAPE '\' OR o.email LIKE ? ESCAPE '\' OR o.name LIKE ? ESCAPE '\')`)
		args = append(args, normalizeOrderNumber(text), pattern, pattern, pattern)
	}
	from := ` FROM returns r JOIN orders o ON o.id = r.order_id WHERE ` + strings.Join(where, " AND ")
	if err := s.read.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("list returns: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, returnRequestColumns+from+`
		ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`,
		append(args, res.PerPage, (res.Page-1)*res.PerPage)...)
	if err != nil {
		return res, fmt.Errorf("list returns: %w", err)
	}
	res.Rows, err = scanReturnRequests(rows)
	if err != nil {
		return res, fmt.Errorf("list returns: %w", err)
	}
	return res, nil
}

// OrderReturns is every return asked of the order, oldest first, for its
// page: the shopper follows each from there.
func (s *Store) OrderReturns(ctx context.Context, orderID int64) ([]ReturnRequest, error) {
	rows, err := s.query(ctx, returnRequestColumns+` FROM returns r JOIN orders o ON o.id = r.order_id
		WHERE r.order_id = ? ORDER BY r.created_at, r.id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("order returns: %w", err)
	}
	out, err := scanReturnRequests(rows)
	if err != nil {
		return nil, fmt.Errorf("order returns: %w", err)
	}
	return out, nil
}

// returnRequestColumns selects a ReturnRequest from returns r joined to
// orders o, for scanReturnRequests.
const returnRequestColumns = `
	SELECT r.id, r.order_id, o.number, o.currency, o.email, o.name, r.kind, r.status, r.resolution, r.reason, r.note,
		(SELECT coalesce(sum(quantity), 0) FROM return_lines WHERE return_id = r.id),
		r.refund_amount, r.refund_total, r.refund_method, r.refund_status, coalesce(r.refunded_at, r.updated_at),
		r.version, r.created_at, r.updated_at, coalesce(r.received_at, 0), o.payment_status = 'paid'`

func scanReturnRequests(rows *sql.Rows) ([]ReturnRequest, error) {
	defer rows.Close()
	var out []ReturnRequest
	for rows.Next() {
		var r ReturnRequest
		var refunded, created, updated, received int64
		if err := rows.Scan(&r.ID, &r.OrderID, &r.OrderNumber, &r.Currency, &r.Email, &r.Name, &r.Kind, &r.Status, &r.Resolution,
			&r.Reason, &r.Note, &r.Items, &r.RefundAmount, &r.RefundTotal, &r.RefundMethod, &r.RefundStatus, &refunded,
			&r.Version, &created, &updated, &received, &r.OrderPaid); err != nil {
			return nil, err
		}
		r.RefundedAt = time.Unix(refunded, 0)
		r.CreatedAt, r.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
		if received > 0 {
			r.ReceivedAt = time.Unix(received, 0)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountReturnsToReview is how many return requests wait for a decision,
// for the admin home.
func (s *Store) CountReturnsToReview(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM returns WHERE status = ?`, ReturnRequested).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count returns to review: %w", err)
	}
	return n, nil
}
