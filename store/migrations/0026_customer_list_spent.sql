-- Paying or cancelling an order (or changing its total) worked its
-- customer's whole row of customer_list out afresh (customer_list_stale:
-- three reads of all their orders, a delete and an insert), which took
-- marking an order paid, as a card payment's webhook does, from about 330
-- to 490 µs. Those change only what the customer spent, by the order's
-- part of it, so they now add the difference to the row. An order the row
-- does not count yet (placed since the list was last read) may so be added
-- early: its customer's row is worked out afresh when the list catches up
-- with it, before anyone reads it.
DROP TRIGGER customer_list_order_changed;

CREATE TRIGGER customer_list_order_moved AFTER UPDATE OF email, name, created_at ON orders
WHEN NEW.email IS NOT OLD.email OR NEW.name IS NOT OLD.name OR NEW.created_at IS NOT OLD.created_at
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(OLD.email)), (lower(NEW.email));
END;

-- Not when the update also moved the order (above), which counts it whole.
CREATE TRIGGER customer_list_order_spent AFTER UPDATE OF total, payment_status, status ON orders
WHEN NEW.email IS OLD.email AND NEW.name IS OLD.name AND NEW.created_at IS OLD.created_at
	AND (NEW.total IS NOT OLD.total OR NEW.payment_status IS NOT OLD.payment_status OR NEW.status IS NOT OLD.status)
BEGIN
	UPDATE customer_list
	SET spent = spent
		+ CASE WHEN NEW.payment_status = 'paid' AND NEW.status <> 'cancelled' THEN NEW.total ELSE 0 END
		- CASE WHEN OLD.payment_status = 'paid' AND OLD.status <> 'cancelled' THEN OLD.total ELSE 0 END
	WHERE k = lower(NEW.email);
END;
