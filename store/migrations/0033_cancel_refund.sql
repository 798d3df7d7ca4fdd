-- Cancelling a paid order, or a payment arriving for an order already
-- cancelled, owes its money back (store/order_cancel_refund.go): a return
-- row of the unshipped kind holds that refund, so that it is listed under
-- Returns, given back with the return's Refund step and counted by every
-- sum of refunds. It gives back the shipping as well as the lines, and
-- the shipping belongs to no line: a return refunds its lines less what
-- it keeps, plus this.
ALTER TABLE returns ADD COLUMN shipping_refund INTEGER NOT NULL DEFAULT 0 CHECK (shipping_refund >= 0);
