package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AwaitsCollection reports whether o is an open pickup that staff set
// aside, in part or whole, and its shopper has not collected. Nothing of
// it has left the shop, so staff may cancel it as a no-show like an order
// not yet shipped (CancelOrderSeen); once collected it can only come back
// through a return.
func (o *Order) AwaitsCollection() bool {
	return o.Status == OrderOpen && o.ShippingKind == ShippingPickup &&
		o.FulfillmentStatus != FulfillmentNone && o.DeliveredAt.IsZero()
}

// restockSetAside puts back in stock what staff set aside of cancelled
// pickup orderID: cancelOrder restocks only what was still to ship, and
// these units never left the shop's shelves. The lines keep their set
// aside quantities, so the order still tells what was set aside.
func restockSetAside(ctx context.Context, tx *sql.Tx, orderID int64) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE variants SET stock = stock + (
			SELECT sum(l.fulfilled_quantity) FROM order_lines l
			WHERE l.order_id = ? AND l.variant_id = variants.id)
		WHERE id IN (SELECT variant_id FROM order_lines WHERE order_id = ? AND fulfilled_quantity > 0)`,
		orderID, orderID)
	if err != nil {
		return fmt.Errorf("restock set aside: %w", err)
	}
	return nil
}
