package kit

import (
	"net/http"
	"strconv"

	"storefront/store"
)

// ServePrivateImage writes an image only the people allowed to open its
// page may see (a return's photos): kept by no shared cache.
func ServePrivateImage(w http.ResponseWriter, r *http.Request, im *store.ImageBytes) {
	hdr := w.Header()
	hdr.Set("Cache-Control", "private, no-store")
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
