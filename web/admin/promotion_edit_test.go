package admin_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// promotionID is the id in a promotion page's URL, from a 303's Location.
func promotionID(t *testing.T, res webtest.Response) int64 {
	t.Helper()
	if res.Status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303: %.600s", res.Status, res.Body)
	}
	loc := res.Header.Get("Location")
	rest, ok := strings.CutPrefix(loc, "/admin/promotions/")
	if !ok {
		t.Fatalf("redirected to %q", loc)
	}
	rest, _, _ = strings.Cut(rest, "?")
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("redirected to %q", loc)
	}
	return id
}

func couponForm() url.Values {
	return url.Values{"kind": {"coupon"}, "name": {"Welcome"}, "name_zh": {"新客礼"}, "code": {"welcome10"},
		"type": {"percent"}, "value": {"10"}, "first_order_only": {"1"}, "per_customer_limit": {"1"}}
}

func TestAdminCreatesACouponAndALadder(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()

	form := shop.Get("/admin/promotions/new?kind=coupon")
	if form.Status != http.StatusOK {
		t.Fatalf("new coupon form = %d", form.Status)
	}
	doc := form.Doc(t)
	if doc.Find(`input[name=code]`).Length() != 1 || doc.Find(`input[name=name_zh]`).Length() != 1 ||
		doc.Find(`#promotion-type option[value=bxgy]`).Length() != 0 {
		t.Errorf("the coupon form lacks the code, the Chinese name or offers buy X get Y")
	}

	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	p, err := shop.Store.PromotionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Code != "WELCOME10" || p.Type != pricing.TypePercent || p.Value != 1000 || !p.FirstOrderOnly ||
		p.CustomerLimit != 1 || p.Name.In("zh") != "新客礼" || !p.Coupon {
		t.Errorf("coupon stored as %+v", p)
	}
	page := shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10) + "?done=saved")
	if page.Status != http.StatusOK || page.Doc(t).Find("[data-notice]").Text() != i18n.TL("en", "admin.promotions.notice.saved") {
		t.Errorf("coupon page = %d", page.Status)
	}
	if got := page.Doc(t).Find(`input[name=value]`).AttrOr("value", ""); got != "10.00" {
		t.Errorf("the form shows the value as %q", got)
	}

	ladder := url.Values{"kind": {"automatic"}, "name": {"Spend and save"}, "type": {"ladder"},
		"ladder_min": {"199", "299.00", "", ""}, "ladder_value": {"20", "50", "", ""}, "collections": {""}}
	lid := promotionID(t, shop.Post("/admin/promotions", ladder))
	lp, _ := shop.Store.PromotionByID(ctx, lid)
	if lp.Kind != store.PromoAutomatic || lp.Code != "" || len(lp.Steps) != 2 || lp.Steps[1] != (pricing.Step{Min: 29900, Value: 5000}) {
		t.Errorf("ladder stored as %+v", lp)
	}

	// The list names each in the admin's language, with its type, and links to it.
	rows := shop.Get("/admin/promotions").Doc(t).Find("tr[data-promotion-id]")
	if rows.Length() != 2 {
		t.Fatalf("%d rows", rows.Length())
	}
	if got := rows.Eq(0).Find(".promotion-type").Text(); got != i18n.TL("en", "admin.promotions.type.ladder") {
		t.Errorf("ladder's type label = %q", got)
	}
	if got := rows.Eq(0).Find(".promotion-amount").Text(); !strings.Contains(got, "Spend $299.00, $50.00 off") {
		t.Errorf("ladder's discount = %q", got)
	}
	if href := rows.Eq(1).Find("a.promotion-title").AttrOr("href", ""); href != "/admin/promotions/"+strconv.FormatInt(id, 10) {
		t.Errorf("coupon links to %q", href)
	}
}

func TestAdminPromotionFormRefusesBadInput(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)

	bad := url.Values{"kind": {"coupon"}, "name": {""}, "code": {"two words"}, "type": {"percent"}, "value": {"120"},
		"starts": {"2026-06-02"}, "ends": {"2026-06-01"}, "usage_limit": {"many"}}
	res := shop.Post("/admin/promotions", bad)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	for field, key := range map[string]string{"name": "error.required", "code": "admin.promotions.error.code_chars",
		"value": "admin.promotions.error.percent", "ends": "admin.promotions.error.ends_before",
		"usage_limit": "admin.promotions.error.count"} {
		if got := doc.Find("#" + field + "-error").Text(); got != i18n.TL("en", key) {
			t.Errorf("%s says %q, want %q", field, got, i18n.TL("en", key))
		}
	}
	// What was typed is shown again.
	if got := doc.Find(`input[name=code]`).AttrOr("value", ""); got != "two words" {
		t.Errorf("code re-shown as %q", got)
	}
	if got := doc.Find(`input[name=starts]`).AttrOr("value", ""); got != "2026-06-02" {
		t.Errorf("start re-shown as %q", got)
	}

	// An end at or before the start is refused even when only the times differ.
	same := couponForm()
	same.Set("starts", "2026-06-01 10:00")
	same.Set("ends", "2026-06-01 10:00")
	if res := shop.Post("/admin/promotions", same); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#ends-error").Length() != 1 {
		t.Errorf("end equal to start = %d", res.Status)
	}
	// An automatic promotion with a code, and a coupon code already taken.
	auto := couponForm()
	auto.Set("kind", "automatic")
	if res := shop.Post("/admin/promotions", auto); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#code-error").Text() != i18n.TL("en", "admin.promotions.error.code_automatic") {
		t.Errorf("automatic with a code = %d", res.Status)
	}
	promotionID(t, shop.Post("/admin/promotions", couponForm()))
	again := couponForm()
	again.Set("code", "WELCOME10")
	if res := shop.Post("/admin/promotions", again); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#code-error").Text() != i18n.TL("en", "admin.promotions.error.code_taken") {
		t.Errorf("taken code = %d", res.Status)
	}
	if res := shop.Get("/admin/promotions/999"); res.Status != http.StatusNotFound {
		t.Errorf("no such promotion = %d", res.Status)
	}
}

func TestAdminPromotionDateOnlyEndIsTheLastSecondInTheShopsZone(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	if err := shop.Store.SetSetting(ctx, store.SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	form := couponForm()
	form.Set("starts", "2026-05-01")
	form.Set("ends", "2026-05-31")
	id := promotionID(t, shop.Post("/admin/promotions", form))
	p, _ := shop.Store.PromotionByID(ctx, id)
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	if want := time.Date(2026, 5, 31, 23, 59, 59, 0, shanghai); !p.EndsAt.Equal(want) {
		t.Errorf("ends %v, want %v", p.EndsAt.In(shanghai), want)
	}
	if want := time.Date(2026, 5, 1, 0, 0, 0, 0, shanghai); !p.StartsAt.Equal(want) {
		t.Errorf("starts %v, want %v", p.StartsAt.In(shanghai), want)
	}
	doc := shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10)).Doc(t)
	if got := doc.Find(`input[name=ends]`).AttrOr("value", ""); got != "2026-05-31 23:59:59" {
		t.Errorf("the form shows the end as %q", got)
	}
	if got := doc.Find("#promotion-time-hint").Text(); !strings.Contains(got, "Asia/Shanghai") {
		t.Errorf("time hint = %q", got)
	}
}

func TestAdminPromotionPauseDuplicateArchive(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	base := "/admin/promotions/" + strconv.FormatInt(id, 10)

	if got := promotionID(t, shop.Post(base+"/active", url.Values{"active": {"0"}})); got != id {
		t.Errorf("pause went to %d", got)
	}
	if p, _ := shop.Store.PromotionByID(ctx, id); p.State != store.PromoStateDisabled {
		t.Errorf("paused state = %s", p.State)
	}
	page := shop.Get(base + "?done=paused").Doc(t)
	if page.Find(`[data-action=resume]`).Length() != 1 || page.Find("[data-notice]").Text() != i18n.TL("en", "admin.promotions.notice.paused") {
		t.Errorf("paused page lacks resume or its notice")
	}
	promotionID(t, shop.Post(base+"/active", url.Values{"active": {"1"}}))
	if p, _ := shop.Store.PromotionByID(ctx, id); p.State != store.PromoStateActive {
		t.Errorf("resumed state = %s", p.State)
	}

	copyID := promotionID(t, shop.Post(base+"/duplicate", nil))
	c, _ := shop.Store.PromotionByID(ctx, copyID)
	if copyID == id || c.Name.Default != "Welcome (copy)" || c.Name.In("zh") != "新客礼（副本）" || c.Code != "" || c.Active {
		t.Errorf("copy = %+v", c)
	}

	promotionID(t, shop.Post(base+"/archive", url.Values{"confirm": {"1"}}))
	if p, _ := shop.Store.PromotionByID(ctx, id); p.State != store.PromoStateArchived {
		t.Errorf("archived state = %s", p.State)
	}
	archived := shop.Get(base).Doc(t)
	if archived.Find("form.promotion-form fieldset[disabled]").Length() != 1 || archived.Find(`[data-action=pause]`).Length() != 0 {
		t.Errorf("an archived promotion's form is not read-only")
	}
	if res := shop.Post(base+"/active", url.Values{"active": {"1"}}); res.Status != http.StatusConflict {
		t.Errorf("resuming an archived promotion = %d, want 409", res.Status)
	}
	form := couponForm()
	form.Set("version", "99")
	if res := shop.Post(base, form); res.Status != http.StatusConflict {
		t.Errorf("saving an archived promotion = %d, want 409", res.Status)
	}
	list := shop.Get("/admin/promotions?status=archived").Doc(t)
	if got := list.Find("tr[data-promotion-id]").AttrOr("data-promotion-id", ""); got != strconv.FormatInt(id, 10) {
		t.Errorf("archived filter shows %q", got)
	}
}

func TestAdminPromotionStaleSaveIsAConflict(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	base := "/admin/promotions/" + strconv.FormatInt(id, 10)
	form := couponForm()
	form.Set("version", "1")
	form.Set("value", "15")
	promotionID(t, shop.Post(base, form))
	form.Set("value", "20")
	res := shop.Post(base, form)
	if res.Status != http.StatusConflict {
		t.Fatalf("stale save = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if doc.Find("[data-conflict]").Length() != 1 || doc.Find(`input[name=value]`).AttrOr("value", "") != "20" ||
		doc.Find(`input[name=version]`).AttrOr("value", "") != "2" {
		t.Errorf("conflict page does not keep the values with the current version")
	}
}

func TestAdminPromotionCodesGenerateAndDownload(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	form := couponForm()
	form.Set("code", "")
	id := promotionID(t, shop.Post("/admin/promotions", form))
	base := "/admin/promotions/" + strconv.FormatInt(id, 10)

	res := shop.Post(base+"/codes", url.Values{"count": {"0"}, "prefix": {"vip"}})
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#count-error").Text() != i18n.TL("en", "admin.promotions.error.code_count") {
		t.Errorf("0 codes = %d", res.Status)
	}
	if res := shop.Post(base+"/codes", url.Values{"count": {"25"}, "prefix": {"vip-"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("generate = %d", res.Status)
	}
	page := shop.Get(base).Doc(t)
	if got := page.Find("[data-codes]").AttrOr("data-codes", ""); got != "25" {
		t.Errorf("page counts %q codes", got)
	}
	dl := shop.Get(base + "/codes.csv")
	if dl.Status != http.StatusOK || !strings.HasPrefix(dl.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv = %d %v", dl.Status, dl.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(dl.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 26 || strings.Join(rows[0], ",") != "code,used,order" {
		t.Fatalf("csv rows = %d, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[0], "VIP-") || r[1] != "no" || r[2] != "" {
			t.Errorf("row %v", r)
		}
	}
	// A generated code cannot then be given to another coupon.
	other := couponForm()
	other.Set("code", rows[1][0])
	if res := shop.Post("/admin/promotions", other); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("a generated code reused = %d, want 422", res.Status)
	}
}

func TestAdminPromotionsNeedThePermission(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	base := "/admin/promotions/" + strconv.FormatInt(id, 10)
	shop.LoginAs(store.RoleSupport)
	for _, path := range []string{"/admin/promotions/new", base, base + "/codes.csv"} {
		if res := shop.Get(path); res.Status != http.StatusForbidden {
			t.Errorf("support GET %s = %d, want 403", path, res.Status)
		}
	}
	for _, path := range []string{"/admin/promotions", base, base + "/active", base + "/duplicate", base + "/archive", base + "/codes"} {
		if res := shop.Post(path, couponForm()); res.Status != http.StatusForbidden {
			t.Errorf("support POST %s = %d, want 403", path, res.Status)
		}
	}
	if p, _ := shop.Store.PromotionByID(context.Background(), id); !p.Active || p.Archived {
		t.Errorf("support changed the promotion: %+v", p)
	}
}

// TestAdminSavingAPromotionArchivedMeanwhileKeepsTheForm: a form opened
// before the promotion was archived, saved, answers 409 with what was
// typed and says why; those values can then be saved as a new promotion.
func TestAdminSavingAPromotionArchivedMeanwhileKeepsTheForm(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	base := "/admin/promotions/" + strconv.FormatInt(id, 10)
	promotionID(t, shop.Post(base+"/archive", url.Values{"confirm": {"1"}}))

	form := couponForm()
	form.Set("version", "1")
	form.Set("value", "15")
	res := shop.Post(base, form)
	if res.Status != http.StatusConflict {
		t.Fatalf("saving an archived promotion = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if got, want := doc.Find("[data-alert]").Text(), i18n.TL("en", "admin.promotions.error.archived_save"); got != want {
		t.Errorf("alert = %q, want %q", got, want)
	}
	if got := doc.Find(`input[name=value]`).AttrOr("value", ""); got != "15" {
		t.Errorf("the typed value is shown as %q", got)
	}
	if doc.Find("form.promotion-form fieldset[disabled]").Length() != 0 {
		t.Errorf("the typed values cannot be edited")
	}
	saveAsNew := doc.Find(`[data-action=save-as-new]`)
	if saveAsNew.AttrOr("formaction", "") != "/admin/promotions" {
		t.Fatalf("no button saves the values as a new promotion")
	}
	if p, _ := shop.Store.PromotionByID(ctx, id); p.Value != 1000 || !p.Archived {
		t.Errorf("the archived promotion changed: %+v", p)
	}
	// Saved as new, with a code of its own: the archived coupon keeps its.
	form.Set("code", "WELCOME15")
	copyID := promotionID(t, shop.Post(saveAsNew.AttrOr("formaction", ""), form))
	if c, _ := shop.Store.PromotionByID(ctx, copyID); copyID == id || c.Value != 1500 || c.Code != "WELCOME15" || c.Archived {
		t.Errorf("saved as new: %+v", c)
	}
}

// TestAdminActionsOnAnArchivedPromotionSayWhy: pausing, resuming,
// archiving again or making codes for an archived promotion answers 409
// with its page, saying it can no longer change and how to run it again.
func TestAdminActionsOnAnArchivedPromotionSayWhy(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	base := "/admin/promotions/" + strconv.FormatInt(promotionID(t, shop.Post("/admin/promotions", couponForm())), 10)
	promotionID(t, shop.Post(base+"/archive", url.Values{"confirm": {"1"}}))
	for _, post := range []struct {
		path string
		form url.Values
	}{
		{base + "/active", url.Values{"active": {"1"}}},
		{base + "/active", url.Values{"active": {"0"}}},
		{base + "/archive", nil},
		{base + "/archive", url.Values{"confirm": {"1"}}},
		{base + "/codes", url.Values{"count": {"5"}}},
	} {
		res := shop.Post(post.path, post.form)
		if res.Status != http.StatusConflict {
			t.Errorf("POST %s %v on an archived promotion = %d, want 409", post.path, post.form, res.Status)
			continue
		}
		doc := res.Doc(t)
		if got, want := doc.Find("[data-alert]").Text(), i18n.TL("en", "admin.promotions.error.archived"); got != want {
			t.Errorf("POST %s %v says %q, want %q", post.path, post.form, got, want)
		}
		if doc.Find("h1").Text() != "Welcome" || doc.Find(`[data-action=duplicate]`).Length() != 1 {
			t.Errorf("POST %s %v does not show the promotion's page with its Duplicate button", post.path, post.form)
		}
	}
}

// TestAdminPromotionAmountsHaveACeiling: an amount no promotion could
// take, and a flash sale price that lowers no price, are refused beside
// the field, with the form as typed.
func TestAdminPromotionAmountsHaveACeiling(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture() // the dearest item sold is the large linen shirt, 52.00
	shop.LoginAs(store.RoleOwner)

	coupon := couponForm()
	coupon.Set("type", "fixed")
	coupon.Set("value", "999999999999")
	res := shop.Post("/admin/promotions", coupon)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an amount off of 999,999,999,999 = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got, want := doc.Find("#value-error").Text(), i18n.TL("en", "admin.promotions.error.money_too_large"); got != want {
		t.Errorf("value says %q, want %q", got, want)
	}
	if got := doc.Find(`input[name=value]`).AttrOr("value", ""); got != "999999999999" {
		t.Errorf("value re-shown as %q", got)
	}

	start := shop.Store.Now().Format("2006-01-02")
	flash := url.Values{"kind": {"automatic"}, "name": {"Flash"}, "type": {"flash"}, "price": {"1"}, "value": {"500"},
		"starts": {start}, "ends": {start}}
	res = shop.Post("/admin/promotions", flash)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a flash sale at 500.00 = %d, want 422", res.Status)
	}
	if got, want := res.Doc(t).Find("#value-error").Text(), i18n.TL("en", "admin.promotions.error.flash_price_high"); got != want {
		t.Errorf("value says %q, want %q", got, want)
	}
	// Of the tea alone (28.00): 30.00 lowers nothing, 25.00 does.
	flash.Set("products", "dragon-well-tea")
	flash.Set("value", "30")
	if res := shop.Post("/admin/promotions", flash); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#value-error").Length() != 1 {
		t.Errorf("the tea at 30.00 = %d, want 422", res.Status)
	}
	flash.Set("value", "25")
	promotionID(t, shop.Post("/admin/promotions", flash))
}

// TestAdminPromotionCodePrefixSaysItsOwnLimit: a prefix the codes cannot
// start with is refused with the prefix's own rule: at most 20.
func TestAdminPromotionCodePrefixSaysItsOwnLimit(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	base := "/admin/promotions/" + strconv.FormatInt(promotionID(t, shop.Post("/admin/promotions", couponForm())), 10)
	for _, prefix := range []string{"优惠", strings.Repeat("A", 21)} {
		res := shop.Post(base+"/codes", url.Values{"count": {"5"}, "prefix": {prefix}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("prefix %q = %d, want 422", prefix, res.Status)
			continue
		}
		doc := res.Doc(t)
		if got, want := doc.Find("#prefix-error").Text(), i18n.TL("en", "admin.promotions.error.prefix_chars"); got != want || !strings.Contains(got, "20") {
			t.Errorf("prefix %q says %q, want %q", prefix, got, want)
		}
		if got := doc.Find(`input[name=prefix]`).AttrOr("value", ""); got != prefix {
			t.Errorf("prefix re-shown as %q", got)
		}
	}
}
