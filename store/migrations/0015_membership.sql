-- Membership: tiers (store/tier.go) and the points ledger (store/points.go).

-- A tier is earned by paid spend over a rolling 12 months: the highest
-- threshold reached. Names and perk texts are merchant content: the default
-- language here, translations in `translations` (entity 'tier').
CREATE TABLE member_tiers (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL CHECK (name <> ''),
	perks TEXT NOT NULL DEFAULT '',
	threshold INTEGER NOT NULL CHECK (threshold >= 0),
	discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
	points_multiplier_bp INTEGER NOT NULL DEFAULT 10000 CHECK (points_multiplier_bp BETWEEN 0 AND 100000),
	free_shipping_over INTEGER CHECK (free_shipping_over IS NULL OR free_shipping_over >= 0),
	early_access_minutes INTEGER NOT NULL DEFAULT 0 CHECK (early_access_minutes >= 0),
	birthday_coupon INTEGER NOT NULL DEFAULT 0 CHECK (birthday_coupon >= 0),
	-- What the birthday email says above the code; '' for the shop's words.
	birthday_message TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX member_tiers_threshold_idx ON member_tiers(threshold);
INSERT INTO member_tiers (name, perks, threshold, discount_bp, points_multiplier_bp, birthday_coupon, created_at, updated_at) VALUES
	('Standard', '', 0, 0, 10000, 500, unixepoch(), unixepoch()),
	('Silver', '', 100000, 0, 12500, 1000, unixepoch(), unixepoch()),
	('Gold', '', 300000, 0, 15000, 2000, unixepoch(), unixepoch());
INSERT INTO translations (entity, entity_id, field, locale, value) VALUES
	('tier', 1, 'name', 'zh', '普通会员'),
	('tier', 2, 'name', 'zh', '银卡会员'),
	('tier', 3, 'name', 'zh', '金卡会员');

-- The customer's tier as last worked out (NULL: the lowest).
ALTER TABLE customers ADD COLUMN tier_id INTEGER REFERENCES member_tiers(id);

-- Paid membership: a tier is sold as a variant (say "Gold, one year"),
-- and a paid order of it grants the tier for months from the day it is
-- paid (or from the end of the same tier still running), whatever the
-- spend. Cancelling the order ends what it granted.
ALTER TABLE member_tiers ADD COLUMN sold_variant_id INTEGER REFERENCES variants(id) ON DELETE SET NULL;
ALTER TABLE member_tiers ADD COLUMN sold_months INTEGER NOT NULL DEFAULT 12 CHECK (sold_months BETWEEN 1 AND 120);
CREATE UNIQUE INDEX member_tiers_sold_idx ON member_tiers(sold_variant_id) WHERE sold_variant_id IS NOT NULL;
CREATE TABLE paid_memberships (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	order_id INTEGER NOT NULL REFERENCES orders(id),
	tier_id INTEGER NOT NULL REFERENCES member_tiers(id),
	starts_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
	cancelled_at INTEGER
);
CREATE INDEX paid_memberships_customer_idx ON paid_memberships(customer_id, ends_at);
CREATE INDEX paid_memberships_order_idx ON paid_memberships(order_id);

CREATE TABLE customer_tier_history (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	from_tier_id INTEGER REFERENCES member_tiers(id),
	to_tier_id INTEGER REFERENCES member_tiers(id),
	spend INTEGER NOT NULL,
	reason TEXT NOT NULL,
	order_id INTEGER REFERENCES orders(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX customer_tier_history_customer_idx ON customer_tier_history(customer_id, id);

-- A lot is one earning (an order's, or the owner's adjustment) with its own
-- expiry. It is pending until available_at (NULL: not yet known, the order
-- has not shipped) and then available until expires_at.
CREATE TABLE points_lots (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	order_id INTEGER REFERENCES orders(id),
	points INTEGER NOT NULL CHECK (points > 0),
	available_at INTEGER,
	expires_at INTEGER NOT NULL,
	warned_at INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX points_lots_customer_idx ON points_lots(customer_id, expires_at);
CREATE INDEX points_lots_order_idx ON points_lots(order_id) WHERE order_id IS NOT NULL;

-- The ledger: every change to a customer's points is a row against a lot,
-- in its pending or available part. A balance is a sum of rows, never a
-- counter; the trigger keeps every lot's parts from going below zero
-- whatever the code above does.
CREATE TABLE points_ledger (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	lot_id INTEGER NOT NULL REFERENCES points_lots(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('earn', 'release', 'redeem', 'restore', 'expire', 'reverse', 'adjust')),
	pending INTEGER NOT NULL CHECK (pending IN (0, 1)),
	points INTEGER NOT NULL CHECK (points <> 0),
	order_id INTEGER REFERENCES orders(id),
	reason TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX points_ledger_customer_idx ON points_ledger(customer_id, id);
CREATE INDEX points_ledger_lot_idx ON points_ledger(lot_id, pending);
CREATE INDEX points_ledger_order_idx ON points_ledger(order_id, kind) WHERE order_id IS NOT NULL;
CREATE TRIGGER points_ledger_never_negative AFTER INSERT ON points_ledger
WHEN (SELECT sum(points) FROM points_ledger WHERE lot_id = NEW.lot_id AND pending = NEW.pending) < 0
BEGIN
	SELECT RAISE(ABORT, 'points lot below zero');
END;

-- Points an order redeemed (its discount is an order_discounts row with
-- promotion_id NULL and code 'POINTS').
ALTER TABLE orders ADD COLUMN points_redeemed INTEGER NOT NULL DEFAULT 0 CHECK (points_redeemed >= 0);

-- The points each line earned, so that returning a line takes back exactly
-- those.
ALTER TABLE order_lines ADD COLUMN points_earned INTEGER NOT NULL DEFAULT 0 CHECK (points_earned >= 0);
-- What the redeemed points paid of each line (part of its discount), so
-- that returning the line gives back the points it was paid with.
ALTER TABLE order_lines ADD COLUMN points_paid INTEGER NOT NULL DEFAULT 0 CHECK (points_paid >= 0);

-- Birthday gifts (store/birthday.go): one single-use code a calendar year
-- per customer, whatever their birthday is changed to, from the coupon of
-- their tier's gift (member_tiers.birthday_promotion_id, made when first
-- needed).
ALTER TABLE member_tiers ADD COLUMN birthday_promotion_id INTEGER REFERENCES promotions(id) ON DELETE SET NULL;
CREATE TABLE birthday_coupons (
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	year INTEGER NOT NULL,
	code TEXT NOT NULL REFERENCES promotion_codes(code),
	value INTEGER NOT NULL CHECK (value > 0),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (customer_id, year)
) WITHOUT ROWID;

-- A tier's member discount and lower free-shipping threshold are run as
-- automatic promotions for the tier (store/tier_perks.go), so the cart
-- names and explains them like any other; these are they.
ALTER TABLE member_tiers ADD COLUMN discount_promotion_id INTEGER REFERENCES promotions(id) ON DELETE SET NULL;
ALTER TABLE member_tiers ADD COLUMN shipping_promotion_id INTEGER REFERENCES promotions(id) ON DELETE SET NULL;
