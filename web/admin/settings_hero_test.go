package admin_test

import (
	"bytes"
	"image/color"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// postHero sends the hero form as the settings page does (multipart, an
// optional picture).
func postHero(t *testing.T, shop *webtest.Shop, fields url.Values, picture []byte) webtest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fields.Set("version", fieldValue(t, shop.Get("/admin/settings"), `form[action="/admin/settings/hero"] input[name=version]`))
	for k := range fields {
		mw.WriteField(k, fields.Get(k))
	}
	if picture != nil {
		fw, err := mw.CreateFormFile("hero_image", "hero.png")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(picture)
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, shop.Server.URL+"/admin/settings/hero", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return shop.Do(req)
}

// TestHeroPictureAndButton: the owner gives the home page hero a picture
// and a button; a link that could run script or leave for another site
// unannounced is refused beside its field, keeping what was typed.
func TestHeroPictureAndButton(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)

	for _, bad := range []string{"javascript:alert(1)", "//evil.example/x", "collections/tea"} {
		res := postHero(t, shop, url.Values{"hero_cta_label": {"Tea"}, "hero_cta_url": {bad}}, nil)
		doc := res.Doc(t)
		if res.Status != http.StatusUnprocessableEntity || doc.Find("#hero_cta_url-error").Length() != 1 ||
			doc.Find("#hero-cta-url").AttrOr("value", "") != bad {
			t.Errorf("link %q = %d, want 422 with the message and the value kept", bad, res.Status)
		}
	}
	res := postHero(t, shop, url.Values{"hero_cta_label": {"Shop the teas"}, "hero_cta_url": {"/collections/tea"}},
		webtest.PNG(t, color.RGBA{R: 30, G: 90, B: 60, A: 255}))
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=hero")

	home := visitor(t, shop, "/").Doc(t)
	hero := home.Find("section.hero.hero-has-image")
	src := hero.Find("img.hero-image").AttrOr("src", "")
	if src == "" || hero.Find("img.hero-image").AttrOr("fetchpriority", "") != "high" {
		t.Fatalf("hero picture missing or not prioritised: %q", src)
	}
	if img := visitor(t, shop, src); img.Status != http.StatusOK || img.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("hero picture = %d %s", img.Status, img.Header.Get("Content-Type"))
	}
	button := hero.Find("a.button")
	if button.Text() != "Shop the teas" || button.AttrOr("href", "") != "/collections/tea" {
		t.Errorf("hero button = %q → %q", button.Text(), button.AttrOr("href", ""))
	}

	// Saving the button alone keeps the picture; removing it drops it.
	settingsRedirect(t, postHero(t, shop, url.Values{"hero_cta_label": {""}, "hero_cta_url": {""}}, nil),
		http.StatusSeeOther, "/admin/settings?saved=hero")
	home = visitor(t, shop, "/").Doc(t)
	if home.Find("img.hero-image").Length() != 1 || home.Find("section.hero a.button").AttrOr("href", "") != "#new-arrivals" {
		t.Error("saving without a picture lost it, or the default button is wrong")
	}
	settingsRedirect(t, postHero(t, shop, url.Values{"hero_image_remove": {"1"}}, nil),
		http.StatusSeeOther, "/admin/settings?saved=hero")
	if visitor(t, shop, "/").Doc(t).Find("img.hero-image").Length() != 0 {
		t.Error("hero picture still shown after removal")
	}
	if res := visitor(t, shop, src); res.Status != http.StatusNotFound {
		t.Errorf("removed hero picture = %d, want 404", res.Status)
	}
}

func TestRegionalCountryAndTimeZone(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	v := fieldValue(t, shop.Get("/admin/settings"), `form[action="/admin/settings/regional"] input[name=version]`)
	form := url.Values{"version": {v}, "currency": {"USD"}, "locale": {"en"}, "country": {"CN"}, "time_zone": {"Mars/Olympus"}}
	res := shop.Post("/admin/settings/regional", form)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#time_zone-error").Length() != 1 {
		t.Fatalf("bad time zone = %d", res.Status)
	}
	form.Set("time_zone", "Asia/Shanghai")
	settingsRedirect(t, shop.Post("/admin/settings/regional", form), http.StatusSeeOther, "/admin/settings?saved=regional")
	doc := shop.Get("/admin/settings").Doc(t)
	if got := doc.Find("#regional-country option[selected]").AttrOr("value", ""); got != "CN" {
		t.Errorf("country shown back = %q", got)
	}
	if got := doc.Find("#regional-time-zone").AttrOr("value", ""); got != "Asia/Shanghai" {
		t.Errorf("time zone shown back = %q", got)
	}
}

// TestHeroButtonInBothLanguages: the hero's button label is merchant
// content like the shop's name: edited side by side, shown in the
// shopper's language, the default where a language has none, and kept
// with the typed translation when the form is refused.
func TestHeroButtonInBothLanguages(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	label := adminviews.TrName("zh", "hero_cta_label")

	res := postHero(t, shop, url.Values{"hero_cta_label": {"Shop the teas"}, label: {"选购茶叶"}, "hero_cta_url": {"javascript:x"}}, nil)
	if res.Status != http.StatusUnprocessableEntity || fieldValue(t, res, `input[name="`+label+`"]`) != "选购茶叶" {
		t.Fatalf("refused hero form = %d, the translation not kept", res.Status)
	}
	settingsRedirect(t, postHero(t, shop, url.Values{"hero_cta_label": {"Shop the teas"}, label: {"选购茶叶"},
		"hero_cta_url": {"/collections/tea"}}, nil), http.StatusSeeOther, "/admin/settings?saved=hero")
	if got := fieldValue(t, shop.Get("/admin/settings"), `input[name="`+label+`"]`); got != "选购茶叶" {
		t.Errorf("the settings page shows the Chinese label as %q", got)
	}
	for path, want := range map[string]string{"/": "Shop the teas", "/zh-cn/": "选购茶叶"} {
		if got := strings.TrimSpace(visitor(t, shop, path).Doc(t).Find("section.hero a.button").Text()); got != want {
			t.Errorf("hero button at %s = %q, want %q", path, got, want)
		}
	}

	settingsRedirect(t, postHero(t, shop, url.Values{"hero_cta_label": {"Shop the teas"}, label: {""},
		"hero_cta_url": {"/collections/tea"}}, nil), http.StatusSeeOther, "/admin/settings?saved=hero")
	if got := strings.TrimSpace(visitor(t, shop, "/zh-cn/").Doc(t).Find("section.hero a.button").Text()); got != "Shop the teas" {
		t.Errorf("without a translation the Chinese hero button = %q, want the default", got)
	}
}
