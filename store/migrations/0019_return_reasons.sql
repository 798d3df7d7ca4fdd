-- Return reasons the owner edits (store/return_reason.go): merchant
-- content, with the title's other languages in translations (entity
-- 'return_reason'). A built-in reason keeps an empty title until the owner
-- writes one, and shows the message catalog's text in each language.
CREATE TABLE return_reasons (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z0-9_]*' AND length(code) BETWEEN 1 AND 40),
	title TEXT NOT NULL DEFAULT '',
	-- The shop's fault (damaged, wrong, not as described): no fees kept.
	shop_fault INTEGER NOT NULL DEFAULT 0 CHECK (shop_fault IN (0, 1)),
	position INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO return_reasons (code, shop_fault, position) VALUES
	('changed_mind', 0, 1), ('too_small', 0, 2), ('too_large', 0, 3),
	('damaged', 1, 4), ('wrong_item', 1, 5), ('not_as_described', 1, 6);

-- An exchange: each returned line names the variant sent instead, and the
-- approval creates one replacement order at no charge that holds its
-- stock from then on.
ALTER TABLE return_lines ADD COLUMN exchange_variant_id INTEGER REFERENCES variants(id) ON DELETE SET NULL;
ALTER TABLE returns ADD COLUMN exchange_order_id INTEGER REFERENCES orders(id);
-- A Stripe refund's state as its webhooks report it ('' for offline refunds
-- and until the first event): pending, succeeded, failed or canceled.
ALTER TABLE returns ADD COLUMN refund_status TEXT NOT NULL DEFAULT ''
	CHECK (refund_status IN ('', 'pending', 'requires_action', 'succeeded', 'failed', 'canceled'));

-- Up to three photos of what is wrong, re-encoded like product images.
CREATE TABLE return_photos (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
	etag TEXT NOT NULL,
	data BLOB NOT NULL,
	thumb BLOB NOT NULL,
	PRIMARY KEY (return_id, position)
);
