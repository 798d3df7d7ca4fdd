-- Collections are edited in the admin: forms carry version so that a stale
-- save is detected instead of overwriting someone else's.
ALTER TABLE collections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Each variant says how low its stock may fall before it needs attention.
ALTER TABLE variants ADD COLUMN low_stock_threshold INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0);

-- Only the variants at or below their own threshold, by stock: the low-stock
-- list and the admin home read this small index instead of every variant.
CREATE INDEX variants_low_stock_idx ON variants(stock) WHERE stock <= low_stock_threshold;

-- Every change of a variant's stock made by staff, with its reason.
-- stock_after is the stock the change left, so the history reads as a
-- ledger even when orders moved stock in between. staff_id is NULL for the
-- command line.
CREATE TABLE stock_adjustments (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	variant_id INTEGER NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
	delta INTEGER NOT NULL,
	stock_after INTEGER NOT NULL CHECK (stock_after >= 0),
	reason TEXT NOT NULL CHECK (reason IN ('received', 'correction', 'damaged', 'returned', 'other')),
	note TEXT NOT NULL DEFAULT '',
	staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX stock_adjustments_variant_idx ON stock_adjustments(variant_id, id);
