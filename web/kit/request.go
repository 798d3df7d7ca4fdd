package kit

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
)

// Session keys shared by the middleware and the pages.
const (
	// SessionCart is the visitor's cart token.
	SessionCart = "cart"
	// SessionCartNotice and SessionCartKind are the message the cart page
	// shows once after a plain (no-JavaScript) add or update redirects to
	// it; a cart page with one is never served from the page cache.
	SessionCartNotice = "cart_notice"
	SessionCartKind   = "cart_notice_kind"
	// SessionStaffToken is the admin's one session key: the staff
	// session's token, whose SHA-256 is a row of staff_sessions. That row,
	// not the cookie, decides whether the browser is signed in (revocation,
	// idle and absolute timeouts), so the shopper's 30-day cookie can carry
	// it safely.
	SessionStaffToken = "admin.staff_token"
	// SessionCustomerID and SessionCustomerEpoch name the signed-in
	// customer: the account's id and its session epoch at sign-in, which a
	// new password raises, signing every other browser out
	// (store.CustomerSession).
	SessionCustomerID    = "customer.id"
	SessionCustomerEpoch = "customer.epoch"
	// LangCookie remembers the shopper's language choice.
	LangCookie = "lang"
)

// IsAdminPath reports whether p, a URL path, is the admin's. The admin
// has no language prefix: its language is the switch's cookie alone.
func IsAdminPath(p string) bool { return p == "/admin" || strings.HasPrefix(p, "/admin/") }

// SessionCookie is the name of the one session cookie. Over HTTPS it has
// the __Host- prefix, with which a browser keeps the cookie only if it is
// Secure, for this exact host and path /, so that no subdomain or plain
// HTTP page can set or shadow it.
func (c Config) SessionCookie() string {
	if c.SecureCookie {
		return "__Host-storefront_session"
	}
	return "storefront_session"
}

type ctxKey int

const (
	requestIDKey ctxKey = iota
	cartTokenKey
	staffKey
	customerHintKey
)

// WithRequestID returns ctx carrying the access log's id for the request.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID is the id the access log gives the request, for other log lines.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithCartToken returns ctx carrying the session's cart token, so that the
// header's cart count can be read anywhere, error pages included, without
// touching the session outside its middleware.
func WithCartToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, cartTokenKey, token)
}

// CartToken is the token of the visitor's cart, "" for none yet.
func CartToken(ctx context.Context) string {
	token, _ := ctx.Value(cartTokenKey).(string)
	return token
}

type staffCtx struct {
	staff   *store.Staff
	session *store.StaffSession
}

// WithStaff returns ctx carrying the signed-in staff member and their
// session; the admin's gate puts them there.
func WithStaff(ctx context.Context, st *store.Staff, sess *store.StaffSession) context.Context {
	return context.WithValue(ctx, staffKey, &staffCtx{staff: st, session: sess})
}

// CurrentStaff is the signed-in staff member that the admin's gate put in
// the context, or nil outside admin routes.
func CurrentStaff(ctx context.Context) *store.Staff {
	if sc, ok := ctx.Value(staffKey).(*staffCtx); ok {
		return sc.staff
	}
	return nil
}

// CurrentStaffSession is the session of CurrentStaff, so that a sessions
// page can mark "this browser".
func CurrentStaffSession(ctx context.Context) *store.StaffSession {
	if sc, ok := ctx.Value(staffKey).(*staffCtx); ok {
		return sc.session
	}
	return nil
}

// ClientIP is the caller's address; behind a trusted proxy, the last hop
// the proxy appended to X-Forwarded-For.
func (d *Deps) ClientIP(r *http.Request) string {
	if d.Cfg.TrustProxy {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			parts := strings.Split(fwd, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// IsHTMX reports whether htmx asks for a fragment. A history restore
// (the back button after htmx's cache was emptied) wants the whole page.
func IsHTMX(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true"
}

// PathInt reads a positive integer path value such as {id}.
func PathInt(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// FormInt reads a positive integer form field.
func FormInt(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return n, err == nil && n > 0
}

// ParsePage reads ?page=: absent is page 1; anything but a number from 1 to
// store.MaxPage is refused.
func ParsePage(s string) (int, bool) {
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > store.MaxPage {
		return 0, false
	}
	return n, true
}
