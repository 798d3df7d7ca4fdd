-- Two indexes no query uses, which every order still kept up to date.
-- variants(stock) moved in each order's stock update, one entry per line,
-- on a page of its own: the low-stock list reads variants_low_stock_idx
-- (0003) instead. orders(email, created_at) gained an entry with every
-- order: lookups by email ignore letter case and read
-- orders_email_nocase_idx (0018).
DROP INDEX variants_stock_idx;
DROP INDEX orders_email_idx;
