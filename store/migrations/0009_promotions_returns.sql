-- Promotions: a coupon applies when its code is entered, an automatic
-- promotion (a flash sale) applies by itself. The admin lists them now; the
-- promotions feature creates, edits and applies them.
--
-- code is stored upper-case and trimmed so that "welcome10" finds WELCOME10
-- through a plain index; automatic promotions have none ('').
-- value is basis points for 'percent' (1000 = 10%) and minor units for
-- 'fixed'. starts_at and ends_at are unix seconds, NULL for open-ended.
-- usage_limit and per_customer_limit are NULL for "no limit"; usage_count
-- is taken with a conditional UPDATE inside the order's transaction, and the
-- CHECK below is the last line of defence if that were ever forgotten.
-- collection_id limits the discount to that collection's lines (NULL: the
-- whole order). Deleting the collection turns its promotions into
-- whole-order ones, so the feature that deletes collections should pause
-- them in the same transaction; the admin list shows the scope either way.
CREATE TABLE promotions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL CHECK (trim(name) <> ''),
	kind TEXT NOT NULL CHECK (kind IN ('coupon', 'automatic')),
	code TEXT NOT NULL DEFAULT '' CHECK (code = upper(trim(code))),
	discount_type TEXT NOT NULL CHECK (discount_type IN ('percent', 'fixed')),
	value INTEGER NOT NULL CHECK (value > 0 AND (discount_type = 'fixed' OR value <= 10000)),
	min_subtotal INTEGER NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),
	first_order_only INTEGER NOT NULL DEFAULT 0 CHECK (first_order_only IN (0, 1)),
	starts_at INTEGER,
	ends_at INTEGER CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
	usage_limit INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
	usage_count INTEGER NOT NULL DEFAULT 0 CHECK (usage_count >= 0 AND (usage_limit IS NULL OR usage_count <= usage_limit)),
	per_customer_limit INTEGER CHECK (per_customer_limit IS NULL OR per_customer_limit > 0),
	collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	-- A coupon needs a code to be entered; an automatic promotion has none.
	CHECK ((kind = 'coupon') = (code <> ''))
);
CREATE UNIQUE INDEX promotions_code_idx ON promotions(code) WHERE code <> '';
CREATE INDEX promotions_created_idx ON promotions(created_at);
-- Checkout looks for the automatic promotions that may apply.
CREATE INDEX promotions_automatic_idx ON promotions(starts_at, ends_at) WHERE kind = 'automatic' AND active = 1;

-- Which promotion a discount came from, so that per-customer limits and
-- usage reports count by promotion (a coupon's code may be renamed, an
-- automatic promotion has none). NULL for discounts from before promotions
-- or from a promotion since deleted.
ALTER TABLE order_discounts ADD COLUMN promotion_id INTEGER REFERENCES promotions(id) ON DELETE SET NULL;
CREATE INDEX order_discounts_promotion_idx ON order_discounts(promotion_id) WHERE promotion_id IS NOT NULL;

-- A return request: some quantity of some lines of one order, to be
-- refunded or exchanged. refund_amount is what was actually refunded (0
-- until then); each line's share is in return_lines, at most what the line
-- paid (order_lines.paid), which the returns feature checks in its
-- transaction. Orders are never deleted, and a return must not vanish with
-- one, hence no ON DELETE action.
CREATE TABLE returns (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id),
	status TEXT NOT NULL DEFAULT 'requested'
		CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded', 'closed')),
	resolution TEXT NOT NULL CHECK (resolution IN ('refund', 'exchange')),
	reason TEXT NOT NULL CHECK (trim(reason) <> ''),
	note TEXT NOT NULL DEFAULT '',
	refund_amount INTEGER NOT NULL DEFAULT 0
		CHECK (refund_amount >= 0 AND (refund_amount = 0 OR status IN ('refunded', 'closed'))),
	version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX returns_status_idx ON returns(status, created_at);
CREATE INDEX returns_created_idx ON returns(created_at);
CREATE INDEX returns_order_idx ON returns(order_id);

CREATE TABLE return_lines (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	refund_amount INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
	PRIMARY KEY (return_id, order_line_id)
);
CREATE INDEX return_lines_order_line_idx ON return_lines(order_line_id);
