-- The tier an order line sold keeps its name in every language, as the
-- line's product does (0043's product_names: a Text as JSON), so that an
-- order names the tier as it was sold in each reader's language; tier_name
-- is the shop's content language's alone. '' for a tier with no
-- translation and for lines selling none. Lines sold before this take the
-- tier's names now where it still goes by the name sold.
ALTER TABLE order_lines ADD COLUMN tier_names TEXT NOT NULL DEFAULT '';

UPDATE order_lines SET tier_names = coalesce((
		SELECT json_object('Default', t.name, 'Tr', json_group_object(tr.locale, tr.value))
		FROM member_tiers t JOIN translations tr ON tr.entity = 'tier' AND tr.entity_id = t.id AND tr.field = 'name'
		WHERE t.id = order_lines.tier_id AND t.name = order_lines.tier_name
		HAVING count(*) > 0), '')
WHERE tier_id IS NOT NULL;
