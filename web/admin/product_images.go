package admin

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// MaxUploadBytes bounds an image upload's body: one image at the store's
// limit plus room for the alt text and the multipart framing. web's body
// limit lets the upload route send this much.
const MaxUploadBytes = store.MaxImageBytes + 64<<10

// uploadMemoryBytes is how much of an upload's files may be held in
// memory while the form is parsed; the rest goes to a temporary file.
const uploadMemoryBytes = 64 << 10

// ProductImageUpload adds an uploaded image to a product's gallery.
// A file that is too big or not an image comes back as the product page
// with a message beside the upload field: 413 when the body was cut off at
// the limit, 422 when the store refused the file.
func (h *Handler) ProductImageUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	// The file waits on disk, not in memory, until the store reads it in
	// its turn: uploads are processed one at a time (store.AddProductImage).
	kit.AllowSlowUpload(w, MaxUploadBytes)
	err := r.ParseMultipartForm(uploadMemoryBytes)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		h.imageRefused(w, r, id, http.StatusRequestEntityTooLarge, "image", "error.product_image_too_large")
		return
	case err != nil:
		h.imageRefused(w, r, id, http.StatusUnprocessableEntity, "image", "error.product_image_missing")
		return
	}
	if !h.ReadForm(w, r) { // the alt text, now that the body is read
		return
	}
	file, _, err := r.FormFile("image")
	if err != nil {
		h.imageRefused(w, r, id, http.StatusUnprocessableEntity, "image", "error.product_image_missing")
		return
	}
	defer file.Close()
	_, err = h.Store.AddProductImage(r.Context(), h.actor(r), id, file, h.postedAlt(r))
	if h.imageChangeFailed(w, r, id, err) {
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.image_added"))
	http.Redirect(w, r, adminviews.ProductURL(id)+"#images", http.StatusSeeOther)
}

// ProductImageAlt changes an image's alt text.
func (h *Handler) ProductImageAlt(w http.ResponseWriter, r *http.Request) {
	h.imageAction(w, r, func(productID, imageID int64) error {
		return h.Store.SetProductImageAlt(r.Context(), h.actor(r), productID, imageID, h.postedAlt(r))
	})
}

// postedAlt is the alt text a form posted, in each language it had a
// field for.
func (h *Handler) postedAlt(r *http.Request) store.Text {
	alt := store.Plain(r.PostFormValue(store.FieldAlt))
	_, others := h.shopLocales(r.Context())
	if tr := postedFormTexts(r, others, store.FieldAlt); tr != nil {
		alt.Tr = tr[store.FieldAlt]
		if alt.Tr == nil { // every translation posted blank: remove them
			alt.Tr = map[string]string{}
		}
	}
	return alt
}

// ProductImageMove moves an image up or down the gallery.
func (h *Handler) ProductImageMove(w http.ResponseWriter, r *http.Request) {
	move := r.PostFormValue("move")
	if move != store.MoveUp && move != store.MoveDown {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	h.imageAction(w, r, func(productID, imageID int64) error {
		return h.Store.MoveProductImage(r.Context(), h.actor(r), productID, imageID, move)
	})
}

// ProductImageDelete removes an image from the gallery once its box is
// ticked. Without the tick the page comes back with a message beside the
// box (422) and the image stays.
func (h *Handler) ProductImageDelete(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") == "1" {
		h.imageAction(w, r, func(productID, imageID int64) error {
			return h.Store.DeleteProductImage(r.Context(), h.actor(r), productID, imageID)
		})
		return
	}
	productID, imageID, ok := imagePath(r)
	if !ok {
		h.NotFound(w, r)
		return
	}
	p, err := h.Store.ProductByID(r.Context(), productID)
	if err == nil && !slices.ContainsFunc(p.Images, func(im store.Image) bool { return im.ID == imageID }) {
		err = store.ErrNotFound // deleted already, or another product's
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.imageRefused(w, r, productID, http.StatusUnprocessableEntity, adminviews.ImageConfirmField(imageID),
		"admin.product.error.confirm_image_delete")
}

// imageAction reads the product and image ids from the path, runs do and
// goes back to the gallery.
func (h *Handler) imageAction(w http.ResponseWriter, r *http.Request, do func(productID, imageID int64) error) {
	productID, imageID, ok := imagePath(r)
	if !ok {
		h.NotFound(w, r)
		return
	}
	if h.imageChangeFailed(w, r, productID, do(productID, imageID)) {
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.images_saved"))
	http.Redirect(w, r, adminviews.ProductURL(productID)+"#images", http.StatusSeeOther)
}

// imagePath is the product and image ids of an image action's path.
func imagePath(r *http.Request) (productID, imageID int64, ok bool) {
	productID, ok1 := kit.PathInt(r, "id")
	imageID, ok2 := kit.PathInt(r, "image")
	return productID, imageID, ok1 && ok2
}

// imageChangeFailed answers a refused image change with the product page
// and its message (422); it reports whether it answered.
func (h *Handler) imageChangeFailed(w http.ResponseWriter, r *http.Request, productID int64, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		for _, field := range []string{"image", "alt"} {
			if msg, ok := verr.Fields[field]; ok {
				h.imageRefused(w, r, productID, http.StatusUnprocessableEntity, field, msg)
				return true
			}
		}
		for field, msg := range verr.Fields { // an alt's translation: alt_zh
			if strings.HasPrefix(field, "alt_") {
				h.imageRefused(w, r, productID, http.StatusUnprocessableEntity, "alt", msg)
				return true
			}
		}
		h.ClientError(w, r, http.StatusUnprocessableEntity)
	default:
		h.StoreError(w, r, err)
	}
	return true
}

// imageRefused shows the product page with msg (a catalog key) beside the
// image field that caused it.
func (h *Handler) imageRefused(w http.ResponseWriter, r *http.Request, productID int64, status int, field, msg string) {
	h.renderStoredProduct(w, r, status, productID, map[string]string{field: msg})
}
