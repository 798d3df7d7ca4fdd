package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Audited order changes made by staff.
const (
	ActionOrderMarkPaid = "order.mark_paid"
	ActionOrderCancel   = "order.cancel"
	EntityOrder         = "order"
)

// MarkPaid records that staff received an offline payment for an open
// order. It answers ErrStripeOrder for a card order, whatever its state
// (only Stripe can say it is paid), ErrConflict for a cancelled offline
// order, and does nothing (false) for one already paid, so a double click is
// harmless.
func (s *Store) MarkPaid(ctx context.Context, actor Actor, orderID int64) (changed bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var status, payment, method string
		err := tx.QueryRowContext(ctx, `SELECT status, payment_status, payment_method FROM orders WHERE id = ?`,
			orderID).Scan(&status, &payment, &method)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if method == PayStripe {
			return ErrStripeOrder
		}
		if status == OrderCancelled {
			return ErrConflict
		}
		now := s.Now()
		if changed, err = markPaid(ctx, tx, orderID, "", actor, now); err != nil || !changed {
			return err
		}
		if err := settleUncollected(ctx, tx, orderID, actor, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderMarkPaid, Entity: EntityOrder,
			EntityID: fmt.Sprint(orderID), Before: map[string]any{"payment_status": payment},
			After: map[string]any{"payment_status": PaymentPaid}})
	})
	return changed, err
}

// markPaid sets the order paid once: the conditional update makes a second
// call (a replayed webhook, the redirect racing the webhook) change nothing.
// A payment that arrives for a cancelled order (a card paid on Stripe's
// page as staff cancelled) is still recorded, since the money has been
// taken. Its refund is recorded too, listed where staff refund
// (refundCancelled), and the shopper gets the cancellation's email again,
// which tells a paid order's shopper that the refund follows. The payment's
// own email would say the order goes ahead.
func markPaid(ctx context.Context, tx *sql.Tx, orderID int64, paymentIntent string, actor Actor, now time.Time) (bool, error) {
	var email, locale, status string
	err := tx.QueryRowContext(ctx, `
		UPDATE orders SET payment_status = 'paid', paid_at = ?, updated_at = ?,
			stripe_payment_intent = CASE WHEN ? <> '' THEN ? ELSE stripe_payment_intent END
		WHERE id = ? AND payment_status = 'pending'
		RETURNING email, locale, status`,
		now.Unix(), now.Unix(), paymentIntent, paymentIntent, orderID).Scan(&email, &locale, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("mark paid: %w", err)
	}
	detail := "manual"
	if paymentIntent != "" {
		detail = "stripe"
	}
	if status == OrderCancelled {
		detail += ";after_cancel"
	}
	if err := addOrderEvent(ctx, tx, orderID, EventPaid, detail, actor, now); err != nil {
		return false, err
	}
	if status == OrderCancelled {
		if _, err := refundCancelled(ctx, tx, orderID, now); err != nil {
			return false, err
		}
		return true, enqueueEmail(ctx, tx, EmailCancelled, orderID, 0, email, locale, now)
	}
	if err := earnPoints(ctx, tx, orderID, now); err != nil {
		return false, err
	}
	if err := grantPaidTiers(ctx, tx, orderID, now); err != nil {
		return false, err
	}
	if err := recalcOrderTier(ctx, tx, orderID, "paid", now); err != nil {
		return false, err
	}
	return true, enqueueEmail(ctx, tx, EmailPaymentReceived, orderID, 0, email, locale, now)
}

// ErrPaidSince means the cancel form was shown before the order's payment
// arrived (staff marked it paid, Stripe's webhook came in): cancelling it
// now would leave a refund to make that nobody chose. It is an ErrConflict,
// told apart so that staff see why.
var ErrPaidSince = fmt.Errorf("%w: the order was paid since the form was shown", ErrConflict)

// CancelOrder cancels an open order for staff and gives back its stock;
// see CancelOrderSeen, which it is without the form's check.
func (s *Store) CancelOrder(ctx context.Context, actor Actor, orderID int64) error {
	_, err := s.CancelOrderSeen(ctx, actor, orderID, "")
	return err
}

// CancelOrderSeen cancels an open order for staff and gives back its
// stock. A paid order's payment goes back: its refund is recorded
// (refundCancelled), and the row's id is returned (0 when nothing is
// owed). payment is the payment status the cancel form was shown with.
// Once that has changed (the order was paid meanwhile), nothing is
// cancelled and the answer is ErrPaidSince. An empty payment (a form that
// did not say) checks nothing.
//
// An order of which anything has shipped cannot be cancelled
// (ErrConflict): what shipped comes back through a return, with its
// share of the money and points, where a cancel gave back every point
// the order redeemed and took back every point it earned, for goods the
// shopper keeps, and then refused their return; what has not shipped of
// it is cancelled by CancelUnshipped. A pickup set aside and never
// collected (AwaitsCollection) has shipped nothing: it is cancelled whole,
// what was set aside going back in stock too. Cancelling a cancelled one
// does nothing.
func (s *Store) CancelOrderSeen(ctx context.Context, actor Actor, orderID int64, payment string) (refundID int64, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		o, err := scanOrder(tx.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, orderID))
		if err != nil {
			return err
		}
		status, paid, noShow := o.Status, o.PaymentStatus, o.AwaitsCollection()
		if status == OrderCancelled {
			return nil
		}
		if o.FulfillmentStatus != FulfillmentNone && !noShow {
			return ErrConflict
		}
		// Inside the write transaction, so a payment recorded at the same
		// moment is either seen here or waits for the cancel and finds
		// the order cancelled.
		if payment != "" && payment != paid {
			return ErrPaidSince
		}
		if err := checkNotReplacement(ctx, tx, orderID); err != nil {
			return err
		}
		now := s.Now()
		if _, err := cancelOrder(ctx, tx, orderID, CancelStaff, actor, now, false); err != nil {
			return err
		}
		if noShow {
			if err := restockSetAside(ctx, tx, orderID); err != nil {
				return err
			}
		}
		if paid == PaymentPaid {
			if refundID, err = refundCancelled(ctx, tx, orderID, now); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderCancel, Entity: EntityOrder,
			EntityID: fmt.Sprint(orderID), Before: map[string]any{"status": status, "payment_status": paid, "fulfillment_status": o.FulfillmentStatus},
			After: map[string]any{"status": OrderCancelled, "refund_id": refundID}})
	})
	if err == nil {
		s.bumpStock()
	}
	return refundID, err
}

// checkNotReplacement is ErrReplacementOrder for an order that sends an
// exchange's replacement, which must go out whole: it is made when the
// exchange is approved, and an approved exchange is never undone (not
// cancelled, not refunded; once completed, the shopper's item is back with
// the shop), so without it the shopper would have neither item.
func checkNotReplacement(ctx context.Context, tx *sql.Tx, orderID int64) error {
	var exchanges int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM returns WHERE exchange_order_id = ?`,
		orderID).Scan(&exchanges); err != nil {
		return fmt.Errorf("replacement order: %w", err)
	}
	if exchanges > 0 {
		return ErrReplacementOrder
	}
	return nil
}

// cancelOrder cancels an open order and returns the stock of what is
// still to ship (units cancelled before shipping already gave theirs). With
// unpaidOnly it leaves a paid order alone (an expiry must never cancel an
// order whose payment just arrived), and one staff have begun to ship:
// they chose to send it before the money came, and a parcel on its way
// cannot be cancelled. It reports whether it cancelled. Without unpaidOnly
// the caller records the refund a paid order is owed (refundCancelled), as
// CancelOrderSeen does.
func cancelOrder(ctx context.Context, tx *sql.Tx, orderID int64, reason string, actor Actor, now time.Time, unpaidOnly bool) (bool, error) {
	var email, locale string
	err := tx.QueryRowContext(ctx, `
		UPDATE orders SET status = 'cancelled', cancel_reason = ?, cancelled_at = ?, updated_at = ?
		WHERE id = ? AND status = 'open' AND (? = 0 OR (`+expirable+`))
		RETURNING email, locale`,
		reason, now.Unix(), now.Unix(), orderID, unpaidOnly).Scan(&email, &locale)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cancel order: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE variants SET stock = stock + (
			SELECT sum(l.quantity - l.fulfilled_quantity - l.cancelled_quantity) FROM order_lines l
			WHERE l.order_id = ? AND l.variant_id = variants.id)
		WHERE id IN (SELECT variant_id FROM order_lines WHERE order_id = ? AND quantity > fulfilled_quantity + cancelled_quantity)`,
		orderID, orderID)
	if err != nil {
		return false, fmt.Errorf("return stock: %w", err)
	}
	if err := releasePromotions(ctx, tx, orderID); err != nil {
		return false, err
	}
	if err := cancelPoints(ctx, tx, orderID, now); err != nil {
		return false, err
	}
	if err := fitPaidTiers(ctx, tx, orderID, now); err != nil {
		return false, err
	}
	if err := recalcOrderTier(ctx, tx, orderID, "cancelled", now); err != nil {
		return false, err
	}
	if err := addOrderEvent(ctx, tx, orderID, EventCancelled, reason, actor, now); err != nil {
		return false, err
	}
	return true, enqueueEmail(ctx, tx, EmailCancelled, orderID, 0, email, locale, now)
}

// ExpiringOrder is an unpaid order past its time.
type ExpiringOrder struct {
	ID              int64
	Number          string
	PaymentMethod   string
	StripeSessionID string
}

// expirable is the orders an expiry may cancel (cancelOrder's unpaidOnly):
// open, unpaid, nothing shipped. Order.PayBy says the same of one order,
// for the pages that tell its deadline.
const expirable = `status = 'open' AND payment_status = 'pending' AND fulfillment_status = 'unfulfilled'`

// PayBy is when the order is cancelled unless paid by then, zero when it
// will not be: it never expires, is paid or cancelled, or staff began to
// ship it, which no expiry undoes (expirable). Pages show a deadline only
// through it, so that none threatens a cancellation that will not come.
func (o *Order) PayBy() time.Time {
	if !o.AwaitingPayment() || o.FulfillmentStatus != FulfillmentNone {
		return time.Time{}
	}
	return o.ExpiresAt
}

// DueExpiries lists open unpaid orders with nothing shipped (expirable)
// whose time ran out by now, at most
// limit of them: offline ones first, then Stripe's, oldest first. Stripe
// orders may have to wait for Stripe (the job leaves them for its next
// run), and a backlog of them must not hold the others up.
func (s *Store) DueExpiries(ctx context.Context, now time.Time, limit int) ([]ExpiringOrder, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT id, number, payment_method, stripe_session_id FROM orders
		WHERE `+expirable+` AND expires_at IS NOT NULL AND expires_at <= ?
		ORDER BY payment_method = 'stripe', expires_at LIMIT ?`, now.Unix(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ExpiringOrder
	for rows.Next() {
		var e ExpiringOrder
		if err := rows.Scan(&e.ID, &e.Number, &e.PaymentMethod, &e.StripeSessionID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExpireOrder cancels an unpaid order whose time ran out and gives its
// stock back. It reports false when the order was paid or cancelled in the
// meantime, and leaves it alone.
func (s *Store) ExpireOrder(ctx context.Context, orderID int64, reason string) (expired bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		expired, err = cancelOrder(ctx, tx, orderID, reason, Actor{}, s.Now(), true)
		return err
	})
	if expired {
		s.bumpStock()
	}
	return expired, err
}

// SetStripeSession records the Checkout Session that pays the order.
func (s *Store) SetStripeSession(ctx context.Context, orderID int64, sessionID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE orders SET stripe_session_id = ?, updated_at = ? WHERE id = ?`,
			sessionID, s.Now().Unix(), orderID)
		if err != nil {
			return err
		}
		return addOrderEvent(ctx, tx, orderID, EventPayment, "stripe_session", Actor{}, s.Now())
	})
}

// StripePaid records that the Checkout Session was paid (from the
// webhook or the shopper's return), once. eventID, when not empty, is the
// Stripe event's id: an event seen before changes nothing.
func (s *Store) StripePaid(ctx context.Context, eventID string, session StripeSession) (changed bool, err error) {
	err = s.stripeEvent(ctx, eventID, "checkout.session.completed", func(tx *sql.Tx, now time.Time) error {
		id, err := orderBySession(ctx, tx, session, false)
		if err != nil {
			return err
		}
		changed, err = markPaid(ctx, tx, id, session.PaymentIntent, Actor{}, now)
		return err
	})
	return changed, err
}

// StripeExpired cancels the unpaid order of the Checkout Session,
// which Stripe has expired, and gives its stock back; a paid order is left
// alone. eventID deduplicates as in StripePaid.
func (s *Store) StripeExpired(ctx context.Context, eventID string, session StripeSession) (cancelled bool, err error) {
	return s.stripeCancel(ctx, eventID, "checkout.session.expired", session, CancelStripe)
}

// StripePaymentFailed cancels the unpaid order whose delayed payment (a
// bank debit) failed after its Checkout Session completed, and gives its
// stock back, as StripeExpired does.
func (s *Store) StripePaymentFailed(ctx context.Context, eventID string, session StripeSession) (cancelled bool, err error) {
	return s.stripeCancel(ctx, eventID, "checkout.session.async_payment_failed", session, CancelPaymentFailed)
}

func (s *Store) stripeCancel(ctx context.Context, eventID, typ string, session StripeSession, reason string) (cancelled bool, err error) {
	err = s.stripeEvent(ctx, eventID, typ, func(tx *sql.Tx, now time.Time) error {
		id, err := orderBySession(ctx, tx, session, true)
		if errors.Is(err, ErrNotFound) {
			return nil // a session the order has since replaced: its expiry cancels nothing
		}
		if err != nil {
			return err
		}
		cancelled, err = cancelOrder(ctx, tx, id, reason, Actor{}, now, true)
		return err
	})
	if cancelled {
		s.bumpStock()
	}
	return cancelled, err
}

// stripeEvent runs fn in one transaction with recording eventID, so an
// event is handled exactly once even when Stripe delivers it twice or the
// process dies halfway.
func (s *Store) stripeEvent(ctx context.Context, eventID, typ string, fn func(*sql.Tx, time.Time) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		if eventID != "" {
			res, err := tx.ExecContext(ctx, `INSERT INTO stripe_events (id, type, received_at) VALUES (?, ?, ?)
				ON CONFLICT (id) DO NOTHING`, eventID, typ, now.Unix())
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
		}
		return fn(tx, now)
	})
}

// StripeSession names a Checkout Session and the order it pays: the
// session's client_reference_id is the order number, so an event that
// overtakes SetStripeSession still finds its order.
type StripeSession struct {
	ID            string
	OrderNumber   string
	PaymentIntent string
}

// orderBySession finds the order ss pays. Any session of the order counts
// for a payment; with current, only the order's latest session (or any,
// before one is recorded), so that an abandoned session expiring does not
// cancel an order the shopper is paying through a new one.
func orderBySession(ctx context.Context, tx *sql.Tx, ss StripeSession, current bool) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `
		SELECT id FROM orders WHERE payment_method = 'stripe'
			AND ((stripe_session_id = ? AND stripe_session_id <> '') OR number = ?)
			AND (? = 0 OR stripe_session_id IN ('', ?))
		LIMIT 1`, ss.ID, ss.OrderNumber, current, ss.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}
