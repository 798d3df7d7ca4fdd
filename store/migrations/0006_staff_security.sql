-- Two-factor replay protection: the time step (Unix time / 30 s) of the
-- last TOTP code accepted for the account. A code is only accepted for a
-- later step, so a code seen over someone's shoulder cannot be used twice.
ALTER TABLE staff ADD COLUMN totp_last_counter INTEGER NOT NULL DEFAULT 0;

-- One-time password reset links the owner hands to a staff member. Like
-- invitations, only the token's SHA-256 is kept.
CREATE TABLE staff_password_resets (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	token_hash TEXT NOT NULL UNIQUE,
	staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	created_by INTEGER REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX staff_password_resets_staff_idx ON staff_password_resets(staff_id);

-- The staff page lists pending invitations.
CREATE INDEX staff_invites_pending_idx ON staff_invites(used_at, expires_at);
