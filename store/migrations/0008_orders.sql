-- Orders are snapshots: titles, SKUs, prices, discounts, shipping and tax as
-- charged. Nothing here points at the catalog except variant_id, which only
-- lets stock be given back (and goes NULL when the variant is deleted).
--
-- number is what people see and type ("K7QM-4XR2": random, so the shop's
-- order count cannot be read off it); access_key (128 bits, hex) opens the
-- guest order page; checkout_token is the hidden token of the checkout form
-- that placed it, so a second submit finds the first order.
CREATE TABLE orders (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	number TEXT NOT NULL UNIQUE,
	access_key TEXT NOT NULL,
	checkout_token TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
	payment_status TEXT NOT NULL DEFAULT 'pending' CHECK (payment_status IN ('pending', 'paid')),
	fulfillment_status TEXT NOT NULL DEFAULT 'unfulfilled' CHECK (fulfillment_status IN ('unfulfilled', 'partial', 'fulfilled')),
	payment_method TEXT NOT NULL CHECK (payment_method IN ('stripe', 'bank_transfer', 'cod')),
	cancel_reason TEXT NOT NULL DEFAULT '',

	email TEXT NOT NULL,
	name TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	address_line1 TEXT NOT NULL DEFAULT '',
	address_line2 TEXT NOT NULL DEFAULT '',
	city TEXT NOT NULL DEFAULT '',
	region TEXT NOT NULL DEFAULT '',
	postal_code TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	locale TEXT NOT NULL DEFAULT 'en',

	shipping_method TEXT NOT NULL,
	shipping_kind TEXT NOT NULL,
	currency TEXT NOT NULL,
	prices_include_tax INTEGER NOT NULL,
	tax_rate_bp INTEGER NOT NULL,
	subtotal INTEGER NOT NULL CHECK (subtotal >= 0),
	discount INTEGER NOT NULL CHECK (discount >= 0),
	shipping INTEGER NOT NULL CHECK (shipping >= 0),
	tax INTEGER NOT NULL CHECK (tax >= 0),
	total INTEGER NOT NULL CHECK (total >= 0),

	stripe_session_id TEXT NOT NULL DEFAULT '',
	stripe_payment_intent TEXT NOT NULL DEFAULT '',

	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	expires_at INTEGER, -- an unpaid order is cancelled then; NULL never (cash on delivery)
	paid_at INTEGER,
	cancelled_at INTEGER
);
CREATE INDEX orders_created_idx ON orders(created_at);
CREATE INDEX orders_email_idx ON orders(email, created_at);
-- The expiry job reads only the unpaid open orders that can expire.
CREATE INDEX orders_expiry_idx ON orders(expires_at) WHERE status = 'open' AND payment_status = 'pending' AND expires_at IS NOT NULL;
CREATE INDEX orders_stripe_session_idx ON orders(stripe_session_id) WHERE stripe_session_id <> '';

-- One line per variant bought. paid is what the customer paid for the line
-- after its share of every discount (and tax when added on top), so that a
-- return refunds exactly that.
CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
	variant_id INTEGER REFERENCES variants(id) ON DELETE SET NULL,
	product_handle TEXT NOT NULL,
	product_title TEXT NOT NULL,
	variant_title TEXT NOT NULL DEFAULT '',
	sku TEXT NOT NULL DEFAULT '',
	image_id INTEGER NOT NULL DEFAULT 0,
	unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	weight_grams INTEGER NOT NULL DEFAULT 0,
	gross INTEGER NOT NULL,
	discount INTEGER NOT NULL,
	tax INTEGER NOT NULL,
	paid INTEGER NOT NULL,
	fulfilled_quantity INTEGER NOT NULL DEFAULT 0 CHECK (fulfilled_quantity >= 0 AND fulfilled_quantity <= quantity)
);
CREATE INDEX order_lines_order_idx ON order_lines(order_id);
CREATE INDEX order_lines_variant_idx ON order_lines(variant_id);

-- Every discount as charged (coupons and promotions fill this in later).
CREATE TABLE order_discounts (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount >= 0)
);
CREATE INDEX order_discounts_order_idx ON order_discounts(order_id);

-- The order's timeline: placed, paid, fulfilled, cancelled, notes, emails.
-- staff_id is NULL for the shopper and the shop itself.
CREATE TABLE order_events (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
	staff_email TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events(order_id, id);

-- A parcel: some or all of the lines, with the carrier's tracking number.
CREATE TABLE fulfillments (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
	carrier TEXT NOT NULL DEFAULT '',
	tracking_number TEXT NOT NULL DEFAULT '',
	staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX fulfillments_order_idx ON fulfillments(order_id);

CREATE TABLE fulfillment_lines (
	fulfillment_id INTEGER NOT NULL REFERENCES fulfillments(id) ON DELETE CASCADE,
	order_line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	PRIMARY KEY (fulfillment_id, order_line_id)
);

-- Stripe events already handled, so a replayed webhook does nothing.
CREATE TABLE stripe_events (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL,
	received_at INTEGER NOT NULL
);

-- Emails to send, written in the same transaction as the change they tell
-- of, so a crash can lose neither. The sender renders kind for order_id (and
-- ref_id: the fulfillment of a "shipped" email) in locale at send time.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
	ref_id INTEGER NOT NULL DEFAULT 0,
	to_addr TEXT NOT NULL,
	locale TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	sent_at INTEGER
);
CREATE INDEX outbox_due_idx ON outbox(next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_order_idx ON outbox(order_id);

