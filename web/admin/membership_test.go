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

// TestAdminEditsTiersAndPointsRules: the owner renames Silver in both
// languages, lowers its threshold and gives it a 5 % member discount (run
// as a promotion for the tier); a threshold another tier has, and a
// nonzero threshold for the lowest tier, are refused; the points rules
// save and the preview says what a 300.00 order earns.
func TestAdminEditsTiersAndPointsRules(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	page := shop.Get("/admin/membership")
	if page.Status != http.StatusOK {
		t.Fatalf("membership page = %d", page.Status)
	}
	if got := page.Doc(t).Find("[data-rules-preview]").Text(); !strings.Contains(got, "$300.00") || !strings.Contains(got, "375 for Silver") {
		t.Errorf("preview = %q", got)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	silver, standard := itoa(tiers[1].ID), itoa(tiers[0].ID)
	form := url.Values{"name": {"Silber"}, "name_zh": {"白银"}, "threshold": {"800"}, "multiplier": {"125"}, "discount": {"5"}}
	if res := shop.Post("/admin/membership/tiers/"+silver, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save tier = %d:\n%s", res.Status, res.Body)
	}
	tiers, _ = shop.Store.Tiers(ctx)
	if s := tiers[1]; s.Name.Default != "Silber" || s.Name.In("zh") != "白银" || s.Threshold != 80000 || s.DiscountBP != 500 {
		t.Errorf("silver saved as %+v", s)
	}
	list, _ := shop.Store.ListPromotions(ctx, store.PromotionFilter{}, 1, 10)
	if list.Total != 1 || list.Rows[0].Tier != "Silber" {
		t.Errorf("member discount promotion: %+v", list.Rows)
	}
	form.Set("threshold", "3000")
	if res := shop.Post("/admin/membership/tiers/"+silver, form); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("Gold's threshold for Silver = %d", res.Status)
	}
	if res := shop.Post("/admin/membership/tiers/"+standard, url.Values{"name": {"Standard"}, "threshold": {"10"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("a threshold for the lowest tier = %d", res.Status)
	}
	rules := url.Values{"earn_per_unit": {"2"}, "redeem_points": {"100"}, "redeem_value": {"100"}, "expiry_months": {"12"},
		"return_days": {"7"}, "margin_days": {"3"}, "max_per_order": {"0"}, "max_percent": {"50"}}
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusSeeOther {
		t.Fatalf("save rules = %d", res.Status)
	}
	if l, _ := shop.Store.Loyalty(ctx); l.EarnPerUnit != 2 {
		t.Errorf("rules saved as %+v", l)
	}
	rules.Set("max_percent", "150")
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("150 %% = %d", res.Status)
	}
	rules.Set("max_percent", "50")
	rules.Set("expiry_months", "0")
	res := shop.Post("/admin/membership/points", rules)
	if msg := res.Doc(t).Find("#rule-expiry_months + .field-error").Text(); res.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, "would be lost") {
		t.Errorf("points lasting 0 months = %d %q", res.Status, msg)
	}
	// Paying with points switched off: the form keeps the owner's figures
	// and the preview says points do not pay.
	rules.Set("expiry_months", "12")
	rules.Set("redeem_points", "0")
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusSeeOther {
		t.Fatalf("switch paying off = %d", res.Status)
	}
	page = shop.Get("/admin/membership")
	doc := page.Doc(t)
	if got := doc.Find("[data-rules-preview]").Text(); !strings.Contains(got, "points do not pay at checkout") {
		t.Errorf("preview with paying off = %q", got)
	}
	if p, v := doc.Find("#rule-redeem_points").AttrOr("value", ""), doc.Find("#rule-redeem_value").AttrOr("value", ""); p != "0" || v != "100" {
		t.Errorf("the form shows %s points pay %s, want what was typed: 0 and 100", p, v)
	}
}
