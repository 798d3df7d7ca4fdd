package shop_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/shop"
	"storefront/web/webtest"
)

type sitemapSet struct {
	XMLName xml.Name
	URLs    []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			HrefLang string `xml:"hreflang,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
	Files []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func getSitemap(t *testing.T, s *webtest.Shop, path string) sitemapSet {
	t.Helper()
	res := s.Get(path)
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("GET %s = %d %s", path, res.Status, res.Header.Get("Content-Type"))
	}
	var set sitemapSet
	if err := xml.Unmarshal([]byte(res.Body), &set); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, res.Body)
	}
	return set
}

// wantSitemapLocs is every URL the sitemap must list, built from the
// store: the home and collections pages, each written information page
// and each collection and active product, in every language.
func wantSitemapLocs(t *testing.T, s *webtest.Shop) map[string]bool {
	t.Helper()
	ctx := context.Background()
	entries, err := s.Store.SitemapEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", "/collections"}
	pages, err := s.Store.InfoPages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.Published() {
			paths = append(paths, "/pages/"+p.Slug)
		}
	}
	for _, e := range entries {
		paths = append(paths, "/"+e.Kind+"s/"+url.PathEscape(e.Handle))
	}
	want := map[string]bool{}
	for _, p := range paths {
		for _, loc := range i18n.Supported {
			want[s.Server.URL+i18n.LocalePath(loc, st.Locale, p)] = true
		}
	}
	return want
}

// TestSitemapIndexSplitsIntoFiles: past the per-file limit, /sitemap.xml
// is an index of absolute /sitemap-{n}.xml addresses; each file keeps
// under the limit, together they list every URL exactly once (the
// written information pages among them, not the others), and a file past
// the last is not found.
func TestSitemapIndexSplitsIntoFiles(t *testing.T) {
	s := webtest.New(t)
	s.SeedFixture()
	writeInfoPage(t, s, store.InfoPageAbout, store.Text{}, store.Plain("Who we are."))
	writeInfoPage(t, s, store.InfoPagePrivacy, store.Text{}, store.Plain("What we keep."))
	// 5 entries a file: two pages in two languages each.
	const limit = 5
	shop.SetSitemapFileURLs(t, limit)
	want := wantSitemapLocs(t, s)
	index := getSitemap(t, s, "/sitemap.xml")
	if index.XMLName.Local != "sitemapindex" || len(index.URLs) != 0 {
		t.Fatalf("sitemap.xml is a %s with %d urls, want a sitemapindex", index.XMLName.Local, len(index.URLs))
	}
	pages := len(want) / len(i18n.Supported)
	if files := (pages + 1) / 2; len(index.Files) != files || files < 2 {
		t.Fatalf("index lists %d files for %d pages, want %d", len(index.Files), pages, files)
	}
	seen := map[string]int{}
	for i, f := range index.Files {
		path := "/sitemap-" + strconv.Itoa(i+1) + ".xml"
		if f.Loc != s.Server.URL+path {
			t.Errorf("index entry %d = %q, want %q", i, f.Loc, s.Server.URL+path)
		}
		set := getSitemap(t, s, path)
		if set.XMLName.Local != "urlset" || len(set.URLs) == 0 || len(set.URLs) > limit {
			t.Errorf("%s is a %s of %d urls, want 1 to %d", path, set.XMLName.Local, len(set.URLs), limit)
		}
		for _, u := range set.URLs {
			seen[u.Loc]++
			if len(u.Links) != len(i18n.Supported)+1 {
				t.Errorf("%s: %s has %d alternates", path, u.Loc, len(u.Links))
			}
		}
	}
	for loc, n := range seen {
		if !want[loc] || n != 1 {
			t.Errorf("%s listed %d times (wanted: %v)", loc, n, want[loc])
		}
	}
	for loc := range want {
		if seen[loc] == 0 {
			t.Errorf("%s is in no sitemap file", loc)
		}
	}
	if seen[s.Server.URL+"/zh-cn/pages/privacy"] != 1 || seen[s.Server.URL+"/pages/terms"] != 0 {
		t.Errorf("the information pages listed: privacy %d, terms (not written) %d",
			seen[s.Server.URL+"/zh-cn/pages/privacy"], seen[s.Server.URL+"/pages/terms"])
	}
	for _, path := range []string{"/sitemap-" + strconv.Itoa(len(index.Files)+1) + ".xml", "/sitemap-0.xml", "/sitemap-01.xml", "/sitemap-x.xml", "/zh-cn/sitemap-99.xml"} {
		if res := s.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.Status)
		}
	}
}

// TestSitemapSmallShopIsOneFile: a shop whose URLs fit one file keeps the
// single urlset at /sitemap.xml; its one file also answers as
// /sitemap-1.xml, and there is no second.
func TestSitemapSmallShopIsOneFile(t *testing.T) {
	s := webtest.New(t)
	s.SeedFixture()
	want := wantSitemapLocs(t, s)
	set := getSitemap(t, s, "/sitemap.xml")
	if set.XMLName.Local != "urlset" || len(set.URLs) != len(want) {
		t.Fatalf("sitemap.xml is a %s of %d urls, want a urlset of %d", set.XMLName.Local, len(set.URLs), len(want))
	}
	if one := getSitemap(t, s, "/sitemap-1.xml"); len(one.URLs) != len(want) {
		t.Errorf("sitemap-1.xml has %d urls, want %d", len(one.URLs), len(want))
	}
	if res := s.Get("/sitemap-2.xml"); res.Status != http.StatusNotFound {
		t.Errorf("GET /sitemap-2.xml = %d, want 404", res.Status)
	}
}

// BenchmarkSitemapFile serves sitemap files of the catalog grown to
// benchProducts, past the page cache: at the default size (about 18,000
// URLs a file, sitemapURLsPerFile) the first, full file and the index of
// two; then, at 2,000 URLs a file, a full file, the last (the deepest
// offset) and the index.
func BenchmarkSitemapFile(b *testing.B) {
	b.Run("first-file", func(b *testing.B) { benchmarkPage(b, "/sitemap-1.xml") })
	b.Run("index", func(b *testing.B) { benchmarkPage(b, "/sitemap.xml") })
	b.Run("full-of-2000", func(b *testing.B) {
		shop.SetSitemapFileURLs(b, 2000)
		benchmarkPage(b, "/sitemap-6.xml")
	})
	b.Run("last-of-2000", func(b *testing.B) {
		shop.SetSitemapFileURLs(b, 2000)
		// 1,000 pages a file: the fixed pages, the demo collections and
		// benchProducts products end in file 11.
		benchmarkPage(b, "/sitemap-11.xml")
	})
	b.Run("index-of-2000", func(b *testing.B) {
		shop.SetSitemapFileURLs(b, 2000)
		benchmarkPage(b, "/sitemap.xml")
	})
}

// TestSitemapFileStaysUnder50MB: the longest entry a shop can have — a
// 200-byte Chinese handle, percent-escaped, in every language with every
// alternate — times the URLs a file holds stays under the protocol's
// 50 MB, so a Chinese catalog gets more, smaller files.
func TestSitemapFileStaysUnder50MB(t *testing.T) {
	s := webtest.New(t)
	handle := strings.Repeat("茶", 66) // 198 bytes, the longest Slugify keeps
	if _, _, err := s.Store.SaveProduct(context.Background(), store.ProductInput{Handle: handle, Title: handle,
		Status: store.StatusActive, Variants: []store.VariantInput{{Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	body := s.Get("/sitemap.xml").Body
	longest := 0
	for _, entry := range strings.SplitAfter(body, "</url>\n") {
		if strings.Contains(entry, url.PathEscape(handle)) {
			longest = max(longest, len(entry[strings.Index(entry, "<url>"):]))
		}
	}
	per := shop.SitemapURLsPerFile(s.Server.URL)
	if longest == 0 || per < 1000 || per > 50000 {
		t.Fatalf("longest entry %d bytes, %d URLs a file", longest, per)
	}
	if size := longest * per; size > 50<<20 {
		t.Errorf("%d URLs of %d bytes = %d bytes, over 50 MB", per, longest, size)
	}
}
