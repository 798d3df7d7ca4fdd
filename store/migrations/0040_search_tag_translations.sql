-- The shop's search finds a product by its tags' translations too (a
-- Chinese shopper types 畅销 for the tag bestseller). The products that
-- have one are queued here and indexed again when the shop next opens
-- (store/search_reindex.go), since the index's word list is built in Go.
CREATE TABLE search_reindex (product_id INTEGER PRIMARY KEY);
INSERT INTO search_reindex (product_id)
	SELECT DISTINCT entity_id FROM translations WHERE entity = 'product' AND field >= 'tag:' AND field < 'tag;';
