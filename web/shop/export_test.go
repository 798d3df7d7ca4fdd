package shop

// MaxWebhookBytes lets the webhook tests (package shop_test) post a body
// just past the limit.
const MaxWebhookBytes = maxWebhookBytes

// SetSitemapFileURLs lowers the sitemap's per-file limit for one test, so
// a small fixture spans several files.
func SetSitemapFileURLs(t interface{ Cleanup(func()) }, n int) {
	old := sitemapFileURLs
	sitemapFileURLs = n
	t.Cleanup(func() { sitemapFileURLs = old })
}

// SitemapURLsPerFile is how many <url> entries a sitemap file of the shop
// at base holds.
func SitemapURLsPerFile(base string) int { return sitemapURLsPerFile(base) }
