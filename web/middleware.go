package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
	"storefront/web/shop"
)

// statusRecorder remembers the status and size for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (s *server) logRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(kit.WithRequestID(r.Context(), id)))
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.Log.LogAttrs(r.Context(), level, "request",
			slog.String("id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)), slog.String("remote", s.ClientIP(r)))
	})
}

func (s *server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				w.Header().Set("Connection", "close")
				s.ServerError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only the shop's own scripts and styles:
// htmx is configured (views/layout.templ) to need neither eval nor inline styles.
// Framing is allowed from the shop itself only: the admin's theme preview
// shows the storefront in an iframe (web/admin/settings.go).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

func (s *server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.Cfg.SecureCookie {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		next.ServeHTTP(w, r)
	})
}

// bodyLimit is how much r may send: what largeBodies (routes.go) allows
// its path, everything else kit.MaxBodyBytes.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost {
		for _, b := range largeBodies {
			if b.path.MatchString(r.URL.Path) {
				return b.limit
			}
		}
	}
	return kit.MaxBodyBytes
}

// crossOrigin refuses state-changing requests that a browser marks as coming
// from another site; SameSite=Lax cookies are the second line.
func (s *server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	// Refused before the session's middleware, the page still speaks the
	// shopper's language: the URL's (langPrefix runs first), else theirs.
	cop.SetDenyHandler(s.locale(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ClientError(w, r, http.StatusForbidden)
	})))
	return cop.Handler(next)
}

// locale puts the shopper's language, and the store's currency and time
// zone, in the request context: every page shows times in the shop's zone
// (views.WithTimeZone), whichever handler draws it. The settings are
// cached, zone included, so this reads nothing per request.
func (s *server) locale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loc, settings, err := s.requestLocale(r)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		ctx := i18n.WithDefault(i18n.WithLocale(r.Context(), loc, settings.Currency), settings.Locale)
		ctx = views.WithTimeZone(ctx, settings.Location())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestLocale picks the language: the URL's language prefix
// (langPrefix) first, then the language switcher's cookie, then
// Accept-Language, then the store's default (settings.Locale).
func (s *server) requestLocale(r *http.Request) (locale string, settings store.Settings, err error) {
	settings, err = s.Store.Settings(r.Context())
	if err != nil {
		return "", settings, err
	}
	locale = settings.Locale
	if p, ok := prefixLocale(r.Context()); ok {
		locale = p
	} else if c, err := r.Cookie(kit.LangCookie); err == nil && slices.Contains(i18n.Supported, c.Value) {
		locale = c.Value
	} else if m := i18n.Match(r.Header.Get("Accept-Language")); m != "" {
		locale = m
	}
	return locale, settings, nil
}

// shopGate keeps shoppers out of a shop that is not open: until the owner
// finishes setup (no staff yet) they see "opening soon", and while the
// owner keeps the shop closed, the password form, unless their session
// holds the password or a staff member's sign-in. gateOpen (routes.go)
// lists what stays reachable.
func (s *server) shopGate(sh *shop.Handler, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if gateOpen(r) {
			next.ServeHTTP(w, r)
			return
		}
		setUp, err := s.Store.HasStaff(ctx)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		if !setUp {
			sh.OpeningSoon(w, r)
			return
		}
		settings, err := s.Store.Settings(ctx)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		if settings.ShopClosed && !s.Sessions.GetBool(ctx, kit.SessionShopPassword) && !s.StaffSignedIn(r) {
			sh.ShopClosed(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cartSession puts the session's cart token in the request context, so
// that the header's cart count can be read anywhere, error pages included,
// without touching the session outside its middleware.
func (s *server) cartSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token := s.Sessions.GetString(r.Context(), kit.SessionCart); token != "" {
			r = r.WithContext(kit.WithCartToken(r.Context(), token))
		}
		if s.Sessions.GetInt64(r.Context(), kit.SessionCustomerID) != 0 {
			r = r.WithContext(kit.WithCustomerHint(r.Context()))
		}
		next.ServeHTTP(w, r)
	})
}

// privateSessions marks every page answered to a visitor with a session as
// private: it may show their cart, their name or the staff's menu, and no
// shared cache (a proxy, a CDN) may keep it for someone else. The page
// cache (pagecache.go) stores only pages of visitors without one. A
// stricter Cache-Control (no-store), set before by the page cache for a
// preview or later by the page itself, wins.
func (s *server) privateSessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.hasSession(r) && w.Header().Get("Cache-Control") == "" {
			w.Header().Set("Cache-Control", "private")
		}
		next.ServeHTTP(w, r)
	})
}

// readForms refuses, before any page sees it, a request whose form is not
// text (kit.ReadForm): every form of the shop and the admin is checked in
// this one place.
func (s *server) readForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.ReadForm(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}
