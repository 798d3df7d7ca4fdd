-- The admin's product table lists the most recently changed products
-- first; without this index every page would sort the whole catalog.
CREATE INDEX products_updated_idx ON products(updated_at DESC, id DESC);
