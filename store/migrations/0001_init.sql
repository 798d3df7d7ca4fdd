-- Sessions for scs (sqlite3store's schema).
CREATE TABLE sessions (
	token TEXT PRIMARY KEY,
	data BLOB NOT NULL,
	expiry REAL NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions(expiry);

-- Store-wide settings as key/value rows; see store/setting.go for the keys.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Catalog ids are AUTOINCREMENT so that a deleted variant's id is never
-- reused by another product while a cart or link still holds it.
CREATE TABLE products (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	handle TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	vendor TEXT NOT NULL DEFAULT '',
	product_type TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
	seo_title TEXT NOT NULL DEFAULT '',
	seo_description TEXT NOT NULL DEFAULT '',
	option1_name TEXT NOT NULL DEFAULT '',
	option2_name TEXT NOT NULL DEFAULT '',
	option3_name TEXT NOT NULL DEFAULT '',
	-- Denormalised from variants by refreshProduct so that listing,
	-- sorting and filtering never aggregate variants per request.
	price_min INTEGER NOT NULL DEFAULT 0,
	price_max INTEGER NOT NULL DEFAULT 0,
	compare_at_max INTEGER NOT NULL DEFAULT 0,
	stock_total INTEGER NOT NULL DEFAULT 0,
	cover_image_id INTEGER,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX products_status_created_idx ON products(status, created_at DESC);

CREATE TABLE variants (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
	position INTEGER NOT NULL DEFAULT 0,
	sku TEXT NOT NULL DEFAULT '',
	barcode TEXT NOT NULL DEFAULT '',
	option1 TEXT NOT NULL DEFAULT '',
	option2 TEXT NOT NULL DEFAULT '',
	option3 TEXT NOT NULL DEFAULT '',
	price INTEGER NOT NULL CHECK (price >= 0),
	compare_at_price INTEGER NOT NULL DEFAULT 0 CHECK (compare_at_price >= 0),
	weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
	stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
	image_id INTEGER
);
CREATE INDEX variants_product_idx ON variants(product_id, position);
CREATE UNIQUE INDEX variants_sku_idx ON variants(sku) WHERE sku <> '';

-- Images live in the database file so that a backup is one file. data is the
-- re-encoded full image, thumb the generated thumbnail; etag is a content hash.
CREATE TABLE images (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id INTEGER REFERENCES products(id) ON DELETE CASCADE,
	position INTEGER NOT NULL DEFAULT 0,
	alt TEXT NOT NULL DEFAULT '',
	source_url TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	etag TEXT NOT NULL,
	data BLOB NOT NULL,
	thumb BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX images_product_idx ON images(product_id, position);

CREATE TABLE product_tags (
	product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (product_id, tag)
) WITHOUT ROWID;
CREATE INDEX product_tags_tag_idx ON product_tags(tag);

CREATE TABLE collections (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	handle TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	seo_title TEXT NOT NULL DEFAULT '',
	seo_description TEXT NOT NULL DEFAULT '',
	featured INTEGER NOT NULL DEFAULT 0,
	position INTEGER NOT NULL DEFAULT 0,
	image_id INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE collection_products (
	collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
	product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
	position INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (collection_id, product_id)
) WITHOUT ROWID;
CREATE INDEX collection_products_product_idx ON collection_products(product_id);
CREATE INDEX collection_products_position_idx ON collection_products(collection_id, position);

-- Full-text search over active products. The trigram tokenizer indexes any
-- script, Chinese included, without word boundaries; rowid is the product id.
CREATE VIRTUAL TABLE product_search USING fts5(
	title, tags, vendor, sku, description,
	tokenize = 'trigram'
);

-- The trigram index cannot look up terms shorter than three characters,
-- which Chinese queries often are ("茶", "绿茶"). product_terms holds the same
-- text with every ideograph spaced out, so that unicode61 makes each one a
-- token and a one- or two-character query is an index lookup (a phrase).
CREATE VIRTUAL TABLE product_terms USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
