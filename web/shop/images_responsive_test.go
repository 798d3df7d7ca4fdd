package shop_test

import (
	"bytes"
	"context"
	"image"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// responsiveShop is a shop with a collection of two products whose photos
// are larger than every served width, so each has all three widths.
func responsiveShop(t *testing.T) *webtest.Shop {
	t.Helper()
	shop := webtest.New(t)
	ctx := context.Background()
	if _, err := shop.Store.SaveCollection(ctx, store.CollectionInput{Handle: "pots", Title: "Pots", Featured: true}); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"big-pot", "small-pot"} {
		_, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{
			Handle: h, Title: h, Status: store.StatusActive, Collections: []string{"pots"},
			Images: []store.ImageInput{
				{SourceURL: "test:" + h, Alt: h, Data: webtest.SolidPNG(2000, 1500, false)},
				{SourceURL: "test:" + h + "-2", Alt: h + " side", Data: webtest.SolidPNG(300, 300, false)},
			},
			Variants: []store.VariantInput{{SKU: h, Price: 1000, Stock: 5}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return shop
}

var srcsetEntry = regexp.MustCompile(`^/images/[0-9]+/[0-9a-f]{24}/(480|800|1600) ([0-9]+)w$`)

// srcsetWidths checks an img's srcset and returns its URLs and widths.
func srcsetWidths(t *testing.T, img *goquery.Selection) (urls []string, widths []string) {
	t.Helper()
	set, _ := img.Attr("srcset")
	if sizes, _ := img.Attr("sizes"); sizes == "" {
		t.Errorf("img %q has no sizes", set)
	}
	for _, e := range strings.Split(set, ", ") {
		m := srcsetEntry.FindStringSubmatch(e)
		if m == nil {
			t.Fatalf("srcset entry %q is not a hashed image URL with a width", e)
		}
		urls = append(urls, strings.Fields(e)[0])
		widths = append(widths, m[2])
	}
	return urls, widths
}

// TestProductImagesAreResponsiveAndTheLeadLoadsFirst: the product page's
// main image comes in three widths (the stored 480 and 1600, the middle
// 800) with sizes, loads at once with high priority, and the gallery's
// other pictures load lazily; on a collection page only the first card is
// eager.
func TestProductImagesAreResponsiveAndTheLeadLoadsFirst(t *testing.T) {
	shop := responsiveShop(t)
	doc := shop.Get("/products/big-pot").Doc(t)
	main := doc.Find("img[fetchpriority=high]")
	if main.Length() != 1 {
		t.Fatalf("product page: %d images with fetchpriority=high, want 1", main.Length())
	}
	if _, lazy := main.Attr("loading"); lazy {
		t.Error("the main image is lazy")
	}
	if _, widths := srcsetWidths(t, main); strings.Join(widths, ",") != "480,800,1600" {
		t.Errorf("main image widths %v, want 480, 800, 1600 (a 2000×1500 photo)", widths)
	}
	doc.Find("img").Not("[fetchpriority]").Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Attr("loading"); v != "lazy" {
			src, _ := s.Attr("src")
			t.Errorf("other image %s: loading=%q, want lazy", src, v)
		}
	})

	cards := shop.Get("/collections/pots").Doc(t).Find(".product-grid img")
	if cards.Length() != 2 {
		t.Fatalf("collection page: %d card images, want 2", cards.Length())
	}
	if v, _ := cards.Eq(0).Attr("fetchpriority"); v != "high" {
		t.Error("the first card's image has no fetchpriority=high")
	}
	if v, _ := cards.Eq(1).Attr("loading"); v != "lazy" {
		t.Error("the second card's image is not lazy")
	}
	srcsetWidths(t, cards.Eq(1))
}

// TestHashedImagesAreCachedForAYear: every srcset URL answers with the
// picture at that width, cached for a year and immutable, and with 304 to
// its ETag; a wrong hash gets the picture uncached, an unknown width 404,
// and a draft's image stays hidden under a hashed URL too.
func TestHashedImagesAreCachedForAYear(t *testing.T) {
	shop := responsiveShop(t)
	urls, widths := srcsetWidths(t, shop.Get("/products/big-pot").Doc(t).Find("img[fetchpriority=high]"))
	for i, u := range urls {
		res := shop.Get(u)
		if res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("GET %s = %d %q, want 200 immutable", u, res.Status, res.Header.Get("Cache-Control"))
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader([]byte(res.Body)))
		if err != nil || format != "jpeg" || itoa(int64(cfg.Width)) != widths[i] {
			t.Errorf("GET %s: %s %d px wide (%v), srcset says %sw", u, format, cfg.Width, err, widths[i])
		}
		etag := res.Header.Get("ETag")
		if again := shop.Get(u, "If-None-Match", etag); etag == "" || again.Status != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match %s = %d, want 304", u, etag, again.Status)
		}
	}

	wrong := regexp.MustCompile(`/[0-9a-f]{24}/`).ReplaceAllString(urls[1], "/000000000000000000000000/")
	if res := shop.Get(wrong); res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET %s (wrong hash) = %d %q, want 200 no-cache", wrong, res.Status, res.Header.Get("Cache-Control"))
	}
	odd := strings.Replace(urls[1], "/800", "/801", 1)
	if res := shop.Get(odd); res.Status != http.StatusNotFound {
		t.Errorf("GET %s (no such width) = %d, want 404", odd, res.Status)
	}

	ctx := context.Background()
	p, err := shop.Store.ProductByHandle(ctx, "big-pot", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.SetProductsStatus(ctx, store.Actor{}, []int64{p.ID}, store.StatusDraft); err != nil {
		t.Fatal(err)
	}
	if res := shop.Get(urls[1]); res.Status != http.StatusNotFound {
		t.Errorf("draft's image GET %s = %d, want 404", urls[1], res.Status)
	}
}

// TestStylesheetsAreServedMinified: the page links app.css and the theme
// under hashed URLs whose bodies are minified.
func TestStylesheetsAreServedMinified(t *testing.T) {
	shop := webtest.New(t)
	links := shop.Get("/").Doc(t).Find(`link[rel=stylesheet]`)
	if links.Length() < 2 {
		t.Fatalf("%d stylesheets, want the theme and app.css", links.Length())
	}
	links.Each(func(_ int, l *goquery.Selection) {
		href, _ := l.Attr("href")
		res := shop.Get(href)
		if res.Status != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s = %d %q", href, res.Status, res.Header.Get("Cache-Control"))
		}
		if strings.Contains(res.Body, "/*") || strings.Contains(res.Body, "\n") {
			t.Errorf("GET %s: not minified (comments or line breaks left)", href)
		}
	})
}
