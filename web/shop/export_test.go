package shop

// MaxWebhookBytes lets the webhook tests (package shop_test) post a body
// just past the limit.
const MaxWebhookBytes = maxWebhookBytes
