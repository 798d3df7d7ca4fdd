package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"storefront/i18n"
)

// maxBodyBytes bounds every request body; uploads that need more raise it
// on their own route.
const maxBodyBytes = 1 << 20

type ctxKey int

const requestIDKey ctxKey = iota

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

func (a *app) logRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		a.log.LogAttrs(r.Context(), level, "request",
			slog.String("id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)), slog.String("remote", a.clientIP(r)))
	})
}

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// clientIP is the caller's address; behind a trusted proxy, the last hop
// the proxy appended to X-Forwarded-For.
func (a *app) clientIP(r *http.Request) string {
	if a.cfg.trustProxy {
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

func (a *app) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				w.Header().Set("Connection", "close")
				a.serverError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only the shop's own scripts and styles:
// htmx is configured (views/layout.templ) to need neither eval nor inline styles.
// Framing is allowed from the shop itself only: the admin's theme preview
// shows the storefront in an iframe (admin_settings.go).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

func (a *app) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if a.cfg.secureCookie {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (a *app) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		next.ServeHTTP(w, r)
	})
}

// bodyLimit is how much r may send: an image upload has room for one
// image (admin_product_images.go), everything else maxBodyBytes.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && imageUploadPath.MatchString(r.URL.Path) {
		return maxUploadBytes
	}
	return maxBodyBytes
}

// crossOrigin refuses state-changing requests that a browser marks as coming
// from another site; SameSite=Lax cookies are the second line.
func (a *app) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.clientError(w, r, http.StatusForbidden)
	}))
	return cop.Handler(next)
}

// langCookie remembers the shopper's language choice.
const langCookie = "lang"

// locale puts the shopper's language and the store's currency in the
// request context.
func (a *app) locale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loc, currency, err := a.requestLocale(r)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(i18n.WithLocale(r.Context(), loc, currency)))
	})
}

// requestLocale picks the language: the language switcher's cookie first,
// then Accept-Language, then the store's default.
func (a *app) requestLocale(r *http.Request) (locale, currency string, err error) {
	settings, err := a.store.Settings(r.Context())
	if err != nil {
		return "", "", err
	}
	locale = settings.Locale
	if c, err := r.Cookie(langCookie); err == nil && slices.Contains(i18n.Supported, c.Value) {
		locale = c.Value
	} else if m := i18n.Match(r.Header.Get("Accept-Language")); m != "" {
		locale = m
	}
	return locale, settings.Currency, nil
}
