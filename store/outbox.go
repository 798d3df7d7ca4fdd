package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
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
