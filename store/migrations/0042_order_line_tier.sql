-- What an order line's variant sold of a membership tier when the order
-- was placed: payment grants that, whatever the tier's months say by
-- then. tier_months is 0 on a line that sells no tier and NULL on lines
-- written before this migration, which grant as the tier says at payment.
ALTER TABLE order_lines ADD COLUMN tier_id INTEGER REFERENCES member_tiers(id);
ALTER TABLE order_lines ADD COLUMN tier_name TEXT;
ALTER TABLE order_lines ADD COLUMN tier_months INTEGER;
-- A tier is kept (TierUses) while an unpaid order bought it.
CREATE INDEX order_lines_tier_idx ON order_lines(tier_id) WHERE tier_id IS NOT NULL;
