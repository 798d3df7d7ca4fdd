package shop_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// seedSencha adds a tea sold by weight to the summer collection: the 50 g
// tin at 15.00 has no compare-at price, the 100 g tin at 28.00 was 30.00.
func seedSencha(t *testing.T, shop *webtest.Shop) int64 {
	t.Helper()
	id, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "sencha", Title: "Sencha", Status: store.StatusActive, OptionNames: []string{"Weight"},
		Collections: []string{"summer"},
		Variants: []store.VariantInput{
			{SKU: "SEN-50", Options: [3]string{"50g"}, Price: 1500, Stock: 10},
			{SKU: "SEN-100", Options: [3]string{"100g"}, Price: 2800, CompareAtPrice: 3000, Stock: 10},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// cardFor is the card (or search hit) among cards that links to the
// product with handle.
func cardFor(doc *goquery.Document, cards, handle string) *goquery.Selection {
	return doc.Find(cards).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.HasSuffix(s.Find("a").AttrOr("href", ""), "/products/"+handle)
	})
}

// A card strikes through only the original price of the variant whose
// price it leads with: the 50 g tin at 15.00 never "was 30.00" because the
// 100 g tin was. Its Sale badge still says that some size is on sale, and
// a card whose cheapest variant is itself reduced still shows what it was.
func TestCardStrikesThroughOnlyItsOwnVariantsPrice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	senchaID := seedSencha(t, shop)

	for _, page := range []struct{ path, cards, badge string }{
		{"/collections/summer", ".product-card", "Sale"},
		{"/zh-cn/collections/summer", ".product-card", "特价"},
		{"/", ".product-card", "Sale"},
		{"/search?q=sencha", ".search-hit", ""},
		{"/zh-cn/search?q=sencha", ".search-hit", ""},
	} {
		doc := shop.Get(page.path).Doc(t)
		sencha := cardFor(doc, page.cards, "sencha")
		if sencha.Length() != 1 {
			t.Fatalf("%s: %d cards for sencha", page.path, sencha.Length())
		}
		if got := sencha.Find(".price-current").Text(); !strings.Contains(got, "15.00") {
			t.Errorf("%s: sencha's price %q, want from 15.00", page.path, got)
		}
		if got := sencha.Find(".price-compare").Text(); got != "" {
			t.Errorf("%s: sencha's 15.00 is shown struck from %q, a price only the 100 g tin had", page.path, got)
		}
		if got := strings.TrimSpace(sencha.Find(".badge-sale").Text()); page.badge != "" && got != page.badge {
			t.Errorf("%s: sencha's badge %q, want %q: the 100 g tin is on sale", page.path, got, page.badge)
		}
		if page.cards == ".search-hit" {
			continue
		}
		if got := cardFor(doc, page.cards, "linen-shirt").Find(".price-compare").Text(); !strings.Contains(got, "59.00") {
			t.Errorf("%s: the shirt's card strikes through %q, want its 49.00 sizes' 59.00", page.path, got)
		}
	}

	// Half price in a flash sale: the card says 7.50, and what the 50 g
	// tin sold for before, 15.00.
	shop.AddPromotion(webtest.Promotion{Name: "Tea week", Type: pricing.TypeFlash, Value: 5000,
		EndsAt: shop.Clock.Now().Add(time.Hour), Rules: pricing.Rules{Products: []int64{senchaID}}})
	for _, path := range []string{"/collections/summer", "/zh-cn/collections/summer"} {
		sencha := cardFor(shop.Get(path).Doc(t), ".product-card", "sencha")
		if got := sencha.Find(".price-current").Text(); !strings.Contains(got, "7.50") {
			t.Errorf("%s: sencha on sale at %q, want 7.50", path, got)
		}
		if got := sencha.Find(".price-compare").Text(); !strings.Contains(got, "15.00") {
			t.Errorf("%s: sencha on sale struck from %q, want the 50 g tin's 15.00", path, got)
		}
	}
}

// A collection with nothing in it says so and offers no filters to set;
// one whose filters leave nothing says that, beside the filters to change.
func TestEmptyCollectionSaysSo(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if _, err := shop.Store.SaveCollection(context.Background(), store.CollectionInput{Handle: "autumn", Title: "Autumn"}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []struct{ path, want, home string }{
		{"/collections/autumn", "This collection has no products yet.", "/#new-arrivals"},
		{"/collections/autumn?in_stock=1", "This collection has no products yet.", "/#new-arrivals"},
		{"/zh-cn/collections/autumn", "这个系列还没有商品。", "/zh-cn/#new-arrivals"},
	} {
		res := shop.Get(page.path)
		doc := res.Doc(t)
		if got := doc.Find(".notice p").First().Text(); res.Status != 200 || got != page.want {
			t.Errorf("%s: %d %q, want 200 %q", page.path, res.Status, got, page.want)
		}
		if doc.Find("form.listing-controls").Length() != 0 {
			t.Errorf("%s: shows sorting and filters for no products", page.path)
		}
		if doc.Find(`.notice a[href="`+page.home+`"]`).Length() != 1 {
			t.Errorf("%s: no way on to the new arrivals (%s)", page.path, page.home)
		}
	}

	for _, page := range []struct{ path, want string }{
		{"/collections/summer?price_min=1000", "No products match these filters."},
		{"/zh-cn/collections/summer?price_min=1000", "没有符合筛选条件的商品。"},
	} {
		doc := shop.Get(page.path).Doc(t)
		if got := doc.Find(".notice").Text(); got != page.want {
			t.Errorf("%s: %q, want %q", page.path, got, page.want)
		}
		if got := doc.Find("form.listing-controls input[name=price_min]").AttrOr("value", ""); got != "1000" {
			t.Errorf("%s: the filters to change are gone (price_min %q)", page.path, got)
		}
	}
}

// The page of all collections, linked from every footer, says when there
// are none yet and leads on to the products instead of a blank page.
func TestAllCollectionsWithoutAnySaysSo(t *testing.T) {
	shop := webtest.New(t)
	for _, page := range []struct{ path, want, home string }{
		{"/collections", "There are no collections yet.", "/#new-arrivals"},
		{"/zh-cn/collections", "还没有商品系列。", "/zh-cn/#new-arrivals"},
	} {
		res := shop.Get(page.path)
		doc := res.Doc(t)
		if got := doc.Find("main .notice p").First().Text(); res.Status != 200 || got != page.want {
			t.Errorf("%s: %d %q, want 200 %q", page.path, res.Status, got, page.want)
		}
		if doc.Find(`main .notice a[href="`+page.home+`"]`).Length() != 1 {
			t.Errorf("%s: no way on to the new arrivals (%s)", page.path, page.home)
		}
	}

	shop.SeedFixture()
	doc := shop.Get("/collections").Doc(t)
	if doc.Find("main .notice").Length() != 0 || doc.Find(`.collection-card a[href="/collections/summer"]`).Length() != 1 {
		t.Error("with a collection, /collections should list it and say nothing of none")
	}
}

// TestPriceFilterFindsDearerVariants: a collection's price filter finds a
// product by any of its variants, in both languages: Sencha's 100 g tin
// at 28.00 is between 20 and 30 although its 50 g tin is 15.00 (only the
// cheapest price counted). A range typed the wrong way round (30 to 20)
// is the same range, put right in the form; it found nothing and said
// nothing.
func TestPriceFilterFindsDearerVariants(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	seedSencha(t, shop)
	for _, path := range []string{
		"/collections/summer?price_min=20&price_max=30&in_stock=1",
		"/zh-cn/collections/summer?price_min=20&price_max=30&in_stock=1",
		"/collections/summer?price_min=30&price_max=20&in_stock=1",
		"/zh-cn/collections/summer?price_min=30.00&price_max=20",
	} {
		res := shop.Get(path)
		doc := res.Doc(t)
		var got []string
		doc.Find(".product-card a").Each(func(_ int, a *goquery.Selection) {
			got = append(got, a.AttrOr("href", ""))
		})
		if res.Status != 200 || len(got) != 2 || cardFor(doc, ".product-card", "sencha").Length() != 1 ||
			cardFor(doc, ".product-card", "dragon-well-tea").Length() != 1 {
			t.Errorf("%s: %d, cards %v; want sencha and the Dragon Well tea", path, res.Status, got)
		}
		form := doc.Find("form.listing-controls")
		if lo, hi := form.Find("input[name=price_min]").AttrOr("value", ""), form.Find("input[name=price_max]").AttrOr("value", ""); !strings.HasPrefix(lo, "20") || !strings.HasPrefix(hi, "30") {
			t.Errorf("%s: the form says %s to %s, want 20 to 30", path, lo, hi)
		}
	}
}

// TestPriceFilterGoesByTheSalePrice: a collection's price filter and its
// price sort go by the price the cards show, a flash sale's: the linen
// shirt at half price (24.50) is among the products up to 30.00 and not
// between 40 and 60, and sorts below the 28.00 tea, in both languages.
// The filter read the regular price (49.00), so the very product the shop
// promoted was left out of "up to 30" and listed at a price it does not
// show.
func TestPriceFilterGoesByTheSalePrice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	seedSencha(t, shop)
	shirt, err := shop.Store.ProductByHandle(context.Background(), "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Half price", Type: pricing.TypeFlash, Value: 5000,
		EndsAt: shop.Clock.Now().Add(time.Hour), Rules: pricing.Rules{Products: []int64{shirt.ID}}})
	for _, prefix := range []string{"", "/zh-cn"} {
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"?price_max=30&sort=price-desc", []string{"dragon-well-tea", "linen-shirt", "sencha"}},
			{"?price_min=40&price_max=60", nil},
			{"?price_min=20&price_max=25", []string{"linen-shirt"}},
		} {
			path := prefix + "/collections/summer" + c.query
			doc := shop.Get(path).Doc(t)
			var got []string
			doc.Find(".product-card a.product-card-link").Each(func(_ int, a *goquery.Selection) {
				got = append(got, strings.TrimPrefix(a.AttrOr("href", ""), prefix+"/products/"))
			})
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("%s lists %v, want %v", path, got, c.want)
			}
			if card := cardFor(doc, ".product-card", "linen-shirt"); card.Length() == 1 && !strings.Contains(card.Find(".price-current").Text(), "24.50") {
				t.Errorf("%s: the shirt's card shows %q, want the sale's 24.50", path, card.Find(".price-current").Text())
			}
		}
	}
}
