package shop_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/views"
	"storefront/web/webtest"
)

// TestSortedCollectionNamesThePlainOneCanonical: a collection sorted or
// filtered names the plain collection as its canonical, og:url and
// hreflang alternates, in both languages, so that search engines index
// one page, not one per sort and price; a page past the first keeps its
// number, each page of the listing being its own.
func TestSortedCollectionNamesThePlainOneCanonical(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	for i := range 24 {
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "cup-" + strconv.Itoa(i), Title: "Cup",
			Status: store.StatusActive, Collections: []string{"summer"},
			Variants: []store.VariantInput{{SKU: "CUP-" + strconv.Itoa(i), Price: int64(1000 + i), Stock: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	base := shop.Server.URL
	for _, c := range []struct{ path, canonical, en, zh string }{
		{"/collections/summer?sort=price-asc", "/collections/summer", "/collections/summer", "/zh-cn/collections/summer"},
		{"/collections/summer?price_min=10&price_max=50&in_stock=1&sort=name&utm_source=ad", "/collections/summer",
			"/collections/summer", "/zh-cn/collections/summer"},
		{"/zh-cn/collections/summer?sort=price-desc", "/zh-cn/collections/summer", "/collections/summer", "/zh-cn/collections/summer"},
		{"/collections/summer?sort=price-desc&in_stock=1&page=2", "/collections/summer?page=2",
			"/collections/summer?page=2", "/zh-cn/collections/summer?page=2"},
	} {
		res := shop.Get(c.path)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s = %d", c.path, res.Status)
		}
		doc := res.Doc(t)
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != base+c.canonical {
			t.Errorf("%s: canonical %q, want %q", c.path, got, base+c.canonical)
		}
		if got := doc.Find(`meta[property="og:url"]`).AttrOr("content", ""); got != base+c.canonical {
			t.Errorf("%s: og:url %q, want %q", c.path, got, base+c.canonical)
		}
		for lang, want := range map[string]string{"en": c.en, "zh-Hans": c.zh, "x-default": c.en} {
			if got := doc.Find(`link[rel=alternate][hreflang="`+lang+`"]`).AttrOr("href", ""); got != base+want {
				t.Errorf("%s: %s alternate %q, want %q", c.path, lang, got, base+want)
			}
		}
		// The pages' own links still carry the sort and filters.
		if next := doc.Find(`a[rel=next]`).AttrOr("href", ""); strings.Contains(c.path, "sort=price-asc") && !strings.Contains(next, "sort=price-asc") {
			t.Errorf("%s: the next page's link %q lost the sort", c.path, next)
		}
	}
}

// TestFooterLeavesTheSitemapToCrawlers: no footer links the XML sitemap,
// which a shopper's browser shows as a wall of addresses; robots.txt,
// where crawlers look, names it.
func TestFooterLeavesTheSitemapToCrawlers(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for _, path := range []string{"/", "/zh-cn/", "/products/linen-shirt", "/collections/summer"} {
		doc := shop.Get(path).Doc(t)
		if doc.Find(".site-footer").Length() != 1 {
			t.Fatalf("%s has no footer", path)
		}
		if n := doc.Find(`.site-footer a[href*="sitemap"]`).Length(); n != 0 {
			t.Errorf("%s: the footer links the XML sitemap", path)
		}
	}
	if robots := shop.Get("/robots.txt").Body; !strings.Contains(robots, "Sitemap: "+shop.Server.URL+"/sitemap.xml\n") {
		t.Errorf("robots.txt names no sitemap:\n%s", robots)
	}
}

// TestHomeSharesAPicture: the home page, the shop's most shared address,
// has an og:image and a twitter:card as product and collection pages do:
// the first featured collection's picture when the shop has no hero
// image, in both languages.
func TestHomeSharesAPicture(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	summer, err := shop.Store.CollectionByHandle(context.Background(), "summer")
	if err != nil || summer.ImageID == 0 {
		t.Fatalf("the fixture's summer collection has no picture (%v)", err)
	}
	want := shop.Server.URL + views.ImageURL(summer.ImageID, false)
	for _, path := range []string{"/", "/zh-cn/"} {
		doc := shop.Get(path).Doc(t)
		if got := doc.Find(`meta[property="og:image"]`).AttrOr("content", ""); got != want {
			t.Errorf("%s: og:image %q, want %q", path, got, want)
		}
		if got := doc.Find(`meta[name="twitter:card"]`).AttrOr("content", ""); got != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", path, got)
		}
	}
	if res := shop.Get(views.ImageURL(summer.ImageID, false)); res.Status != http.StatusOK {
		t.Errorf("the home page's picture answers %d", res.Status)
	}
}

// TestSearchTitleNamesTheQuery: a search page's title names what was
// searched for, in the shopper's language and escaped, so that tabs and
// the history tell searches apart; an empty search is plain "Search".
func TestSearchTitleNamesTheQuery(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	settings, err := shop.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	name := settings.StoreName
	for _, c := range []struct{ path, want string }{
		{"/search?q=linen", "“linen” – Search · " + name},
		{"/zh-cn/search?q=linen", "“linen” – 搜索 · " + settings.In("zh").StoreName},
		{"/search?q=%3Cb%3Etea%20%26%20cake", "“<b>tea & cake” – Search · " + name},
		{"/search?q=", "Search · " + name},
	} {
		res := shop.Get(c.path)
		if got := res.Doc(t).Find("head title").Text(); got != c.want {
			t.Errorf("%s: title %q, want %q", c.path, got, c.want)
		}
		if strings.Contains(res.Body, "<b>tea") {
			t.Errorf("%s: the query is in the page unescaped", c.path)
		}
	}
}

// TestPriceValidUntilIsTheLastWholeDay: schema.org's priceValidUntil is
// a date, which search engines read as good through that day; a sale
// that ends partway through a day gives the day before (the price does not
// last its end's day), one that ends at midnight the day it ends before.
func TestPriceValidUntilIsTheLastWholeDay(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	settings, err := shop.Store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	loc := settings.Location()
	now := shop.Clock.Now().In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day()+3, 0, 0, 0, 0, loc)
	shop.AddPromotion(webtest.Promotion{Name: "Ends in the afternoon", Type: pricing.TypeFlash, Value: 3000,
		EndsAt: day.Add(13*time.Hour + 27*time.Minute), Rules: pricing.Rules{Variants: []int64{v.ShirtL}}})
	shop.AddPromotion(webtest.Promotion{Name: "Ends at midnight", Type: pricing.TypeFlash, Value: 3000,
		EndsAt: day.AddDate(0, 0, 1), Rules: pricing.Rules{Variants: []int64{v.ShirtM}}})
	want := map[int64]string{
		v.ShirtL: day.AddDate(0, 0, -1).Format(time.DateOnly),
		v.ShirtM: day.Format(time.DateOnly),
		v.ShirtS: "",
	}
	for _, path := range []string{"/products/linen-shirt", "/zh-cn/products/linen-shirt"} {
		var ld struct {
			Offers []struct {
				URL             string `json:"url"`
				PriceValidUntil string `json:"priceValidUntil"`
			} `json:"offers"`
		}
		raw := shop.Get(path).Doc(t).Find(`script[type="application/ld+json"]`).First().Text()
		if err := json.Unmarshal([]byte(raw), &ld); err != nil {
			t.Fatalf("%s: %v in %s", path, err, raw)
		}
		for _, o := range ld.Offers {
			for id, until := range want {
				if strings.HasSuffix(o.URL, "?variant="+itoa(id)) && o.PriceValidUntil != until {
					t.Errorf("%s: %s priceValidUntil %q, want %q", path, o.URL, o.PriceValidUntil, until)
				}
			}
		}
	}
}
