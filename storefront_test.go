package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/web/webtest"
)

// TestBrowseStory walks the shop the way a shopper without JavaScript does:
// home, a collection, a product, a search, the sitemap.
func TestBrowseStory(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()

	home := shop.Get("/")
	if home.Status != http.StatusOK {
		t.Fatalf("home = %d", home.Status)
	}
	doc := home.Doc(t)
	link, ok := doc.Find(`.collection-grid a[href="/collections/summer"]`).Attr("href")
	if !ok {
		t.Fatalf("home has no featured collection link:\n%s", home.Body)
	}
	if doc.Find(".product-grid .product-card").Length() != 2 {
		t.Errorf("new arrivals show %d products, want 2 (the draft hidden)", doc.Find(".product-grid .product-card").Length())
	}

	coll := shop.Get(link + "?sort=price-asc")
	if coll.Status != http.StatusOK {
		t.Fatalf("collection = %d", coll.Status)
	}
	doc = coll.Doc(t)
	titles := doc.Find(".product-card-title").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(titles) != 2 || titles[0] != "Dragon Well Tea" {
		t.Errorf("collection sorted by price = %q", titles)
	}
	// The sorted view names the plain collection its canonical.
	if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); !strings.HasSuffix(got, "/collections/summer") {
		t.Errorf("canonical = %q", got)
	}

	productURL := doc.Find(`a.product-card-link[href="/products/linen-shirt"]`).AttrOr("href", "")
	prod := shop.Get(productURL)
	if prod.Status != http.StatusOK {
		t.Fatalf("product = %d", prod.Status)
	}
	doc = prod.Doc(t)
	if got := doc.Find("h1.product-title").Text(); got != "Linen Shirt" {
		t.Errorf("product title = %q", got)
	}
	// Every size is offered; the sold-out one shows but is disabled, and
	// the add-to-cart form posts the first available one.
	radios := doc.Find(`form.variant-picker input[name=option1]`)
	if radios.Length() != 3 {
		t.Fatalf("size inputs = %d, want 3", radios.Length())
	}
	if _, disabled := radios.First().Attr("disabled"); !disabled {
		t.Error("sold-out size S is selectable")
	}
	if _, checked := radios.Eq(1).Attr("checked"); !checked {
		t.Error("first available size M is not preselected")
	}
	if got := doc.Find(`form.add-to-cart input[type=hidden][name=variant_id]`).AttrOr("value", ""); got != itoa(shop.Variants().ShirtM) {
		t.Errorf("add-to-cart posts variant %q, want M's", got)
	}
	if got := doc.Find("#price-block .price-current").Text(); got != "$49.00" {
		t.Errorf("price = %q", got)
	}
	if got := doc.Find("#price-block .price-compare").Text(); !strings.Contains(got, "$59.00") {
		t.Errorf("compare-at = %q", got)
	}
	if got := doc.Find(".breadcrumbs li").Length(); got != 3 {
		t.Errorf("breadcrumbs = %d items, want 3", got)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(doc.Find(`script[type="application/ld+json"]`).First().Text()), &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	offers, _ := ld["offers"].([]any)
	if ld["@type"] != "Product" || len(offers) != 3 {
		t.Errorf("JSON-LD = %v", ld)
	}
	if img := doc.Find(".gallery-main img").AttrOr("alt", ""); img != "A white linen shirt" {
		t.Errorf("gallery alt = %q", img)
	}
	if doc.Find(`meta[property="og:image"]`).Length() != 1 {
		t.Error("no og:image")
	}

	// The tea's Chinese title finds it; a Chinese shopper reads it in Chinese.
	search := shop.Get("/zh-cn/search?q=" + url.QueryEscape("绿茶"))
	doc = search.Doc(t)
	if search.Status != http.StatusOK || doc.Find(".search-hit").Length() != 1 {
		t.Fatalf("search 绿茶 = %d, %d hits", search.Status, doc.Find(".search-hit").Length())
	}
	if got := doc.Find(".search-hit mark").First().Text(); got != "绿茶" {
		t.Errorf("highlight = %q", got)
	}

	none := shop.Get("/search?q=lnen")
	doc = none.Doc(t)
	if got := doc.Find(".suggestion a").Text(); got != "linen" {
		t.Errorf("suggestion = %q, want linen", got)
	}
	if doc.Find(".product-grid .product-card").Length() == 0 {
		t.Error("empty search shows no fallback products")
	}

	sitemap := shop.Get("/sitemap.xml")
	if sitemap.Status != http.StatusOK || !strings.Contains(sitemap.Body, "/products/linen-shirt</loc>") ||
		strings.Contains(sitemap.Body, "secret-draft") || !strings.Contains(sitemap.Body, "/collections/summer</loc>") {
		t.Errorf("sitemap = %d\n%s", sitemap.Status, sitemap.Body)
	}
	robots := shop.Get("/robots.txt")
	if !strings.Contains(robots.Body, "Sitemap: "+shop.Server.URL+"/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots.Body)
	}
}

func TestVariantPartialForHTMX(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	p, _ := shop.Store.ProductByHandle(t.Context(), "linen-shirt", false)
	large := p.Variants[2]
	res := shop.Get("/products/linen-shirt?variant_id="+itoa(large.ID), "HX-Request", "true")
	if res.Status != http.StatusOK || strings.Contains(res.Body, "<html") {
		t.Fatalf("partial = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	if got := doc.Find("#price-block .price-current").Text(); got != "$52.00" {
		t.Errorf("partial price = %q", got)
	}
	// Without htmx the same URL is the whole page with L chosen.
	full := shop.Get("/products/linen-shirt?variant=" + itoa(large.ID)).Doc(t)
	if _, checked := full.Find(`input[name=option1][value="L"]`).Attr("checked"); !checked {
		t.Error("variant from the URL is not checked")
	}
}

func TestBadInputIsA4xx(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	tests := []struct {
		path string
		want int
	}{
		{"/products/no-such-thing", 404},
		{"/products/secret-draft", 404},
		{"/collections/nope", 404},
		{"/no/such/page", 404},
		{"/collections/summer?page=0", 400},
		{"/collections/summer?page=-3", 400},
		{"/collections/summer?page=99999999999999999999", 400},
		{"/collections/summer?page=abc", 400},
		{"/collections/summer?page=500", 404},
		{"/collections/summer?sort=drop-table", 400},
		{"/collections/summer?price_min=abc", 400},
		{"/products/linen-shirt?variant=abc", 400},
		{"/products/linen-shirt?image=1e9", 400},
		{"/search?q=" + url.QueryEscape(`"; DROP TABLE products;--`), 200},
		{"/search?q=" + url.QueryEscape(`title:* OR NEAR(a b) ^x`), 200},
		{"/search?q=" + url.QueryEscape(strings.Repeat("长", 5000)), 200},
		{"/search?q=%FF%FE", 422}, // not UTF-8: refused like any form (kit.ReadForm)
		{"/search?q=tea&page=9999999", 400},
		{"/search?q=tea&page=50", 404},
		{"/collections/summer?price_max=-5", 400},
		{"/images/abc/full", 404},
		{"/images/999/full", 404},
		{"/images/1/huge", 404},
		{"/lang/fr", 404},
	}
	for _, tt := range tests {
		res := shop.Get(tt.path)
		if res.Status != tt.want {
			t.Errorf("GET %s = %d, want %d", tt.path, res.Status, tt.want)
		}
		if res.Status == 404 && !strings.Contains(res.Body, "search-page-form") && !strings.HasPrefix(tt.path, "/images") {
			t.Errorf("GET %s: 404 page offers no search", tt.path)
		}
	}
	res := shop.Get("/collections/summer?price_min=abc")
	if !strings.Contains(res.Body, "field-error") {
		t.Error("bad price filter shows no message")
	}
}

func TestSecurityHeadersAndCompression(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	res := shop.Get("/", "Accept-Encoding", "gzip")
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
		"Content-Encoding":       "gzip",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP = %q", csp)
	}
	if res.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	// A cross-site form post is refused before any handler sees it.
	req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/search", strings.NewReader("q=x"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if got := shop.Do(req).Status; got != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", got)
	}
	if got := shop.Get("/healthz"); got.Status != 200 {
		t.Errorf("healthz = %d", got.Status)
	}
}

func TestNoInlineScriptsOrStyles(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, path := range []string{"/", "/collections/summer", "/products/linen-shirt", "/search?q=tea", "/nope"} {
		doc := shop.Get(path).Doc(t)
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if typ := s.AttrOr("type", ""); typ != "application/ld+json" && s.AttrOr("src", "") == "" {
				t.Errorf("%s: inline script %q", path, s.Text())
			}
		})
		if n := doc.Find("[style], style").Length(); n > 0 {
			t.Errorf("%s: %d inline styles", path, n)
		}
		doc.Find("img").Each(func(_ int, s *goquery.Selection) {
			if _, ok := s.Attr("alt"); !ok {
				t.Errorf("%s: img without alt", path)
			}
		})
	}
}

func TestLanguageSwitch(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if got := shop.Get("/", "Accept-Language", "zh-CN,zh;q=0.9").Doc(t).Find("html").AttrOr("lang", ""); got != "zh-CN" {
		t.Errorf("Accept-Language zh: lang = %q", got)
	}
	// The switch goes to the page's Chinese address and remembers the
	// choice, so the unprefixed address is in Chinese too.
	res := shop.Get("/lang/zh?next=" + url.QueryEscape("/products/linen-shirt"))
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/zh-cn/products/linen-shirt" {
		t.Fatalf("switch = %d %q", res.Status, res.Header.Get("Location"))
	}
	doc := shop.Get("/products/linen-shirt").Doc(t)
	if got := doc.Find("form.add-to-cart button").Text(); !strings.Contains(got, "加入购物车") {
		t.Errorf("button in zh = %q", got)
	}
	if got := doc.Find("#price-block .price-current").Text(); got != "US$49.00" {
		t.Errorf("price in zh = %q", got)
	}
	if res := shop.Get("/lang/en?next=" + url.QueryEscape("//evil.example")); res.Header.Get("Location") != "/" {
		t.Errorf("open redirect: Location = %q", res.Header.Get("Location"))
	}
}

func TestImagesAreCached(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	p, _ := shop.Store.ProductByHandle(t.Context(), "linen-shirt", false)
	path := "/images/" + itoa(p.Images[0].ID) + "/thumb"
	res := shop.Get(path)
	if res.Status != 200 || res.Header.Get("Content-Type") != "image/jpeg" || res.Header.Get("ETag") == "" {
		t.Fatalf("image = %d %v", res.Status, res.Header)
	}
	if again := shop.Get(path, "If-None-Match", res.Header.Get("ETag")); again.Status != http.StatusNotModified {
		t.Errorf("revalidation = %d, want 304", again.Status)
	}
}
