package web

import (
	"context"
	"net/http"
	"strings"

	"storefront/i18n"
	"storefront/web/kit"
)

type prefixLocaleKey struct{}

// prefixLocale is the language the request's URL prefix asked for, if it
// had one (langPrefix).
func prefixLocale(ctx context.Context) (string, bool) {
	loc, ok := ctx.Value(prefixLocaleKey{}).(string)
	return loc, ok
}

// langPrefix serves every storefront page in each language at its own URL,
// so that search engines index both: /zh-cn/products/x is /products/x in
// Chinese. It strips the prefix, so that every route and the page cache
// see one path, and puts its language in the context, where it wins over
// the cookie and Accept-Language (requestLocale). An unprefixed URL keeps
// choosing by cookie and Accept-Language, as it always has: crawlers send
// neither and get the default language there, and a shopper who chose
// Chinese keeps it when a form answers with an unprefixed redirect.
//
// The default language's own prefix (/en/… in an English shop) redirects
// to the unprefixed URL, so each page has one address per language; the
// admin and the language switch have none.
func (s *server) langPrefix(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// What follows the prefix must be a plain path on this site
		// (kit.LocalPath): "/en//evil.example" would otherwise redirect
		// to //evil.example. Anything else is left to the routes, which
		// clean it or answer 404.
		loc, rest, ok := i18n.SplitPath(r.URL.Path)
		if !ok || !prefixable(rest) || kit.LocalPath(rest, "/") == "" {
			next.ServeHTTP(w, r)
			return
		}
		settings, err := s.Store.Settings(r.Context())
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		if loc == i18n.Normalize(settings.Locale) && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			u := *r.URL
			u.Path, u.RawPath = rest, ""
			http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
			return
		}
		r2 := r.WithContext(context.WithValue(r.Context(), prefixLocaleKey{}, loc))
		u := *r.URL
		u.Path, u.RawPath = rest, ""
		r2.URL = &u
		next.ServeHTTP(&prefixedRedirects{ResponseWriter: w, prefix: "/" + i18n.URLTag(loc)}, r2)
	})
}

// prefixable reports whether the unprefixed path p may be asked for under
// a language prefix: everything but the admin and the language switch.
func prefixable(p string) bool {
	return !kit.IsAdminPath(p) && !strings.HasPrefix(p, "/lang/")
}

// prefixedRedirects keeps a redirect from a page served under a language
// prefix under it: the cart's 303 to /cart after an add from /zh-cn/…
// lands on /zh-cn/cart, without every handler knowing about prefixes.
type prefixedRedirects struct {
	http.ResponseWriter
	prefix      string
	wroteHeader bool
}

func (w *prefixedRedirects) WriteHeader(code int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		h := w.Header()
		if loc := h.Get("Location"); strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") && prefixable(loc) {
			if _, _, prefixed := i18n.SplitPath(loc); !prefixed {
				h.Set("Location", w.prefix+loc)
			}
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *prefixedRedirects) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *prefixedRedirects) Unwrap() http.ResponseWriter { return w.ResponseWriter }
