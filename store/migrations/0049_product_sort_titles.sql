-- A listing sorted by name, read in a language other than the shop's
-- content language, follows the titles its shopper reads: the title's
-- translation into that language, or the stored title where it has none
-- (Text.In). Looked up row by row in translations, the sort took three
-- times as long as the content language's; kept here, under an index in
-- the order the name sort collates, a page is read from the index's start
-- and stops there. One row per product and language the shop offers
-- (checkLocale); a new language needs its rows added by a migration.
--
-- Triggers keep the rows in step with every write of a product's title or
-- of its title's translations (the product form, the CSV import, a copy,
-- a change of the content language, a bare statement), in that write's
-- transaction, so that no write path can forget them.
CREATE TABLE product_sort_titles (
	product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
	locale     TEXT    NOT NULL,
	title      TEXT    NOT NULL,
	PRIMARY KEY (product_id, locale)
) WITHOUT ROWID;
CREATE INDEX product_sort_titles_order_idx ON product_sort_titles(locale, title COLLATE NOCASE, product_id);

CREATE TRIGGER product_sort_titles_added AFTER INSERT ON products BEGIN
	INSERT INTO product_sort_titles (product_id, locale, title)
	SELECT new.id, l.column1, coalesce((SELECT nullif(value, '') FROM translations
		WHERE entity = 'product' AND entity_id = new.id AND field = 'title' AND locale = l.column1), new.title)
	FROM (VALUES ('en'), ('zh')) l;
END;

CREATE TRIGGER product_sort_titles_renamed AFTER UPDATE OF title ON products WHEN new.title IS NOT old.title BEGIN
	UPDATE product_sort_titles SET title = coalesce((SELECT nullif(value, '') FROM translations
		WHERE entity = 'product' AND entity_id = new.id AND field = 'title' AND locale = product_sort_titles.locale), new.title)
	WHERE product_id = new.id;
END;

CREATE TRIGGER product_sort_titles_translated AFTER INSERT ON translations
WHEN new.entity = 'product' AND new.field = 'title' BEGIN
	UPDATE product_sort_titles SET title = coalesce(nullif(new.value, ''), (SELECT title FROM products WHERE id = new.entity_id))
	WHERE product_id = new.entity_id AND locale = new.locale;
END;

-- An update may move a translation from one product, field or language
-- to another: both ends are read again.
CREATE TRIGGER product_sort_titles_retranslated AFTER UPDATE ON translations
WHEN (new.entity = 'product' AND new.field = 'title') OR (old.entity = 'product' AND old.field = 'title') BEGIN
	UPDATE product_sort_titles SET title = coalesce((SELECT nullif(value, '') FROM translations
			WHERE entity = 'product' AND entity_id = product_sort_titles.product_id AND field = 'title'
			AND locale = product_sort_titles.locale),
		(SELECT title FROM products WHERE id = product_sort_titles.product_id))
	WHERE (product_id = new.entity_id AND locale = new.locale) OR (product_id = old.entity_id AND locale = old.locale);
END;

CREATE TRIGGER product_sort_titles_untranslated AFTER DELETE ON translations
WHEN old.entity = 'product' AND old.field = 'title' BEGIN
	UPDATE product_sort_titles SET title = (SELECT title FROM products WHERE id = old.entity_id)
	WHERE product_id = old.entity_id AND locale = old.locale;
END;

INSERT INTO product_sort_titles (product_id, locale, title)
SELECT p.id, l.column1, coalesce(nullif(t.value, ''), p.title)
FROM products p CROSS JOIN (VALUES ('en'), ('zh')) l
LEFT JOIN translations t ON t.entity = 'product' AND t.entity_id = p.id AND t.field = 'title' AND t.locale = l.column1;
