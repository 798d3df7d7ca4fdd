-- The owner deletes tiers (store/tier_delete.go). A deleted tier stays as
-- a row: customers' tier history and paid memberships point at it, and
-- the history still names it. deleted_at hides it everywhere else.
ALTER TABLE member_tiers ADD COLUMN deleted_at INTEGER;

-- A deleted tier's threshold is free for a new one: the index that keeps
-- two tiers from starting at the same spend counts only live tiers.
DROP INDEX member_tiers_threshold_idx;
CREATE UNIQUE INDEX member_tiers_threshold_idx ON member_tiers(threshold) WHERE deleted_at IS NULL;
