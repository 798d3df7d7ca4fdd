package kit

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"storefront/i18n"
)

// LocalPath returns next when it is a path on this site under the path
// under ("/" for anywhere), and "" otherwise. Every return address a
// request carries (a ?next=, a form's return field, a Referer) goes through
// it before it becomes a Location or a link, so that none can send a
// visitor to another site.
//
// Browsers forgive what url.Parse does not: they drop tabs and line breaks
// inside a URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\\evil.example" both mean //evil.example to them. Such characters are
// refused outright, as are dot segments, which could climb out of under.
func LocalPath(next, under string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsFunc(next, unsafeInURL) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	p := u.Path
	if p != "/" && path.Clean(p) != strings.TrimSuffix(p, "/") {
		return ""
	}
	if under = strings.TrimSuffix(under, "/"); under != "" && p != under && !strings.HasPrefix(p, under+"/") {
		return ""
	}
	return next
}

// SignInURL is the sign-in page login, carrying the page r asks for
// (?next=, to come back to once signed in, through LocalPath) when r asks
// for a page (GET or HEAD) other than home, where signing in leads anyway.
func SignInURL(r *http.Request, login, home string) string {
	if next := r.URL.RequestURI(); (r.Method == http.MethodGet || r.Method == http.MethodHead) && next != home {
		return login + "?next=" + url.QueryEscape(next)
	}
	return login
}

// unsafeInURL is a character that a browser removes from a URL or reads as
// something else: control characters, and the backslash.
func unsafeInURL(r rune) bool {
	return r < 0x20 || r == 0x7f || r == '\\'
}

// PagePath is the address of the page r shows, for the language switch to
// come back to: the request's own for a GET. A form answered with its page
// again (a POST's 4xx) may have an address that only takes a POST, so it
// is the page the form was on, from the Referer when that is this site's,
// without its language prefix (the switch adds the page's own); "" when
// unknown. (A form posting to its page's own address, such as a new
// product's, comes back there; one refused twice at an address that only
// takes a POST has that address as its Referer, and the switch leads to a
// 404 then.)
func PagePath(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.RequestURI()
	}
	return RefererPath(r, "/")
}

// RefererPath is the page on this site under the path under that r was
// sent from, without its language prefix, or "".
func RefererPath(r *http.Request, under string) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host {
		return ""
	}
	if _, rest, ok := i18n.SplitPath(u.Path); ok {
		u.Path, u.RawPath = rest, ""
	}
	return LocalPath(u.RequestURI(), under)
}
