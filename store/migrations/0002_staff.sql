-- Staff accounts for /admin. Emails compare without case so that
-- Owner@Shop.com and owner@shop.com are one account.
CREATE TABLE staff (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT NOT NULL DEFAULT '',
	-- argon2id in PHC form: $argon2id$v=19$m=...,t=...,p=...$salt$hash
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'support')),
	disabled INTEGER NOT NULL DEFAULT 0,
	totp_secret TEXT NOT NULL DEFAULT '',
	totp_enabled INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	last_login_at INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1
);

-- One row per signed-in browser, so staff can see and revoke their sessions.
-- The session cookie's data holds the raw token; only its SHA-256 is kept here.
CREATE TABLE staff_sessions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	token_hash TEXT NOT NULL UNIQUE,
	staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	revoked_at INTEGER NOT NULL DEFAULT 0,
	ip TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions(staff_id, created_at);

-- One-time invitation links; like sessions, only the token's hash is kept.
CREATE TABLE staff_invites (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	token_hash TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL COLLATE NOCASE,
	role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'support')),
	created_by INTEGER REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER NOT NULL DEFAULT 0
);

-- Single-use TOTP recovery codes, hashed.
CREATE TABLE staff_recovery_codes (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX staff_recovery_codes_staff_idx ON staff_recovery_codes(staff_id);

-- Every staff change: who (staff_email is copied so the row still reads
-- right after the account changes), what, before and after, when, from where.
-- staff_id is NULL for changes made from the command line.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	staff_id INTEGER,
	staff_email TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	entity TEXT NOT NULL DEFAULT '',
	entity_id TEXT NOT NULL DEFAULT '',
	before_json TEXT NOT NULL DEFAULT '',
	after_json TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_created_idx ON audit_log(created_at);
CREATE INDEX audit_log_staff_idx ON audit_log(staff_id, created_at);
CREATE INDEX audit_log_entity_idx ON audit_log(entity, entity_id, created_at);
CREATE INDEX audit_log_action_idx ON audit_log(action, created_at);

-- The admin home lists variants running low on stock.
CREATE INDEX variants_stock_idx ON variants(stock);
