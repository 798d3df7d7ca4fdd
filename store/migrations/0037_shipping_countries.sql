-- A shipping method delivers to the countries it lists (ISO 3166-1
-- alpha-2 codes of store.Countries, space-separated), or to every country
-- while the list is empty, as every method did before: existing shops keep
-- offering their methods everywhere until the owner says otherwise
-- (store/shipping.go). Local pickup lists none.
ALTER TABLE shipping_methods ADD COLUMN countries TEXT NOT NULL DEFAULT '';
