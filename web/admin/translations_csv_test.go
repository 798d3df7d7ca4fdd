package admin_test

import (
	"context"
	"image/color"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/admin"
	"storefront/web/webtest"
)

// uploadTranslations posts a file as the products page's translations
// form does and, as a browser would, follows a 303 to the report.
func uploadTranslations(s *webtest.Shop, data string) webtest.Response {
	s.T.Helper()
	res := s.PostFiles("/admin/products/translations", nil, map[string][][]byte{"file": {[]byte(data)}})
	if res.Status == http.StatusSeeOther {
		return s.Get(res.Header.Get("Location"))
	}
	return res
}

func TestTranslationsCSVExport(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	res := shop.Get("/admin/products/translations.csv")
	if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(res.Header.Get("Content-Disposition"), `attachment; filename="translations-`) {
		t.Fatalf("export = %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	for _, want := range []string{"\uFEFFType,Handle,Field,Locale,Default,Value\n",
		"product,linen-shirt,title,zh,Linen Shirt,\n", "product,linen-shirt,option1:M,zh,M,\n",
		"product,linen-shirt,tag:linen,zh,linen,\n", "collection,summer,title,zh,Summer,\n"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("export lacks %q:\n%s", want, res.Body)
		}
	}
	// Support may download, not upload.
	doc := shop.Get("/admin/products").Doc(t)
	if doc.Find(`a[href="/admin/products/translations.csv"]`).Length() != 1 ||
		doc.Find(`form[action="/admin/products/translations"]`).Length() != 0 {
		t.Error("support's products page: want the export link and no upload form")
	}
	if res := uploadTranslations(shop, "Type,Handle,Field,Locale,Value\nproduct,linen-shirt,title,zh,亚麻衬衫\n"); res.Status != http.StatusForbidden {
		t.Errorf("support's upload = %d, want 403", res.Status)
	}
	if p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", true); p.Tr != nil {
		t.Errorf("support changed translations: %v", p.Tr)
	}
}

func TestTranslationsCSVImport(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	if shop.Get("/admin/products").Doc(t).Find(`form[action="/admin/products/translations"][enctype="multipart/form-data"] input[type=file][name=file]`).Length() != 1 {
		t.Fatal("the products page has no translations upload form")
	}
	res := uploadTranslations(shop, "Type,Handle,Field,Locale,Value\n"+
		"product,linen-shirt,title,zh,亚麻衬衫\n"+
		"product,linen-shirt,option1:M,zh,中号\n"+
		"product,linen-shirt,option9,zh,x\n"+
		"collection,summer,title,zh,夏日\n"+
		"collection,winter,title,zh,冬日\n")
	if res.Status != http.StatusOK {
		t.Fatalf("import = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	if got := doc.Find(`[data-translations-changed]`).AttrOr("data-translations-changed", ""); got != "3" {
		t.Errorf("changed = %q", got)
	}
	var lines []string
	doc.Find(`.translations-skipped li`).Each(func(_ int, li *goquery.Selection) { lines = append(lines, li.AttrOr("data-line", "")) })
	if strings.Join(lines, ",") != "4,6" || !strings.Contains(doc.Find(`.translations-skipped`).Text(), "option9") {
		t.Errorf("skipped lines = %v\n%s", lines, doc.Find(`.translations-skipped`).Text())
	}
	p, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", true)
	if zh := p.In("zh"); zh.Title != "亚麻衬衫" || zh.Variants[1].Title() != "中号" {
		t.Errorf("zh shirt = %q %q", zh.Title, zh.Variants[1].Title())
	}
	c, _ := shop.Store.CollectionByHandle(ctx, "summer")
	if c.In("zh").Title != "夏日" {
		t.Errorf("zh collection = %q", c.In("zh").Title)
	}
}

func TestTranslationsCSVImportRefusesBadFiles(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for name, tc := range map[string]struct {
		file   string
		status int
		want   string
	}{
		"a product CSV": {"Handle,Title\nlinen-shirt,Shirt\n", http.StatusUnprocessableEntity, "Type is missing"},
		"empty":         {"", http.StatusUnprocessableEntity, "The file is empty"},
		"broken quote":  {"Type,Handle,Field,Locale,Value\nproduct,linen-shirt,title,zh,\"x\n", http.StatusUnprocessableEntity, "at line 2"},
		"too large":     {strings.Repeat("x", admin.MaxTranslationsUploadBytes+1), http.StatusRequestEntityTooLarge, "larger than 16 MB"},
	} {
		res := uploadTranslations(shop, tc.file)
		if res.Status != tc.status || !strings.Contains(res.Doc(t).Find(`.field-error`).Text(), tc.want) {
			t.Errorf("%s: %d %q, want %d %q", name, res.Status, res.Doc(t).Find(`.field-error`).Text(), tc.status, tc.want)
		}
	}
	// More than the general body limit, under the import's: many rows of
	// an unknown product, listed up to a point.
	big := "Type,Handle,Field,Locale,Value\n" + strings.Repeat("product,no-such-thing,title,zh,"+strings.Repeat("长", 60)+"\n", 12000)
	res := uploadTranslations(shop, big)
	if res.Status != http.StatusOK || res.Doc(t).Find(`.translations-skipped li`).Length() != 200 ||
		!strings.Contains(res.Body, "11800") {
		t.Errorf("big file = %d, %d listed", res.Status, res.Doc(t).Find(`.translations-skipped li`).Length())
	}
	if p, _ := shop.Store.ProductByHandle(context.Background(), "linen-shirt", true); p.Tr != nil {
		t.Errorf("a refused file changed translations: %v", p.Tr)
	}
}

// TestUploadsOnASlowLine: a translations file and a product photo sent
// slower than the server gives any other request to arrive are imported
// and added, not dropped with the connection; a visitor who is not signed
// in is sent to the login page, as before.
func TestUploadsOnASlowLine(t *testing.T) {
	// serve's are 30 and 60 s. Signing in must finish within write: its
	// password hash took longer than 600 ms on a busy machine, and longer
	// than 1.5 s on one running other tests beside it.
	const read, write = 500 * time.Millisecond, 3 * time.Second
	const over = write + read
	ctx := context.Background()
	shop := webtest.New(t, webtest.WithTimeouts(read, write))
	shop.SeedFixture()
	file := map[string][][]byte{"file": {[]byte("Type,Handle,Field,Locale,Value\nproduct,linen-shirt,title,zh,亚麻衬衫\n")}}
	if res := shop.PostFilesOver("/admin/products/translations", nil, file, over); res.Status != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("signed out: %d → %q, want the login page", res.Status, res.Header.Get("Location"))
	}

	shop.LoginAs(store.RoleManager)
	if res := shop.PostFilesOver("/admin/products/translations", nil, file, over); res.Status != http.StatusSeeOther {
		t.Fatalf("translations sent over %v = %d\n%s", over, res.Status, res.Body)
	}
	p, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", true)
	if p.In("zh").Title != "亚麻衬衫" {
		t.Errorf("zh title = %q", p.In("zh").Title)
	}
	photo := map[string][][]byte{"image": {webtest.PNG(t, color.White)}}
	if res := shop.PostFilesOver("/admin/products/"+itoa(p.ID)+"/images", nil, photo, over); res.Status != http.StatusSeeOther {
		t.Fatalf("a photo sent over %v = %d\n%s", over, res.Status, res.Body)
	}
	if after, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", true); len(after.Images) != len(p.Images)+1 {
		t.Errorf("the product has %d images, want %d", len(after.Images), len(p.Images)+1)
	}
}

// TestTranslationsUploadIsAnsweredWithARedirect: the upload is answered
// by 303 to its report, so reloading the report shows it again without
// sending the file again (a second import would count nothing changed and
// could undo an edit made in between); the report is shown once, and the
// page is then the upload form alone.
func TestTranslationsUploadIsAnsweredWithARedirect(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	res := shop.PostFiles("/admin/products/translations", nil, map[string][][]byte{"file": {[]byte(
		"Type,Handle,Field,Locale,Value\nproduct,linen-shirt,title,zh,亚麻衬衫\nproduct,no-such-thing,title,zh,x\n")}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/products/translations" {
		t.Fatalf("upload = %d → %q, want 303 to the report", res.Status, res.Header.Get("Location"))
	}
	report := shop.Get("/admin/products/translations")
	doc := report.Doc(t)
	if report.Status != http.StatusOK || doc.Find(`[data-translations-changed="1"]`).Length() != 1 ||
		doc.Find(`.translations-skipped li[data-line="3"]`).Length() != 1 {
		t.Fatalf("report = %d:\n%s", report.Status, doc.Find("main").Text())
	}
	again := shop.Get("/admin/products/translations").Doc(t)
	if again.Find(`[data-translations-changed]`).Length() != 0 ||
		again.Find(`form[action="/admin/products/translations"] input[type=file][name=file]`).Length() != 1 {
		t.Error("the report is shown twice, or the upload form is missing")
	}
}
