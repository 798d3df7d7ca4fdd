-- A card shows a product's "was" price (the compare-at price of a
-- cheapest variant) and whether any variant is on sale. Read from the
-- variants for each page of cards, those were one more query on every
-- listing, search and product page (its related products): a twentieth
-- of a purchase's CPU. The product row now keeps them beside price_min,
-- and refreshProduct sets them with it.
--
-- The description goes last again, as in 0022, so that the new columns
-- sit before it and a card never reads a description to reach them.
ALTER TABLE products ADD COLUMN compare_at_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN discounted INTEGER NOT NULL DEFAULT 0;
UPDATE products SET
	compare_at_from = coalesce((SELECT max(v.compare_at_price) FROM variants v
		WHERE v.product_id = products.id AND v.price = products.price_min), 0),
	discounted = coalesce((SELECT max(v.compare_at_price > v.price) FROM variants v
		WHERE v.product_id = products.id), 0);

CREATE TEMP TABLE product_descriptions (id INTEGER PRIMARY KEY, description TEXT NOT NULL);
INSERT INTO temp.product_descriptions SELECT id, description FROM products;
UPDATE products SET description = '';
ALTER TABLE products DROP COLUMN description;
ALTER TABLE products ADD COLUMN description TEXT NOT NULL DEFAULT '';
UPDATE products SET description = (SELECT d.description FROM temp.product_descriptions d WHERE d.id = products.id);
DROP TABLE temp.product_descriptions;
