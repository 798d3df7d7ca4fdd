-- The admin's customer list grouped every order by email on each view,
-- to count a customer's orders and spend and to sort by their latest
-- activity: 0.6-0.9 s with 100,000 orders. customer_list keeps one row per
-- customer of that list (an email of orders or of a live account, lower
-- case: k) with their orders' figures, kept by the triggers below and,
-- for new orders, by catchUpCustomerList, so the list reads 50 rows of an
-- index.
--
-- email and name are the latest order's (latest by created_at, then id),
-- '' without orders; last is its created_at, NULL without orders; spent
-- counts paid orders that were not cancelled; active, the list's order,
-- is the latest order's time, else the account's registration; names
-- are every name the orders carry, char(31) between, for the search, which
-- finds a customer by any of them.
CREATE TABLE customer_list (
	k TEXT PRIMARY KEY,
	email TEXT NOT NULL,
	name TEXT NOT NULL,
	last INTEGER,
	n INTEGER NOT NULL,
	spent INTEGER NOT NULL,
	active INTEGER NOT NULL,
	names TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX customer_list_active_idx ON customer_list(active DESC, k);

-- Inserting a key into customer_list_stale works its row out afresh from
-- the orders and the account: the one place that knows what a row holds.
-- Orders wiped of their contact when their account was deleted (email '')
-- are no one's: they stay in the orders, not in this list.
-- (orders.email = k COLLATE NOCASE is lower(email) = k, on an index: both
-- fold ASCII letters only.)
CREATE VIEW customer_list_stale (k) AS SELECT k FROM customer_list;

CREATE TRIGGER customer_list_stale INSTEAD OF INSERT ON customer_list_stale
BEGIN
	DELETE FROM customer_list WHERE k = NEW.k;
	INSERT INTO customer_list (k, email, name, last, n, spent, active, names)
	SELECT NEW.k, coalesce(l.email, ''), coalesce(l.name, ''), l.created_at, o.n, o.spent,
		coalesce(l.created_at, a.created_at),
		coalesce((SELECT group_concat(name, char(31) ORDER BY name) FROM (SELECT DISTINCT name FROM orders
			WHERE email = NEW.k COLLATE NOCASE)), '')
	FROM (SELECT count(*) AS n,
			coalesce(sum(CASE WHEN payment_status = 'paid' AND status <> 'cancelled' THEN total ELSE 0 END), 0) AS spent
			FROM orders WHERE email = NEW.k COLLATE NOCASE) o
		LEFT JOIN (SELECT email, name, created_at FROM orders WHERE email = NEW.k COLLATE NOCASE
			ORDER BY created_at DESC, id DESC LIMIT 1) l
		LEFT JOIN (SELECT created_at FROM customers WHERE email = NEW.k AND deleted_at IS NULL) a
	WHERE NEW.k <> '' AND (o.n > 0 OR a.created_at IS NOT NULL);
END;

-- New orders are not added as they are placed but when the list is next
-- read (catchUpCustomerList): a trigger on inserting an order cost the
-- purchase 5-10% of its orders per second (SQLite then keeps a statement
-- journal for each order's insert), and a statement beside the insert
-- about 4%, for a page the owner opens now and then. customer_list_upto is the last
-- order the table holds. The other changes are rare and followed here; a
-- row worked out afresh counts every order, so catching up with an order
-- that is already counted changes nothing.
CREATE TABLE customer_list_upto (order_id INTEGER NOT NULL);

CREATE TRIGGER customer_list_order_changed AFTER UPDATE OF email, name, created_at, total, payment_status, status ON orders
WHEN NEW.email IS NOT OLD.email OR NEW.name IS NOT OLD.name OR NEW.created_at IS NOT OLD.created_at
	OR NEW.total IS NOT OLD.total OR NEW.payment_status IS NOT OLD.payment_status OR NEW.status IS NOT OLD.status
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(OLD.email)), (lower(NEW.email));
END;

CREATE TRIGGER customer_list_order_deleted AFTER DELETE ON orders
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(OLD.email));
END;

CREATE TRIGGER customer_list_account_added AFTER INSERT ON customers
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(NEW.email));
END;

CREATE TRIGGER customer_list_account_changed AFTER UPDATE OF email, created_at, deleted_at ON customers
WHEN NEW.email IS NOT OLD.email OR NEW.created_at IS NOT OLD.created_at OR NEW.deleted_at IS NOT OLD.deleted_at
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(OLD.email)), (lower(NEW.email));
END;

CREATE TRIGGER customer_list_account_deleted AFTER DELETE ON customers
BEGIN
	INSERT INTO customer_list_stale (k) VALUES (lower(OLD.email));
END;

INSERT INTO customer_list_stale (k)
SELECT lower(email) FROM orders UNION SELECT lower(email) FROM customers WHERE deleted_at IS NULL;
INSERT INTO customer_list_upto (order_id) SELECT coalesce(max(id), 0) FROM orders;
