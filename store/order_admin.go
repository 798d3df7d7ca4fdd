package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audited order changes made by staff, beside those in order_status.go.
const (
	ActionOrderFulfil = "order.fulfil"
	ActionOrderNote   = "order.note"
)

// FulfillmentToShip is an OrderFilter.Fulfillment value: open orders that
// may go out now (paid, or cash on delivery) and have not all shipped.
// FulfillmentToSetAside is the same for orders collected from the shop,
// which staff set aside at the counter rather than ship.
const (
	FulfillmentToShip     = "to_ship"
	FulfillmentToSetAside = "to_set_aside"
)

// The values of OrderFilter's Status, Payment and Fulfillment, in the
// order the admin's filter offers them.
var (
	OrderFilterStatuses     = []string{OrderOpen, OrderCancelled}
	OrderFilterPayments     = []string{PaymentPending, PaymentPaid, PaymentPartlyRefunded, PaymentRefunded}
	OrderFilterFulfillments = []string{FulfillmentToShip, FulfillmentToSetAside, FulfillmentNone, FulfillmentPartial, FulfillmentDone}
)

// OrderFilter selects a page of the admin's order list; zero fields match
// every order.
type OrderFilter struct {
	Status      string    // OrderOpen or OrderCancelled
	Payment     string    // an OrderFilterPayments value, as FinancialStatus says it
	Fulfillment string    // FulfillmentNone, FulfillmentPartial, FulfillmentDone, FulfillmentToShip or FulfillmentToSetAside
	From        time.Time // placed at or after
	To          time.Time // placed before
	Query       string    // an order number (any case, dash optional), or part of an email or name
	Page        int
	PerPage     int
}

// OrderRow is one order in the admin's list.
type OrderRow struct {
	ID                int64
	Number            string
	CreatedAt         time.Time
	Name              string
	Email             string
	Total             int64
	Currency          string
	Status            string
	PaymentStatus     string
	FulfillmentStatus string
	PaymentMethod     string
	Items             int64 // units bought, over every line
	Refunded          int64 // given back by the order's refunds, in all (ReturnRequest.Refunded)
	Uncollected       int64 // of the total, never charged (Uncollected)
}

// FinancialStatus is the row's payment as the list shows it: paid, partly
// refunded or refunded (FinancialStatus).
func (r OrderRow) FinancialStatus() string {
	return FinancialStatus(r.PaymentStatus, r.Total-r.Uncollected, r.Refunded)
}

// refundedSQL and uncollectedSQL are OrderRow's Refunded and Uncollected
// of the order aliased o, read through the returns' order_id index.
const (
	refundedSQL    = `(SELECT coalesce(sum(r.refund_amount), 0) FROM returns r WHERE r.order_id = o.id AND r.refund_method <> '` + RefundNotCollected + `')`
	uncollectedSQL = `(SELECT coalesce(sum(r.refund_amount), 0) FROM returns r WHERE r.order_id = o.id AND r.refund_method = '` + RefundNotCollected + `')`
)

// OrderListPage is one page of the admin's order list, newest first.
type OrderListPage struct {
	Rows    []OrderRow
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p OrderListPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// toShipCond and toSetAsideCond are FulfillmentToShip and
// FulfillmentToSetAside in SQL, on orders aliased o: for a pickup, cash
// on delivery is paid at the counter, so it too is set aside unpaid.
const (
	readyCond = `o.status = 'open' AND (o.payment_status = 'paid' OR o.payment_method = 'cod')
	AND o.fulfillment_status <> 'fulfilled'`
	toShipCond     = readyCond + ` AND o.shipping_kind <> '` + ShippingPickup + `'`
	toSetAsideCond = readyCond + ` AND o.shipping_kind = '` + ShippingPickup + `'`
)

// where turns f into a condition on orders aliased o. The list is read in
// created_at order through orders_created_idx, so a filter narrows that
// scan rather than sorting the whole table; a full order number is an
// equality on the unique index.
func (f OrderFilter) where() (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, arg ...any) {
		conds, args = append(conds, cond), append(args, arg...)
	}
	if f.Status != "" {
		add(`o.status = ?`, f.Status)
	}
	// Payment as the list's badge says it (FinancialStatus): "Paid" lists
	// the orders paid with nothing refunded, items never charged aside.
	const charged = `(o.total - ` + uncollectedSQL + `)`
	switch f.Payment {
	case "":
	case PaymentPaid:
		add(`o.payment_status = 'paid' AND ` + refundedSQL + ` = 0`)
	case PaymentPartlyRefunded:
		add(`o.payment_status = 'paid' AND ` + refundedSQL + ` BETWEEN 1 AND ` + charged + ` - 1`)
	case PaymentRefunded:
		add(`o.payment_status = 'paid' AND ` + refundedSQL + ` >= ` + charged + ` AND ` + charged + ` > 0`)
	default:
		add(`o.payment_status = ?`, f.Payment)
	}
	switch f.Fulfillment {
	case "":
	case FulfillmentToShip:
		add(toShipCond)
	case FulfillmentToSetAside:
		add(toSetAsideCond)
	default:
		add(`o.fulfillment_status = ?`, f.Fulfillment)
	}
	if !f.From.IsZero() {
		add(`o.created_at >= ?`, f.From.Unix())
	}
	if !f.To.IsZero() {
		add(`o.created_at < ?`, f.To.Unix())
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		pattern, err := containsPattern(q)
		if err != nil {
			return "", nil, err
		}
		cond := `o.number = ? OR o.email LIKE ? ESCAPE '\' OR o.name LIKE ? ESCAPE '\'`
		args := []any{normalizeOrderNumber(q), pattern, pattern}
		// Part of a number, as a bank statement's reference may carry it
		// ("PDL5", "PDL5 94VW"): matched without its dash.
		if part := numberPart(q); part != "" {
			cond += ` OR replace(o.number, '-', '') LIKE ?`
			args = append(args, "%"+part+"%")
		}
		add(`(`+cond+`)`, args...)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// ListOrders returns the page of orders that f selects, newest first, with
// how many there are in all. Each row's units and refunds are summed in
// the same statement, through the order_id indexes of order_lines and
// returns: one query for the page, not one per row.
func (s *Store) ListOrders(ctx context.Context, f OrderFilter) (OrderListPage, error) {
	page := OrderListPage{Page: min(max(f.Page, 1), MaxPage), PerPage: perPageOr(f.PerPage, 50)}
	cond, args, err := f.where()
	if err != nil {
		return page, err
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM orders o`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list orders: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT o.id, o.number, o.created_at, o.name, o.email, o.total, o.currency, o.status, o.payment_status,
			o.fulfillment_status, o.payment_method,
			(SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id),
			`+refundedSQL+`, `+uncollectedSQL+`
		FROM orders o`+cond+` ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`,
		append(args, page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, fmt.Errorf("list orders: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r OrderRow
		var created int64
		if err := rows.Scan(&r.ID, &r.Number, &created, &r.Name, &r.Email, &r.Total, &r.Currency, &r.Status,
			&r.PaymentStatus, &r.FulfillmentStatus, &r.PaymentMethod, &r.Items, &r.Refunded, &r.Uncollected); err != nil {
			return page, fmt.Errorf("list orders: %w", err)
		}
		r.CreatedAt = time.Unix(created, 0)
		page.Rows = append(page.Rows, r)
	}
	return page, rows.Err()
}

// OrderRefunds is the money returns gave back, oldest first, from the
// order's returns as OrderReturns read them (its page reads those anyway).
func OrderRefunds(returns []ReturnRequest) []OrderRefund {
	var out []OrderRefund
	for _, r := range returns {
		if r.RefundAmount > 0 {
			out = append(out, OrderRefund{ReturnID: r.ID, Amount: r.RefundAmount, Method: r.RefundMethod,
				Status: r.RefundStatus, At: r.RefundedAt})
		}
	}
	slices.SortStableFunc(out, func(a, b OrderRefund) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ReturnID, b.ReturnID)) })
	return out
}

// maxOrderNoteLen bounds a staff note, in characters.
const maxOrderNoteLen = 2000

// AddOrderNote adds a staff note to the order's timeline.
func (s *Store) AddOrderNote(ctx context.Context, actor Actor, orderID int64, text string) error {
	text = TrimText(strings.ReplaceAll(text, "\r\n", "\n"))
	switch {
	case text == "":
		return &ValidationError{Fields: map[string]string{"note": "error.order_note_required"}}
	case utf8.RuneCountInString(text) > maxOrderNoteLen:
		return &ValidationError{Fields: map[string]string{"note": "error.order_note_too_long"}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := orderExists(ctx, tx, orderID); err != nil {
			return err
		}
		if err := addOrderEvent(ctx, tx, orderID, EventNote, text, actor, s.Now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderNote, Entity: EntityOrder,
			EntityID: fmt.Sprint(orderID), After: map[string]any{"note": text}})
	})
}

func orderExists(ctx context.Context, tx *sql.Tx, orderID int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM orders WHERE id = ?`, orderID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// numberPart is q as part of an order number, without spaces or dashes
// and in capitals, or "" when it cannot be one: fewer than four letters
// and digits (too many orders would match), or anything else in it.
func numberPart(q string) string {
	part := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(q))
	if len(part) < 4 || len(part) > 8 || strings.IndexFunc(part, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) >= 0 {
		return ""
	}
	return part
}
