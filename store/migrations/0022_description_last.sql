-- A product's row kept its description before the columns every card
-- reads (prices, stock, cover, dates). A description of a few KB, as real
-- ones are, pushed those columns onto overflow pages, so that each card
-- on a listing, in search or among related products read the whole
-- description to reach them: with 4 KB descriptions a purchase cost half
-- as much CPU again. The description now comes last in the row, where only
-- the product page, which shows it, reads it.
--
-- The descriptions wait in a temporary table while the column is dropped
-- and added again, so that no row grows beyond its size before: copied
-- into a new column beside the old one, the rows split their pages, and
-- the table came out with 60% more pages than it went in with.
CREATE TEMP TABLE product_descriptions (id INTEGER PRIMARY KEY, description TEXT NOT NULL);
INSERT INTO temp.product_descriptions SELECT id, description FROM products;
UPDATE products SET description = '';
ALTER TABLE products DROP COLUMN description;
ALTER TABLE products ADD COLUMN description TEXT NOT NULL DEFAULT '';
UPDATE products SET description = (SELECT d.description FROM temp.product_descriptions d WHERE d.id = products.id);
DROP TABLE temp.product_descriptions;
