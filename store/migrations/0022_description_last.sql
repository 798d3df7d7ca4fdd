-- A product's row kept its description before the columns every card
-- reads (prices, stock, cover, dates). A description of a few KB, as real
-- ones are, pushed those columns onto overflow pages, so that each card
-- on a listing, in search or among related products read the whole
-- description to reach them: with 4 KB descriptions a purchase cost half
-- as much CPU again. The description now comes last in the row, where only
-- the product page, which shows it, reads it.
ALTER TABLE products ADD COLUMN description_last TEXT NOT NULL DEFAULT '';
UPDATE products SET description_last = description;
ALTER TABLE products DROP COLUMN description;
ALTER TABLE products RENAME COLUMN description_last TO description;
