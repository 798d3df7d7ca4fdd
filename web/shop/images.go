package shop

import (
	"net/http"
	"strconv"
)

// Image serves a stored product image. Images are immutable once stored (a
// new upload gets a new id), so browsers may cache them for a day and
// revalidate with the ETag after that. The images of a product that is not
// on sale (a draft, an archived product) are shown only to signed-in staff,
// and kept by no cache, until the product is published: to anyone else
// they do not exist.
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
	hdr := w.Header()
	if im.Public {
		hdr.Set("Cache-Control", "public, max-age=86400")
	} else if h.StaffSignedIn(r) {
		hdr.Set("Cache-Control", "private, no-store")
	} else {
		h.NotFound(w, r)
		return
	}
	etag := `"` + im.ETag + `"`
	hdr.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", im.ContentType)
	hdr.Set("Content-Length", strconv.Itoa(len(im.Data)))
	w.Write(im.Data)
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
