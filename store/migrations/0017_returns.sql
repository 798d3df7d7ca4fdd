-- Returns (store/return_request.go): the shopper's request, the refund
-- quoted when it is made (by the code that makes the refund), and the
-- owner's steps after it. Rebuilt because the statuses grow (exchanged,
-- cancelled) and the quote is frozen on the request and its lines.
CREATE TABLE returns_new (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id),
	customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
	status TEXT NOT NULL DEFAULT 'requested'
		CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded', 'exchanged', 'cancelled', 'closed')),
	resolution TEXT NOT NULL CHECK (resolution IN ('refund', 'exchange')),
	reason TEXT NOT NULL CHECK (trim(reason) <> ''),
	-- The shop's fault (damaged, wrong, not as described): no fees kept.
	shop_fault INTEGER NOT NULL DEFAULT 0 CHECK (shop_fault IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	-- The quote: the lines' shares, the fees kept, what will be refunded,
	-- the earned points taken back and the redeemed points given back.
	lines_total INTEGER NOT NULL DEFAULT 0 CHECK (lines_total >= 0),
	deduction INTEGER NOT NULL DEFAULT 0 CHECK (deduction >= 0),
	refund_total INTEGER NOT NULL DEFAULT 0 CHECK (refund_total >= 0),
	points_back INTEGER NOT NULL DEFAULT 0 CHECK (points_back >= 0),
	points_restored INTEGER NOT NULL DEFAULT 0 CHECK (points_restored >= 0),
	-- The value of a free gift the shopper keeps though the return takes
	-- the order below the gift's threshold: part of the deduction.
	gift_kept INTEGER NOT NULL DEFAULT 0 CHECK (gift_kept >= 0),
	refund_amount INTEGER NOT NULL DEFAULT 0
		CHECK (refund_amount >= 0 AND (refund_amount = 0 OR status IN ('refunded', 'closed'))),
	reject_reason TEXT NOT NULL DEFAULT '',
	instructions TEXT NOT NULL DEFAULT '',
	refund_method TEXT NOT NULL DEFAULT '',
	refund_reference TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	decided_at INTEGER,
	received_at INTEGER,
	refunded_at INTEGER,
	cancelled_at INTEGER
);
INSERT INTO returns_new (id, order_id, status, resolution, reason, note, refund_amount, version, created_at, updated_at)
	SELECT id, order_id, status, resolution, reason, note, refund_amount, version, created_at, updated_at FROM returns;
CREATE TEMP TABLE kept_return_lines AS SELECT return_id, order_line_id, quantity, refund_amount FROM return_lines;
DROP TABLE return_lines;
DROP TABLE returns;
ALTER TABLE returns_new RENAME TO returns;
CREATE INDEX returns_status_idx ON returns(status, created_at);
CREATE INDEX returns_created_idx ON returns(created_at);
CREATE INDEX returns_order_idx ON returns(order_id);

-- Each line's share of the quote, frozen when asked for.
CREATE TABLE return_lines (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	refund_amount INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
	points_earned INTEGER NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
	points_paid INTEGER NOT NULL DEFAULT 0 CHECK (points_paid >= 0),
	-- Set when received: resellable goods go back to stock, once.
	condition TEXT NOT NULL DEFAULT '' CHECK (condition IN ('', 'resellable', 'damaged')),
	restocked INTEGER NOT NULL DEFAULT 0 CHECK (restocked IN (0, 1)),
	PRIMARY KEY (return_id, order_line_id)
);
INSERT INTO return_lines (return_id, order_line_id, quantity, refund_amount)
	SELECT return_id, order_line_id, quantity, refund_amount FROM kept_return_lines;
DROP TABLE kept_return_lines;
CREATE INDEX return_lines_line_idx ON return_lines(order_line_id);

-- When the parcel arrived, if the owner knows; otherwise the window runs
-- from the last fulfilment plus the transit allowance.
ALTER TABLE orders ADD COLUMN delivered_at INTEGER;

-- A product's own return rules (store/return_rules.go): a longer window
-- than the shop's, or an exclusion from no-reason returns by its nature
-- (made to order, perishable, digital, opened hygiene goods) or as a final
-- sale. An exclusion holds only for a line whose shopper confirmed it at
-- checkout: the line keeps the reason and when it was confirmed.
ALTER TABLE products ADD COLUMN return_days INTEGER CHECK (return_days IS NULL OR return_days BETWEEN 1 AND 365);
ALTER TABLE products ADD COLUMN no_return_reason TEXT NOT NULL DEFAULT ''
	CHECK (no_return_reason IN ('', 'made_to_order', 'perishable', 'digital', 'hygiene', 'final_sale'));
ALTER TABLE order_lines ADD COLUMN return_days INTEGER;
ALTER TABLE order_lines ADD COLUMN no_return_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE order_lines ADD COLUMN no_return_confirmed_at INTEGER;
