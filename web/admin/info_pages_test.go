package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestOwnerWritesInfoPages: the menu leads to the information pages,
// each with what it is for; a page saved in both languages goes live,
// with a notice and an audit entry; a body too long is refused on its
// field with everything typed kept, in both languages, and nothing saved.
func TestOwnerWritesInfoPages(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	page := shop.Get("/admin/pages")
	doc := page.Doc(t)
	if page.Status != http.StatusOK || doc.Find(`.admin-nav a[href="/admin/pages"]`).Length() != 1 {
		t.Fatalf("GET /admin/pages = %d, or not in the menu", page.Status)
	}
	if n := doc.Find(`form[action^="/admin/pages/"]`).Length(); n != 4 {
		t.Errorf("%d page forms, want 4", n)
	}
	if got := doc.Find(`[data-info-page="privacy"] p.muted`).Text(); got != i18n.TL("en", "admin.pages.purpose.privacy") {
		t.Errorf("privacy's guidance = %q", got)
	}
	if doc.Find("[data-live]").Length() != 0 {
		t.Error("a page no one wrote is marked live")
	}

	pageVersion := func(slug string) string {
		return versionOf(t, shop, "/admin/pages", `form[action="/admin/pages/`+slug+`"]`)
	}
	res := shop.Post("/admin/pages/shipping", url.Values{"title": {"Delivery"}, "title_zh": {"送货"},
		"body": {"Two days.\r\n\r\nFree over 299."}, "body_zh": {"两天送达。"}, "version": {pageVersion("shipping")}})
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/pages?done=") {
		t.Fatalf("save shipping = %d %s", res.Status, res.Header.Get("Location"))
	}
	doc = shop.Get(res.Header.Get("Location")).Doc(t)
	if doc.Find("[data-notice]").Text() != i18n.TL("en", "admin.pages.saved") ||
		doc.Find(`[data-info-page="shipping"] [data-live]`).Length() != 1 ||
		doc.Find(`[data-info-page="shipping"] textarea[name="body_zh"]`).Text() != "两天送达。" {
		t.Error("the pages page does not show the shipping page saved and live")
	}
	log, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: "pages.save"})
	if err != nil || log.Total != 1 {
		t.Errorf("audit entries = %d, %v", log.Total, err)
	}

	long := strings.Repeat("字", 20001)
	res = shop.Post("/admin/pages/terms", url.Values{"title": {"Terms"}, "body": {"Be nice."}, "body_zh": {long}, "version": {pageVersion("terms")}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a body too long = %d, want 422", res.Status)
	}
	doc = res.Doc(t)
	terms := doc.Find(`[data-info-page="terms"]`)
	if terms.Find(`textarea[name="body_zh"][aria-invalid]`).Length() != 1 || terms.Find(".field-error").Text() != i18n.TL("en", "error.too_long") {
		t.Errorf("the refused form's message: %q", terms.Find(".field-error").Text())
	}
	if terms.Find(`input[name="title"]`).AttrOr("value", "") != "Terms" || terms.Find(`textarea[name="body"]`).Text() != "Be nice." ||
		terms.Find(`textarea[name="body_zh"]`).Text() != long {
		t.Error("the refused form lost what was typed")
	}
	if doc.Find(`[data-info-page="shipping"] textarea[name="body_zh"]`).Text() != "两天送达。" {
		t.Error("the other pages' forms lost their stored texts")
	}
	if p, _ := shop.Store.InfoPageBySlug(context.Background(), store.InfoPageTerms); p.Published() {
		t.Error("a refused page was saved")
	}
	if res := shop.Post("/admin/pages/contact", url.Values{"body": {"Call us."}}); res.Status != http.StatusNotFound {
		t.Errorf("an unknown page = %d, want 404", res.Status)
	}
}
