package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// addPromotion inserts a promotions row as the promotions feature will;
// starts and ends are unix seconds or nil.
func addPromotion(s *webtest.Shop, name, kind, code, discountType string, value, minSubtotal int64, starts, ends any) {
	s.T.Helper()
	now := s.Store.Now().Unix()
	if _, err := s.Store.DB().Exec(`INSERT INTO promotions (name, kind, code, type, value, min_subtotal,
		starts_at, ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		name, kind, code, discountType, value, minSubtotal, starts, ends, now, now); err != nil {
		s.T.Fatal(err)
	}
	s.Clock.Advance(time.Second) // newest first must not depend on insertion speed
}

// TestAdminPromotionsStatusAll: ?status=all, which staff type and
// bookmark, is the unfiltered list with the filter's "Any" chosen, not a
// 400; a status no control sends still is (the admin's lists answer a
// value no form sends with 400; a typed amount, as on the customer list,
// is a 422 with a message).
func TestAdminPromotionsStatusAll(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleManager)
	later := shop.Store.Now().Add(24 * time.Hour).Unix()
	addPromotion(shop, "Welcome", store.PromoCoupon, "WELCOME10", pricing.TypePercent, 1000, 0, nil, nil)
	addPromotion(shop, "Flash sale", store.PromoAutomatic, "", pricing.TypePercent, 2000, 0, later, nil)

	for _, query := range []string{"", "?status=all", "?status=all&q="} {
		res := shop.Get("/admin/promotions" + query)
		if res.Status != http.StatusOK {
			t.Fatalf("%q = %d, want 200", query, res.Status)
		}
		doc := res.Doc(t)
		if got := doc.Find("tr[data-promotion-id]").Length(); got != 2 {
			t.Errorf("%q lists %d promotions, want both", query, got)
		}
		if opt := doc.Find("#promotions-status option[selected]"); opt.Length() != 0 {
			t.Errorf("%q: the filter shows %q, want Any", query, opt.AttrOr("value", ""))
		}
	}
	if got := shop.Get("/admin/promotions?status=all&q=welcome").Doc(t).Find("tr[data-promotion-id] .promotion-title").Text(); got != "Welcome" {
		t.Errorf("all with a search = %q", got)
	}
	for _, bad := range []string{"?status=everything", "?status=al"} {
		if res := shop.Get("/admin/promotions" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, res.Status)
		}
	}
}

func TestAdminPromotionsListExplainsEachPromotion(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleManager)

	empty := shop.Get("/admin/promotions")
	if empty.Status != http.StatusOK {
		t.Fatalf("empty list = %d", empty.Status)
	}
	if got := empty.Doc(t).Find("[data-empty]").Text(); !strings.Contains(got, i18n.TL("en", "admin.promotions.empty")) {
		t.Errorf("empty list says %q", got)
	}

	later := shop.Store.Now().Add(24 * time.Hour).Unix()
	addPromotion(shop, "Welcome", store.PromoCoupon, "WELCOME10", pricing.TypePercent, 1000, 0, nil, nil)
	addPromotion(shop, "Spend more", store.PromoCoupon, "SPEND299", pricing.TypeFixed, 5000, 29900, nil, nil)
	addPromotion(shop, "Flash sale", store.PromoAutomatic, "", pricing.TypePercent, 2000, 0, later, nil)

	doc := shop.Get("/admin/promotions").Doc(t)
	if got := doc.Find("[data-promotion-total]").AttrOr("data-promotion-total", ""); got != "3" {
		t.Errorf("total = %s, want 3", got)
	}
	rows := doc.Find("tr[data-promotion-id]")
	states := rows.Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-state", "") })
	if want := []string{"scheduled", "active", "active"}; !slices.Equal(states, want) {
		t.Errorf("states = %v, want %v (newest first)", states, want)
	}
	spend := rows.Eq(1).Text()
	for _, want := range []string{"SPEND299", "$50.00 off", "orders of $299.00 or more", "No end date"} {
		if !strings.Contains(spend, want) {
			t.Errorf("SPEND299 row %q lacks %q", spend, want)
		}
	}
	if got := rows.Eq(2).Find(".promotion-amount").Text(); got != "10% off" {
		t.Errorf("WELCOME10 discount = %q", got)
	}
	if got := rows.Eq(0).Text(); !strings.Contains(got, "Automatic") || !strings.Contains(got, "From ") {
		t.Errorf("flash sale row = %q", got)
	}

	// Filters: by state, by code in any case; a filter that matches nothing says so.
	for _, tc := range []struct{ query, want string }{
		{"?status=scheduled", "Flash sale"},
		{"?q=welcome10", "Welcome"},
		{"?q=spend&status=active", "Spend more"},
	} {
		d := shop.Get("/admin/promotions" + tc.query).Doc(t)
		if got := d.Find("tr[data-promotion-id] .promotion-title").Text(); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.query, got, tc.want)
		}
	}
	none := shop.Get("/admin/promotions?status=expired").Doc(t)
	if got := none.Find("[data-empty]").Text(); !strings.Contains(got, i18n.TL("en", "admin.promotions.none_match")) {
		t.Errorf("nothing expired says %q", got)
	}
	if got := none.Find("#promotions-status option[selected]").AttrOr("value", ""); got != "expired" {
		t.Errorf("the state filter shows %q", got)
	}

	for _, bad := range []string{"?status=bogus", "?page=0", "?q=" + strings.Repeat("x", 201)} {
		if res := shop.Get("/admin/promotions" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, res.Status)
		}
	}
	if res := shop.Get("/admin/promotions?page=2"); res.Status != http.StatusNotFound {
		t.Errorf("page past the end = %d, want 404", res.Status)
	}

	// A coupon whose codes are generated (a campaign's, the birthday
	// gift's) says so, where it showed an empty code.
	addPromotion(shop, "Campaign", store.PromoCoupon, "", pricing.TypeFixed, 500, 0, nil, nil)
	row := shop.Get("/admin/promotions").Doc(t).Find("tr[data-promotion-id]").First()
	if row.Find(".promotion-code").Length() != 0 || row.Find("[data-generated-codes]").Text() != i18n.TL("en", "admin.promotions.codes") {
		t.Errorf("a coupon with generated codes shows %q", row.Find(".promotion-name").Text())
	}
}

func TestAdminPromotionsPaginateAndKeepTheFilter(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	for i := range 52 {
		addPromotion(shop, fmt.Sprintf("Coupon %02d", i), store.PromoCoupon, fmt.Sprintf("C%02d", i), pricing.TypeFixed, 100, 0, nil, nil)
	}
	first := shop.Get("/admin/promotions?status=active").Doc(t)
	if n := first.Find("tr[data-promotion-id]").Length(); n != 50 {
		t.Errorf("page 1 rows = %d, want 50", n)
	}
	next := first.Find(`a[rel=next]`).AttrOr("href", "")
	if next != "/admin/promotions?page=2&status=active" {
		t.Fatalf("next page link = %q", next)
	}
	second := shop.Get(next).Doc(t)
	if got := second.Find("tr[data-promotion-id] .promotion-title").Map(func(_ int, s *goquery.Selection) string { return s.Text() }); !slices.Equal(got, []string{"Coupon 01", "Coupon 00"}) {
		t.Errorf("page 2 = %v", got)
	}
}

func TestAdminPromotionsAndReturnsInTheMenu(t *testing.T) {
	shop := webtest.New(t)
	menu := func() []string {
		return shop.Get("/admin").Doc(t).Find(".admin-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	}
	shop.LoginAs(store.RoleManager)
	if m := menu(); !slices.Contains(m, "/admin/promotions") || !slices.Contains(m, "/admin/returns") {
		t.Errorf("manager's menu = %v", m)
	}
	shop.LoginAs(store.RoleSupport)
	if m := menu(); slices.Contains(m, "/admin/promotions") || !slices.Contains(m, "/admin/returns") {
		t.Errorf("support's menu = %v", m)
	}
	if res := shop.Get("/admin/promotions"); res.Status != http.StatusForbidden {
		t.Errorf("support on promotions = %d, want 403", res.Status)
	}
}

// TestAdminPromotionsListTimesInTheShopsZone: a promotion typed to start
// at midnight in the shop's zone is listed at that midnight, not the
// server's.
func TestAdminPromotionsListTimesInTheShopsZone(t *testing.T) {
	shop := webtest.New(t)
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	form := couponForm()
	form.Set("starts", "2026-06-01")
	promotionID(t, shop.Post("/admin/promotions", form))
	got := shop.Get("/admin/promotions").Doc(t).Find(".promotion-schedule").Text()
	if !strings.Contains(got, "2026-06-01 00:00 CST") {
		t.Errorf("schedule = %q, want it from 2026-06-01 00:00 in Shanghai", got)
	}
}
