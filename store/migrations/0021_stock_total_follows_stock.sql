-- products.stock_total (the cards' "sold out", the in-stock filter, the
-- admin's stock sort) was recomputed only when a product was saved, so an
-- order, a cancellation or a restock left it behind: a product sold out
-- by orders still showed as in stock. A trigger now moves it with every
-- change of a variant's stock, and the totals are repaired once.
CREATE TRIGGER variants_stock_total AFTER UPDATE OF stock ON variants
WHEN NEW.stock <> OLD.stock
BEGIN
	UPDATE products SET stock_total = stock_total + NEW.stock - OLD.stock WHERE id = NEW.product_id;
END;

UPDATE products SET stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = products.id), 0);
