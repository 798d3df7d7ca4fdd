package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxTrackingLen bounds the carrier and the tracking number, in characters.
const maxTrackingLen = 200

// FulfilQtyField is the fulfil form's quantity field of an order line, the
// field a ValidationError names for that line: "qty_12".
func FulfilQtyField(lineID int64) string { return "qty_" + strconv.FormatInt(lineID, 10) }

// ErrShippedSince means the fulfil form was shown before a parcel that is
// now recorded: the same form sent twice, or two staff at once. Shipping
// what it says would ship twice. An ErrConflict, told apart so staff see
// why.
var ErrShippedSince = fmt.Errorf("%w: a parcel was recorded since the form was shown", ErrConflict)

// ShippedUnits is how many units of the lines have shipped: what a fulfil
// form was shown with, for FulfillOrderSeen.
func ShippedUnits(lines []OrderLine) int64 {
	var n int64
	for _, l := range lines {
		n += l.FulfilledQuantity
	}
	return n
}

// FulfillOrder records a parcel: qty says how many of each order line go
// in it (a line absent or at 0 stays behind); a nil qty ships everything
// not yet shipped. It refuses a cancelled order (ErrConflict) and more than
// a line has left to ship (a ValidationError on the line's FulfilQtyField),
// moves the order to partial or fulfilled, and queues the shipped email.
func (s *Store) FulfillOrder(ctx context.Context, actor Actor, orderID int64, qty map[int64]int64,
	carrier, tracking string) (fulfillmentID int64, err error) {
	return s.FulfillOrderSeen(ctx, actor, orderID, -1, qty, carrier, tracking)
}

// FulfillOrderSeen is FulfillOrder for a form shown when the order had
// shipped units (ShippedUnits): once more have shipped it records nothing
// and answers ErrShippedSince, so a form sent twice ships once. A negative
// shipped (a form that did not say) checks nothing.
func (s *Store) FulfillOrderSeen(ctx context.Context, actor Actor, orderID, shipped int64, qty map[int64]int64,
	carrier, tracking string) (fulfillmentID int64, err error) {
	carrier, tracking = TrimText(carrier), TrimText(tracking)
	v := &ValidationError{}
	if utf8.RuneCountInString(carrier) > maxTrackingLen {
		v.Add("carrier", "error.order_field_too_long")
	}
	if utf8.RuneCountInString(tracking) > maxTrackingLen {
		v.Add("tracking_number", "error.order_field_too_long")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var status, before string
		err := tx.QueryRowContext(ctx, `SELECT status, fulfillment_status FROM orders WHERE id = ?`, orderID).
			Scan(&status, &before)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status == OrderCancelled {
			return ErrConflict
		}
		lines, err := orderLines(ctx, tx.QueryContext, orderID)
		if err != nil {
			return err
		}
		// Inside the write transaction, so of two sends at once the second
		// sees the first one's parcel.
		if shipped >= 0 && ShippedUnits(lines) != shipped {
			return ErrShippedSince
		}
		parcel, err := parcelLines(lines, qty)
		if err != nil {
			return err
		}
		now := s.Now()
		if fulfillmentID, err = insertFulfillment(ctx, tx, orderID, parcel, carrier, tracking, actor, now); err != nil {
			return err
		}
		var after, email, locale string
		err = tx.QueryRowContext(ctx, `
			UPDATE orders SET updated_at = ?, fulfillment_status = `+fulfillmentNow+`
			WHERE id = ? RETURNING fulfillment_status, email, locale`, now.Unix(), orderID).Scan(&after, &email, &locale)
		if err != nil {
			return fmt.Errorf("fulfil: %w", err)
		}
		if err := addOrderEvent(ctx, tx, orderID, EventFulfilled, strings.TrimSpace(carrier+" "+tracking), actor, now); err != nil {
			return err
		}
		if after == FulfillmentDone {
			if err := pointsShipped(ctx, tx, orderID, now); err != nil {
				return err
			}
		}
		if err := enqueueEmail(ctx, tx, EmailShipped, orderID, fulfillmentID, email, locale, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionOrderFulfil, Entity: EntityOrder,
			EntityID: fmt.Sprint(orderID), Before: map[string]any{"fulfillment_status": before},
			After: map[string]any{"fulfillment_status": after, "fulfillment_id": fulfillmentID,
				"lines": parcel, "carrier": carrier, "tracking_number": tracking}})
	})
	return fulfillmentID, err
}

// fulfillmentNow is an order's fulfillment status worked out from its
// lines, in an UPDATE of orders: fulfilled once every unit not cancelled
// has shipped.
const fulfillmentNow = `CASE WHEN EXISTS (SELECT 1 FROM order_lines
	WHERE order_id = orders.id AND fulfilled_quantity + cancelled_quantity < quantity) THEN 'partial' ELSE 'fulfilled' END`

// parcelLines checks the quantities asked for against what each line has
// left and returns the parcel's lines in order-line order.
func parcelLines(lines []OrderLine, qty map[int64]int64) ([]FulfillmentLine, error) {
	v := &ValidationError{}
	known := make(map[int64]bool, len(lines))
	var parcel []FulfillmentLine
	for _, l := range lines {
		known[l.ID] = true
		n := qty[l.ID]
		if qty == nil {
			n = l.Unfulfilled()
		}
		switch {
		case n < 0:
			v.Add(FulfilQtyField(l.ID), "error.fulfil_quantity")
		case n > l.Unfulfilled():
			v.Add(FulfilQtyField(l.ID), "error.fulfil_too_many")
		case n > 0:
			parcel = append(parcel, FulfillmentLine{OrderLineID: l.ID, Quantity: n})
		}
	}
	for id := range qty {
		if !known[id] {
			v.Add(FulfilQtyField(id), "error.fulfil_unknown_line")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(parcel) == 0 {
		return nil, &ValidationError{Fields: map[string]string{"lines": "error.fulfil_nothing"}}
	}
	return parcel, nil
}

// insertFulfillment writes the parcel and counts its units as shipped. The
// conditional update is the guard that holds however the quantities were
// checked before: a line never ships more than was bought, nor a unit
// staff cancelled.
func insertFulfillment(ctx context.Context, tx *sql.Tx, orderID int64, parcel []FulfillmentLine,
	carrier, tracking string, actor Actor, now time.Time) (int64, error) {
	var staffID sql.NullInt64
	if actor.StaffID != 0 {
		staffID = sql.NullInt64{Int64: actor.StaffID, Valid: true}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO fulfillments (order_id, carrier, tracking_number, staff_id, created_at) VALUES (?, ?, ?, ?, ?)
		RETURNING id`, orderID, carrier, tracking, staffID, now.Unix()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert fulfillment: %w", err)
	}
	for _, l := range parcel {
		res, err := tx.ExecContext(ctx, `
			UPDATE order_lines SET fulfilled_quantity = fulfilled_quantity + ?
			WHERE id = ? AND order_id = ? AND quantity - fulfilled_quantity - cancelled_quantity >= ?`,
			l.Quantity, l.OrderLineID, orderID, l.Quantity)
		if err != nil {
			return 0, fmt.Errorf("fulfil line: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, &ValidationError{Fields: map[string]string{FulfilQtyField(l.OrderLineID): "error.fulfil_too_many"}}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO fulfillment_lines (fulfillment_id, order_line_id, quantity) VALUES (?, ?, ?)`,
			id, l.OrderLineID, l.Quantity); err != nil {
			return 0, fmt.Errorf("insert fulfillment line: %w", err)
		}
	}
	return id, nil
}
