-- A product or collection whose handle changes keeps the handles it had,
-- so that its old address (a search result, an ad, a shared link, a
-- bookmark) answers with a 301 to the new one rather than a 404
-- (store/former_handle.go). A former handle redirects only while no
-- product (or collection) has taken it since. Its rows go with the
-- product or collection.
CREATE TABLE former_handles (
	kind TEXT NOT NULL CHECK (kind IN ('product', 'collection')),
	handle TEXT NOT NULL,
	target_id INTEGER NOT NULL,
	changed_at INTEGER NOT NULL,
	PRIMARY KEY (kind, handle)
) WITHOUT ROWID;
CREATE INDEX former_handles_target_idx ON former_handles(kind, target_id);

CREATE TRIGGER products_former_handles_gone AFTER DELETE ON products BEGIN
	DELETE FROM former_handles WHERE kind = 'product' AND target_id = old.id;
END;
CREATE TRIGGER collections_former_handles_gone AFTER DELETE ON collections BEGIN
	DELETE FROM former_handles WHERE kind = 'collection' AND target_id = old.id;
END;
