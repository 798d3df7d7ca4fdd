package admin_test

import (
	"strconv"
	"testing"

	"storefront/web/webtest"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// versionOf is the version that the form matched by selector carries on
// the page at path: what a browser that opened the page now would send.
func versionOf(t *testing.T, shop *webtest.Shop, path, selector string) string {
	t.Helper()
	v := formOf(t, shop.Get(path), selector).Get("version")
	if v == "" {
		t.Fatalf("no version in %s on %s", selector, path)
	}
	return v
}
