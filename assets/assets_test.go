package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// get sends a request straight to h and returns the recorded response.
func get(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func staticFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(embedded, "static/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// servedFile is what the server sends for a static file: stylesheets
// minified, anything else as it is.
func servedFile(t *testing.T, name string) []byte {
	t.Helper()
	data := staticFile(t, name)
	if strings.HasSuffix(name, ".css") {
		return []byte(MinifyCSS(string(data)))
	}
	return data
}

func TestURLContainsContentHash(t *testing.T) {
	for _, name := range []string{"app.css", "htmx.min.js"} {
		sum := sha256.Sum256(servedFile(t, name))
		want := "/assets/" + hex.EncodeToString(sum[:])[:12] + "/" + name
		if got := Static.URL(name); got != want {
			t.Errorf("URL(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestURLPanicsForUnknownFile(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("URL of a missing file did not panic")
		}
	}()
	Static.URL("no-such-file.css")
}

func TestServeHashedFile(t *testing.T) {
	tests := []struct {
		name, contentType string
	}{
		{"app.css", "text/css; charset=utf-8"},
		{"htmx.min.js", "text/javascript; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := Static.URL(tt.name)
			w := get(t, Static, "GET", u, nil)
			if got, want := w.Code, http.StatusOK; got != want {
				t.Fatalf("GET %s: status %d, want %d", u, got, want)
			}
			if got, want := w.Body.String(), string(servedFile(t, tt.name)); got != want {
				t.Errorf("GET %s: body differs from the embedded file", u)
			}
			if got, want := w.Header().Get("Content-Type"), tt.contentType; got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			if got, want := w.Header().Get("Cache-Control"), "public, max-age=31536000, immutable"; got != want {
				t.Errorf("Cache-Control = %q, want %q", got, want)
			}
			hash := strings.Split(u, "/")[2]
			if got, want := w.Header().Get("ETag"), `"`+hash+`"`; got != want {
				t.Errorf("ETag = %q, want %q", got, want)
			}
			if got := w.Header().Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding = %q, want none (compression is middleware's job)", got)
			}
		})
	}
}

func TestHeadHasNoBody(t *testing.T) {
	w := get(t, Static, "HEAD", Static.URL("app.css"), nil)
	if got, want := w.Code, http.StatusOK; got != want {
		t.Fatalf("status %d, want %d", got, want)
	}
	if w.Body.Len() != 0 {
		t.Errorf("HEAD returned %d body bytes", w.Body.Len())
	}
}

func TestIfNoneMatchGives304(t *testing.T) {
	u := Static.URL("app.css")
	etag := get(t, Static, "GET", u, nil).Header().Get("ETag")
	w := get(t, Static, "GET", u, http.Header{"If-None-Match": {etag}})
	if got, want := w.Code, http.StatusNotModified; got != want {
		t.Fatalf("status %d, want %d", got, want)
	}
	if w.Body.Len() != 0 {
		t.Errorf("304 carried %d body bytes", w.Body.Len())
	}
	if got := w.Header().Get("ETag"); got != etag {
		t.Errorf("304 ETag = %q, want %q", got, etag)
	}

	w = get(t, Static, "GET", u, http.Header{"If-None-Match": {`"000000000000"`}})
	if got, want := w.Code, http.StatusOK; got != want {
		t.Errorf("other ETag: status %d, want %d", got, want)
	}
}

func TestStaleHashServesCurrentFileUncached(t *testing.T) {
	w := get(t, Static, "GET", "/assets/0123456789ab/app.css", nil)
	if got, want := w.Code, http.StatusOK; got != want {
		t.Fatalf("status %d, want %d", got, want)
	}
	if got, want := w.Header().Get("Cache-Control"), "no-cache"; got != want {
		t.Errorf("Cache-Control = %q, want %q", got, want)
	}
	if got, want := w.Body.String(), string(servedFile(t, "app.css")); got != want {
		t.Error("stale URL did not serve the current file")
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	w := get(t, Static, "POST", Static.URL("app.css"), nil)
	if got, want := w.Code, http.StatusMethodNotAllowed; got != want {
		t.Errorf("POST: status %d, want %d", got, want)
	}
}

// notServed are requests that must never answer a file: unknown names and
// attempts to climb out of the file system, plain and encoded.
var notServed = []string{
	"/assets/",
	"/assets/app.css",
	"/assets/0123456789ab/",
	"/assets/0123456789ab/nope.css",
	"/assets/0123456789ab/static/app.css",
	"/assets/0123456789ab/assets.go",
	"/assets/x/../../go.mod",
	"/assets/x/../assets.go",
	"/assets/x/%2e%2e/%2e%2e/go.mod",
	"/assets/x/..%2f..%2fgo.mod",
	"/assets/x/%2E%2E%2F%2E%2E%2Fgo.mod",
	"/assets/x/..%5c..%5cgo.mod",
	"/assets/x/%252e%252e%252fgo.mod",
	"/assets/x//etc/passwd",
	"/assets/x/./app.css/../../../go.mod",
	"/other/0123456789ab/app.css",
}

func TestUnknownAndTraversalAre404(t *testing.T) {
	for _, target := range notServed {
		w := get(t, Static, "GET", target, nil)
		if got, want := w.Code, http.StatusNotFound; got != want {
			t.Errorf("GET %s: status %d, want %d", target, got, want)
		}
		if strings.Contains(w.Body.String(), "module storefront") || strings.Contains(w.Body.String(), "package assets") {
			t.Errorf("GET %s served a file from outside the asset tree", target)
		}
	}
}

// TestTraversalThroughMux drives a real server the way main registers the
// handler, so ServeMux's own path cleaning is part of what is checked.
func TestTraversalThroughMux(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /assets/", Static)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, target := range notServed {
		resp, err := http.Get(srv.URL + target)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got, want := resp.StatusCode, http.StatusNotFound; got != want {
			t.Errorf("GET %s: status %d, want %d", target, got, want)
		}
		if strings.Contains(string(body), "module storefront") || strings.Contains(string(body), "package assets") {
			t.Errorf("GET %s served a file from outside the asset tree", target)
		}
	}

	resp, err := http.Get(srv.URL + Static.URL("htmx.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := resp.StatusCode, http.StatusOK; got != want {
		t.Errorf("GET htmx through mux: status %d, want %d", got, want)
	}
}

func TestServerForAnyFS(t *testing.T) {
	fsys := fstest.MapFS{
		"icons/cart.svg":   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"fonts/a font.txt": {Data: []byte("hello")},
	}
	s, err := NewServer(fsys, "/static/")
	if err != nil {
		t.Fatal(err)
	}
	u := s.URL("icons/cart.svg")
	if ok, _ := regexp.MatchString(`^/static/[0-9a-f]{12}/icons/cart\.svg$`, u); !ok {
		t.Errorf("URL = %q", u)
	}
	w := get(t, s, "GET", u, nil)
	if got, want := w.Header().Get("Content-Type"), "image/svg+xml"; w.Code != http.StatusOK || got != want {
		t.Errorf("GET %s: status %d, Content-Type %q", u, w.Code, got)
	}

	u = s.URL("fonts/a font.txt")
	if !strings.HasSuffix(u, "/fonts/a%20font.txt") {
		t.Errorf("URL with a space = %q, want it escaped", u)
	}
	if w := get(t, s, "GET", u, nil); w.Code != http.StatusOK || w.Body.String() != "hello" {
		t.Errorf("GET %s: status %d, body %q", u, w.Code, w.Body.String())
	}
}

func TestNewServerRejectsBadPrefix(t *testing.T) {
	for _, prefix := range []string{"", "assets/", "/assets", "assets"} {
		if _, err := NewServer(fstest.MapFS{}, prefix); err == nil {
			t.Errorf("NewServer(prefix %q) succeeded", prefix)
		}
	}
}

func TestVendoredHTMXVersion(t *testing.T) {
	if !strings.Contains(string(staticFile(t, "htmx.min.js")), `version:"`+htmxVersion+`"`) {
		t.Errorf("static/htmx.min.js is not htmx %s", htmxVersion)
	}
	if len(staticFile(t, "htmx.LICENSE")) == 0 {
		t.Error("htmx licence missing")
	}
}

// TestAppCSSIsSelfContained guards the promise that nothing is fetched from
// elsewhere and that the stylesheet works under style-src 'self'.
func TestAppCSSIsSelfContained(t *testing.T) {
	css := string(staticFile(t, "app.css"))
	for _, bad := range []string{"@import", "http:", "https:", "@font-face"} {
		if strings.Contains(css, bad) {
			t.Errorf("app.css contains %q", bad)
		}
	}
}
