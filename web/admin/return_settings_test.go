package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
	if r := shop.Post("/admin/returns/texts", url.Values{"policy_text": {"7 days."}, "policy_text_zh": {"七天。"}, "instructions": {"Send it back."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("texts = %d:\n%s", r.Status, r.Body)
	}
	page := shop.Get("/admin/returns").Doc(t)
	if page.Find(`textarea[name="policy_text_zh"]`).Text() != "七天。" || page.Find(`[data-reason="`+last.Code+`"]`).Length() != 1 {
		t.Error("the returns page does not show what was saved")
	}
	if r := shop.Post("/admin/returns/texts", url.Values{"policy_text": {strings.Repeat("x", 5001)}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a policy too long = %d", r.Status)
	}
}
