-- Shopping carts. token is a random 128-bit id kept in the shopper's session
-- (scs key "cart"), never the row id, so a cart cannot be guessed. A placed
-- order closes its cart; a closed cart is never reopened, the next add starts
-- a new one. Carts untouched for 30 days are deleted by a daily job, so
-- nothing else may hold a foreign key to them (orders are snapshots).
CREATE TABLE carts (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	token TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX carts_updated_idx ON carts(updated_at);

-- One line per variant per cart. price_seen is the unit price the shopper
-- was last shown (the catalog price when the line was added, then what the
-- cart page showed), so a change since is flagged instead of charged
-- silently. A variant deleted from the catalog takes its lines with it.
CREATE TABLE cart_lines (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
	variant_id INTEGER NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	price_seen INTEGER NOT NULL CHECK (price_seen >= 0),
	added_at INTEGER NOT NULL,
	UNIQUE (cart_id, variant_id)
);
-- Deleting a variant looks its cart lines up by variant.
CREATE INDEX cart_lines_variant_idx ON cart_lines(variant_id);
