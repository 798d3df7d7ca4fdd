-- A two-factor sign-in whose password was right waits here for its code,
-- so that the code's page need not ask for the password again nor carry
-- it. The browser's session holds the token; only its hash is kept, with
-- the account, an expiry of a few minutes and the wrong codes tried.
-- No password is stored anywhere (store/staff_signin.go).
CREATE TABLE staff_pending_signins (
	token_hash TEXT PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	expires_at INTEGER NOT NULL,
	tries INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX staff_pending_signins_expires_idx ON staff_pending_signins(expires_at);
