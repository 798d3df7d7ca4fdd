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

// TestFormOpenedBeforeTheMove: product forms opened while the texts were
// kept in English and saved after the owner moved them to Chinese. The
// first save is refused, saying why, and the form comes back with each
// text where the shop now keeps it, the edit typed in English among them;
// saved again, the tea reads the same to each shopper, with the edit, and
// the shirt with no Chinese keeps its English title. Read as posted, the
// English went down as Chinese and the second save lost the Chinese.
func TestFormOpenedBeforeTheMove(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	shop.LoginAs(store.RoleOwner)
	forms := map[string]url.Values{}
	pages := map[string]string{}
	for _, handle := range []string{"dragon-well-tea", "linen-shirt"} {
		p, err := shop.Store.ProductByHandle(ctx, handle, true)
		if err != nil {
			t.Fatal(err)
		}
		pages[handle] = "/admin/products/" + itoa(p.ID)
		forms[handle] = formOf(t, shop.Get(pages[handle]), "form.product-form")
	}
	forms["dragon-well-tea"].Set("description", "Picked in spring by the West Lake.")

	version := shop.Get("/admin/settings").Doc(t).Find(`#content-locale [name=version]`).AttrOr("value", "")
	move := url.Values{"content_locale": {"zh"}, "confirm_content_locale": {"1"}, "version": {version}}
	if res := shop.Post("/admin/settings/content-locale", move); res.Status != http.StatusSeeOther {
		t.Fatalf("the move = %d\n%s", res.Status, res.Body)
	}

	for handle, want := range map[string]struct{ title, titleEN string }{
		"dragon-well-tea": {"龙井绿茶", "Dragon Well Tea"},
		"linen-shirt":     {"Linen Shirt", ""},
	} {
		res := shop.Post(pages[handle], forms[handle])
		if res.Status != http.StatusConflict {
			t.Fatalf("%s's old form = %d, want 409", handle, res.Status)
		}
		if !strings.Contains(res.Doc(t).Find(`[data-stale]`).Text(), "now kept in Chinese") {
			t.Errorf("%s's refusal does not say the texts moved: %q", handle, res.Doc(t).Find(`[data-stale]`).Text())
		}
		again := formOf(t, res, "form.product-form")
		if again.Get("title") != want.title || again.Get("title_en") != want.titleEN || again.Has("title_zh") {
			t.Errorf("%s's form shown again: title %q, English %q, Chinese field %v; want %q, %q and none",
				handle, again.Get("title"), again.Get("title_en"), again.Has("title_zh"), want.title, want.titleEN)
		}
		if res := shop.Post(pages[handle], again); res.Status != http.StatusSeeOther {
			t.Fatalf("%s saved again = %d\n%s", handle, res.Status, res.Body)
		}
	}

	read := func(path, selector string) string {
		t.Helper()
		return strings.TrimSpace(shop.Get(path).Doc(t).Find(selector).First().Text())
	}
	for path, want := range map[string]string{
		"/zh-cn/products/dragon-well-tea": "龙井绿茶",
		"/products/dragon-well-tea":       "Dragon Well Tea",
		"/zh-cn/products/linen-shirt":     "Linen Shirt",
		"/products/linen-shirt":           "Linen Shirt",
	} {
		if got := read(path, "h1"); got != want {
			t.Errorf("%s reads %q, want %q", path, got, want)
		}
	}
	if got := shop.Get("/products/dragon-well-tea").Body; !strings.Contains(got, "Picked in spring by the West Lake.") {
		t.Error("the English edit typed before the move is not the English description")
	}
	if got := shop.Get("/zh-cn/products/dragon-well-tea").Body; !strings.Contains(got, "杭州春天采摘的绿茶。") {
		t.Error("the Chinese description was lost")
	}
}

// TestContentLocaleChangePressedTwice: the owner's second press of "keep
// my texts in Chinese", from the same form, finds the change made and
// says so, rather than that someone else saved and offering to change
// back.
func TestContentLocaleChangePressedTwice(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	version := shop.Get("/admin/settings").Doc(t).Find(`#content-locale [name=version]`).AttrOr("value", "")
	move := url.Values{"content_locale": {"zh"}, "confirm_content_locale": {"1"}, "version": {version}}
	for press := 1; press <= 2; press++ {
		res := shop.Post("/admin/settings/content-locale", move)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/settings?saved=content-locale#content-locale" {
			t.Errorf("press %d = %d %q", press, res.Status, res.Header.Get("Location"))
		}
	}
	if st, _ := shop.Store.Settings(context.Background()); st.ContentLocale != "zh" {
		t.Errorf("content language %q, want zh", st.ContentLocale)
	}
}

// TestOptionsOfAFormOpenedBeforeTheMove: a product's option name and
// values with Chinese translations, in a form opened while the texts were
// kept in English and saved after they moved to Chinese, come back named
// and valued in Chinese with the English as translations, as the move
// left them stored; saved again, both languages read as before.
func TestOptionsOfAFormOpenedBeforeTheMove(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	tr := store.Texts{}.Set(store.FieldTitle, "zh", "亚麻衫").Set(store.OptionNameField(0), "zh", "尺码").
		Set(store.OptionValueField(0, "S"), "zh", "小号").Set(store.OptionValueField(0, "M"), "zh", "中号")
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "linen-top", Title: "Linen Top", Status: store.StatusActive,
		OptionNames: []string{"Size"}, Tr: tr, Variants: []store.VariantInput{
			{SKU: "TOP-S", Price: 1000, Stock: 5, Options: [3]string{"S"}}, {SKU: "TOP-M", Price: 1000, Stock: 5, Options: [3]string{"M"}}}}); err != nil {
		t.Fatal(err)
	}
	p, err := shop.Store.ProductByHandle(ctx, "linen-top", true)
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	page := "/admin/products/" + itoa(p.ID)
	old := formOf(t, shop.Get(page), "form.product-form")
	version := shop.Get("/admin/settings").Doc(t).Find(`#content-locale [name=version]`).AttrOr("value", "")
	if res := shop.Post("/admin/settings/content-locale", url.Values{"content_locale": {"zh"}, "confirm_content_locale": {"1"}, "version": {version}}); res.Status != http.StatusSeeOther {
		t.Fatalf("the move = %d", res.Status)
	}
	res := shop.Post(page, old)
	if res.Status != http.StatusConflict {
		t.Fatalf("the old form = %d, want 409", res.Status)
	}
	again := formOf(t, res, "form.product-form")
	if got := []string{again.Get("option1_name"), again.Get("option1_en"), again.Get("v0_option1"), again.Get("v1_option1"),
		again.Get("option1:小号_en"), again.Get("option1:中号_en")}; strings.Join(got, "|") != "尺码|Size|小号|中号|S|M" {
		t.Errorf("the form shown again has the options as %q", got)
	}
	if res := shop.Post(page, again); res.Status != http.StatusSeeOther {
		t.Fatalf("saved again = %d\n%s", res.Status, res.Body)
	}
	for path, want := range map[string][]string{"/zh-cn/products/linen-top": {"尺码", "小号", "中号"}, "/products/linen-top": {"Size", "S", "M"}} {
		body := shop.Get(path).Body
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}
