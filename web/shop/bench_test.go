package shop_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"storefront/mail"
	"storefront/store"
	"storefront/store/demo"
	"storefront/store/payment"
	"storefront/web"
	"storefront/web/kit"
)

// benchProducts is the catalog size the speed targets are stated for.
const benchProducts = 10000

var (
	benchOnce sync.Once
	benchDir  string
)

// benchShop serves the demo catalog grown to benchProducts from a fresh
// handler.
func benchShop(b *testing.B) http.Handler {
	b.Helper()
	h, _ := serveBenchFile(b, benchCatalog(b))
	return h
}

// benchCatalog builds the demo catalog grown to benchProducts once per run
// (it takes several seconds) and returns its file.
func benchCatalog(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "storefront-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		st, err := store.Open(ctx, filepath.Join(benchDir, "shop.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		if err := demo.Seed(ctx, st); err != nil {
			b.Fatal(err)
		}
		if err := demo.Grow(ctx, st, benchProducts); err != nil {
			b.Fatal(err)
		}
		// A shop with no staff answers "opening soon" (503) to shoppers.
		if _, err := st.CreateStaff(ctx, store.Actor{}, store.StaffInput{Email: "owner@example.com", Name: "Owner",
			Password: "correct horse battery", Role: store.RoleOwner}); err != nil {
			b.Fatal(err)
		}
	})
	return filepath.Join(benchDir, "shop.db")
}

// benchShopCopy is benchShop on a copy of the catalog's file, for a
// benchmark that sells: its orders take stock that later benchmarks in the
// same run would otherwise find gone.
func benchShopCopy(b *testing.B) (http.Handler, *store.Store) {
	b.Helper()
	ctx := context.Background()
	master, err := store.Open(ctx, benchCatalog(b))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "shop.db")
	_, err = master.Backup(ctx, path, false)
	if cerr := master.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	return serveBenchFile(b, path)
}

func serveBenchFile(b *testing.B, path string) (http.Handler, *store.Store) {
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return web.New(web.Config{}, st, log, mail.NewSender(st, log, mail.SMTP{}, "http://localhost"), payment.NewFlows(st, "")), st
}

// benchmarkPage measures path for a shopper with a session cookie, as a
// shopper with a cart has (served from the page cache by their cart's
// count, pagecache.go); BenchmarkCachedProductPage measures an anonymous
// visitor. With fresh set, every request asks for a page not asked for
// before (a new query string), so each one is rendered from the database.
func benchmarkPage(b *testing.B, path string, headers ...string) {
	benchmarkPages(b, path, false, headers...)
}

func benchmarkPages(b *testing.B, path string, fresh bool, headers ...string) {
	h := benchShop(b)
	if len(headers) == 0 {
		headers = []string{"Cookie", cartCookie(b, h)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := path
			if fresh {
				p += "?fresh=" + strconv.FormatInt(n.Add(1), 10)
			}
			req := httptest.NewRequest(http.MethodGet, p, nil)
			req.Host = "localhost" // the shop's own host: pages for others are never cached
			req.Header.Set("Accept-Encoding", "gzip")
			for i := 0; i+1 < len(headers); i += 2 {
				req.Header.Set(headers[i], headers[i+1])
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("GET %s = %d", path, rec.Code)
			}
		}
	})
}

func BenchmarkProductPage(b *testing.B) { benchmarkPage(b, "/products/linen-shirt") }

// BenchmarkProductRender renders the product page afresh every time.
func BenchmarkProductRender(b *testing.B) { benchmarkPages(b, "/products/linen-shirt", true) }
func BenchmarkCollectionPage(b *testing.B) {
	benchmarkPage(b, "/collections/apparel?sort=price-asc&page=2")
}
func BenchmarkSearchEnglish(b *testing.B) { benchmarkPage(b, "/search?q=linen") }
func BenchmarkSearchChinese(b *testing.B) { benchmarkPage(b, "/search?q=%E8%8C%B6") }
func BenchmarkHomePage(b *testing.B)      { benchmarkPage(b, "/") }
func BenchmarkCachedProductPage(b *testing.B) {
	benchmarkPage(b, "/products/linen-shirt", "Accept-Language", "en")
}

// TestMain removes the benchmark catalog, which outlives single benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// cartCookie is the session cookie of a shopper who has put the demo's
// first variant in their cart, through the form.
func cartCookie(b *testing.B, h http.Handler) string {
	req := httptest.NewRequest(http.MethodPost, "/cart/add", strings.NewReader("variant_id=1&quantity=1"))
	req.Host = "localhost"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == (kit.Config{}).SessionCookie() {
			return c.Name + "=" + c.Value
		}
	}
	b.Fatalf("adding to the cart gave no session cookie (%d)", rec.Code)
	return ""
}
