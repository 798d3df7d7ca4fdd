-- What a customer spent (customer_list.spent) counted their paid orders
-- whole, refunded returns and all, while their 12 months' spend (tiers,
-- the list's filter) takes each order's refunds off: the list showed a
-- customer who had $72.00 back as still having spent it. spent is now each
-- paid order that was not cancelled less what its returns refunded.
DROP TRIGGER customer_list_stale;

CREATE TRIGGER customer_list_stale INSTEAD OF INSERT ON customer_list_stale
BEGIN
	DELETE FROM customer_list WHERE k = NEW.k;
	INSERT INTO customer_list (k, email, name, last, n, spent, active, names)
	SELECT NEW.k, coalesce(l.email, ''), coalesce(l.name, ''), l.created_at, o.n, o.spent,
		coalesce(l.created_at, a.created_at),
		coalesce((SELECT group_concat(name, char(31) ORDER BY name) FROM (SELECT DISTINCT name FROM orders
			WHERE email = NEW.k COLLATE NOCASE)), '')
	FROM (SELECT count(*) AS n,
			coalesce(sum(CASE WHEN payment_status = 'paid' AND status <> 'cancelled'
				THEN total - (SELECT coalesce(sum(r.refund_amount), 0) FROM returns r WHERE r.order_id = orders.id)
				ELSE 0 END), 0) AS spent
			FROM orders WHERE email = NEW.k COLLATE NOCASE) o
		LEFT JOIN (SELECT email, name, created_at FROM orders WHERE email = NEW.k COLLATE NOCASE
			ORDER BY created_at DESC, id DESC LIMIT 1) l
		LEFT JOIN (SELECT created_at FROM customers WHERE email = NEW.k AND deleted_at IS NULL) a
	WHERE NEW.k <> '' AND (o.n > 0 OR a.created_at IS NOT NULL);
END;

-- An order that starts or stops counting brings its refunds with it.
DROP TRIGGER customer_list_order_spent;

CREATE TRIGGER customer_list_order_spent AFTER UPDATE OF total, payment_status, status ON orders
WHEN NEW.email IS OLD.email AND NEW.name IS OLD.name AND NEW.created_at IS OLD.created_at
	AND (NEW.total IS NOT OLD.total OR NEW.payment_status IS NOT OLD.payment_status OR NEW.status IS NOT OLD.status)
BEGIN
	UPDATE customer_list
	SET spent = spent
		+ CASE WHEN NEW.payment_status = 'paid' AND NEW.status <> 'cancelled'
			THEN NEW.total - (SELECT coalesce(sum(refund_amount), 0) FROM returns WHERE order_id = NEW.id) ELSE 0 END
		- CASE WHEN OLD.payment_status = 'paid' AND OLD.status <> 'cancelled'
			THEN OLD.total - (SELECT coalesce(sum(refund_amount), 0) FROM returns WHERE order_id = OLD.id) ELSE 0 END
	WHERE k = lower(NEW.email);
END;

-- A refund (RefundReturn sets refund_amount once) takes what it gave back
-- off the spend of its order's customer, if the order counts.
CREATE TRIGGER customer_list_refunded AFTER UPDATE OF refund_amount ON returns
WHEN NEW.refund_amount IS NOT OLD.refund_amount
BEGIN
	UPDATE customer_list SET spent = spent - (NEW.refund_amount - OLD.refund_amount)
	WHERE k = (SELECT lower(email) FROM orders
		WHERE id = NEW.order_id AND payment_status = 'paid' AND status <> 'cancelled');
END;

-- The customers who were refunded anything, worked out afresh.
INSERT INTO customer_list_stale (k)
SELECT DISTINCT lower(o.email) FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.refund_amount > 0;
