-- Whether a shipping method's carrier collects cash on delivery (for
-- local pickup: whether the shop takes cash at collection). On for every
-- method already there, as the shop-wide switch alone decided before:
-- existing shops keep offering cash on delivery until the owner untick
-- a method (store/shipping.go).
ALTER TABLE shipping_methods ADD COLUMN cod INTEGER NOT NULL DEFAULT 1;
