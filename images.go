package main

import (
	"net/http"
	"strconv"
)

// image serves a stored product image. Images are immutable once stored (a
// new upload gets a new id), so browsers may cache them for a day and
// revalidate with the ETag after that.
func (a *app) image(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	size := r.PathValue("size")
	if err != nil || id <= 0 || (size != "full" && size != "thumb") {
		http.NotFound(w, r)
		return
	}
	im, err := a.store.ImageData(r.Context(), id, size == "thumb")
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	etag := `"` + im.ETag + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=86400")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", im.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(im.Data)))
	w.Write(im.Data)
}

func (a *app) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if err := a.store.Ping(r.Context()); err != nil {
		a.log.Error("health check", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
