package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminErrorsKeepTheAdmin: an error under /admin is a page of the
// admin's, with the staff member's menu and a way back to the admin, in
// their language; it was the shop's, whose way out is "Back to the shop"
// and whose "not found" offers a search of the catalog. The shop's own
// error pages stay the shop's.
func TestAdminErrorsKeepTheAdmin(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	for path, status := range map[string]int{
		"/admin/orders/999999":      http.StatusNotFound,
		"/admin/products/abc":       http.StatusNotFound,
		"/admin/orders?status=paid": http.StatusBadRequest,
		"/admin/no-such-page":       http.StatusNotFound,
	} {
		res := shop.Get(path)
		doc := res.Doc(t)
		if res.Status != status || doc.Find(".admin-nav").Length() == 0 || doc.Find(`.admin-message a[href="/admin"]`).Length() == 0 {
			t.Errorf("%s = %d, menu %d, way back %d; want %d in the admin's layout", path, res.Status,
				doc.Find(".admin-nav").Length(), doc.Find(`.admin-message a[href="/admin"]`).Length(), status)
		}
		if body := string(res.Body); strings.Contains(body, "Back to the shop") || strings.Contains(body, "Try a search") {
			t.Errorf("%s shows the shop's error page:\n%s", path, doc.Find("main").Text())
		}
	}
	if got := shop.Get("/admin/orders/999999").Doc(t).Find(".admin-message p").Last().Text(); !strings.Contains(got, "deleted") {
		t.Errorf("the admin's not found says %q", got)
	}
	shop.Get("/lang/zh?next=/admin")
	if got := shop.Get("/admin/orders/999999").Doc(t).Find(".admin-message h1").Text(); got != "页面不存在" {
		t.Errorf("the admin's not found in Chinese is titled %q", got)
	}

	if res := shop.OtherBrowser().Get("/admin/no-such-page"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("signed out, an unknown admin page = %d to %q, want the sign-in page as for any admin page", res.Status, res.Header.Get("Location"))
	}
	// The chain's own refusals come before the session is loaded.
	if res := shop.Post("/admin/login", nil, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"); res.Status != http.StatusForbidden {
		t.Errorf("a cross-site post = %d, want 403", res.Status)
	}
	if res := shop.Get("/products/no-such-thing"); res.Status != http.StatusNotFound || res.Doc(t).Find(".admin-nav").Length() != 0 {
		t.Errorf("the shop's not found = %d, in the admin's layout: %v", res.Status, res.Doc(t).Find(".admin-nav").Length() != 0)
	}
}
