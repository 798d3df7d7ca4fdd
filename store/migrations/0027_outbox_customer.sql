-- The account emails a stranger can cause (registering with a taken
-- address, asking for a password reset) are limited per customer and
-- kind (accountEmailAllowed), which reads a customer's recent emails.
CREATE INDEX outbox_customer_idx ON outbox(customer_id, kind, created_at) WHERE customer_id IS NOT NULL;
