package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Return events on the order's timeline; detail is the return's id.
const (
	EventReturnApproved = "return_approved"
	EventReturnRejected = "return_rejected"
	EventReturnReceived = "return_received"
	EventReturnRefunded = "return_refunded"
)

// Audited return steps; the entry's EntityID is the return's id.
const (
	ActionReturnApprove  = "return.approve"
	ActionReturnReject   = "return.reject"
	ActionReturnReceive  = "return.receive"
	ActionReturnRefund   = "return.refund"
	ActionReturnExchange = "return.exchange"
	EntityReturn         = "return"
)

// Return emails: each step tells the shopper; ref_id is the return.
const (
	EmailReturnRequested = "return_requested"
	EmailReturnApproved  = "return_approved"
	EmailReturnRejected  = "return_rejected"
	EmailReturnRefunded  = "return_refunded"
)

// IsReturnEmail reports whether kind is one of a return's emails (a
// cancellation of what had not shipped is told of from its return row).
func IsReturnEmail(kind string) bool {
	switch kind {
	case EmailReturnRequested, EmailReturnApproved, EmailReturnRejected, EmailReturnRefunded, EmailReturnExchanged,
		EmailUnshippedCancelled:
		return true
	}
	return false
}

// queueReturnEmail tells the order's shopper about return id.
func queueReturnEmail(ctx context.Context, tx *sql.Tx, kind string, orderID, id int64, now time.Time) error {
	var email, locale string
	if err := tx.QueryRowContext(ctx, `SELECT email, locale FROM orders WHERE id = ?`, orderID).Scan(&email, &locale); err != nil {
		return fmt.Errorf("return email: %w", err)
	}
	if email == "" { // anonymised
		return nil
	}
	return enqueueEmail(ctx, tx, kind, orderID, id, email, locale, now)
}

// Refund methods of an offline refund, as the owner records it.
var RefundMethods = []string{"bank_transfer", "cash", "other"}

// RefundStripe is a card order's refund, made through Stripe
// (payment.Flows.RefundReturn); its reference is Stripe's refund id.
const RefundStripe = "stripe"

// Conditions of a returned line, as received.
const (
	ConditionResellable = "resellable"
	ConditionDamaged    = "damaged"
)

// maxReturnText bounds the owner's instructions, reasons and references.
const maxReturnText = 2000

// onlyFor is the resolution a move to a status needs: a received refund
// is refunded and a received exchange completed, never the other way.
var onlyFor = map[string]string{ReturnRefunded: ResolutionRefund, ReturnExchanged: ResolutionExchange}

// moveReturn moves return id from one status to the next with a
// conditional UPDATE (two staff pressing the same button move it once:
// the second gets ErrConflict, as does a move its resolution does not
// allow), sets the extra columns, and records the event on the order's
// timeline; it returns the order's id and the return's resolution.
func moveReturn(ctx context.Context, tx *sql.Tx, id int64, from, to, event string, actor Actor, now time.Time,
	set string, args ...any) (orderID int64, resolution string, err error) {
	err = tx.QueryRowContext(ctx, `UPDATE returns SET status = ?, updated_at = ?, version = version + 1`+set+`
		WHERE id = ? AND status = ? AND ? IN ('', resolution) RETURNING order_id, resolution`,
		append(append([]any{to, now.Unix()}, args...), id, from, onlyFor[to])...).Scan(&orderID, &resolution)
	if errors.Is(err, sql.ErrNoRows) {
		var n int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM returns WHERE id = ?`, id).Scan(&n)
		if n == 0 {
			return 0, "", ErrNotFound
		}
		return 0, "", ErrConflict
	}
	if err != nil {
		return 0, "", fmt.Errorf("return %s: %w", to, err)
	}
	if err := addOrderEvent(ctx, tx, orderID, event, strconv.FormatInt(id, 10), actor, now); err != nil {
		return 0, "", err
	}
	return orderID, resolution, nil
}

// auditReturn records a return's step by actor: the status it left, the
// one it took and what else the step set.
func (s *Store) auditReturn(ctx context.Context, tx *sql.Tx, actor Actor, action string, id int64, from, to string,
	set map[string]any) error {
	after := map[string]any{"status": to}
	maps.Copy(after, set)
	return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: EntityReturn, EntityID: strconv.FormatInt(id, 10),
		Before: map[string]any{"status": from}, After: after})
}

func checkReturnText(field, s string, required bool) error {
	switch {
	case required && s == "":
		return &ValidationError{Fields: map[string]string{field: "error.required"}}
	case utf8.RuneCountInString(s) > maxReturnText:
		return &ValidationError{Fields: map[string]string{field: "error.too_long"}}
	}
	return nil
}

// ApproveReturn accepts a requested return, with the instructions (where
// and how to send the items) the shopper then sees.
func (s *Store) ApproveReturn(ctx context.Context, actor Actor, id int64, instructions string) error {
	instructions = TrimText(instructions)
	if err := checkReturnText("instructions", instructions, false); err != nil {
		return err
	}
	exchanged := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		orderID, resolution, err := moveReturn(ctx, tx, id, ReturnRequested, ReturnApproved, EventReturnApproved, actor, now,
			`, instructions = ?, decided_at = ?`, instructions, now.Unix())
		if err != nil {
			return err
		}
		set := map[string]any{"instructions": instructions}
		if resolution == ResolutionExchange {
			replacement, err := createExchangeOrder(ctx, tx, id, orderID, now)
			if err != nil {
				return err
			}
			exchanged = true
			set["exchange_order_id"] = replacement
		}
		if err := s.auditReturn(ctx, tx, actor, ActionReturnApprove, id, ReturnRequested, ReturnApproved, set); err != nil {
			return err
		}
		return queueReturnEmail(ctx, tx, EmailReturnApproved, orderID, id, now)
	})
	if exchanged {
		s.bumpStock() // the replacement took stock
	}
	return err
}

// RejectReturn declines a requested return with the reason the shopper
// sees. A return no longer requested is ErrConflict whatever the reason
// says: its page no longer has the form the reason's message would stand
// beside.
func (s *Store) RejectReturn(ctx context.Context, actor Actor, id int64, reason string) error {
	reason = TrimText(reason)
	bad := checkReturnText("reject_reason", reason, true)
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		orderID, _, err := moveReturn(ctx, tx, id, ReturnRequested, ReturnRejected, EventReturnRejected, actor, now,
			`, reject_reason = ?, decided_at = ?`, reason, now.Unix())
		if err != nil {
			return err
		}
		if bad != nil {
			return bad // the move is undone with the transaction
		}
		if err := s.auditReturn(ctx, tx, actor, ActionReturnReject, id, ReturnRequested, ReturnRejected,
			map[string]any{"reject_reason": reason}); err != nil {
			return err
		}
		return queueReturnEmail(ctx, tx, EmailReturnRejected, orderID, id, now)
	})
}

// ReceiveReturn records the parcel back, each line's condition by order
// line (a line not named is resellable): resellable units go back to
// stock, once, whatever happens to the return after.
func (s *Store) ReceiveReturn(ctx context.Context, actor Actor, id int64, conditions map[int64]string) error {
	for line, c := range conditions {
		if c != ConditionResellable && c != ConditionDamaged {
			return &ValidationError{Fields: map[string]string{"condition_" + strconv.FormatInt(line, 10): "returns.error.condition"}}
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		if _, _, err := moveReturn(ctx, tx, id, ReturnApproved, ReturnReceived, EventReturnReceived, actor, now,
			`, received_at = ?`, now.Unix()); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT order_line_id FROM return_lines WHERE return_id = ?`, id)
		if err != nil {
			return err
		}
		var lines []int64
		for rows.Next() {
			var l int64
			if err := rows.Scan(&l); err != nil {
				rows.Close()
				return err
			}
			lines = append(lines, l)
		}
		rows.Close()
		received := map[int64]string{} // by order line
		for _, l := range lines {
			c := conditions[l]
			if c == "" {
				c = ConditionResellable
			}
			if _, err := tx.ExecContext(ctx, `UPDATE return_lines SET condition = ? WHERE return_id = ? AND order_line_id = ?`,
				c, id, l); err != nil {
				return err
			}
			received[l] = c
		}
		if err := s.auditReturn(ctx, tx, actor, ActionReturnReceive, id, ReturnApproved, ReturnReceived,
			map[string]any{"conditions": received}); err != nil {
			return err
		}
		// restocked flips once, so stock comes back once.
		_, err = tx.ExecContext(ctx, `UPDATE variants SET stock = stock + (
				SELECT sum(rl.quantity) FROM return_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id
				WHERE rl.return_id = ?1 AND rl.condition = 'resellable' AND rl.restocked = 0 AND ol.variant_id = variants.id)
			WHERE id IN (SELECT ol.variant_id FROM return_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id
				WHERE rl.return_id = ?1 AND rl.condition = 'resellable' AND rl.restocked = 0)`, id)
		if err != nil {
			return fmt.Errorf("restock: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE return_lines SET restocked = 1 WHERE return_id = ? AND condition = 'resellable'`, id)
		return err
	})
	if err == nil {
		s.bumpStock()
	}
	return err
}

// RefundReturn records the refund of a received return paid offline (the
// method and the shop's reference), once: the amount is the quote frozen
// on the request; the points its lines earned are taken back and the
// points that paid them given back to their lots; the tier is worked out
// again. An order not paid yet (cash on delivery not collected, a
// transfer not arrived) has nothing to refund: the owner marks it paid
// first.
func (s *Store) RefundReturn(ctx context.Context, actor Actor, id int64, method, reference string) error {
	reference = TrimText(reference)
	if !slices.Contains(RefundMethods, method) && method != RefundStripe {
		return &ValidationError{Fields: map[string]string{"refund_method": "returns.error.refund_method"}}
	}
	if err := checkReturnText("refund_reference", reference, false); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var paid bool
		err := tx.QueryRowContext(ctx, `SELECT o.payment_status = 'paid' FROM returns r JOIN orders o ON o.id = r.order_id
			WHERE r.id = ?`, id).Scan(&paid)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("refund return: %w", err)
		}
		if !paid {
			return &ValidationError{Fields: map[string]string{"refund_method": "admin.return.unpaid"}}
		}
		// An exchange is not refunded: CompleteExchange ends it (onlyFor).
		orderID, _, err := moveReturn(ctx, tx, id, ReturnReceived, ReturnRefunded, EventReturnRefunded, actor, now,
			`, refund_amount = refund_total, refund_method = ?, refund_reference = ?, refunded_at = ?`, method, reference, now.Unix())
		if err != nil {
			return err
		}
		if err := refundPoints(ctx, tx, orderID, id, now); err != nil {
			return err
		}
		var amount int64
		if err := tx.QueryRowContext(ctx, `SELECT refund_amount FROM returns WHERE id = ?`, id).Scan(&amount); err != nil {
			return fmt.Errorf("refund return: %w", err)
		}
		if err := s.auditReturn(ctx, tx, actor, ActionReturnRefund, id, ReturnReceived, ReturnRefunded, map[string]any{
			"refund_amount": amount, "refund_method": method, "refund_reference": reference}); err != nil {
			return err
		}
		return queueReturnEmail(ctx, tx, EmailReturnRefunded, orderID, id, now)
	})
}

// refundPoints settles return id's points as it is refunded: the points
// its lines earned are taken back, those that paid them given back, the
// months of a tier its units bought end, and the customer's tier is
// worked out again.
func refundPoints(ctx context.Context, tx *sql.Tx, orderID, id int64, now time.Time) error {
	var back, restored int64
	if err := tx.QueryRowContext(ctx, `SELECT points_back, points_restored FROM returns WHERE id = ?`, id).Scan(&back, &restored); err != nil {
		return err
	}
	if err := returnPoints(ctx, tx, orderID, restored, back, now); err != nil {
		return err
	}
	return endPaidUnits(ctx, tx, orderID, "refund", now)
}

// ReturnAnswerDays is how long a request may wait: unanswered by then, it
// is approved (the owner's instructions can follow).
const ReturnAnswerDays = 7

// ApproveOverdueReturns approves the requests nobody answered within
// ReturnAnswerDays and returns how many.
func (s *Store) ApproveOverdueReturns(ctx context.Context) (int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM returns WHERE status = 'requested' AND created_at <= ?`,
		s.Now().AddDate(0, 0, -ReturnAnswerDays).Unix())
	if err != nil {
		return 0, fmt.Errorf("overdue returns: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	n := 0
	for _, id := range ids {
		switch err := s.ApproveReturn(ctx, Actor{Email: "system"}, id, ""); {
		case err == nil:
			n++
		case errors.Is(err, ErrConflict): // someone answered it meanwhile
		case errors.As(err, new(*ValidationError)):
			// An exchange without the stock waits for the owner.
		default:
			return n, err
		}
	}
	return n, rows.Err()
}

// EventDelivered is the owner marking an order's parcel delivered, and
// ActionOrderMarkDelivered its audit entry.
const (
	EventDelivered           = "delivered"
	ActionOrderMarkDelivered = "order.mark_delivered"
)

// MarkDelivered records that a shipped order has arrived: its return
// window runs from today, and its points wait for that window. Once.
func (s *Store) MarkDelivered(ctx context.Context, actor Actor, orderID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		res, err := tx.ExecContext(ctx, `UPDATE orders SET delivered_at = ?, updated_at = ?
			WHERE id = ? AND delivered_at IS NULL AND fulfillment_status = 'fulfilled' AND status <> 'cancelled'`,
			now.Unix(), now.Unix(), orderID)
		if err != nil {
			return fmt.Errorf("mark delivered: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var n int
			tx.QueryRowContext(ctx, `SELECT count(*) FROM orders WHERE id = ?`, orderID).Scan(&n)
			if n == 0 {
				return ErrNotFound
			}
			return ErrConflict
		}
		l, err := readLoyalty(ctx, tx.QueryContext)
		if err != nil {
			return err
		}
		// The points wait for the window from delivery, not from shipping.
		if _, err := tx.ExecContext(ctx, `UPDATE points_lots SET available_at = ? WHERE order_id = ? AND available_at > ?`,
			now.AddDate(0, 0, int(l.ReturnDays+l.MarginDays)).Unix(), orderID, now.Unix()); err != nil {
			return err
		}
		if err := addOrderEvent(ctx, tx, orderID, EventDelivered, "", actor, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderMarkDelivered, Entity: EntityOrder,
			EntityID: strconv.FormatInt(orderID, 10), After: map[string]any{"delivered_at": now}})
	})
}
