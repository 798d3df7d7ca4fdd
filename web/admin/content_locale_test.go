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

// TestOwnerMovesTheTextsToChinese: a shop set up in English and run in
// Chinese. The owner, and only the owner, sees what moving the texts to
// Chinese does, counted, ticks the box and makes the change; after a
// restart Chinese is the required field, a product written in both
// languages reads the same to each shopper, and one with no Chinese keeps
// its English text, marked as still to translate.
func TestOwnerMovesTheTextsToChinese(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture() // the tea in both languages, the shirt and a draft in English only
	ctx := context.Background()
	for _, kv := range [][2]string{{store.SettingContentLocale, "en"}, {store.SettingLocale, "zh"}} {
		if err := shop.Store.SetSetting(ctx, kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}

	manager := shop.OtherBrowser()
	manager.LoginAs(store.RoleManager)
	form := url.Values{"content_locale": {"zh"}, "confirm_content_locale": {"1"}}
	form.Set("version", "1")
	if res := manager.Post("/admin/settings/content-locale", form); res.Status != http.StatusForbidden {
		t.Errorf("a manager's change = %d, want 403", res.Status)
	}

	shop.LoginAs(store.RoleOwner)
	doc := shop.Get("/admin/settings", "Accept-Language", "zh").Doc(t)
	block := doc.Find(`#content-locale`)
	if got := strings.TrimSpace(block.Find(`[data-content-kind=products] [data-ready]`).Text()); got != "1" {
		t.Errorf("products with a Chinese title = %q, want 1", got)
	}
	if got := strings.TrimSpace(block.Find(`[data-content-kind=products] [data-kept]`).Text()); got != "2" {
		t.Errorf("products without one = %q, want 2", got)
	}
	if !strings.Contains(block.Text(), "标记为“待翻译”") && !strings.Contains(block.Text(), "标为“待翻译”") {
		t.Errorf("the block does not say what happens to a text with no Chinese:\n%s", block.Text())
	}
	form.Set("version", block.Find(`[name=version]`).AttrOr("value", ""))

	unticked := url.Values{"version": form["version"], "content_locale": {"zh"}}
	res := shop.Post("/admin/settings/content-locale", unticked, "Accept-Language", "zh")
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "请勾选确认框。") {
		t.Errorf("an unticked change = %d", res.Status)
	}
	res = shop.Post("/admin/settings/content-locale", form)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/settings?saved=content-locale#content-locale" {
		t.Fatalf("the change = %d %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}

	shop.Restart() // the browser keeps its session

	doc = shop.Get("/admin/settings?saved=content-locale", "Accept-Language", "zh").Doc(t)
	if got := strings.TrimSpace(doc.Find(`#content-locale [role=status]`).Text()); got != "您的文字现在以中文保存。" {
		t.Errorf("the notice = %q", got)
	}
	doc = shop.Get("/admin/products/new", "Accept-Language", "zh").Doc(t)
	if got := strings.TrimSpace(doc.Find(`label[for="` + doc.Find(`[name=title]`).AttrOr("id", "") + `"]`).Text()); got != "标题（中文）" {
		t.Errorf("the required title's label = %q, want 标题（中文）", got)
	}
	if doc.Find(`[name=title_en]`).Length() != 1 {
		t.Error("no English translation field")
	}
	title := func(path string) string {
		t.Helper()
		return strings.TrimSpace(shop.Get(path).Doc(t).Find(`h1`).First().Text())
	}
	if got := title("/products/dragon-well-tea"); got != "龙井绿茶" {
		t.Errorf("the tea in Chinese = %q", got)
	}
	if got := title("/en/products/dragon-well-tea"); got != "Dragon Well Tea" {
		t.Errorf("the tea in English = %q", got)
	}
	if got := title("/products/linen-shirt"); got != "Linen Shirt" {
		t.Errorf("the shirt, with no Chinese, in Chinese = %q", got)
	}
	shirt, err := shop.Store.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	doc = shop.Get("/admin/products/"+itoa(shirt.ID), "Accept-Language", "zh").Doc(t)
	if doc.Find(`[data-missing=en]`).Length() == 0 {
		t.Error("the shirt is not marked as still to translate")
	}
	if got := doc.Find(`[name=title]`).AttrOr("value", ""); got != "Linen Shirt" {
		t.Errorf("the shirt's required title = %q, want its English text kept", got)
	}
	audit := shop.Get("/admin/audit?action="+store.ActionContentLocale, "Accept-Language", "zh").Body
	if !strings.Contains(audit, "更改了文字的语言") {
		t.Error("the change is not in the audit log")
	}
}

// TestTagLabelsSurviveTheMove: a tag is a key, in the language the texts
// were first kept in. After the texts moved to Chinese, a tag's Chinese
// label is on its product's form, and saving the form keeps it (the form
// offered only the other languages', and a save dropped it).
func TestTagLabelsSurviveTheMove(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	shirt, err := shop.Store.ProductByHandle(ctx, "linen-shirt", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value) VALUES (?, ?, ?, 'zh', '亚麻')`,
		store.EntityProductText, shirt.ID, store.TagField("linen")); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	version := shop.Get("/admin/settings").Doc(t).Find(`#content-locale [name=version]`).AttrOr("value", "")
	form := url.Values{"content_locale": {"zh"}, "confirm_content_locale": {"1"}, "version": {version}}
	if res := shop.Post("/admin/settings/content-locale", form); res.Status != http.StatusSeeOther {
		t.Fatalf("the change = %d\n%s", res.Status, res.Body)
	}
	page := "/admin/products/" + itoa(shirt.ID)
	edit := formOf(t, shop.Get(page), "form.product-form")
	label := store.TagField("linen") + "_zh"
	if got := edit.Get(label); got != "亚麻" {
		t.Fatalf("the form's Chinese label of the tag = %q, want 亚麻", got)
	}
	if res := shop.Post(page, edit); res.Status != http.StatusSeeOther {
		t.Fatalf("saving the form = %d\n%s", res.Status, res.Body)
	}
	if got := formOf(t, shop.Get(page), "form.product-form").Get(label); got != "亚麻" {
		t.Errorf("after a save the tag's Chinese label = %q, want 亚麻 kept", got)
	}
	if got := strings.TrimSpace(shop.Get("/products/linen-shirt").Doc(t).Find(`a[href*="tag="]`).First().Text()); got != "" && !strings.Contains(got, "亚麻") {
		t.Errorf("the shop's tag link reads %q, want 亚麻", got)
	}
}
