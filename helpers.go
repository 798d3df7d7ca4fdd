package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	"storefront/views"
)

// render writes a component with status. templ.Handler buffers the page, so
// a failed render becomes a clean 500 rather than half a page.
func (a *app) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	templ.Handler(c, templ.WithStatus(status), templ.WithErrorHandler(func(r *http.Request, err error) http.Handler {
		// Plain text, not the error page: rendering that could fail the
		// same way, and a page failing over and over must not loop.
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Context().Err() != nil {
				return // the client has gone; nobody reads the answer
			}
			a.log.Error("render", "id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		})
	})).ServeHTTP(w, r)
}

// isHTMX reports whether htmx asks for a fragment. A history restore
// (the back button after htmx's cache was emptied) wants the whole page.
func isHTMX(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true"
}

// shell builds the layout's data for a request.
func (a *app) shell(r *http.Request, meta views.Meta) views.Shell {
	ctx := r.Context()
	settings, _ := a.store.Settings(ctx)
	nav, err := a.store.Collections(ctx, true)
	if err != nil {
		a.log.Error("nav collections", "err", err)
	}
	theme := settings.Theme
	if !themes.Exists(theme) {
		theme = themes.Default
	}
	theme, brand := a.storefrontLook(r, theme, settings.BrandColor) // staff previewing a look (brand.go)
	if meta.Canonical == "" && !meta.NoIndex {
		meta.Canonical = a.absURL(r, r.URL.Path)
	}
	return views.Shell{
		StoreName:  settings.StoreName,
		ThemeCSS:   themes.URL(theme),
		AppCSS:     assets.Static.URL("app.css"),
		HTMXJS:     assets.Static.URL("htmx.min.js"),
		Path:       r.URL.RequestURI(),
		Nav:        nav,
		Meta:       meta,
		CartCount:  a.headerCartCount(r),
		LogoURL:    logoURL(settings.LogoImageID),
		BrandColor: brand,
	}
}

// absURL makes an absolute URL for canonical links, Open Graph and the
// sitemap: from the configured base URL, else from the request's host.
func (a *app) absURL(r *http.Request, path string) string {
	if a.cfg.baseURL != "" {
		return strings.TrimRight(a.cfg.baseURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil || (a.cfg.trustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// storeError answers an error from the store with the status its kind calls
// for; anything unexpected is a logged 500.
func (a *app) storeError(w http.ResponseWriter, r *http.Request, err error) {
	var verr *store.ValidationError
	switch {
	case errors.Is(err, store.ErrNotFound):
		a.notFound(w, r)
	case errors.As(err, &verr):
		a.clientError(w, r, http.StatusUnprocessableEntity)
	case errors.Is(err, store.ErrConflict):
		a.clientError(w, r, http.StatusConflict)
	default:
		a.serverError(w, r, err)
	}
}

func (a *app) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client hung up, which cancelled the work: not a fault
	}
	a.log.Error("server error", "id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
	a.errorPage(w, r, http.StatusInternalServerError, "error.server.title", "error.server.msg")
}

func (a *app) notFound(w http.ResponseWriter, r *http.Request) {
	a.errorPage(w, r, http.StatusNotFound, "error.not_found.title", "error.not_found.message")
}

// clientError answers a 4xx with a page that explains it.
func (a *app) clientError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusNotFound:
		a.notFound(w, r)
	case http.StatusRequestEntityTooLarge:
		a.errorPage(w, r, status, "error.too_large.title", "error.too_large.msg")
	case http.StatusMethodNotAllowed:
		a.errorPage(w, r, status, "error.method.title", "error.method.msg")
	default:
		a.errorPage(w, r, status, "error.bad_request.title", "error.bad_request.msg")
	}
}

func (a *app) errorPage(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string) {
	ctx := r.Context()
	page := views.ErrorPage{
		Shell:   a.shell(r, views.Meta{Title: i18n.T(ctx, titleKey), NoIndex: true}),
		Status:  status,
		Title:   i18n.T(ctx, titleKey),
		Message: i18n.T(ctx, msgKey),
	}
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, r, status, views.Error(page))
}

// pathInt reads a positive integer path value such as {id}.
func pathInt(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// formInt reads a positive integer form field.
func formInt(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return n, err == nil && n > 0
}
