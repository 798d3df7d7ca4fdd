-- customer_list.n counted every order a customer placed, while the list's
-- "Orders" column shows what a merchant counts: orders not cancelled, and
-- not the free replacements exchanges send (an order of 0 that a return
-- names). The list counted those per row on every read; n now keeps that
-- count. Who is in the list is unchanged: an email with any order, even
-- only cancelled ones (listed with 0 orders), or a live account.

-- Finds the return naming an order of 0 at once, rather than reading
-- every return; only exchanges have an entry.
CREATE INDEX returns_exchange_order_idx ON returns(exchange_order_id) WHERE exchange_order_id IS NOT NULL;

DROP TRIGGER customer_list_stale;

CREATE TRIGGER customer_list_stale INSTEAD OF INSERT ON customer_list_stale
BEGIN
	DELETE FROM customer_list WHERE k = NEW.k;
	INSERT INTO customer_list (k, email, name, last, n, spent, active, names)
	SELECT NEW.k, coalesce(l.email, ''), coalesce(l.name, ''), l.created_at, o.n, o.spent,
		coalesce(l.created_at, a.created_at),
		coalesce((SELECT group_concat(name, char(31) ORDER BY name) FROM (SELECT DISTINCT name FROM orders
			WHERE email = NEW.k COLLATE NOCASE)), '')
	FROM (SELECT count(*) AS placed,
			count(*) FILTER (WHERE status <> 'cancelled'
				AND NOT (total = 0 AND EXISTS (SELECT 1 FROM returns WHERE exchange_order_id = orders.id))) AS n,
			coalesce(sum(CASE WHEN payment_status = 'paid' AND status <> 'cancelled'
				THEN total - (SELECT coalesce(sum(r.refund_amount), 0) FROM returns r WHERE r.order_id = orders.id)
				ELSE 0 END), 0) AS spent
			FROM orders WHERE email = NEW.k COLLATE NOCASE) o
		LEFT JOIN (SELECT email, name, created_at FROM orders WHERE email = NEW.k COLLATE NOCASE
			ORDER BY created_at DESC, id DESC LIMIT 1) l
		LEFT JOIN (SELECT created_at FROM customers WHERE email = NEW.k AND deleted_at IS NULL) a
	WHERE NEW.k <> '' AND (o.placed > 0 OR a.created_at IS NOT NULL);
END;

-- Cancelling an order, or its total becoming 0 or more than 0, moves the
-- count by the order as it moves what was spent: by the difference.
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
			THEN OLD.total - (SELECT coalesce(sum(refund_amount), 0) FROM returns WHERE order_id = OLD.id) ELSE 0 END,
		n = n
		+ (NEW.status <> 'cancelled' AND NOT (NEW.total = 0 AND EXISTS (SELECT 1 FROM returns WHERE exchange_order_id = NEW.id)))
		- (OLD.status <> 'cancelled' AND NOT (OLD.total = 0 AND EXISTS (SELECT 1 FROM returns WHERE exchange_order_id = OLD.id)))
	WHERE k = lower(NEW.email);
END;

-- A return that comes to name an order (createExchangeOrder links the
-- replacement it places), or stops naming one, works the order's
-- customer out afresh: rare, and the only write of the link. (Returns are
-- never deleted; one inserted already naming an order would name one
-- placed with it, newer than the list, which counts it when it catches up.)
CREATE TRIGGER customer_list_exchange_linked AFTER UPDATE OF exchange_order_id ON returns
WHEN NEW.exchange_order_id IS NOT OLD.exchange_order_id
BEGIN
	INSERT INTO customer_list_stale (k)
	SELECT lower(email) FROM orders WHERE id IN (OLD.exchange_order_id, NEW.exchange_order_id);
END;

-- Every row counted again (an INSERT through a view's trigger reads its
-- SELECT whole first, so the rows it rewrites are not read again).
INSERT INTO customer_list_stale (k) SELECT k FROM customer_list;
