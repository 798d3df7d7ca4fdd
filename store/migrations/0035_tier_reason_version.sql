-- Tiers and return reasons are edited in the admin: forms carry version so
-- that a stale save is detected instead of overwriting someone else's.
ALTER TABLE member_tiers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE return_reasons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
