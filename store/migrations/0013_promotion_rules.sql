-- Promotions become rules the pricing engine evaluates at request time
-- (store/pricing/promotion.go), so a price switches at the exact second a
-- sale starts or a step ends, never by a job.
--
-- The table is rebuilt because its CHECKs only knew percent and fixed
-- discounts. type is what the promotion does; value is basis points for
-- 'percent' (and a percentage flash sale), minor units for 'fixed' (and a
-- flash sale at a set price, rules.price), unused (0) for the rest, whose
-- details are in rules, a JSON object (store.PromotionRules): ladder steps,
-- flash-sale steps, targets (products, collections, tags, variants and
-- what is excluded), buy X get Y, the gift, the bundle price.
--
-- usage_count counts orders, except for a flash sale, where it counts the
-- units sold at the sale price (usage_limit is then the units on offer);
-- it is taken with a conditional UPDATE inside the order's transaction.
-- A coupon may have no code of its own when its codes are generated
-- (promotion_codes); an automatic promotion never has one.
CREATE TABLE promotions_new (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL CHECK (trim(name) <> ''),
	kind TEXT NOT NULL CHECK (kind IN ('coupon', 'automatic')),
	code TEXT NOT NULL DEFAULT '' CHECK (code = upper(trim(code))),
	type TEXT NOT NULL CHECK (type IN ('percent', 'fixed', 'free_shipping', 'ladder', 'bxgy', 'gift', 'bundle', 'flash')),
	value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0 AND (type <> 'percent' OR value BETWEEN 1 AND 10000)),
	rules TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rules)),
	min_subtotal INTEGER NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),
	min_quantity INTEGER NOT NULL DEFAULT 0 CHECK (min_quantity >= 0),
	first_order_only INTEGER NOT NULL DEFAULT 0 CHECK (first_order_only IN (0, 1)),
	-- The membership tier the promotion is for ('' for everyone).
	tier TEXT NOT NULL DEFAULT '',
	-- Stacking (README "Promotions"): all off by default, as on Shopify.
	combines_promotions INTEGER NOT NULL DEFAULT 0 CHECK (combines_promotions IN (0, 1)),
	combines_coupons INTEGER NOT NULL DEFAULT 0 CHECK (combines_coupons IN (0, 1)),
	-- Whether lines at a flash-sale price count toward its threshold and take it.
	sale_items INTEGER NOT NULL DEFAULT 0 CHECK (sale_items IN (0, 1)),
	starts_at INTEGER,
	ends_at INTEGER CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
	usage_limit INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
	usage_count INTEGER NOT NULL DEFAULT 0 CHECK (usage_count >= 0 AND (usage_limit IS NULL OR usage_count <= usage_limit)),
	per_customer_limit INTEGER CHECK (per_customer_limit IS NULL OR per_customer_limit > 0),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (kind = 'coupon' OR code = '')
);
INSERT INTO promotions_new (id, name, kind, code, type, value, rules, min_subtotal, first_order_only,
	starts_at, ends_at, usage_limit, usage_count, per_customer_limit, active, version, created_at, updated_at)
SELECT id, name, kind, code, discount_type, value,
	CASE WHEN collection_id IS NULL THEN '{}' ELSE json_object('collections', json_array(collection_id)) END,
	min_subtotal, first_order_only, starts_at, ends_at, usage_limit, usage_count, per_customer_limit,
	active, version, created_at, updated_at
FROM promotions;
-- Dropping the old table sets order_discounts.promotion_id to NULL (its
-- ON DELETE action): the links are kept aside and put back.
CREATE TEMP TABLE kept_discount_links AS
	SELECT id, promotion_id FROM order_discounts WHERE promotion_id IS NOT NULL;
DROP TABLE promotions;
ALTER TABLE promotions_new RENAME TO promotions;
UPDATE order_discounts SET promotion_id = (SELECT promotion_id FROM kept_discount_links k WHERE k.id = order_discounts.id)
	WHERE id IN (SELECT id FROM kept_discount_links);
DROP TABLE kept_discount_links;
CREATE UNIQUE INDEX promotions_code_idx ON promotions(code) WHERE code <> '';
CREATE INDEX promotions_created_idx ON promotions(created_at);
-- The engine loads every live promotion at once (a few hundred at most).
CREATE INDEX promotions_live_idx ON promotions(kind) WHERE active = 1 AND archived = 0;

-- Codes generated for a coupon campaign, each good for one order. order_id
-- is taken inside the order's transaction, by a conditional UPDATE.
CREATE TABLE promotion_codes (
	code TEXT PRIMARY KEY CHECK (code = upper(trim(code)) AND code <> ''),
	promotion_id INTEGER NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
	order_id INTEGER REFERENCES orders(id),
	created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX promotion_codes_promotion_idx ON promotion_codes(promotion_id);

-- Every use of a promotion by an order: per-customer limits count these
-- (customer is the lower-cased email; the accounts feature adds its own
-- key), and the admin's figures come from them. quantity is 1 for an order,
-- the units bought for a flash sale.
CREATE TABLE promotion_uses (
	promotion_id INTEGER NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
	order_id INTEGER NOT NULL REFERENCES orders(id),
	customer TEXT NOT NULL,
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	PRIMARY KEY (promotion_id, order_id)
) WITHOUT ROWID;
CREATE INDEX promotion_uses_customer_idx ON promotion_uses(customer, promotion_id);
CREATE INDEX promotion_uses_order_idx ON promotion_uses(order_id);

-- The coupon code the shopper entered, kept while it does not apply so the
-- cart can say why (and apply it once it does).
ALTER TABLE carts ADD COLUMN coupon TEXT NOT NULL DEFAULT '';

-- A discount on shipping (free shipping) is recorded beside the others but
-- is not part of orders.discount, which is what the lines gave.
ALTER TABLE order_discounts ADD COLUMN shipping INTEGER NOT NULL DEFAULT 0 CHECK (shipping IN (0, 1));

-- A free gift line: which promotion gave it and what it is worth (the
-- variant's price at the time), so a return can keep its value.
ALTER TABLE order_lines ADD COLUMN gift_promotion_id INTEGER REFERENCES promotions(id) ON DELETE SET NULL;
ALTER TABLE order_lines ADD COLUMN gift_value INTEGER NOT NULL DEFAULT 0 CHECK (gift_value >= 0);
