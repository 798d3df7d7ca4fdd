package admin_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestTranslationHintsNameTheContentLanguage: under a translation the
// hint says what shoppers see when it is left blank, the text in the
// language the shop's texts are written in, and names that language,
// which a later change of the default language does not move
// (Settings.ContentLocale). In Chinese every language is named in
// Chinese: 英文, never "English".
func TestTranslationHintsNameTheContentLanguage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	hint := func(lang, field string) string {
		t.Helper()
		doc := shop.Get("/admin/products/new", "Accept-Language", lang).Doc(t)
		return strings.TrimSpace(doc.Find(`[name=` + field + `] ~ .field-hint`).Text())
	}
	label := func(lang, field string) string {
		t.Helper()
		doc := shop.Get("/admin/products/new", "Accept-Language", lang).Doc(t)
		id := doc.Find(`[name=`+field+`]`).AttrOr("id", "")
		return strings.TrimSpace(doc.Find(`label[for="` + id + `"]`).Text())
	}

	// Written in English; then the owner makes Chinese the default.
	for _, step := range []string{"before", "after"} {
		if got, want := hint("zh", "title_zh"), "留空时，使用中文浏览的顾客会看到英文内容。"; got != want {
			t.Errorf("%s the switch, the Chinese title's hint in Chinese = %q, want %q", step, got, want)
		}
		if got, want := hint("en", "title_zh"), "Left blank, shoppers reading Chinese see the English text."; got != want {
			t.Errorf("%s the switch, the Chinese title's hint in English = %q, want %q", step, got, want)
		}
		if got, want := label("zh", "title"), "标题（英文）"; got != want {
			t.Errorf("%s the switch, the English title's label in Chinese = %q, want %q", step, got, want)
		}
		if err := shop.Store.SetSetting(ctx, store.SettingContentLocale, "en"); err != nil {
			t.Fatal(err)
		}
		if err := shop.Store.SetSetting(ctx, store.SettingLocale, "zh"); err != nil {
			t.Fatal(err)
		}
	}
	// The shirt has no Chinese yet.
	shirt, err := shop.Store.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	note := shop.Get("/admin/products/"+itoa(shirt.ID), "Accept-Language", "zh").Doc(t).Find(`[data-untranslated=zh]`).Text()
	if want := "部分内容还没有中文译文：使用中文浏览的顾客在这些地方会看到英文内容。"; strings.TrimSpace(note) != want {
		t.Errorf("the missing translation note = %q, want %q", note, want)
	}

	// A shop written in Chinese from the start.
	zh := webtest.New(t)
	if err := zh.Store.SetSetting(ctx, store.SettingLocale, "zh"); err != nil {
		t.Fatal(err)
	}
	zh.LoginAs(store.RoleOwner)
	doc := zh.Get("/admin/products/new", "Accept-Language", "zh").Doc(t)
	if got, want := strings.TrimSpace(doc.Find(`[name=title_en] ~ .field-hint`).Text()), "留空时，使用英文浏览的顾客会看到中文内容。"; got != want {
		t.Errorf("in a Chinese shop the English title's hint = %q, want %q", got, want)
	}
	doc = zh.Get("/admin/products/new", "Accept-Language", "en").Doc(t)
	if got, want := strings.TrimSpace(doc.Find(`[name=title_en] ~ .field-hint`).Text()), "Left blank, shoppers reading English see the Chinese text."; got != want {
		t.Errorf("in a Chinese shop, in English, the English title's hint = %q, want %q", got, want)
	}
}
