-- The return form carries a one-time token, as checkout does: a second
-- submit of the same form (a double click, a resend after a timeout) finds
-- the return the first made instead of asking for the units again.
ALTER TABLE returns ADD COLUMN request_token TEXT;
CREATE UNIQUE INDEX returns_request_token_idx ON returns(order_id, request_token) WHERE request_token IS NOT NULL;
