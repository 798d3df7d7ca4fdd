package shop

import (
	"bufio"
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"storefront/i18n"
)

// sitemapFileURLs is the most <url> entries one sitemap file holds: the
// sitemap protocol's limit (sitemaps.org/protocol.html). A variable so
// tests can lower it.
var sitemapFileURLs = 50000

// sitemapMaxBytes is the protocol's other limit on a file, uncompressed.
const sitemapMaxBytes = 50 << 20

// sitemapMaxPath is the longest path the sitemap lists: a handle is at
// most 200 bytes (store.Slugify), which percent-escape to 600 when all
// are three-byte letters (Chinese), after "/collections/".
const sitemapMaxPath = len("/collections/") + 3*200

// sitemapFixedPages are listed before the catalog, in the first file.
var sitemapFixedPages = []string{"/", "/collections"}

const (
	sitemapNS      = "http://www.sitemaps.org/schemas/sitemap/0.9"
	sitemapXHTMLNS = "http://www.w3.org/1999/xhtml"
)

// sitemapURLsPerFile is how many <url> entries a file holds: the
// protocol's count, or fewer where entries as long as they can be (the
// longest handle, in every language, with every alternate) would pass
// 50 MB. With Chinese handles that can happen well before 50,000, and a
// file's number must be known before its entries are read.
func sitemapURLsPerFile(base string) int {
	tag := 0
	for _, loc := range i18n.Supported {
		tag = max(tag, len(i18n.URLTag(loc))+1)
	}
	href := len(base) + tag + sitemapMaxPath
	link := len(`    <xhtml:link rel="alternate" hreflang="x-default" href=""/>`+"\n") + href
	entry := len("  <url>\n    <loc></loc>\n    <lastmod>2006-01-02</lastmod>\n  </url>\n") + href +
		(len(i18n.Supported)+1)*link
	return min(sitemapFileURLs, (sitemapMaxBytes-1024)/entry)
}

// sitemapPagesPerFile is how many pages a file holds: each page is one
// <url> per language, kept together in one file.
func sitemapPagesPerFile(base string) int {
	return max(1, sitemapURLsPerFile(base)/len(i18n.Supported))
}

// sitemapFiles is how many files the shop's pages need, at least one.
func (h *Handler) sitemapFiles(ctx context.Context) (int, error) {
	n, err := h.Store.SitemapCount(ctx)
	if err != nil {
		return 0, err
	}
	per := sitemapPagesPerFile(h.BaseURL(ctx))
	return max(1, (len(sitemapFixedPages)+n+per-1)/per), nil
}

// Sitemap answers at the address search engines know. A shop whose pages
// fit one file gets that file, as it always did; a larger one gets a
// sitemap index of /sitemap-1.xml, /sitemap-2.xml, …
func (h *Handler) Sitemap(w http.ResponseWriter, r *http.Request) {
	files, err := h.sitemapFiles(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if files == 1 {
		h.writeSitemapFile(w, r, 1)
		return
	}
	base := h.BaseURL(r.Context())
	b := sitemapWriter(w)
	b.WriteString(xml.Header + `<sitemapindex xmlns="` + sitemapNS + `">` + "\n")
	for n := 1; n <= files; n++ {
		b.WriteString("  <sitemap>\n    <loc>")
		b.WriteString(xmlEscape(base + "/sitemap-" + strconv.Itoa(n) + ".xml"))
		b.WriteString("</loc>\n  </sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	b.Flush()
}

// SitemapFile serves /sitemap-{n}.xml, one file of the index. The route
// is a whole path segment ("GET /{file}", since a pattern cannot match
// part of one), so any other name, and a file past the last, is the
// shop's 404.
func (h *Handler) SitemapFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	digits, ok := strings.CutPrefix(name, "sitemap-")
	digits, ok2 := strings.CutSuffix(digits, ".xml")
	n, err := strconv.Atoi(digits)
	if !ok || !ok2 || err != nil || n < 1 || strconv.Itoa(n) != digits {
		h.NotFound(w, r)
		return
	}
	files, err := h.sitemapFiles(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if n > files {
		h.NotFound(w, r)
		return
	}
	h.writeSitemapFile(w, r, n)
}

// writeSitemapFile writes file n (from 1) as a <urlset>: each page once per
// language, each with its alternates in every language and x-default.
// Only this file's pages are read from the store.
func (h *Handler) writeSitemapFile(w http.ResponseWriter, r *http.Request, n int) {
	ctx := r.Context()
	base, def := h.BaseURL(ctx), i18n.Default(ctx)
	per := sitemapPagesPerFile(base)
	start := (n - 1) * per
	var fixed []string
	if start < len(sitemapFixedPages) {
		fixed = sitemapFixedPages[start:min(len(sitemapFixedPages), start+per)]
	}
	entries, err := h.Store.SitemapPage(ctx, max(0, start-len(sitemapFixedPages)), per-len(fixed))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	b := sitemapWriter(w)
	b.WriteString(xml.Header + `<urlset xmlns="` + sitemapNS + `" xmlns:xhtml="` + sitemapXHTMLNS + `">` + "\n")
	for _, p := range fixed {
		writeSitemapPage(b, base, def, p, "")
	}
	for _, e := range entries {
		var lastMod string
		if !e.UpdatedAt.IsZero() { // an information page's edits are not timed
			lastMod = e.UpdatedAt.UTC().Format("2006-01-02")
		}
		writeSitemapPage(b, base, def, "/"+e.Kind+"s/"+url.PathEscape(e.Handle), lastMod)
	}
	b.WriteString("</urlset>\n")
	b.Flush()
}

// sitemapWriter starts an XML answer, buffered so a file of thousands of
// entries is a few large writes.
func sitemapWriter(w http.ResponseWriter) *bufio.Writer {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	return bufio.NewWriterSize(w, 32<<10)
}

// writeSitemapPage writes path's <url> entry in every language. Each
// address is built and escaped once and reused as <loc> and alternate,
// which keeps a file of 50,000 entries to a few allocations an entry.
func writeSitemapPage(b *bufio.Writer, base, def, path, lastMod string) {
	var buf [8]string
	hrefs := buf[:0]
	for _, loc := range i18n.Supported {
		hrefs = append(hrefs, xmlEscape(base+i18n.LocalePath(loc, def, path)))
	}
	xDefault := xmlEscape(base + path)
	for i := range i18n.Supported {
		b.WriteString("  <url>\n    <loc>")
		b.WriteString(hrefs[i])
		b.WriteString("</loc>\n")
		if lastMod != "" {
			b.WriteString("    <lastmod>")
			b.WriteString(lastMod)
			b.WriteString("</lastmod>\n")
		}
		for j, alt := range i18n.Supported {
			writeSitemapLink(b, i18n.HrefLang(alt), hrefs[j])
		}
		writeSitemapLink(b, "x-default", xDefault)
		b.WriteString("  </url>\n")
	}
}

// writeSitemapLink writes one hreflang alternate; href is escaped.
func writeSitemapLink(b *bufio.Writer, hreflang, href string) {
	b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
	b.WriteString(hreflang)
	b.WriteString(`" href="`)
	b.WriteString(href)
	b.WriteString("\"/>\n")
}

// xmlEscape escapes s for text or an attribute; a path escaped by
// url.PathEscape may still hold & or '.
func xmlEscape(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) {
		return s
	}
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
