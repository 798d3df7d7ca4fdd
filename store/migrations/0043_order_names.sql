-- An order keeps its lines', promotions' and shipping method's names in
-- every language the shop offered when it was placed (a Text as JSON:
-- the shop's content language and its translations), so that staff read
-- it in theirs and exports in one. '' on rows written before this
-- migration, which have only the shopper's language's name.
ALTER TABLE order_lines ADD COLUMN product_names TEXT NOT NULL DEFAULT '';
ALTER TABLE order_lines ADD COLUMN variant_names TEXT NOT NULL DEFAULT '';
ALTER TABLE order_discounts ADD COLUMN names TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN shipping_names TEXT NOT NULL DEFAULT '';
