package admin_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// summerWithChineseSEO is the fixture's summer collection with its SEO
// title and description translated by a translations CSV, and its form's
// address.
func summerWithChineseSEO(t *testing.T, shop *webtest.Shop) (int64, string) {
	t.Helper()
	ctx := context.Background()
	f, err := store.OpenTranslationsCSV(strings.NewReader("Type,Handle,Field,Locale,Value\n" +
		"collection,summer,seo_title,zh,夏日SEO\ncollection,summer,seo_description,zh,夏日说明\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := shop.Store.ImportTranslations(ctx, store.Actor{}, f, []string{"zh"}); err != nil || res.Changed != 2 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	c, err := shop.Store.CollectionByHandle(ctx, "summer")
	if err != nil {
		t.Fatal(err)
	}
	return c.ID, "/admin/collections/" + strconv.FormatInt(c.ID, 10)
}

// summerSEO is what is stored of the summer collection's Chinese SEO texts.
func summerSEO(t *testing.T, shop *webtest.Shop, id int64) (title, description string) {
	t.Helper()
	c, err := shop.Store.CollectionByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Tr[store.FieldSEOTitle]["zh"], c.Tr[store.FieldSEODescription]["zh"]
}

// TestCollectionSaveKeepsSEOTranslations: a manager changes only the
// English description of a collection whose SEO texts were translated by
// CSV; the Chinese SEO texts survive, and the Chinese page keeps its title.
func TestCollectionSaveKeepsSEOTranslations(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	id, path := summerWithChineseSEO(t, shop)

	form := formOf(t, shop.Get(path), "form.collection-form")
	form.Set("description", "Light things for the hottest days.")
	if res := shop.Post(path, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", res.Status, res.Body)
	}
	if title, desc := summerSEO(t, shop, id); title != "夏日SEO" || desc != "夏日说明" {
		t.Errorf("after saving the form the Chinese SEO texts are %q, %q; want them kept", title, desc)
	}
	if got := shop.Get("/zh-cn/collections/summer").Doc(t).Find("title").Text(); !strings.Contains(got, "夏日SEO") {
		t.Errorf("Chinese collection page's title = %q, want the translated SEO title", got)
	}

	// A form that does not offer the SEO texts (one opened before they
	// were on it) leaves their translations alone.
	form = formOf(t, shop.Get(path), "form.collection-form")
	form.Del("seo_title_zh")
	form.Del("seo_description_zh")
	if res := shop.Post(path, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save without the SEO fields = %d\n%s", res.Status, res.Body)
	}
	if title, desc := summerSEO(t, shop, id); title != "夏日SEO" || desc != "夏日说明" {
		t.Errorf("a form without SEO fields left the Chinese SEO texts %q, %q; want them kept", title, desc)
	}
}

// TestCollectionFormTranslatesSEO: the collection form offers the SEO
// title and description in Chinese beside English, marks a missing one,
// saves what is typed there and removes what is cleared.
func TestCollectionFormTranslatesSEO(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	c, err := shop.Store.CollectionByHandle(ctx, "summer")
	if err != nil {
		t.Fatal(err)
	}
	path := "/admin/collections/" + strconv.FormatInt(c.ID, 10)

	page := shop.Get(path)
	doc := page.Doc(t)
	if doc.Find(`#collection-seo-title-zh[name=seo_title_zh]`).Length() != 1 ||
		doc.Find(`textarea#collection-seo-description-zh[name=seo_description_zh]`).Length() != 1 {
		t.Fatalf("the form has no Chinese SEO fields:\n%s", page.Body)
	}
	form := formOf(t, page, "form.collection-form")
	form.Set("seo_title", "Summer picks")
	form.Set("seo_title_zh", "夏日精选")
	form.Set("seo_description_zh", "炎炎夏日的轻便好物。")
	if res := shop.Post(path, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", res.Status, res.Body)
	}
	if title, desc := summerSEO(t, shop, c.ID); title != "夏日精选" || desc != "炎炎夏日的轻便好物。" {
		t.Errorf("stored Chinese SEO texts = %q, %q", title, desc)
	}
	if got := shop.Get("/zh-cn/collections/summer").Doc(t).Find("title").Text(); !strings.Contains(got, "夏日精选") {
		t.Errorf("Chinese collection page's title = %q, want 夏日精选", got)
	}

	page = shop.Get(path)
	if got := page.Doc(t).Find(`#collection-seo-title-zh`).AttrOr("value", ""); got != "夏日精选" {
		t.Errorf("the form shows the Chinese SEO title as %q", got)
	}
	form = formOf(t, page, "form.collection-form")
	form.Set("seo_title_zh", "")
	if res := shop.Post(path, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", res.Status, res.Body)
	}
	if title, desc := summerSEO(t, shop, c.ID); title != "" || desc != "炎炎夏日的轻便好物。" {
		t.Errorf("after clearing the Chinese SEO title the stored texts are %q, %q", title, desc)
	}
	if shop.Get(path).Doc(t).Find(`[data-lang-field=seo_title] [data-missing=zh]`).Length() != 1 {
		t.Error("the cleared Chinese SEO title is not marked as missing")
	}

	long := formOf(t, shop.Get(path), "form.collection-form")
	long.Set("seo_title_zh", strings.Repeat("长", 256))
	if res := shop.Post(path, long); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find(`#seo_title_zh-error`).Length() != 1 {
		t.Errorf("too long a Chinese SEO title = %d, want 422 with a message beside it\n%s", res.Status, res.Body)
	}
}
