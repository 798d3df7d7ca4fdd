// Package assets serves embedded static files under content-hashed URLs.
//
// A page links to Static.URL("app.css"), which yields a URL such as
// "/assets/3fa9c1d2e0ab/app.css". Because the URL changes whenever the file
// does, responses are cached by browsers and proxies for a year
// ("immutable"); a new binary simply links to new URLs.
//
// Vendored files in static/:
//
//   - htmx.min.js is htmx 2.0.11, copied unchanged from dist/ of the npm
//     package htmx.org@2.0.11 (licence: static/htmx.LICENSE, 0BSD). To
//     upgrade, copy the new dist/htmx.min.js and LICENSE and update
//     htmxVersion in this file; a test checks that the two agree.
//   - app.css is hand-written. It uses only the design tokens (CSS custom
//     properties) that every theme in package themes defines, so switching
//     theme restyles the whole shop.
package assets

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// htmxVersion is the version of the vendored static/htmx.min.js.
const htmxVersion = "2.0.11"

// hashLen is how many hex digits of the SHA-256 go into a URL: 48 bits,
// plenty to tell versions of one file apart.
const hashLen = 12

//go:embed static
var embedded embed.FS

// Static serves the storefront's own static files (htmx, app.css) under
// "/assets/". Register it for GET on that prefix, outside the session
// middleware.
var Static = mustStatic()

// mustStatic builds Static. Embedded files are fixed at compile time, so an
// error here is a build mistake that the first test run reports.
func mustStatic() *Server {
	sub, err := fs.Sub(embedded, "static")
	if err != nil {
		panic(fmt.Sprintf("assets: %v", err))
	}
	s, err := NewServer(sub, "/assets/")
	if err != nil {
		panic(fmt.Sprintf("assets: %v", err))
	}
	return s
}

// Server serves the files of an fs.FS under content-hashed URLs of the form
// prefix + hash + "/" + name.
//
// Files are read and hashed once, in NewServer, and kept in memory: Server
// is meant for small embedded trees (scripts, stylesheets, icons).
//
// A request for a known name with a hash that is not the current one (a page
// rendered by an older binary during a deploy) gets the current file with
// "Cache-Control: no-cache", never the one-year cache, so nothing is stored
// for long under a URL whose content it does not match. A name the server
// does not know is 404; requests are answered only from the names found at
// start-up, so no path can reach outside the file system.
type Server struct {
	prefix string
	files  map[string]*file
}

type file struct {
	name  string
	hash  string
	etag  string
	url   string
	ctype string
	data  []byte
}

// NewServer reads every file of fsys, minifies stylesheets, hashes it (SHA-256, first 12 hex
// digits) and returns a Server for URLs under prefix, which must begin and
// end with "/" (for example "/assets/").
func NewServer(fsys fs.FS, prefix string) (*Server, error) {
	if fsys == nil {
		return nil, errors.New("new asset server: nil file system")
	}
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		return nil, fmt.Errorf("new asset server: prefix %q must begin and end with /", prefix)
	}
	s := &Server{prefix: prefix, files: make(map[string]*file)}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		// Stylesheets are minified once here, and the URL hashes the bytes
		// actually served.
		if strings.EqualFold(path.Ext(name), ".css") {
			data = []byte(MinifyCSS(string(data)))
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])[:hashLen]
		u := &url.URL{Path: prefix + hash + "/" + name}
		s.files[name] = &file{
			name:  name,
			hash:  hash,
			etag:  `"` + hash + `"`,
			url:   u.EscapedPath(),
			ctype: contentType(name, data),
			data:  data,
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("new asset server: %w", err)
	}
	return s, nil
}

// URL returns the content-hashed URL of the named file, for example
// "/assets/3fa9c1d2e0ab/app.css".
//
// URL panics if the file does not exist. Views call it with literal names,
// so a typo fails the first test that renders the page instead of shipping
// a broken link.
func (s *Server) URL(name string) string {
	f, ok := s.files[name]
	if !ok {
		panic(fmt.Sprintf("assets: no file %q under %s", name, s.prefix))
	}
	return f.url
}

// ServeHTTP answers GET and HEAD for prefix + hash + "/" + name.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	hash, name, ok := strings.Cut(rest, "/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	// Only names found by NewServer are served, so "..", encoded slashes
	// and the like simply miss the map.
	f, ok := s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", f.etag)
	if hash == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	// ServeContent answers If-None-Match with 304, HEAD without a body and
	// Range requests; the zero time leaves Last-Modified out.
	http.ServeContent(w, r, path.Base(f.name), time.Time{}, bytes.NewReader(f.data))
}

// contentType names the type of a file by its extension. The common web
// types are fixed here so that responses do not depend on the host's
// /etc/mime.types; anything else falls back to the mime package, then to
// sniffing.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}
