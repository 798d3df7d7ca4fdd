package shop_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// benchVariants reads purchasable variant ids off the demo catalog's
// product pages, as a shopper's browser would see them.
func benchVariants(b *testing.B, h http.Handler, n int) []string {
	b.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/collections/apparel", nil))
	list, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	open := func(u string) *goquery.Document {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		page, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil {
			b.Fatal(err)
		}
		return page
	}
	list.Find("a.product-card-link").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		href := a.AttrOr("href", "")
		// Each size (or first option) in stock, as the option picker's form asks.
		open(href).Find(`form.variant-picker input[name=option1]:not([disabled])`).Each(func(_ int, in *goquery.Selection) {
			form := open(href + "?option1=" + url.QueryEscape(in.AttrOr("value", ""))).Find("form.add-to-cart")
			if form.Find("button[type=submit][disabled]").Length() == 0 {
				ids = append(ids, form.Find(`input[name=variant_id]`).AttrOr("value", ""))
			}
		})
		return len(ids) < n
	})
	if len(ids) < n {
		b.Fatalf("found %d purchasable variants, want %d", len(ids), n)
	}
	return ids[:n]
}

// cartShopper is one benchmark goroutine's browser: its session cookie.
type cartShopper struct {
	h      http.Handler
	cookie string
}

func (s *cartShopper) do(b *testing.B, req *http.Request) *httptest.ResponseRecorder {
	if s.cookie != "" {
		req.Header.Set("Cookie", s.cookie)
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		s.cookie = c.Name + "=" + c.Value
	}
	return rec
}

func (s *cartShopper) add(b *testing.B, variantID string, htmx bool) {
	form := url.Values{"variant_id": {variantID}, "quantity": {"1"}}
	req := httptest.NewRequest(http.MethodPost, "/cart/add", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	want := http.StatusSeeOther
	if htmx {
		req.Header.Set("HX-Request", "true")
		want = http.StatusOK
	}
	if rec := s.do(b, req); rec.Code != want {
		b.Fatalf("add = %d, want %d", rec.Code, want)
	}
}

// BenchmarkAddToCart is shoppers adding to their own carts in parallel:
// with htmx (the fragment answer) and as a plain form (303 and a flash
// message in the session). Each goroutine starts a new cart every 50 adds
// so that lines are not all capped.
func BenchmarkAddToCart(b *testing.B) {
	h := benchShop(b)
	variants := benchVariants(b, h, 5)
	for _, mode := range []struct {
		name string
		htmx bool
	}{{"htmx", true}, {"form", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				s := &cartShopper{h: h}
				for i := 0; pb.Next(); i++ {
					if i%50 == 0 {
						s.cookie = ""
					}
					s.add(b, variants[i%len(variants)], mode.htmx)
				}
			})
		})
	}
}

// BenchmarkCartPage is shoppers viewing a cart of five lines. "render"
// re-reads every line from the catalog, prices it and renders the page,
// as the first view after a change does (each view asks for a URL not
// asked for before); "again" views an unchanged cart, which the page cache
// keeps.
func BenchmarkCartPage(b *testing.B) {
	h := benchShop(b)
	variants := benchVariants(b, h, 5)
	for _, fresh := range []bool{true, false} {
		name := "again"
		if fresh {
			name = "render"
		}
		b.Run(name, func(b *testing.B) {
			// RunParallel starts GOMAXPROCS goroutines; each takes a
			// shopper whose cart was filled before the timer started.
			shoppers := make(chan *cartShopper, runtime.GOMAXPROCS(0))
			for range cap(shoppers) {
				s := &cartShopper{h: h}
				for _, v := range variants {
					s.add(b, v, true)
				}
				shoppers <- s
			}
			var n atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				s := <-shoppers
				for pb.Next() {
					path := "/cart"
					if fresh {
						path += "?fresh=" + strconv.FormatInt(n.Add(1), 10)
					}
					req := httptest.NewRequest(http.MethodGet, path, nil)
					req.Host = "localhost" // the shop's own host: pages for others are never cached
					req.Header.Set("Accept-Encoding", "gzip")
					if rec := s.do(b, req); rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Cache-Control"), "no-store") {
						b.Fatalf("GET /cart = %d", rec.Code)
					}
				}
			})
		})
	}
}
