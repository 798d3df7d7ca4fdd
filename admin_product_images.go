package main

import (
	"errors"
	"io"
	"net/http"
	"regexp"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// maxUploadBytes bounds an image upload's body: one image at the store's
// limit plus room for the alt text and the multipart framing.
const maxUploadBytes = store.MaxImageBytes + 64<<10

// imageUploadPath matches the one route that may send more than
// maxBodyBytes (limitBody in middleware.go asks).
var imageUploadPath = regexp.MustCompile(`^/admin/products/[0-9]+/images$`)

// adminProductImageUpload adds an uploaded image to a product's gallery.
// A file that is too big or not an image comes back as the product page
// with a message beside the upload field: 413 when the body was cut off at
// the limit, 422 when the store refused the file.
func (a *app) adminProductImageUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	err := r.ParseMultipartForm(maxUploadBytes)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		a.imageRefused(w, r, id, http.StatusRequestEntityTooLarge, "image", "error.product_image_too_large")
		return
	case err != nil:
		a.imageRefused(w, r, id, http.StatusUnprocessableEntity, "image", "error.product_image_missing")
		return
	}
	file, _, err := r.FormFile("image")
	if err != nil {
		a.imageRefused(w, r, id, http.StatusUnprocessableEntity, "image", "error.product_image_missing")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	_, err = a.store.AddProductImage(r.Context(), a.actor(r), id, data, r.PostFormValue("alt"))
	if a.imageChangeFailed(w, r, id, err) {
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.image_added"))
	http.Redirect(w, r, adminviews.ProductURL(id)+"#images", http.StatusSeeOther)
}

// adminProductImageAlt changes an image's alt text.
func (a *app) adminProductImageAlt(w http.ResponseWriter, r *http.Request) {
	a.imageAction(w, r, func(productID, imageID int64) error {
		return a.store.SetProductImageAlt(r.Context(), a.actor(r), productID, imageID, r.PostFormValue("alt"))
	})
}

// adminProductImageMove moves an image up or down the gallery.
func (a *app) adminProductImageMove(w http.ResponseWriter, r *http.Request) {
	move := r.PostFormValue("move")
	if move != store.MoveUp && move != store.MoveDown {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	a.imageAction(w, r, func(productID, imageID int64) error {
		return a.store.MoveProductImage(r.Context(), a.actor(r), productID, imageID, move)
	})
}

// adminProductImageDelete removes an image from the gallery.
func (a *app) adminProductImageDelete(w http.ResponseWriter, r *http.Request) {
	a.imageAction(w, r, func(productID, imageID int64) error {
		return a.store.DeleteProductImage(r.Context(), a.actor(r), productID, imageID)
	})
}

// imageAction reads the product and image ids from the path, runs do and
// goes back to the gallery.
func (a *app) imageAction(w http.ResponseWriter, r *http.Request, do func(productID, imageID int64) error) {
	productID, ok1 := pathInt(r, "id")
	imageID, ok2 := pathInt(r, "image")
	if !ok1 || !ok2 {
		a.notFound(w, r)
		return
	}
	if a.imageChangeFailed(w, r, productID, do(productID, imageID)) {
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.images_saved"))
	http.Redirect(w, r, adminviews.ProductURL(productID)+"#images", http.StatusSeeOther)
}

// imageChangeFailed answers a refused image change with the product page
// and its message (422); it reports whether it answered.
func (a *app) imageChangeFailed(w http.ResponseWriter, r *http.Request, productID int64, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		for _, field := range []string{"image", "alt"} {
			if msg, ok := verr.Fields[field]; ok {
				a.imageRefused(w, r, productID, http.StatusUnprocessableEntity, field, msg)
				return true
			}
		}
		a.clientError(w, r, http.StatusUnprocessableEntity)
	default:
		a.storeError(w, r, err)
	}
	return true
}

// imageRefused shows the product page with msg (a catalog key) beside the
// image field that caused it.
func (a *app) imageRefused(w http.ResponseWriter, r *http.Request, productID int64, status int, field, msg string) {
	a.renderStoredProduct(w, r, status, productID, map[string]string{field: msg})
}
