-- Recent failed sign-ins, for the login throttle (store/login_throttle.go).
-- An attempt is written here before its password is checked and deleted
-- again if it was not a failure, so that attempts made at the same moment
-- count against each other. account and address are truncated SHA-256
-- hashes (of the normalised email, of the IP address or its IPv6 /64), so
-- the rows are small whatever a client sends; at is Unix seconds. Rows
-- older than the throttle's window are deleted as new attempts come in.
CREATE TABLE login_failures (
	id INTEGER PRIMARY KEY,
	account BLOB NOT NULL,
	address BLOB NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX login_failures_account_idx ON login_failures(account, address, at);
CREATE INDEX login_failures_address_idx ON login_failures(address, at);
CREATE INDEX login_failures_at_idx ON login_failures(at);
