-- A variant the merchant removes takes its cart lines with it (ON DELETE
-- CASCADE on cart_lines). So that the shopper is told rather than finding
-- an item silently missing, the trigger leaves a note in each open cart
-- that held it: the product's id (for its name in the shopper's language)
-- and title, and the variant's option values, as they were. The cart page
-- shows the notes once and deletes them (store/cart_view.go).
CREATE TABLE cart_lines_gone (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
	product_id INTEGER NOT NULL,
	product_title TEXT NOT NULL,
	option1 TEXT NOT NULL DEFAULT '',
	option2 TEXT NOT NULL DEFAULT '',
	option3 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cart_lines_gone_cart_idx ON cart_lines_gone(cart_id);

CREATE TRIGGER cart_lines_variant_gone BEFORE DELETE ON variants
BEGIN
	INSERT INTO cart_lines_gone (cart_id, product_id, product_title, option1, option2, option3)
	SELECT l.cart_id, p.id, p.title, OLD.option1, OLD.option2, OLD.option3
	FROM cart_lines l
	JOIN carts c ON c.id = l.cart_id AND c.status = 'open'
	JOIN products p ON p.id = OLD.product_id
	WHERE l.variant_id = OLD.id;
END;
