-- Staff cancel what a partly shipped order has not shipped
-- (store/order_cancel_unshipped.go). Each line counts its cancelled units
-- beside its shipped ones; a unit is shipped, cancelled or still to ship,
-- never two of them. SQLite cannot add a CHECK to the table, but a new
-- column's CHECK may name the others, and it holds on every update of
-- either count.
ALTER TABLE order_lines ADD COLUMN cancelled_quantity INTEGER NOT NULL DEFAULT 0
	CHECK (cancelled_quantity >= 0 AND fulfilled_quantity + cancelled_quantity <= quantity);

-- The cancelled units' money and points go back through a return row of
-- their own kind, so that every sum of refunds (the payment box, the
-- orders CSV, the customer list's spent, tiers) counts it; return
-- statistics leave it out, as nothing came back. An order has one at most:
-- once its unshipped units are cancelled it has nothing left to ship.
ALTER TABLE returns ADD COLUMN kind TEXT NOT NULL DEFAULT 'return'
	CHECK (kind IN ('return', 'unshipped') AND (kind = 'return' OR resolution = 'refund'));
CREATE UNIQUE INDEX returns_unshipped_idx ON returns(order_id) WHERE kind = 'unshipped';
