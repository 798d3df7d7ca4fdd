-- The owner's notes and tags on an account (the admin's customer page,
-- store/customer_notes.go). A tag picks customers out in the list, so tags
-- are rows, not a list in a column.
ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE TABLE customer_tags (
	customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
	tag TEXT NOT NULL COLLATE NOCASE CHECK (tag <> ''),
	PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag_idx ON customer_tags(tag);
