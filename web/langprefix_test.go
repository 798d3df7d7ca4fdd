package web_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// alternates reads a page's hreflang links.
func alternates(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(`head link[rel=alternate][hreflang]`).Each(func(_ int, s *goquery.Selection) {
		out[s.AttrOr("hreflang", "")] = s.AttrOr("href", "")
	})
	return out
}

// TestLanguageURLs: a product page has an address per language, the
// default one unprefixed and Chinese under /zh-cn/; each names itself as
// canonical and both as alternates, and its links stay in its language.
func TestLanguageURLs(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	base := shop.Server.URL
	wantAlternates := map[string]string{
		"en":        base + "/products/linen-shirt",
		"zh-Hans":   base + "/zh-cn/products/linen-shirt",
		"x-default": base + "/products/linen-shirt",
	}
	for _, c := range []struct {
		path, lang, button, canonical, prefix string
	}{
		{"/products/linen-shirt", "en", "Add to cart", base + "/products/linen-shirt", ""},
		{"/zh-cn/products/linen-shirt", "zh-CN", "加入购物车", base + "/zh-cn/products/linen-shirt", "/zh-cn"},
	} {
		res := shop.Get(c.path)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s = %d", c.path, res.Status)
		}
		doc := res.Doc(t)
		if got := doc.Find("html").AttrOr("lang", ""); got != c.lang {
			t.Errorf("%s: lang = %q, want %q", c.path, got, c.lang)
		}
		if got := doc.Find("form.add-to-cart button[type=submit]").Text(); !strings.Contains(got, c.button) {
			t.Errorf("%s: button = %q, want %q", c.path, got, c.button)
		}
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != c.canonical {
			t.Errorf("%s: canonical = %q, want %q", c.path, got, c.canonical)
		}
		if got := doc.Find(`meta[property="og:url"]`).AttrOr("content", ""); got != c.canonical {
			t.Errorf("%s: og:url = %q, want %q", c.path, got, c.canonical)
		}
		if got := alternates(doc); !mapsEqual(got, wantAlternates) {
			t.Errorf("%s: alternates = %v, want %v", c.path, got, wantAlternates)
		}
		// The shop's own links and forms keep the page's language.
		for sel, want := range map[string]string{
			"a.brand":                         c.prefix + "/",
			"form.search-form":                c.prefix + "/search",
			`.breadcrumbs a[href$="/summer"]`: c.prefix + "/collections/summer",
			"form.add-to-cart":                c.prefix + "/cart/add",
		} {
			s := doc.Find(sel).First()
			got := s.AttrOr("href", s.AttrOr("action", ""))
			if got != want {
				t.Errorf("%s: %s links to %q, want %q", c.path, sel, got, want)
			}
		}
		if c.prefix != "" {
			doc.Find(`a[href^="/products/"], a[href^="/collections"], form[action^="/cart"]`).Each(func(_ int, s *goquery.Selection) {
				html, _ := goquery.OuterHtml(s)
				t.Errorf("%s: a link leaves the language: %s", c.path, html)
			})
		}
		// The switcher sends the page's own (unprefixed) path.
		if got := doc.Find(`.lang-switch a[hreflang=zh-Hans]`).AttrOr("href", ""); got != "/lang/zh?next=%2Fproducts%2Flinen-shirt" {
			t.Errorf("%s: switcher to Chinese = %q", c.path, got)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestLanguagePrefixRoutes: every storefront page answers under the
// prefix, the prefix wins over the cookie and Accept-Language, the default
// language's own prefix redirects to the one address it has, and the admin
// and the language switch have no prefixed address.
func TestLanguagePrefixRoutes(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, path := range []string{"/zh-cn", "/zh-cn/", "/zh-cn/collections", "/zh-cn/collections/summer", "/zh-cn/search?q=linen", "/zh-cn/cart"} {
		res := shop.Get(path, "Accept-Language", "en", "Cookie", "lang=en")
		if res.Status != http.StatusOK {
			t.Errorf("GET %s = %d", path, res.Status)
			continue
		}
		if got := res.Doc(t).Find("html").AttrOr("lang", ""); got != "zh-CN" {
			t.Errorf("GET %s: lang = %q, want zh-CN", path, got)
		}
	}
	home := shop.Get("/zh-cn/").Doc(t)
	if got := home.Find(`link[rel=canonical]`).AttrOr("href", ""); got != shop.Server.URL+"/zh-cn/" {
		t.Errorf("Chinese home's canonical = %q", got)
	}
	for path, want := range map[string]string{
		"/en/products/linen-shirt": "/products/linen-shirt",
		"/en/search?q=linen":       "/search?q=linen",
		"/en":                      "/",
	} {
		res := shop.Get(path)
		if res.Status != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("GET %s = %d to %q, want 301 to %q", path, res.Status, res.Header.Get("Location"), want)
		}
	}
	for _, path := range []string{"/zh-cn/admin/login", "/zh-cn/admin", "/zh-cn/lang/en", "/zh-cn/products/no-such-thing", "/zh-cnx/products/linen-shirt"} {
		if res := shop.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.Status)
		}
	}
	// The redirect off the default language's prefix never leaves the
	// shop, whatever follows the prefix.
	for _, path := range []string{"/en//evil.example", "/en/%5Cevil.example", "/en/%2F%2Fevil.example", "/en/%09/evil.example"} {
		res := shop.Get(path)
		if loc := res.Header.Get("Location"); strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") || strings.Contains(loc, "\t") {
			t.Errorf("GET %s = %d to %q: off the shop", path, res.Status, loc)
		}
	}
	// The unprefixed address keeps choosing by the browser's language, and
	// then names the Chinese address as the page's own.
	doc := shop.Get("/products/linen-shirt", "Accept-Language", "zh-CN").Doc(t)
	if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != shop.Server.URL+"/zh-cn/products/linen-shirt" {
		t.Errorf("unprefixed page in Chinese: canonical = %q", got)
	}
}

// TestLanguageInAChineseShop: when Chinese is the default it is the
// unprefixed language and English moves under /en/.
func TestLanguageInAChineseShop(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if err := shop.Store.SetSetting(t.Context(), store.SettingLocale, "zh"); err != nil {
		t.Fatal(err)
	}
	doc := shop.Get("/products/linen-shirt").Doc(t)
	if got := doc.Find("html").AttrOr("lang", ""); got != "zh-CN" {
		t.Errorf("default page lang = %q", got)
	}
	base := shop.Server.URL
	want := map[string]string{"en": base + "/en/products/linen-shirt", "zh-Hans": base + "/products/linen-shirt", "x-default": base + "/products/linen-shirt"}
	if got := alternates(doc); !mapsEqual(got, want) {
		t.Errorf("alternates = %v, want %v", got, want)
	}
	en := shop.Get("/en/products/linen-shirt").Doc(t)
	if got := en.Find("html").AttrOr("lang", ""); got != "en" {
		t.Errorf("/en/ page lang = %q", got)
	}
	if got := en.Find("a.brand").AttrOr("href", ""); got != "/en/" {
		t.Errorf("/en/ page's home link = %q", got)
	}
	if res := shop.Get("/zh-cn/products/linen-shirt"); res.Status != http.StatusMovedPermanently || res.Header.Get("Location") != "/products/linen-shirt" {
		t.Errorf("/zh-cn/ in a Chinese shop = %d to %q", res.Status, res.Header.Get("Location"))
	}
	if got := shop.Get("/lang/en?next=%2Fproducts%2Flinen-shirt").Header.Get("Location"); got != "/en/products/linen-shirt" {
		t.Errorf("switch to English went to %q", got)
	}
}

// TestLanguageSwitchKeepsThePage: the switcher takes the shopper to the
// same page at its address in the other language, and remembers the
// choice for the unprefixed addresses forms come back to.
func TestLanguageSwitchKeepsThePage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	tea := strconv.FormatInt(shop.Variants().Tea, 10)
	shirt := strconv.FormatInt(shop.Variants().ShirtM, 10)
	next := shop.Get("/products/linen-shirt?variant="+shirt).Doc(t).Find(`.lang-switch a[hreflang=zh-Hans]`).AttrOr("href", "")
	res := shop.Get(next)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/zh-cn/products/linen-shirt?variant="+shirt {
		t.Fatalf("switch to Chinese = %d to %q", res.Status, res.Header.Get("Location"))
	}
	back := shop.Get("/zh-cn/products/linen-shirt").Doc(t).Find(`.lang-switch a[hreflang=en]`).AttrOr("href", "")
	if got := shop.Get(back).Header.Get("Location"); got != "/products/linen-shirt" {
		t.Errorf("switch back to English went to %q", got)
	}
	// A next that already carries a prefix is moved, not prefixed twice.
	if got := shop.Get("/lang/zh?next=" + url.QueryEscape("/zh-cn/cart")).Header.Get("Location"); got != "/zh-cn/cart" {
		t.Errorf("switch with a prefixed next went to %q", got)
	}
	if got := shop.Get("/lang/en?next=" + url.QueryEscape("/zh-cn/cart")).Header.Get("Location"); got != "/cart" {
		t.Errorf("switch to English from /zh-cn/cart went to %q", got)
	}

	// A shopper who came straight to a Chinese page (no cookie) stays in
	// Chinese through the cart: the forms post under the prefix and their
	// redirects keep it.
	buyer := shop.OtherBrowser()
	product := buyer.Get("/zh-cn/products/dragon-well-tea").Doc(t)
	action := product.Find("form.add-to-cart").AttrOr("action", "")
	res = buyer.Post(action, url.Values{"variant_id": {tea}, "quantity": {"1"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/zh-cn/cart" {
		t.Fatalf("add from a Chinese page = %d to %q, want 303 to /zh-cn/cart", res.Status, res.Header.Get("Location"))
	}
	cart := buyer.Get("/zh-cn/cart").Doc(t)
	if got := cart.Find("html").AttrOr("lang", ""); got != "zh-CN" {
		t.Errorf("cart lang = %q", got)
	}
	var hrefs []string
	cart.Find("a[href]").Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
	for _, want := range []string{"/zh-cn/products/dragon-well-tea", "/zh-cn/checkout"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("cart has no link to %s: %v", want, hrefs)
		}
	}
	if got := cart.Find("form.cart-line-qty").AttrOr("action", ""); got != "/zh-cn/cart/update" {
		t.Errorf("cart update form posts to %q", got)
	}
}

// TestSitemapListsEveryLanguage: each public page is in the sitemap once
// per language, with its alternates.
func TestSitemapListsEveryLanguage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	res := shop.Get("/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(res.Body), &set); err != nil {
		t.Fatalf("sitemap: %v\n%s", err, res.Body)
	}
	base := shop.Server.URL
	locs := map[string]int{}
	for _, u := range set.URLs {
		locs[u.Loc] = len(u.Links)
		if u.Loc == base+"/zh-cn/products/linen-shirt" {
			got := map[string]string{}
			for _, l := range u.Links {
				got[l.HrefLang] = l.Href
			}
			want := map[string]string{"en": base + "/products/linen-shirt", "zh-Hans": base + "/zh-cn/products/linen-shirt", "x-default": base + "/products/linen-shirt"}
			if !mapsEqual(got, want) {
				t.Errorf("alternates of the Chinese product = %v, want %v", got, want)
			}
		}
	}
	for _, p := range []string{"/", "/zh-cn/", "/collections", "/zh-cn/collections", "/collections/summer", "/zh-cn/collections/summer",
		"/products/linen-shirt", "/zh-cn/products/linen-shirt"} {
		if n, ok := locs[base+p]; !ok || n != 3 {
			t.Errorf("sitemap: %s listed %v with %d alternates, want 3", p, ok, n)
		}
	}
	for loc := range locs {
		if strings.Contains(loc, "secret-draft") {
			t.Errorf("sitemap lists a draft: %s", loc)
		}
	}
	// The shopper's own pages stay out of the index in every language.
	robots := shop.Get("/robots.txt").Body
	for _, line := range []string{"Disallow: /cart\n", "Disallow: /zh-cn/cart\n", "Disallow: /zh-cn/search\n", "Disallow: /zh-cn/orders\n"} {
		if !strings.Contains(robots, line) {
			t.Errorf("robots.txt has no %q:\n%s", line, robots)
		}
	}
}

// TestAdminLanguageSwitchStaysInTheAdmin: the admin's EN / 中文 links lead
// back to the admin page in the language chosen. The admin has no language
// prefix, and the switch used to send staff to /zh-cn/admin/…, a 404.
func TestAdminLanguageSwitchStaysInTheAdmin(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	link := shop.Get("/admin/orders").Doc(t).Find(`.lang-switch a[lang=zh-CN]`).AttrOr("href", "")
	res := shop.Get(link)
	if got := res.Header.Get("Location"); res.Status != http.StatusSeeOther || got != "/admin/orders" {
		t.Fatalf("the admin's 中文 link %q = %d to %q, want /admin/orders", link, res.Status, got)
	}
	page := shop.Get("/admin/orders")
	if page.Status != http.StatusOK || page.Doc(t).Find("html").AttrOr("lang", "") != "zh-CN" {
		t.Errorf("/admin/orders after the switch = %d in %q, want Chinese", page.Status, page.Doc(t).Find("html").AttrOr("lang", ""))
	}
	back := page.Doc(t).Find(`.lang-switch a[lang=en]`).AttrOr("href", "")
	if got := shop.Get(back).Header.Get("Location"); got != "/admin/orders" {
		t.Errorf("the admin's EN link went to %q", got)
	}
}

// TestLanguageSwitchOnAFormsAnswer: a form answered with its page again
// (a 4xx) is at an address that only takes a POST; the language switch
// leads to the page the form was on, where a GET used to be a 404. With
// no Referer it leads home.
func TestLanguageSwitchOnAFormsAnswer(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	refused := shop.Post("/admin/staff/invite", url.Values{"email": {"not an address"}}, "Referer", shop.Server.URL+"/admin/staff")
	if refused.Status < 400 || refused.Status >= 500 {
		t.Fatalf("a bad invite = %d, want a 4xx", refused.Status)
	}
	link := refused.Doc(t).Find(`.lang-switch a[lang=zh-CN]`).AttrOr("href", "")
	if got := shop.Get(link).Header.Get("Location"); got != "/admin/staff" {
		t.Errorf("the 中文 link %q of the refused form went to %q, want /admin/staff", link, got)
	}
	// A form posting to its own page's address comes back to it.
	refused = shop.Post("/admin/products/new", url.Values{"title": {""}}, "Referer", shop.Server.URL+"/admin/products/new")
	link = refused.Doc(t).Find(`.lang-switch a[lang=zh-CN]`).AttrOr("href", "")
	if got := shop.Get(link).Header.Get("Location"); got != "/admin/products/new" {
		t.Errorf("the 中文 link %q of the refused new product went to %q", link, got)
	}
	bare := shop.Post("/admin/staff/invite", url.Values{"email": {"not an address"}}).Doc(t).Find(`.lang-switch a[lang=zh-CN]`).AttrOr("href", "")
	if got := shop.Get(bare).Header.Get("Location"); got != "/admin" {
		t.Errorf("without a Referer the 中文 link went to %q, want /admin", got)
	}

	buyer := shop.OtherBrowser()
	cart := buyer.Post("/zh-cn/cart/coupon", url.Values{"code": {""}}, "Referer", shop.Server.URL+"/zh-cn/cart")
	if cart.Status < 400 || cart.Status >= 500 {
		t.Fatalf("an empty coupon = %d, want a 4xx", cart.Status)
	}
	link = cart.Doc(t).Find(`.lang-switch a[hreflang=en]`).AttrOr("href", "")
	if got := buyer.Get(link).Header.Get("Location"); got != "/cart" {
		t.Errorf("the English link %q of the refused coupon went to %q, want /cart", link, got)
	}
}

// TestCrossSiteRefusalInTheURLsLanguage: a form posted from another site
// to a Chinese address is refused in Chinese, its links under /zh-cn/.
func TestCrossSiteRefusalInTheURLsLanguage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	res := shop.Post("/zh-cn/cart/add", url.Values{"variant_id": {"1"}}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if res.Status != http.StatusForbidden {
		t.Fatalf("a cross-site post = %d, want 403", res.Status)
	}
	doc := res.Doc(t)
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "zh-CN" {
		t.Errorf("the refusal's language = %q, want zh-CN", lang)
	}
	if href := doc.Find(`a[href$="/cart"]`).First().AttrOr("href", ""); href != "/zh-cn/cart" {
		t.Errorf("the cart link = %q, want /zh-cn/cart", href)
	}
}
