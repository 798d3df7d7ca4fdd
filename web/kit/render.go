package kit

import (
	"context"
	"errors"
	"net/http"

	"github.com/a-h/templ"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// Render writes a component with status. templ.Handler buffers the page, so
// a failed render becomes a clean 500 rather than half a page.
func (d *Deps) Render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	r = r.WithContext(views.WithImages(r.Context(), d.imageLookup(r.Context())))
	templ.Handler(c, templ.WithStatus(status), templ.WithErrorHandler(func(r *http.Request, err error) http.Handler {
		// Plain text, not the error page: rendering that could fail the
		// same way, and a page failing over and over must not loop.
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Context().Err() != nil {
				return // the client has gone; nobody reads the answer
			}
			d.Log.Error("render", "id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		})
	})).ServeHTTP(w, r)
}

// StoreError answers an error from the store with the status its kind calls
// for; anything unexpected is a logged 500.
func (d *Deps) StoreError(w http.ResponseWriter, r *http.Request, err error) {
	var verr *store.ValidationError
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.NotFound(w, r)
	case errors.As(err, &verr):
		d.ClientError(w, r, http.StatusUnprocessableEntity)
	case errors.Is(err, store.ErrConflict):
		d.ClientError(w, r, http.StatusConflict)
	default:
		d.ServerError(w, r, err)
	}
}

// ServerError logs err and answers 500 with the error page.
func (d *Deps) ServerError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client hung up, which cancelled the work: not a fault
	}
	d.Log.Error("server error", "id", RequestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
	d.errorPage(w, r, http.StatusInternalServerError, "error.server.title", "error.server.msg")
}

// NotFound answers 404 with the error page.
func (d *Deps) NotFound(w http.ResponseWriter, r *http.Request) {
	d.errorPage(w, r, http.StatusNotFound, "error.not_found.title", "error.not_found.message")
}

// ClientError answers a 4xx with a page that explains it.
func (d *Deps) ClientError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusNotFound:
		d.NotFound(w, r)
	case http.StatusRequestEntityTooLarge:
		d.errorPage(w, r, status, "error.too_large.title", "error.too_large.msg")
	case http.StatusMethodNotAllowed:
		d.errorPage(w, r, status, "error.method.title", "error.method.msg")
	default:
		d.errorPage(w, r, status, "error.bad_request.title", "error.bad_request.msg")
	}
}

func (d *Deps) errorPage(w http.ResponseWriter, r *http.Request, status int, titleKey, msgKey string) {
	if d.AdminError != nil && IsAdminPath(r.URL.Path) {
		d.AdminError(w, r, status, titleKey, msgKey)
		return
	}
	ctx := r.Context()
	page := views.ErrorPage{
		Shell:   d.Shell(r, views.Meta{Title: i18n.T(ctx, titleKey), NoIndex: true}),
		Status:  status,
		Title:   i18n.T(ctx, titleKey),
		Message: i18n.T(ctx, msgKey),
	}
	w.Header().Set("Cache-Control", "no-store")
	d.Render(w, r, status, views.Error(page))
}

// imageLookup finds image hashes for the page being rendered, each once: a
// product page names its main image twice (picture and gallery).
func (d *Deps) imageLookup(ctx context.Context) views.ImageLookup {
	seen := map[int64]store.ImageInfo{}
	return func(id int64) (store.ImageInfo, bool) {
		if in, ok := seen[id]; ok {
			return in, in.ETag != ""
		}
		in, err := d.Store.ImageInfo(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			d.Log.Warn("image info", "id", id, "err", err)
		}
		seen[id] = in
		return in, in.ETag != ""
	}
}
