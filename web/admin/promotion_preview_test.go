package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// ladderForm is a spend-50-get-5, spend-100-get-15 ladder as typed.
func ladderForm() url.Values {
	return url.Values{"kind": {"automatic"}, "name": {"Spend and save"}, "type": {"ladder"},
		"ladder_min": {"50", "100", ""}, "ladder_value": {"5", "15", ""}}
}

// edges are a preview's threshold rows: cart subtotal → this promotion's part.
func edges(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("[data-preview-edges] tr[data-edge]").Each(func(_ int, s *goquery.Selection) {
		out[s.AttrOr("data-edge", "")] = s.AttrOr("data-own", "")
	})
	return out
}

// TestAdminPreviewsAnUnsavedPromotion: Preview on the new-promotion form
// prices the form as typed on a sample cart, either side of each step,
// gives its ceiling and replays it over the last 30 days' orders, and
// saves nothing; a form with mistakes gets its messages and no preview.
func TestAdminPreviewsAnUnsavedPromotion(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	order := shop.SeedOrder() // 2 × 52.00 + 28.00, placed now
	shop.LoginAs(store.RoleOwner)

	res := shop.Post("/admin/promotions/preview", ladderForm())
	if res.Status != http.StatusOK {
		t.Fatalf("preview = %d: %.800s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	// The sample is the cheapest in-stock variant of each product: the
	// tea (28.00) and the medium shirt (49.00), 77.00, which reaches 50.
	if got := doc.Find("[data-preview-sample]").AttrOr("data-preview-sample", ""); got != "500" {
		t.Errorf("its part of the sample cart = %q, want 500", got)
	}
	if doc.Find("[data-preview-sample] [data-applied]").Length() != 1 || !strings.Contains(doc.Find("[data-preview-sample]").Text(), "Spend and save") {
		t.Errorf("the sample cart does not name the promotion: %q", doc.Find("[data-preview-sample]").Text())
	}
	want := map[string]string{"4999": "0", "5000": "500", "5001": "500", "9999": "500", "10000": "1500", "10001": "1500"}
	if got := edges(doc); len(got) != len(want) {
		t.Errorf("edges = %v, want %v", got, want)
	} else {
		for k, v := range want {
			if got[k] != v {
				t.Errorf("at %s its part is %s, want %s", k, got[k], v)
			}
		}
	}
	if got := doc.Find("[data-preview-max]").Text(); !strings.Contains(got, "$15.00") {
		t.Errorf("ceiling says %q", got)
	}
	replay := doc.Find("[data-replay]")
	if replay.AttrOr("data-replay", "") != "1" || !strings.Contains(replay.Text(), "$15.00") ||
		!strings.Contains(replay.Text(), i18n.Money(i18n.WithLocale(context.Background(), "en", "USD"), order.Total)) {
		t.Errorf("replay says %q (%s qualified)", replay.Text(), replay.AttrOr("data-replay", ""))
	}
	if got := doc.Find(`input[name=name]`).AttrOr("value", ""); got != "Spend and save" {
		t.Errorf("the form lost what was typed: name %q", got)
	}
	list, _ := shop.Store.ListPromotions(context.Background(), store.PromotionFilter{}, 1, 10)
	if list.Total != 0 {
		t.Errorf("previewing saved %d promotions", list.Total)
	}

	bad := ladderForm()
	bad.Set("name", "")
	res = shop.Post("/admin/promotions/preview", bad)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("[data-preview]").Length() != 0 {
		t.Errorf("a form without a name: %d, preview shown %v", res.Status, res.Doc(t).Find("[data-preview]").Length() != 0)
	}
}

// TestAdminPromotionPageShowsItsPreview: a stored coupon's page previews
// it as saved, and a coupon that does not reach its minimum says why.
func TestAdminPromotionPageShowsItsPreview(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	form := couponForm()
	form.Set("min_subtotal", "500")
	id := promotionID(t, shop.Post("/admin/promotions", form))

	doc := shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10)).Doc(t)
	if doc.Find("[data-preview]").Length() != 1 {
		t.Fatal("a stored promotion's page has no preview")
	}
	if got := doc.Find("[data-preview-why]").Text(); !strings.Contains(got, "$423.00") {
		t.Errorf("why not = %q, want it to say 423.00 more is needed", got)
	}
	// An automatic promotion that misses says by how much.
	high := ladderForm()
	high["ladder_min"], high["ladder_value"] = []string{"100"}, []string{"15"}
	lid := promotionID(t, shop.Post("/admin/promotions", high))
	ladder := shop.Get("/admin/promotions/" + strconv.FormatInt(lid, 10)).Doc(t)
	if got := ladder.Find("[data-preview-why]").Text(); !strings.Contains(got, "Add $23.00 more") {
		t.Errorf("a ladder 23.00 away from the sample cart says %q", got)
	}
	if got := doc.Find("[data-replay]").Text(); !strings.Contains(got, "no orders") {
		t.Errorf("replay with no orders says %q", got)
	}

	// The form's Preview on a stored promotion previews the edit, unsaved.
	form.Set("min_subtotal", "")
	form.Set("version", "1")
	doc = shop.Post("/admin/promotions/"+strconv.FormatInt(id, 10)+"/preview", form).Doc(t)
	if got := doc.Find("[data-preview-sample]").AttrOr("data-preview-sample", ""); got != "770" {
		t.Errorf("10%% of 77.00 = %q, want 770", got)
	}
	if p, _ := shop.Store.PromotionByID(context.Background(), id); p.MinSubtotal != 50000 {
		t.Errorf("previewing an edit saved it: min %d", p.MinSubtotal)
	}
}

// TestAdminPreviewNamesPromotionsInTheAdminsLanguage: in the Chinese
// admin, the sample cart names this promotion and the others running
// beside it in Chinese, stored or as the form stands.
func TestAdminPreviewNamesPromotionsInTheAdminsLanguage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	sale := url.Values{"kind": {"automatic"}, "name": {"Summer sale"}, "name_zh": {"夏季特卖"}, "type": {"percent"},
		"value": {"10"}, "combines_promotions": {"1"}}
	id := promotionID(t, shop.Post("/admin/promotions", sale))
	other := url.Values{"kind": {"automatic"}, "name": {"Tea week"}, "name_zh": {"茶叶周"}, "type": {"fixed"},
		"value": {"5"}, "combines_promotions": {"1"}}
	promotionID(t, shop.Post("/admin/promotions", other))
	shop.Get("/lang/zh?next=/admin/promotions")

	for name, res := range map[string]webtest.Response{
		"page":    shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10)),
		"preview": shop.Post("/admin/promotions/"+strconv.FormatInt(id, 10)+"/preview", sale),
	} {
		applied := res.Doc(t).Find("[data-preview-sample] [data-applied]")
		if applied.Length() != 2 {
			t.Errorf("%s: %d promotions applied to the sample cart, want 2: %.800s", name, applied.Length(), res.Body)
			continue
		}
		got := applied.Text()
		if !strings.Contains(got, "夏季特卖") || !strings.Contains(got, "茶叶周") || strings.Contains(got, "Summer sale") || strings.Contains(got, "Tea week") {
			t.Errorf("%s: the sample cart names them %q", name, got)
		}
	}
}
