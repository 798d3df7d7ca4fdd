-- A form that creates something in the admin (a new promotion, product,
-- shipping method or collection) carries a one-time token. The store keeps
-- it with the record it made, in the create's own transaction, so that a
-- second submit of the same form (a double click) finds that record
-- instead of making another (store/create_token.go). Tokens older than a
-- day are forgotten by the daily job.
CREATE TABLE create_tokens (
	kind TEXT NOT NULL,
	token TEXT NOT NULL,
	made_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (kind, token)
) WITHOUT ROWID;
CREATE INDEX create_tokens_created_idx ON create_tokens(created_at);
