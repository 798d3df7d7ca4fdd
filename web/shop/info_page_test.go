package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// writeInfoPage saves one information page as the owner would.
func writeInfoPage(t *testing.T, shop *webtest.Shop, slug string, title, body store.Text) {
	t.Helper()
	if err := shop.Store.SaveInfoPage(context.Background(), store.Actor{}, slug, 0, title, body); err != nil {
		t.Fatal(err)
	}
}

// TestInfoPageInShoppersLanguage: a written page shows its title and its
// paragraphs, escaped, in the shopper's language, the default language
// where it has no translation; a page not written yet, and a name that
// is no page, are not found; the footer links the written ones only.
func TestInfoPageInShoppersLanguage(t *testing.T) {
	shop := webtest.New(t)
	writeInfoPage(t, shop, store.InfoPageAbout, store.Plain("Our story").With("zh", "我们的故事"), store.Text{
		Default: "We began at a market stall.\nIn 2019.\n\nWrite to <b>us</b>.", Tr: map[string]string{"zh": "我们从市场小摊起步。"}})
	writeInfoPage(t, shop, store.InfoPageShipping, store.Text{}, store.Plain("We ship in two days."))

	res := shop.Get("/pages/about")
	doc := res.Doc(t)
	if res.Status != http.StatusOK || doc.Find("h1").Text() != "Our story" {
		t.Fatalf("GET /pages/about = %d, h1 %q", res.Status, doc.Find("h1").Text())
	}
	paras := doc.Find("[data-info-page=about] p")
	if paras.Length() != 2 || paras.Eq(0).Find("br").Length() != 1 || strings.TrimSpace(paras.Eq(1).Text()) != "Write to <b>us</b>." {
		t.Errorf("about's paragraphs = %d: %q", paras.Length(), paras.Text())
	}
	if !strings.Contains(doc.Find("title").Text(), "Our story") {
		t.Errorf("title = %q", doc.Find("title").Text())
	}

	zh := shop.Get("/zh-cn/pages/about").Doc(t)
	if zh.Find("h1").Text() != "我们的故事" || strings.TrimSpace(zh.Find("[data-info-page] p").Text()) != "我们从市场小摊起步。" {
		t.Errorf("the Chinese about page = %q / %q", zh.Find("h1").Text(), zh.Find("[data-info-page] p").Text())
	}
	// No title of its own and no translation: the catalog's title, the
	// default language's body.
	ship := shop.Get("/zh-cn/pages/shipping").Doc(t)
	if ship.Find("h1").Text() != "配送说明" || strings.TrimSpace(ship.Find("[data-info-page] p").Text()) != "We ship in two days." {
		t.Errorf("the Chinese shipping page = %q / %q", ship.Find("h1").Text(), ship.Find("[data-info-page] p").Text())
	}

	for _, path := range []string{"/pages/terms", "/zh-cn/pages/privacy", "/pages/contact"} {
		if res := shop.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.Status)
		}
	}

	footer := shop.Get("/zh-cn/").Doc(t).Find(".site-footer [data-info-link]")
	if got := footer.Map(func(_ int, s *goquery.Selection) string { return s.Text() + " " + s.AttrOr("href", "") }); strings.Join(got, ", ") !=
		"我们的故事 /zh-cn/pages/about, 配送说明 /zh-cn/pages/shipping" {
		t.Errorf("the footer links %q", got)
	}
}

// TestSavedInfoPageShowsAtOnce: a visitor's home page, served from the
// page cache, lists a page in its footer as soon as the owner saves it in
// the admin, and forgets it as soon as it is emptied; checkout links the
// terms beside Place order only while they exist.
func TestSavedInfoPageShowsAtOnce(t *testing.T) {
	shop := teaInCart(t)
	visitor := shop.OtherBrowser()
	owner := shop.OtherBrowser()
	owner.LoginAs(store.RoleOwner)
	terms := func() int { return visitor.Get("/").Doc(t).Find(`.site-footer [data-info-link="terms"]`).Length() }
	if terms() != 0 || terms() != 0 { // the second from the page cache
		t.Fatal("the footer links terms no one wrote")
	}
	if shop.Get("/checkout").Doc(t).Find(".checkout-policies").Length() != 0 {
		t.Error("checkout links policies no one wrote")
	}

	// The version the owner's form carries, as the pages page shows it now.
	version := func() string {
		return owner.Get("/admin/pages").Doc(t).Find(`form[action="/admin/pages/terms"] input[name=version]`).AttrOr("value", "")
	}
	if res := owner.Post("/admin/pages/terms", url.Values{"title": {""}, "body": {"Orders are final once shipped."},
		"version": {version()}}); res.Status != http.StatusSeeOther {
		t.Fatalf("save terms = %d", res.Status)
	}
	if terms() != 1 {
		t.Error("the footer does not link the terms just saved")
	}
	if res := visitor.Get("/pages/terms"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Orders are final once shipped.") {
		t.Errorf("GET /pages/terms = %d", res.Status)
	}
	links := shop.Get("/checkout").Doc(t).Find(`.checkout-policies a`)
	if links.Length() != 1 || links.AttrOr("href", "") != "/pages/terms" || links.Text() != "Terms of service" {
		t.Errorf("checkout's policy links = %d %q", links.Length(), links.Text())
	}

	if res := owner.Post("/admin/pages/terms", url.Values{"title": {""}, "body": {""}, "version": {version()}}); res.Status != http.StatusSeeOther {
		t.Fatalf("empty terms = %d", res.Status)
	}
	if terms() != 0 {
		t.Error("the footer still links the emptied terms")
	}
	if res := visitor.Get("/pages/terms"); res.Status != http.StatusNotFound {
		t.Errorf("GET /pages/terms once emptied = %d, want 404", res.Status)
	}
}
