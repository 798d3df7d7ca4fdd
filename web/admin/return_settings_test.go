package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestOwnerEditsReturnReasonsAndTexts: the returns page's forms save a
// new reason and the texts in both languages; a reason without a title is
// refused with the form kept.
func TestOwnerEditsReturnReasonsAndTexts(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	if r := shop.Post("/admin/returns/reasons", url.Values{"title": {""}, "active": {"1"}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a reason without a title = %d", r.Status)
	}
	r := shop.Post("/admin/returns/reasons", url.Values{"title": {"Late"}, "title_zh": {"太晚"}, "shop_fault": {"1"}, "active": {"1"}, "position": {"8"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("add a reason = %d:\n%s", r.Status, r.Body)
	}
	reasons, _ := shop.Store.ReturnReasonsOf(context.Background(), true)
	last := reasons[len(reasons)-1]
	if last.Title.In("zh") != "太晚" || !last.ShopFault || last.Position != 8 {
		t.Errorf("saved %+v", last)
	}
	textsVersion := func() string { return versionOf(t, shop, "/admin/returns", `form[action="/admin/returns/texts"]`) }
	if r := shop.Post("/admin/returns/texts", url.Values{"policy_text": {"7 days."}, "policy_text_zh": {"七天。"}, "instructions": {"Send it back."},
		"version": {textsVersion()}}); r.Status != http.StatusSeeOther {
		t.Fatalf("texts = %d:\n%s", r.Status, r.Body)
	}
	page := shop.Get("/admin/returns").Doc(t)
	if page.Find(`textarea[name="policy_text_zh"]`).Text() != "七天。" || page.Find(`[data-reason="`+last.Code+`"]`).Length() != 1 {
		t.Error("the returns page does not show what was saved")
	}
	if r := shop.Post("/admin/returns/texts", url.Values{"policy_text": {strings.Repeat("x", 5001)}, "version": {textsVersion()}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a policy too long = %d", r.Status)
	}
}

// TestReturnSettingsReadOnlyForRolesThatCannotSave: support and managers
// handle returns but may not change the shop's return settings, so they
// see the rules, reasons and texts disabled, with no button to save and a
// note saying why, instead of forms whose edits a 403 would lose. The
// owner's forms stay live.
func TestReturnSettingsReadOnlyForRolesThatCannotSave(t *testing.T) {
	shop := webtest.New(t)
	const forms = `form[action="/admin/returns/policy"], form[action="/admin/returns/reasons"], form[action="/admin/returns/texts"]`
	for _, role := range []string{store.RoleSupport, store.RoleManager} {
		shop.LoginAs(role)
		page := shop.Get("/admin/returns")
		doc := page.Doc(t)
		if page.Status != http.StatusOK || doc.Find(forms).Length() == 0 {
			t.Fatalf("%s on /admin/returns = %d", role, page.Status)
		}
		doc.Find(forms).Each(func(_ int, f *goquery.Selection) {
			action := f.AttrOr("action", "")
			if _, disabled := f.Find("fieldset").Attr("disabled"); !disabled || f.Find("button[type=submit]").Length() != 0 {
				t.Errorf("%s sees a live form posting to %s", role, action)
			}
			if res := shop.Post(action, url.Values{"title": {"Late"}, "active": {"1"}}); res.Status != http.StatusForbidden {
				t.Errorf("%s posts to %s = %d, want 403", role, action, res.Status)
			}
		})
		if got := doc.Find("[data-read-only]").First().Text(); got != i18n.TL("en", "admin.returns.read_only") {
			t.Errorf("%s: read-only note = %q", role, got)
		}
		if strings.Contains(page.Body, i18n.TL("en", "admin.returns.reason_add")) {
			t.Errorf("%s is offered to add a return reason", role)
		}
	}

	shop.LoginAs(store.RoleOwner)
	doc := shop.Get("/admin/returns").Doc(t)
	if n := doc.Find(forms).Find("fieldset[disabled]").Length(); n != 0 || doc.Find("[data-read-only]").Length() != 0 {
		t.Errorf("the owner's return settings: %d disabled fieldsets, read-only note %q", n, doc.Find("[data-read-only]").Text())
	}
	if n := doc.Find(`form[action="/admin/returns/policy"] button[type=submit]`).Length(); n != 1 {
		t.Errorf("the owner's return rules have %d save buttons", n)
	}
}
