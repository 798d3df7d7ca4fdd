package kit

import (
	"net/http"
	"strconv"

	"storefront/store"
)

// WriteImage answers with im under the Cache-Control the caller set: its
// content hash as ETag, 304 when the browser has it already.
func WriteImage(w http.ResponseWriter, r *http.Request, im *store.ImageBytes) {
	hdr := w.Header()
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

// ServePrivateImage writes an image only the people allowed to open its
// page may see (a return's photos): kept by no shared cache.
func ServePrivateImage(w http.ResponseWriter, r *http.Request, im *store.ImageBytes) {
	w.Header().Set("Cache-Control", "private, no-store")
	WriteImage(w, r, im)
}
