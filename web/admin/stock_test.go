package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/store/shopifycsv"
	"storefront/web/webtest"
)

// stockOf reads the stock figure of a variant's stock page.
func stockOf(t *testing.T, shop *webtest.Shop, variantID string) string {
	t.Helper()
	res := shop.Get("/admin/variants/" + variantID + "/stock")
	if res.Status != http.StatusOK {
		t.Fatalf("stock page = %d", res.Status)
	}
	return res.Doc(t).Find("[data-stock]").AttrOr("data-stock", "")
}

// TestStockAdjustmentStory: a manager receives five of the fixture's
// "LS-M" (stock 3), writes off three, is refused a change below zero and a
// count made against an outdated figure, then counts again; every change is
// in the variant's history and the audit log.
func TestStockAdjustmentStory(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	manager := shop.LoginAs(store.RoleManager)
	const page = "/admin/variants/2/stock"
	if got := stockOf(t, shop, "2"); got != "3" {
		t.Fatalf("LS-M stock = %s, want 3", got)
	}
	post := func(form url.Values, want int) webtest.Response {
		t.Helper()
		res := shop.Post(page, form)
		if res.Status != want {
			t.Fatalf("POST %v = %d, want %d\n%s", form, res.Status, want, res.Body)
		}
		return res
	}
	res := post(url.Values{"delta": {"+5"}, "reason": {"received"}, "note": {"PO 7"}, "stock_was": {"3"}}, http.StatusSeeOther)
	if res.Header.Get("Location") != page+"?saved=1" {
		t.Errorf("adjust → %q", res.Header.Get("Location"))
	}
	post(url.Values{"delta": {"-3"}, "reason": {"damaged"}}, http.StatusSeeOther)
	if got := stockOf(t, shop, "2"); got != "5" {
		t.Fatalf("stock after +5 -3 = %s, want 5", got)
	}

	refused := post(url.Values{"delta": {"-9"}, "reason": {"damaged"}, "note": {"dropped a box"}}, http.StatusUnprocessableEntity)
	doc := refused.Doc(t)
	if doc.Find("#delta-error").Length() != 1 || doc.Find(`input[name=delta]`).AttrOr("value", "") != "-9" ||
		doc.Find(`input[name=note]`).AttrOr("value", "") != "dropped a box" {
		t.Errorf("refused change does not explain or lost the values:\n%s", refused.Body)
	}
	for _, form := range []url.Values{
		{"delta": {"abc"}, "reason": {"other"}},
		{"delta": {"1"}, "set_to": {"4"}, "reason": {"other"}},
		{"delta": {"1"}, "reason": {"stolen"}},
		{"reason": {"other"}},
		{"delta": {"99999999999"}, "reason": {"received"}},
	} {
		post(form, http.StatusUnprocessableEntity)
	}

	stale := post(url.Values{"set_to": {"2"}, "stock_was": {"4"}, "reason": {"correction"}}, http.StatusConflict)
	doc = stale.Doc(t)
	if doc.Find("[data-conflict]").Length() != 1 || doc.Find(`input[name=set_to]`).AttrOr("value", "") != "2" ||
		doc.Find(`input[name=stock_was]`).AttrOr("value", "") != "5" {
		t.Errorf("stale count page:\n%s", stale.Body)
	}
	if got := stockOf(t, shop, "2"); got != "5" {
		t.Fatalf("refused changes moved the stock to %s", got)
	}
	post(url.Values{"set_to": {"2"}, "stock_was": {"5"}, "reason": {"correction"}}, http.StatusSeeOther)

	rows := shop.Get(page).Doc(t).Find("tr[data-delta]").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("data-delta", "") + " " + s.AttrOr("data-reason", "")
	})
	if want := []string{"-3 correction", "-3 damaged", "5 received"}; !slices.Equal(rows, want) {
		t.Errorf("history = %v, want %v", rows, want)
	}
	log, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionStockAdjust})
	if err != nil || log.Total != 3 || log.Records[2].StaffEmail != manager.Email || log.Records[2].EntityID != "2" {
		t.Errorf("audit = %+v, %v", log.Records, err)
	}
	p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", true)
	if p.StockTotal != 0+2+10 {
		t.Errorf("product stock total = %d, want 12", p.StockTotal)
	}
	if res := shop.Post("/admin/variants/999/stock", url.Values{"delta": {"1"}, "reason": {"other"}}); res.Status != http.StatusNotFound {
		t.Errorf("missing variant = %d", res.Status)
	}
}

// TestLowStockThresholds: the low-stock list and the admin home follow each
// variant's own threshold.
func TestLowStockThresholds(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	lowSKUs := func(path, sel string) []string {
		t.Helper()
		res := shop.Get(path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s = %d", path, res.Status)
		}
		return res.Doc(t).Find(sel).Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
	}
	list := func() []string {
		return lowSKUs("/admin/inventory/low-stock", ".low-stock-list tbody tr td:nth-child(3)")
	}
	if got := list(); !slices.Equal(got, []string{"LS-S", "SEC-1", "LS-M"}) {
		t.Fatalf("low stock = %v", got)
	}
	// LS-M (3) warns only at 2 or fewer; TEA-1 (20) at 25 or fewer.
	for id, form := range map[string]url.Values{
		"2": {"threshold": {"2"}, "was": {"5"}},
		"4": {"threshold": {"25"}, "was": {"5"}},
	} {
		if res := shop.Post("/admin/variants/"+id+"/stock/threshold", form); res.Status != http.StatusSeeOther {
			t.Fatalf("threshold of %s = %d\n%s", id, res.Status, res.Body)
		}
	}
	if got := list(); !slices.Equal(got, []string{"LS-S", "SEC-1", "TEA-1"}) {
		t.Errorf("low stock after thresholds = %v", got)
	}
	if got := lowSKUs("/admin", ".low-stock tbody tr td:nth-child(3)"); !slices.Equal(got, []string{"LS-S", "SEC-1", "TEA-1"}) {
		t.Errorf("admin home low stock = %v", got)
	}
	stale := shop.Post("/admin/variants/2/stock/threshold", url.Values{"threshold": {"9"}, "was": {"5"}})
	if stale.Status != http.StatusConflict || stale.Doc(t).Find(`input[name=threshold]`).AttrOr("value", "") != "9" {
		t.Errorf("stale threshold = %d", stale.Status)
	}
	for _, v := range []string{"-1", "x", ""} {
		if res := shop.Post("/admin/variants/2/stock/threshold", url.Values{"threshold": {v}, "was": {"2"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("threshold %q = %d, want 422", v, res.Status)
		}
	}
	for path, want := range map[string]int{
		"/admin/inventory/low-stock?page=2":   http.StatusNotFound,
		"/admin/inventory/low-stock?page=abc": http.StatusBadRequest,
		"/admin/variants/abc/stock":           http.StatusNotFound,
	} {
		if res := shop.Get(path); res.Status != want {
			t.Errorf("%s = %d, want %d", path, res.Status, want)
		}
	}
}

// TestProductsCSVExport downloads the catalog and reads it back with the
// importer's parser.
func TestProductsCSVExport(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	res := shop.Get("/admin/products.csv")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), `attachment; filename="products-`) {
		t.Fatalf("export = %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	products, problems, err := shopifycsv.Parse(strings.NewReader(res.Body), 2)
	if err != nil || len(problems) > 0 {
		t.Fatalf("parse: %v %v", err, problems)
	}
	got := map[string]store.ProductInput{}
	for _, p := range products {
		got[p.Input.Handle] = p.Input
	}
	shirt := got["linen-shirt"]
	if len(got) != 3 || got["secret-draft"].Status != store.StatusDraft || shirt.Title != "Linen Shirt" ||
		shirt.Description != "A breathable shirt.\nWashed linen." || !slices.Equal(shirt.Tags, []string{"linen"}) ||
		!slices.Equal(shirt.Collections, []string{"summer"}) || !slices.Equal(shirt.OptionNames, []string{"Size"}) {
		t.Fatalf("exported products = %+v", got)
	}
	var skus []string
	for _, v := range shirt.Variants {
		skus = append(skus, v.SKU)
	}
	if !slices.Equal(skus, []string{"LS-S", "LS-M", "LS-L"}) || shirt.Variants[0].CompareAtPrice != 5900 || shirt.Variants[2].Price != 5200 {
		t.Errorf("shirt variants = %+v", shirt.Variants)
	}
	if len(shirt.Images) != 1 || shirt.Images[0].Alt != "A white linen shirt" {
		t.Fatalf("shirt images = %+v", shirt.Images)
	}
	src := shirt.Images[0].SourceURL
	if !strings.HasPrefix(src, shop.Server.URL+"/images/") || !strings.HasSuffix(src, "/full") {
		t.Fatalf("image src = %q", src)
	}
	img, err := http.Get(src)
	if err != nil {
		t.Fatal(err)
	}
	img.Body.Close()
	if img.StatusCode != http.StatusOK || img.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("exported image URL = %d %q", img.StatusCode, img.Header.Get("Content-Type"))
	}
}

// TestStockLimitsSayWhichEnd: a count or threshold below zero asks for 0
// or more, one past the limit names the limit; neither changes anything.
func TestStockLimitsSayWhichEnd(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	below, above := "Enter 0 or more.", "That number is too large: stock can be at most 1,000,000,000."
	for _, tt := range []struct {
		path, field string
		form        url.Values
		want        string
	}{
		{"/admin/variants/2/stock", "set_to", url.Values{"set_to": {"-1"}, "stock_was": {"3"}, "reason": {"correction"}}, below},
		{"/admin/variants/2/stock", "set_to", url.Values{"set_to": {"1000000001"}, "stock_was": {"3"}, "reason": {"correction"}}, above},
		{"/admin/variants/2/stock", "delta", url.Values{"delta": {"99999999999"}, "reason": {"received"}}, above},
		{"/admin/variants/2/stock/threshold", "threshold", url.Values{"threshold": {"-3"}, "was": {"5"}}, below},
		{"/admin/variants/2/stock/threshold", "threshold", url.Values{"threshold": {"99999999999"}, "was": {"5"}}, above},
	} {
		res := shop.Post(tt.path, tt.form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s %v = %d, want 422", tt.path, tt.form, res.Status)
			continue
		}
		doc := res.Doc(t)
		if got := doc.Find("#" + tt.field + "-error").Text(); got != tt.want {
			t.Errorf("%s %v: message %q, want %q", tt.path, tt.form, got, tt.want)
		}
		if got := doc.Find(`input[name=`+tt.field+`]`).AttrOr("value", ""); got != tt.form.Get(tt.field) {
			t.Errorf("%s %v: %s shown back as %q", tt.path, tt.form, tt.field, got)
		}
	}
	if got := stockOf(t, shop, "2"); got != "3" {
		t.Errorf("stock after refusals = %s, want 3", got)
	}
}
