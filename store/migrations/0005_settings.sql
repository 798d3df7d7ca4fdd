-- Shipping methods the checkout offers, in the owner's order. Amounts are
-- minor units of the store's currency; which ones apply depends on kind:
--   flat       price
--   free_over  price, free when the merchandise subtotal reaches threshold
--   by_weight  base + rate_per_kg for each kilogram (charged per gram)
--   pickup     nothing to pay
CREATE TABLE shipping_methods (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('flat', 'free_over', 'by_weight', 'pickup')),
	price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
	threshold INTEGER NOT NULL DEFAULT 0 CHECK (threshold >= 0),
	rate_per_kg INTEGER NOT NULL DEFAULT 0 CHECK (rate_per_kg >= 0),
	base INTEGER NOT NULL DEFAULT 0 CHECK (base >= 0),
	active INTEGER NOT NULL DEFAULT 1,
	position INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX shipping_methods_position_idx ON shipping_methods(position, id);
