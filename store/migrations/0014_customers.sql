-- Customer accounts (store/customer.go). Emails are stored lowercased and
-- compare without case; a deleted account keeps its row, with its personal
-- data wiped, so that its orders still point somewhere, and it no longer
-- holds its email: the partial index lets the address register again.
-- session_epoch is part of every signed-in session: raising it (a new
-- password, a reset, deletion) signs every browser of the account out.
CREATE TABLE customers (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	email TEXT NOT NULL COLLATE NOCASE,
	name TEXT NOT NULL DEFAULT '',
	-- argon2id in PHC form, as staff; '' once the account is deleted
	password_hash TEXT NOT NULL,
	birthday TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	email_confirmed_at INTEGER,
	session_epoch INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	deleted_at INTEGER
);
CREATE UNIQUE INDEX customers_email_idx ON customers(email) WHERE deleted_at IS NULL;

-- The address book, which prefills checkout. One address may be the default.
CREATE TABLE customer_addresses (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	address_line1 TEXT NOT NULL,
	address_line2 TEXT NOT NULL DEFAULT '',
	city TEXT NOT NULL,
	region TEXT NOT NULL DEFAULT '',
	postal_code TEXT NOT NULL,
	country TEXT NOT NULL,
	is_default INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX customer_addresses_customer_idx ON customer_addresses(customer_id);
CREATE UNIQUE INDEX customer_addresses_default_idx ON customer_addresses(customer_id) WHERE is_default = 1;

-- One-time links sent by email: a password reset, or the confirmation of
-- an email address (email is the address being confirmed, the new one for
-- a change). Only the token's SHA-256 is kept.
CREATE TABLE customer_tokens (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'confirm')),
	token_hash TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
);
CREATE INDEX customer_tokens_customer_idx ON customer_tokens(customer_id, purpose);

-- Orders placed signed in, or claimed after the email was confirmed.
ALTER TABLE orders ADD COLUMN customer_id INTEGER REFERENCES customers(id);
CREATE INDEX orders_customer_idx ON orders(customer_id, created_at) WHERE customer_id IS NOT NULL;

-- The account's cart, found again at the next sign-in on any browser.
ALTER TABLE carts ADD COLUMN customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL;
CREATE INDEX carts_customer_idx ON carts(customer_id, status) WHERE customer_id IS NOT NULL;

-- Account emails have no order: they name their customer, and a link
-- email carries its one-time link until it is sent (MarkEmailSent wipes
-- it), since only the link's hash is kept anywhere else.
ALTER TABLE outbox ADD COLUMN customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN link TEXT NOT NULL DEFAULT '';
