package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
)

// testShop is the real app on a temp SQLite file behind a real HTTP server,
// with a client that keeps cookies and does not follow redirects, the way a
// browser without JavaScript would be driven.
type testShop struct {
	t      testing.TB
	store  *store.Store
	server *httptest.Server
	client *http.Client
	app    *app       // the admin tests read its setup token
	clock  *testClock // the store's clock (and so the app's); advance it to test expiry
}

func newTestShop(t testing.TB) *testShop {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := &testClock{}
	st.Now = clock.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := newApp(config{}, st, log, 0)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &testShop{t: t, store: st, server: srv, client: client, app: a, clock: clock}
}

// response is a fetched page: status, headers and body.
type response struct {
	status int
	header http.Header
	body   string
}

func (r response) doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (s *testShop) get(path string, headers ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.server.URL+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.do(req)
}

// post submits a form the way a browser does: same-origin, form-encoded.
func (s *testShop) post(path string, form url.Values, headers ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.server.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.do(req)
}

// testClock is real time plus an offset that tests move; server goroutines
// read it while a test advances it, hence the atomic.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

func (c *testClock) advance(d time.Duration) { c.offset.Add(int64(d)) }

func (s *testShop) do(req *http.Request) response {
	s.t.Helper()
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// pngBytes makes a small solid-colour PNG.
func pngBytes(t testing.TB, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// seedFixture adds a small catalog: a shirt with sizes (one sold out), a
// Chinese-named tea, a draft, and a collection holding the first two.
func (s *testShop) seedFixture() {
	s.t.Helper()
	ctx := context.Background()
	if _, err := s.store.SaveCollection(ctx, store.CollectionInput{Handle: "summer", Title: "Summer", Featured: true,
		Description: "Light things for hot days."}); err != nil {
		s.t.Fatal(err)
	}
	products := []store.ProductInput{
		{
			Handle: "linen-shirt", Title: "Linen Shirt", Status: store.StatusActive, Vendor: "Acme",
			Description: "A breathable shirt.\nWashed linen.", OptionNames: []string{"Size"},
			Tags: []string{"linen"}, Collections: []string{"summer"},
			Images: []store.ImageInput{{SourceURL: "test:shirt", Alt: "A white linen shirt", Data: pngBytes(s.t, color.White)}},
			Variants: []store.VariantInput{
				{SKU: "LS-S", Options: [3]string{"S"}, Price: 4900, CompareAtPrice: 5900, Stock: 0},
				{SKU: "LS-M", Options: [3]string{"M"}, Price: 4900, CompareAtPrice: 5900, Stock: 3},
				{SKU: "LS-L", Options: [3]string{"L"}, Price: 5200, Stock: 10},
			},
		},
		{
			Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusActive,
			Description: "Spring-picked green tea from Hangzhou.", Collections: []string{"summer"},
			Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}},
		},
		{
			Handle: "secret-draft", Title: "Secret Draft", Status: store.StatusDraft,
			Variants: []store.VariantInput{{SKU: "SEC-1", Price: 100, Stock: 1}},
		},
	}
	for _, p := range products {
		if _, _, err := s.store.SaveProduct(ctx, p); err != nil {
			s.t.Fatal(err)
		}
	}
}

type goquerySelection = goquery.Selection

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
