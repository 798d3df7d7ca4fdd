package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestProductFormEditsBothLanguages: the form shows the Chinese fields
// beside the English ones, saves them with the product, keeps what was
// typed in every language when it is refused, and marks what is still
// untranslated in the form and in the product list.
func TestProductFormEditsBothLanguages(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)

	blank := shop.Get("/admin/products/new").Doc(t)
	if blank.Find(`input[name=title_zh]`).Length() != 1 || blank.Find(`textarea[name=description_zh]`).Length() != 1 {
		t.Fatal("the new product form has no Chinese title and description")
	}

	form := scarfForm()
	form.Set("tr", "1")
	form.Set("title_zh", "真丝围巾")
	form.Set("description_zh", "手工卷边。")
	form.Set("option1_zh", "颜色")
	form.Set("option1:Red_zh", "红色")
	form.Set("tag:silk_zh", "真丝")
	form.Set("tag:summer_zh", "夏季")
	form.Set("tag:winter_zh", "not a tag of the product: dropped")
	form.Set("option1:Green_zh", "not a value of the product: dropped")
	form.Set("title_fr", "not a language of the shop: dropped")
	id, loc := createScarfFrom(t, shop, form)
	p, err := shop.Store.ProductByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	zh := p.In("zh")
	if zh.Title != "真丝围巾" || zh.Description != "手工卷边。" || zh.OptionNames[0] != "颜色" || zh.Variants[0].Title() != "红色" {
		t.Errorf("saved zh = %q %q %q %q", zh.Title, zh.Description, zh.OptionNames, zh.Variants[0].Title())
	}
	if len(p.Tr) != 6 {
		t.Errorf("stored translations = %v, want only the product's texts in Chinese", p.Tr)
	}
	// A tag chip reads in Chinese and still searches for the tag itself.
	chip := shop.OtherBrowser().Get("/zh-cn/products/silk-scarf").Doc(t).Find(`a.tag[href="/zh-cn/search?q=silk&tag=1"]`)
	if strings.TrimSpace(chip.Text()) != "真丝" {
		t.Errorf("the silk tag chip in Chinese = %q (%d found)", chip.Text(), chip.Length())
	}

	// "Blue" has no Chinese yet: the form says so and marks the field.
	edit := shop.Get(loc).Doc(t)
	if edit.Find(`[data-untranslated=zh]`).Length() != 1 {
		t.Error("the form does not say a Chinese translation is missing")
	}
	if got := edit.Find(`input[name="option1:Blue_zh"]`); got.Length() != 1 || got.AttrOr("placeholder", "") != "Blue" {
		t.Errorf("Blue's Chinese field = %d, placeholder %q", got.Length(), got.AttrOr("placeholder", ""))
	}
	if edit.Find(`[data-missing=zh]`).Length() != 1 {
		t.Errorf("missing marks = %d, want 1 (Blue)", edit.Find(`[data-missing=zh]`).Length())
	}
	list := shop.Get("/admin/products").Doc(t)
	if list.Find(`tr[data-product-id="`+itoa(id)+`"] [data-untranslated]`).Length() != 1 {
		t.Error("the product list does not mark the scarf as untranslated")
	}
	// The fixture's tea is translated (title and description, no options).
	if list.Find(`tr[data-product-id="2"] [data-untranslated]`).Length() != 0 {
		t.Error("the translated tea is marked")
	}

	// A refused save keeps every language's values.
	again := formOf(t, shop.Get(loc), "form.product-form")
	again.Set("title", "")
	again.Set("title_zh", "新标题")
	again.Set("option1:Blue_zh", "蓝色")
	res := shop.Post(loc, again)
	doc := res.Doc(t)
	if res.Status != http.StatusUnprocessableEntity || doc.Find(`input[name=title_zh]`).AttrOr("value", "") != "新标题" ||
		doc.Find(`input[name="option1:Blue_zh"]`).AttrOr("value", "") != "蓝色" {
		t.Errorf("refused save = %d, title_zh %q", res.Status, doc.Find(`input[name=title_zh]`).AttrOr("value", ""))
	}
	again.Set("title", "Silk Scarf")
	if res := shop.Post(loc, again); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d", res.Status)
	}
	if list := shop.Get("/admin/products").Doc(t); list.Find(`tr[data-product-id="`+itoa(id)+`"] [data-untranslated]`).Length() != 0 {
		t.Error("a fully translated product is still marked")
	}
	if got := shop.Get("/zh-cn/products/silk-scarf").Doc(t).Find("h1.product-title").Text(); got != "新标题" {
		t.Errorf("the shop shows %q in Chinese", got)
	}
}

func createScarfFrom(t *testing.T, shop *webtest.Shop, form map[string][]string) (int64, string) {
	t.Helper()
	res := shop.Post("/admin/products/new", form)
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

// TestCollectionFormEditsBothLanguages: the collection's Chinese title and
// description are saved beside the English ones and shown to Chinese
// shoppers.
func TestCollectionFormEditsBothLanguages(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	loc := "/admin/collections/1"
	form := formOf(t, shop.Get(loc), "form.collection-form")
	if _, ok := form["title_zh"]; !ok {
		t.Fatal("the collection form has no Chinese title")
	}
	form.Set("title_zh", "夏日精选")
	form.Set("description_zh", "")
	if res := shop.Post(loc, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", res.Status, res.Body)
	}
	doc := shop.Get(loc).Doc(t)
	if doc.Find(`input[name=title_zh]`).AttrOr("value", "") != "夏日精选" || doc.Find(`[data-missing=zh]`).Length() != 1 {
		t.Errorf("after saving: title_zh %q, %d missing marks (the description)",
			doc.Find(`input[name=title_zh]`).AttrOr("value", ""), doc.Find(`[data-missing=zh]`).Length())
	}
	if got := shop.Get("/zh-cn/collections/summer").Doc(t).Find(".page-header h1").Text(); got != "夏日精选" {
		t.Errorf("zh collection = %q", got)
	}
	if got := shop.Get("/collections/summer").Doc(t).Find(".page-header h1").Text(); got != "Summer" {
		t.Errorf("en collection = %q", got)
	}
}

// TestProductSEOInBothLanguages: the search-engine title and description
// are edited side by side like the title, and each language's page uses
// its own; one too long in Chinese is refused beside its field, the typed
// values kept.
func TestProductSEOInBothLanguages(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	form := scarfForm()
	form.Set("tr", "1")
	form.Set("title_zh", "真丝围巾")
	form.Set("seo_title", "Silk scarf, hand-rolled hem")
	form.Set("seo_title_zh", strings.Repeat("长", store.MaxSEOTitleLen+1))
	res := shop.Post("/admin/products/new", form)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#seo_title_zh-error").Length() != 1 ||
		res.Doc(t).Find(`input[name=seo_title_zh]`).AttrOr("value", "") != form.Get("seo_title_zh") {
		t.Fatalf("a too long Chinese SEO title = %d, want 422 beside it with the value kept", res.Status)
	}
	form.Set("seo_title_zh", "真丝围巾｜手工卷边")
	form.Set("seo_description_zh", "桑蚕丝，手工卷边。")
	_, loc := createScarfFrom(t, shop, form)
	edit := shop.Get(loc).Doc(t)
	if edit.Find(`input[name=seo_title_zh]`).AttrOr("value", "") != "真丝围巾｜手工卷边" ||
		edit.Find(`textarea[name=seo_description_zh]`).Text() != "桑蚕丝，手工卷边。" {
		t.Error("the form does not show the saved Chinese SEO texts")
	}
	visitor := shop.OtherBrowser()
	for path, want := range map[string]string{"/products/silk-scarf": "Silk scarf, hand-rolled hem",
		"/zh-cn/products/silk-scarf": "真丝围巾｜手工卷边"} {
		if got := visitor.Get(path).Doc(t).Find("title").Text(); !strings.Contains(got, want) {
			t.Errorf("<title> of %s = %q, want it to hold %q", path, got, want)
		}
	}
}
