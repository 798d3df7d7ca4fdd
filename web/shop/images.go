package shop

import (
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/web/kit"
)

// Image serves a stored product image at /images/{id}/{size}, size "full"
// or "thumb": the unhashed URLs that feeds, emails and other sites link to.
// Images are immutable once stored (a new upload gets a new id), so
// browsers may cache them for a day and revalidate with the ETag after
// that.
func (h *Handler) Image(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	size := r.PathValue("size")
	if err != nil || id <= 0 || (size != "full" && size != "thumb") {
		http.NotFound(w, r)
		return
	}
	im, err := h.Store.ImageData(r.Context(), id, size == "thumb")
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.serveImage(w, r, im, "public, max-age=86400")
}

// HashedImage serves /images/{id}/{hash}/{width}, the URLs pages link to
// (views.ImageAttrs): the hash is the image's content hash, so the answer
// may be kept for a year. A hash that is not the image's (a page from
// before a restore, a made-up URL) gets the current image, uncached, as
// assets.Server does for stale stylesheets.
func (h *Handler) HashedImage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	edge, werr := strconv.Atoi(r.PathValue("width"))
	if err != nil || werr != nil || id <= 0 {
		http.NotFound(w, r)
		return
	}
	im, err := h.Store.ImageAtWidth(r.Context(), id, edge)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	cache := "no-cache"
	if hash, _, _ := strings.Cut(im.ETag, "-"); hash == r.PathValue("hash") {
		cache = "public, max-age=31536000, immutable"
	}
	h.serveImage(w, r, im, cache)
}

// serveImage answers with im, cached as publicCache says when anyone may
// see it. The images of a product that is not on sale (a draft, an
// archived product) are shown only to signed-in staff, and kept by no
// cache, until the product is published: to anyone else they do not exist.
func (h *Handler) serveImage(w http.ResponseWriter, r *http.Request, im *store.ImageBytes, publicCache string) {
	hdr := w.Header()
	if im.Public {
		hdr.Set("Cache-Control", publicCache)
	} else if h.StaffSignedIn(r) {
		hdr.Set("Cache-Control", "private, no-store")
	} else {
		h.NotFound(w, r)
		return
	}
	kit.WriteImage(w, r, im)
}

func (h *Handler) Healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if err := h.Store.Ping(r.Context()); err != nil {
		h.Log.Error("health check", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
