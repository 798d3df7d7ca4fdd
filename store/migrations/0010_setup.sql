-- A variant with nothing to ship (a digital item, a service, a gift card;
-- Shopify's "Variant Requires Shipping" FALSE) lets an order that holds
-- only such lines check out without a shipping method or an address.
-- Every existing variant is a physical good, as before.
ALTER TABLE variants ADD COLUMN requires_shipping INTEGER NOT NULL DEFAULT 1 CHECK (requires_shipping IN (0, 1));
