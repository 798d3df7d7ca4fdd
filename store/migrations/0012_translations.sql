-- Merchant content in the shop's other languages. The entity's own
-- columns keep the default language's value (what queries, sorting, the
-- Shopify export and the fallback read); a row here is one field of one
-- entity in one other language.
CREATE TABLE translations (
	entity    TEXT    NOT NULL,  -- 'product', 'variant', 'collection', 'shipping_method', 'setting'
	entity_id INTEGER NOT NULL,  -- the entity's id; 0 for settings
	field     TEXT    NOT NULL,  -- 'title', 'description', 'option1', … or a setting's key
	locale    TEXT    NOT NULL,  -- i18n.Supported, never the shop's default language
	value     TEXT    NOT NULL,
	PRIMARY KEY (entity, entity_id, field, locale)
) WITHOUT ROWID;
