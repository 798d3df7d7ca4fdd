-- Per-customer promotion limits and first-order checks count a shopper's
-- orders by email in any letter case (store/order_promotions.go) inside
-- the checkout's transaction: without this index that count read every
-- order, and checkout slowed as orders piled up.
CREATE INDEX orders_email_nocase_idx ON orders(email COLLATE NOCASE);
