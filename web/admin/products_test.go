package admin_test

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// scarfForm is the product form as a manager fills it in: a silk scarf in
// two colours, in the fixture's summer collection.
func scarfForm() url.Values {
	form := url.Values{}
	for k, v := range map[string]string{
		"title": "Silk Scarf", "handle": "", "description": "Hand-rolled edges.", "vendor": "Acme",
		"product_type": "Scarves", "status": store.StatusActive, "tags": "silk, summer", "collections": "summer",
		"option1_name": "Colour", "variant_rows": "2",
		"v0_id": "", "v0_option1": "Red", "v0_sku": "SC-R", "v0_price": "19.99", "v0_stock": "5", "v0_weight": "120",
		"v1_id": "", "v1_option1": "Blue", "v1_sku": "SC-B", "v1_price": "21.50", "v1_compare_at": "25", "v1_stock": "0",
	} {
		form.Set(k, v)
	}
	return form
}

// formOf reads a rendered form back into values, as a browser would send
// it: enabled named inputs, checked boxes, selected options, textareas.
func formOf(t testing.TB, res webtest.Response, selector string) url.Values {
	t.Helper()
	vals := url.Values{}
	res.Doc(t).Find(selector + " input[name], " + selector + " textarea[name], " + selector + " select[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch {
		case s.Is("textarea"):
			vals.Add(name, s.Text())
		case s.Is("select"):
			vals.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		case s.AttrOr("type", "") == "checkbox":
			if _, ok := s.Attr("checked"); ok {
				vals.Add(name, s.AttrOr("value", "on"))
			}
		case s.AttrOr("type", "") != "submit" && s.AttrOr("type", "") != "file":
			vals.Add(name, s.AttrOr("value", ""))
		}
	})
	return vals
}

func createScarf(t *testing.T, shop *webtest.Shop) (int64, string) {
	t.Helper()
	res := shop.Post("/admin/products/new", scarfForm())
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/products/") {
		t.Fatalf("create = %d → %q\n%s", res.Status, loc, res.Body)
	}
	p, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID, loc
}

// TestCreateProductThroughTheForm: a manager adds a row with "add a
// variant", creates a product with two variants, and shoppers find it on
// its page, in its collection and in search.
func TestCreateProductThroughTheForm(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)

	blank := shop.Get("/admin/products/new")
	if blank.Status != http.StatusOK || blank.Doc(t).Find(`tr[data-variant-row]`).Length() != 1 {
		t.Fatalf("new product form = %d", blank.Status)
	}
	more := formOf(t, blank, "form.product-form")
	more.Set("title", "Typed before adding a row")
	more.Set("add_variant", "1")
	res := shop.Post("/admin/products/new", more)
	doc := res.Doc(t)
	if res.Status != http.StatusOK || doc.Find(`tr[data-variant-row]`).Length() != 2 ||
		doc.Find(`input[name=title]`).AttrOr("value", "") != "Typed before adding a row" {
		t.Fatalf("add a variant = %d, rows %d", res.Status, doc.Find(`tr[data-variant-row]`).Length())
	}

	id, loc := createScarf(t, shop)
	edit := shop.Get(loc)
	if edit.Status != http.StatusOK || !strings.Contains(edit.Body, i18n.TL("en", "admin.product.created", "Silk Scarf")) {
		t.Fatalf("edit page after create = %d", edit.Status)
	}
	p, _ := shop.Store.ProductByID(context.Background(), id)
	if len(p.Variants) != 2 || p.Variants[0].Price != 1999 || p.Variants[1].CompareAtPrice != 2500 ||
		p.Variants[0].Stock != 5 || p.Variants[0].WeightGrams != 120 || strings.Join(p.Tags, ",") != "silk,summer" {
		t.Errorf("stored product = %+v", p)
	}

	page := shop.Get("/products/silk-scarf")
	if page.Status != http.StatusOK {
		t.Fatalf("storefront product = %d", page.Status)
	}
	pdoc := page.Doc(t)
	if got := pdoc.Find("h1.product-title").Text(); got != "Silk Scarf" {
		t.Errorf("title = %q", got)
	}
	if got := pdoc.Find("#price-block .price-current").Text(); got != "$19.99" {
		t.Errorf("price = %q", got)
	}
	if n := pdoc.Find(`form.variant-picker input[name=option1]`).Length(); n != 2 {
		t.Errorf("variant choices = %d", n)
	}
	if !strings.Contains(shop.Get("/search?q=scarf").Body, `href="/products/silk-scarf"`) {
		t.Error("search does not find the new product")
	}
	if !strings.Contains(shop.Get("/collections/summer").Body, `href="/products/silk-scarf"`) {
		t.Error("the summer collection does not list the new product")
	}
	log, _ := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionProductCreate})
	if log.Total != 1 || log.Records[0].StaffEmail == "" {
		t.Errorf("create audit = %+v", log.Records)
	}
}

// TestProductEditShowsChangesToShoppers: anonymous visitors get cached
// pages; a save must show on the next visit.
func TestProductEditShowsChangesToShoppers(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if got := shop.Get("/products/linen-shirt").Doc(t).Find("h1.product-title").Text(); got != "Linen Shirt" {
		t.Fatalf("before = %q", got)
	}
	shop.LoginAs(store.RoleManager)
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	form.Set("title", "Washed Linen Shirt")
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", res.Status, res.Body)
	}
	shop.ForgetCookies()
	if got := shop.Get("/products/linen-shirt").Doc(t).Find("h1.product-title").Text(); got != "Washed Linen Shirt" {
		t.Errorf("after = %q: the cached page outlived the edit", got)
	}
	// The stock of existing variants is not the form's to change.
	p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", false)
	if p.Variants[1].Stock != 3 || p.Variants[2].Stock != 10 {
		t.Errorf("stock after save = %d, %d", p.Variants[1].Stock, p.Variants[2].Stock)
	}
}

func TestStaleProductEditIsRefused(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	opened := formOf(t, shop.Get("/admin/products/1"), "form.product-form")

	// Someone else saves first.
	theirs := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	theirs.Set("title", "Their Title")
	if res := shop.Post("/admin/products/1", theirs); res.Status != http.StatusSeeOther {
		t.Fatalf("first save = %d", res.Status)
	}
	before, _ := shop.Store.ProductByID(context.Background(), 1)

	opened.Set("title", "My Title")
	opened.Set("v0_price", "12.34")
	res := shop.Post("/admin/products/1", opened)
	if res.Status != http.StatusConflict {
		t.Fatalf("stale save = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if doc.Find(`[data-stale]`).Length() != 1 || !strings.Contains(res.Body, i18n.TL("en", "admin.product.stale")[:40]) {
		t.Error("409 page does not explain")
	}
	if got := doc.Find(`input[name=title]`).AttrOr("value", ""); got != "My Title" {
		t.Errorf("typed title kept = %q", got)
	}
	if got := doc.Find(`input[name=v0_price]`).AttrOr("value", ""); got != "12.34" {
		t.Errorf("typed price kept = %q", got)
	}
	after, _ := shop.Store.ProductByID(context.Background(), 1)
	if after.Title != "Their Title" || after.Version != before.Version || after.Variants[0].Price != before.Variants[0].Price {
		t.Errorf("the stale save changed the product: %+v", after)
	}
	if got := doc.Find(`input[name=version]`).AttrOr("value", ""); got != itoa(after.Version) {
		t.Errorf("409 form carries version %q, want the current %d", got, after.Version)
	}
}

func TestInvalidProductFormKeepsValues(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for name, tt := range map[string]struct {
		field, value, errorField, msg string
	}{
		"price":        {"v0_price", "19.999", "v0_price", "error.product_price"},
		"words":        {"v1_price", "twelve", "v1_price", "error.product_price"},
		"empty price":  {"v0_price", " ", "v0_price", "error.required"},
		"weight":       {"v0_weight", "-3", "v0_weight", "error.product_whole_number"},
		"huge stock":   {"v0_stock", "99999999999", "v0_stock", "error.product_number_too_large"},
		"hidden sale":  {"v1_compare_at", "21.50", "v1_compare_at", "error.product_compare_at"},
		"handle taken": {"handle", "dragon-well-tea", "handle", "error.product_handle_taken"},
		"sku taken":    {"v0_sku", "TEA-1", "variants", "error.product_sku_taken"},
	} {
		form := scarfForm()
		form.Set(tt.field, tt.value)
		res := shop.Post("/admin/products/new", form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", name, res.Status)
			continue
		}
		doc := res.Doc(t)
		if got := doc.Find("#" + tt.errorField + "-error").Text(); got != i18n.TL("en", tt.msg) {
			t.Errorf("%s: message %q, want %q", name, got, i18n.TL("en", tt.msg))
		}
		if got := doc.Find(`[name=`+tt.field+`]`).AttrOr("value", ""); got != tt.value {
			t.Errorf("%s: %s shown back as %q", name, tt.field, got)
		}
		if got := doc.Find(`input[name=title]`).AttrOr("value", ""); got != "Silk Scarf" {
			t.Errorf("%s: title shown back as %q", name, got)
		}
	}
	if _, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true); err == nil {
		t.Error("an invalid form created a product")
	}
	for _, bad := range []url.Values{{"variant_rows": {"abc"}}, {"variant_rows": {"1"}, "v0_id": {"x"}, "v0_price": {"1"}}} {
		if res := shop.Post("/admin/products/new", bad); res.Status != http.StatusBadRequest {
			t.Errorf("tampered form %v = %d, want 400", bad, res.Status)
		}
	}
}

func TestSupportSeesProductsReadOnly(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	list := shop.Get("/admin/products")
	if list.Status != http.StatusOK || list.Doc(t).Find(`input[name=product_id]`).Length() != 0 ||
		strings.Contains(list.Body, `href="/admin/products/new"`) {
		t.Errorf("support's product table = %d, with bulk controls or a new button", list.Status)
	}
	res := shop.Get("/admin/products/1")
	if res.Status != http.StatusOK {
		t.Fatalf("support opens a product = %d", res.Status)
	}
	doc := res.Doc(t)
	if _, disabled := doc.Find("fieldset.product-fieldset").Attr("disabled"); !disabled {
		t.Error("the form is not disabled")
	}
	if doc.Find(`button[type=submit]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Closest(".admin-logout").Length() == 0
	}).Length() != 0 {
		t.Error("support is offered buttons that change the product")
	}
	if doc.Find(`form[enctype="multipart/form-data"]`).Length() != 0 {
		t.Error("support is offered an upload")
	}
	form := formOf(t, res, "form.product-form")
	form.Set("title", "Support Was Here")
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusForbidden {
		t.Errorf("support save = %d, want 403", res.Status)
	}
	if p, _ := shop.Store.ProductByID(context.Background(), 1); p.Title != "Linen Shirt" {
		t.Errorf("title = %q", p.Title)
	}
}

func TestProductTableFilters(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	ids := func(path string) []string {
		t.Helper()
		res := shop.Get(path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s = %d", path, res.Status)
		}
		return res.Doc(t).Find("tr[data-product-id]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-product-id", "") })
	}
	for path, want := range map[string]string{
		"/admin/products?sort=title":                        "2,1,3", // by the default language's title
		"/admin/products?status=draft":                      "3",
		"/admin/products?q=tea-1":                           "2", // by SKU
		"/admin/products?q=acme":                            "1", // by vendor
		"/admin/products?collection=1&sort=price-asc":       "2,1",
		"/admin/products?stock=out":                         "",
		"/admin/products?stock=in&sort=stock-desc":          "2,1,3",
		"/admin/products?q=%25":                             "", // a literal percent sign
		"/admin/products?status=active&sort=price-desc&q=a": "1,2",
	} {
		if got := strings.Join(ids(path), ","); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	for _, bad := range []string{"?status=gone", "?stock=maybe", "?sort=random", "?collection=x", "?page=0"} {
		if res := shop.Get("/admin/products" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, res.Status)
		}
	}
	if res := shop.Get("/admin/products?page=2"); res.Status != http.StatusNotFound {
		t.Errorf("page past the end = %d, want 404", res.Status)
	}
}

func TestBulkActions(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	id, err := shop.Store.CreateProduct(ctx, store.Actor{}, store.ProductInput{Title: "Sale Hat", Status: store.StatusActive,
		Variants: []store.VariantInput{{Price: 1999, Stock: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	back := "/admin/products?status=active"
	res := shop.Post("/admin/products/bulk", url.Values{"product_id": {itoa(id)}, "action": {"price"},
		"percent": {"-10"}, "compare_at": {"1"}, "return": {back}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != back {
		t.Fatalf("bulk price = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	p, _ := shop.Store.ProductByID(ctx, id)
	if v := p.Variants[0]; v.Price != 1799 || v.CompareAtPrice != 1999 {
		t.Errorf("after -10%% = %d (compare-at %d), want 1799 (1999)", v.Price, v.CompareAtPrice)
	}
	if !strings.Contains(shop.Get(back).Body, "Prices of 1 product changed.") {
		t.Error("no message after the price change, or not in the singular")
	}
	if got := shop.Get("/products/sale-hat").Doc(t).Find("#price-block .price-current").Text(); got != "$17.99" {
		t.Errorf("shop price = %q", got)
	}

	res = shop.Post("/admin/products/bulk", url.Values{"product_id": {"1", "2"}, "action": {store.StatusArchived}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/products" {
		t.Fatalf("bulk archive = %d → %q", res.Status, res.Header.Get("Location"))
	}
	for _, pid := range []int64{1, 2} {
		if p, _ := shop.Store.ProductByID(ctx, pid); p.Status != store.StatusArchived {
			t.Errorf("product %d is %s", pid, p.Status)
		}
	}
	if !strings.Contains(shop.Get("/admin/products").Body, "2 products archived.") {
		t.Error("no message after archiving two products")
	}
	if res := shop.Get("/products/linen-shirt"); res.Status != http.StatusNotFound {
		t.Errorf("archived product page = %d", res.Status)
	}
	for action, want := range map[string]int{store.ActionProductPrice: 1, store.ActionProductStatus: 2} {
		if log, _ := shop.Store.AuditLog(ctx, store.AuditFilter{Action: action}); log.Total != want {
			t.Errorf("%s audit rows = %d, want %d", action, log.Total, want)
		}
	}

	// Refused: the table comes back with the boxes still ticked and a message.
	res = shop.Post("/admin/products/bulk", url.Values{"product_id": {"3"}, "action": {"price"}, "percent": {"ten"},
		"return": {"/admin/products?status=draft"}})
	doc := res.Doc(t)
	if res.Status != http.StatusUnprocessableEntity || doc.Find(`input[name=product_id][value="3"][checked]`).Length() != 1 ||
		doc.Find(`input[name=percent]`).AttrOr("value", "") != "ten" || doc.Find("#percent-error").Length() != 1 {
		t.Errorf("bad percent = %d", res.Status)
	}
	if res := shop.Post("/admin/products/bulk", url.Values{"action": {store.StatusActive}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, i18n.TL("en", "error.product_none_selected")) {
		t.Errorf("nothing selected = %d", res.Status)
	}
	for _, bad := range []url.Values{{"product_id": {"x"}, "action": {"draft"}}, {"product_id": {"1"}, "action": {"delete"}}} {
		if res := shop.Post("/admin/products/bulk", bad); res.Status != http.StatusBadRequest {
			t.Errorf("bulk %v = %d, want 400", bad, res.Status)
		}
	}
	if res := shop.Post("/admin/products/bulk", url.Values{"product_id": {"1"}, "action": {"draft"},
		"return": {"https://evil.example/"}}); res.Header.Get("Location") != "/admin/products" {
		t.Errorf("bulk return went to %q", res.Header.Get("Location"))
	}
}

func TestDuplicateAndArchiveProduct(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	res := shop.Post("/admin/products/1/duplicate", nil)
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || loc == "/admin/products/1" || !strings.HasPrefix(loc, "/admin/products/") {
		t.Fatalf("duplicate = %d → %q", res.Status, loc)
	}
	doc := shop.Get(loc).Doc(t)
	if got := doc.Find(`input[name=handle]`).AttrOr("value", ""); got != "linen-shirt-copy" {
		t.Errorf("copy's handle = %q", got)
	}
	if got := doc.Find(`select[name=status] option[selected]`).AttrOr("value", ""); got != store.StatusDraft {
		t.Errorf("copy's status = %q", got)
	}
	if skus := doc.Find(`input[name$=_sku]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") }); len(skus) != 3 || strings.Join(skus, "") != "" {
		t.Errorf("copy's SKUs = %q", skus)
	}
	if doc.Find(`.image-item`).Length() != 1 {
		t.Error("the copy has no image")
	}
	if res := shop.Post("/admin/products/1/duplicate", nil); !strings.HasPrefix(res.Header.Get("Location"), "/admin/products/") {
		t.Fatal("second duplicate failed")
	}
	if _, err := shop.Store.ProductByHandle(context.Background(), "linen-shirt-copy-2", true); err != nil {
		t.Errorf("second copy: %v", err)
	}

	if res := shop.Post("/admin/products/1/archive", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("archive = %d", res.Status)
	}
	if got := shop.Get("/admin/products/1").Doc(t).Find(`[data-status]`).First().AttrOr("data-status", ""); got != store.StatusArchived {
		t.Errorf("status after archive = %q", got)
	}
	for _, path := range []string{"/admin/products/999/duplicate", "/admin/products/999/archive"} {
		if res := shop.Post(path, nil); res.Status != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, res.Status)
		}
	}
}

// upload posts a file as the product page's upload form does, with the
// alt text as alt, then pairs of further field names and values.
func upload(s *webtest.Shop, path, filename string, data []byte, alt string, fields ...string) webtest.Response {
	s.T.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("alt", alt)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	fw, err := mw.CreateFormFile("image", filename)
	if err != nil {
		s.T.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+path, &body)
	if err != nil {
		s.T.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.Do(req)
}

func TestProductImageUploads(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	id, _ := createScarf(t, shop)
	edit := "/admin/products/" + itoa(id)

	zhAlt := adminviews.TrName("zh", store.FieldAlt)
	if shop.Get(edit).Doc(t).Find(`form.image-upload input[name="`+zhAlt+`"]`).Length() != 1 {
		t.Errorf("the upload form has no Chinese alt field %q", zhAlt)
	}
	res := upload(shop, edit+"/images", "scarf.png", webtest.PNG(t, color.RGBA{200, 30, 30, 255}), "A red silk scarf", zhAlt, "红色丝巾")
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != edit+"#images" {
		t.Fatalf("upload = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	p, _ := shop.Store.ProductByID(context.Background(), id)
	if len(p.Images) != 1 || p.Images[0].Alt != "A red silk scarf" || p.Images[0].AltTr["zh"] != "红色丝巾" || p.CoverImageID != p.Images[0].ID {
		t.Fatalf("images = %+v", p.Images)
	}
	src := "/images/" + itoa(p.Images[0].ID) + "/full"
	hashed := "/images/" + itoa(p.Images[0].ID) + "/" + p.Images[0].ETag + "/"
	page := shop.Get("/products/silk-scarf")
	if img := page.Doc(t).Find(`img[src^="` + hashed + `"]`); img.Length() == 0 || img.AttrOr("alt", "") != "A red silk scarf" {
		t.Errorf("storefront does not show %s…", hashed)
	}
	if img := shop.Get(src); img.Status != http.StatusOK || img.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("image = %d %s", img.Status, img.Header.Get("Content-Type"))
	}
	if got := shop.Get("/admin/products").Doc(t).Find(`tr[data-product-id="`+itoa(id)+`"] img.product-thumb`).AttrOr("src", ""); got != hashed+"480" {
		t.Errorf("table thumbnail = %q", got)
	}

	for name, tt := range map[string]struct {
		data   []byte
		status []int
		msg    string
	}{
		"text file":    {[]byte("name,price\nscarf,19.99\n"), []int{http.StatusUnprocessableEntity}, "error.product_image_bad"},
		"12 MB upload": {bytes.Repeat([]byte{0xff}, 12<<20), []int{http.StatusRequestEntityTooLarge}, "error.product_image_too_large"},
		"10.5 MB png":  {append(webtest.PNG(t, color.White), make([]byte, store.MaxImageBytes)...)[:store.MaxImageBytes+1], []int{http.StatusUnprocessableEntity}, "error.product_image_too_large"},
	} {
		res := upload(shop, edit+"/images", "file.png", tt.data, "kept alt", zhAlt, "保留")
		if !slices.Contains(tt.status, res.Status) {
			t.Errorf("%s: status %d, want one of %v", name, res.Status, tt.status)
			continue
		}
		if res.Status == http.StatusUnprocessableEntity && res.Doc(t).Find(`input[name="`+zhAlt+`"][value="保留"]`).Length() != 1 {
			t.Errorf("%s: the Chinese alt was not kept", name)
		}
		if got := res.Doc(t).Find("#image-error").Text(); got != i18n.TL("en", tt.msg) {
			t.Errorf("%s: message %q, want %q", name, got, i18n.TL("en", tt.msg))
		}
	}
	if res := shop.Post(edit+"/images", url.Values{"alt": {"no file"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("upload without a file = %d", res.Status)
	}
	if p, _ := shop.Store.ProductByID(context.Background(), id); len(p.Images) != 1 {
		t.Errorf("refused uploads added images: %d", len(p.Images))
	}
}

func TestProductImageGallery(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	first := int64(1) // the fixture shirt's image
	if res := upload(shop, "/admin/products/1/images", "b.png", webtest.PNG(t, color.Black), ""); res.Status != http.StatusSeeOther {
		t.Fatalf("upload = %d", res.Status)
	}
	p, _ := shop.Store.ProductByID(ctx, 1)
	second := p.Images[1].ID
	base := "/admin/products/1/images/" + itoa(second)

	if res := shop.Post(base+"/move", url.Values{"move": {store.MoveUp}}); res.Status != http.StatusSeeOther {
		t.Fatalf("move = %d", res.Status)
	}
	if res := shop.Post(base+"/alt", url.Values{"alt": {"A black shirt"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("alt = %d", res.Status)
	}
	if res := shop.Post(base+"/alt", url.Values{"alt": {strings.Repeat("x", store.MaxImageAltLen+1)}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, i18n.TL("en", "error.too_long")) {
		t.Errorf("long alt = %d", res.Status)
	}
	p, _ = shop.Store.ProductByID(ctx, 1)
	if p.CoverImageID != second || p.Images[0].Alt != "A black shirt" {
		t.Errorf("after move and alt: cover %d, images %+v", p.CoverImageID, p.Images)
	}
	// Pick the image for the large variant on its row, then delete it.
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	form.Set("v2_image", itoa(second))
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusSeeOther {
		t.Fatalf("save with variant image = %d\n%s", res.Status, res.Body)
	}
	if p, _ = shop.Store.ProductByID(ctx, 1); p.Variants[2].ImageID != second {
		t.Errorf("variant image = %d", p.Variants[2].ImageID)
	}
	if res := shop.Post(base+"/delete", url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete = %d", res.Status)
	}
	if p, _ = shop.Store.ProductByID(ctx, 1); len(p.Images) != 1 || p.CoverImageID != first || p.Variants[2].ImageID != 0 {
		t.Errorf("after delete: %+v", p)
	}
	for path, want := range map[string]int{
		base + "/delete":                      http.StatusNotFound,
		"/admin/products/2/images/1/delete":   http.StatusNotFound, // another product's image
		"/admin/products/1/images/1/move":     http.StatusBadRequest,
		"/admin/products/1/images/abc/delete": http.StatusNotFound,
	} {
		if res := shop.Post(path, nil); res.Status != want {
			t.Errorf("%s = %d, want %d", path, res.Status, want)
		}
	}
}

// TestNewProductDoubleSubmit: a second press of "save" on the new-product
// form (a slow network, an impatient click) does not make a second
// product: its SKUs are taken, so it comes back as the form with a message.
func TestNewProductDoubleSubmit(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	createScarf(t, shop)
	res := shop.Post("/admin/products/new", scarfForm())
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, i18n.TL("en", "error.product_sku_taken")) {
		t.Fatalf("second submit = %d, want 422 with the SKU message", res.Status)
	}
	if got := res.Doc(t).Find(`input[name=title]`).AttrOr("value", ""); got != "Silk Scarf" {
		t.Errorf("second submit lost the title: %q", got)
	}
	if _, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf-2", true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a second product was made: %v", err)
	}
}

// TestBulkArchiveMakesOpenFormStale: a manager has a product open while a
// colleague archives it from the table; saving the open form must not
// quietly put the old status back.
func TestBulkArchiveMakesOpenFormStale(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	opened := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	if res := shop.Post("/admin/products/bulk", url.Values{"product_id": {"1"}, "action": {store.StatusArchived}}); res.Status != http.StatusSeeOther {
		t.Fatalf("bulk archive = %d", res.Status)
	}
	opened.Set("title", "Renamed")
	res := shop.Post("/admin/products/1", opened)
	if res.Status != http.StatusConflict || res.Doc(t).Find(`[data-stale]`).Length() != 1 {
		t.Fatalf("save over the archive = %d, want 409", res.Status)
	}
	if p, _ := shop.Store.ProductByID(context.Background(), 1); p.Status != store.StatusArchived || p.Title == "Renamed" {
		t.Errorf("after the stale save: %s %q", p.Status, p.Title)
	}
}

// TestBulkChangeIsAllOrNothing: a selection naming a product that is gone
// (deleted in another tab, or a forged id) changes none of the others.
func TestBulkChangeIsAllOrNothing(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	before, _ := shop.Store.ProductByID(ctx, 1)
	for _, form := range []url.Values{
		{"product_id": {"1", "999"}, "action": {"price"}, "percent": {"-10"}},
		{"product_id": {"1", "999"}, "action": {store.StatusDraft}},
	} {
		if res := shop.Post("/admin/products/bulk", form); res.Status != http.StatusNotFound {
			t.Errorf("bulk %v = %d, want 404", form, res.Status)
		}
	}
	after, _ := shop.Store.ProductByID(ctx, 1)
	if after.Status != before.Status || after.Version != before.Version || after.Variants[0].Price != before.Variants[0].Price {
		t.Errorf("a refused bulk change changed product 1: %+v", after)
	}
}

// TestSecondSaleKeepsTheOriginalPrice: a manager cuts a 16.00 cup by 10%
// as a sale, then by 10% again; shoppers still see 16.00 struck through,
// and a teapot already on sale from 88.00 keeps its 88.00.
func TestSecondSaleKeepsTheOriginalPrice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	cup, err := shop.Store.CreateProduct(ctx, store.Actor{}, store.ProductInput{Title: "Tea Cup", Status: store.StatusActive,
		Variants: []store.VariantInput{{Price: 1600, Stock: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	pot, err := shop.Store.CreateProduct(ctx, store.Actor{}, store.ProductInput{Title: "Teapot", Status: store.StatusActive,
		Variants: []store.VariantInput{{Price: 6800, CompareAtPrice: 8800, Stock: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		res := shop.Post("/admin/products/bulk", url.Values{"product_id": {itoa(cup), itoa(pot)}, "action": {"price"},
			"percent": {"-10"}, "compare_at": {"1"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("bulk price = %d\n%s", res.Status, res.Body)
		}
	}
	for slug, want := range map[string][2]string{"tea-cup": {"$12.96", "$16.00"}, "teapot": {"$55.08", "$88.00"}} {
		doc := shop.Get("/products/" + slug).Doc(t)
		price := doc.Find("#price-block .price-current").Text()
		was := doc.Find("#price-block .price-compare").Contents().Last().Text()
		if price != want[0] || was != want[1] {
			t.Errorf("%s after -10%% twice = %s struck-through %s, want %s struck-through %s", slug, price, was, want[0], want[1])
		}
	}
	// The cards, which read the "was" price from the product's row, say
	// the same.
	for slug, want := range map[string]string{"tea-cup": "$16.00", "teapot": "$88.00"} {
		card := shop.Get("/search?q=" + strings.ReplaceAll(slug, "-", "+")).Doc(t).Find(".search-hit").FilterFunction(func(_ int, c *goquery.Selection) bool {
			return strings.HasSuffix(c.Find("a").AttrOr("href", ""), "/products/"+slug)
		})
		if got := card.Find(".price-compare").Text(); !strings.Contains(got, want) {
			t.Errorf("%s's card strikes through %q, want %s", slug, strings.TrimSpace(got), want)
		}
	}
}

// TestBulkCutOfAHundredPercentIsRefused: a cut of 100% would give the
// products away, so it is refused with a message naming the lowest cut.
func TestBulkCutOfAHundredPercentIsRefused(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	before, _ := shop.Store.ProductByID(ctx, 1)
	res := shop.Post("/admin/products/bulk", url.Values{"product_id": {"1"}, "action": {"price"}, "percent": {"-100"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("-100%% = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got := doc.Find("#percent-error").Text(); !strings.Contains(got, "-99") || strings.Contains(got, "-100") {
		t.Errorf("message = %q, want the lowest cut, -99", got)
	}
	if got := doc.Find("#bulk-percent-hint").Text(); !strings.Contains(got, "-99") {
		t.Errorf("hint = %q, want the range", got)
	}
	if after, _ := shop.Store.ProductByID(ctx, 1); after.Variants[0].Price != before.Variants[0].Price {
		t.Errorf("price after a refused -100%% = %d, want %d", after.Variants[0].Price, before.Variants[0].Price)
	}
	res = shop.Post("/admin/products/bulk", url.Values{"product_id": {"1"}, "action": {"price"}, "percent": {"-99"}})
	if after, _ := shop.Store.ProductByID(ctx, 1); res.Status != http.StatusSeeOther || after.Variants[0].Price != 49 {
		t.Errorf("-99%% of 49.00 = %d (%d), want 0.49", res.Status, after.Variants[0].Price)
	}
}

// TestCompareAtAtOrBelowThePriceIsRefused: a compare-at price of 1.00
// beside a price of 49.00 would never be shown to shoppers, so saving
// the product refuses it beside the field and keeps what was typed; left
// empty or 0 it means no compare-at price.
func TestCompareAtAtOrBelowThePriceIsRefused(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	before, _ := shop.Store.ProductByID(ctx, 1)
	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	form.Set("v0_compare_at", "1.00")
	form.Set("title", "Linen Shirt, edited")
	res := shop.Post("/admin/products/1", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("compare-at 1.00 = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got, want := doc.Find("#v0_compare_at-error").Text(), i18n.TL("en", "error.product_compare_at"); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if doc.Find(`input[name=v0_compare_at]`).AttrOr("value", "") != "1.00" || doc.Find(`input[name=title]`).AttrOr("value", "") != "Linen Shirt, edited" {
		t.Error("the typed values were not kept")
	}
	if after, _ := shop.Store.ProductByID(ctx, 1); after.Version != before.Version {
		t.Errorf("a refused save changed the product to version %d", after.Version)
	}
	form.Set("v0_compare_at", "0")
	form.Set("v1_compare_at", "")
	if res := shop.Post("/admin/products/1", form); res.Status != http.StatusSeeOther {
		t.Fatalf("compare-at 0 = %d, want 303\n%s", res.Status, res.Body)
	}
	if after, _ := shop.Store.ProductByID(ctx, 1); after.Variants[0].CompareAtPrice != 0 || after.Variants[1].CompareAtPrice != 0 {
		t.Errorf("compare-at prices = %d, %d; want none", after.Variants[0].CompareAtPrice, after.Variants[1].CompareAtPrice)
	}
}

// TestYenPriceMessageGivesAYenExample: in a shop selling in yen, a price
// with decimals is refused with an example the shop takes, not 19.99.
func TestYenPriceMessageGivesAYenExample(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	if err := shop.Store.SetSetting(context.Background(), store.SettingCurrency, "JPY"); err != nil {
		t.Fatal(err)
	}
	for _, price := range []string{"19.99", "1500.5"} {
		form := scarfForm()
		form.Set("v0_price", price)
		form.Set("v1_price", "2150")
		form.Set("v1_compare_at", "2500")
		res := shop.Post("/admin/products/new", form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("price %s = %d, want 422", price, res.Status)
		}
		got := res.Doc(t).Find("#v0_price-error").Text()
		if strings.Contains(got, "19.99") || !strings.Contains(got, "1500") {
			t.Errorf("price %s: message %q, want a yen example", price, got)
		}
	}
	form := scarfForm()
	form.Set("v0_price", "1500")
	form.Set("v1_price", "2150")
	form.Set("v1_compare_at", "2500")
	if res := shop.Post("/admin/products/new", form); res.Status != http.StatusSeeOther {
		t.Fatalf("the example price = %d, want 303\n%s", res.Status, res.Body)
	}
	if p, _ := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true); p == nil || p.Variants[0].Price != 1500 {
		t.Errorf("stored scarf = %+v", p)
	}
}
