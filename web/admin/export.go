package admin

import (
	"bytes"
	"fmt"
	"net/http"

	"storefront/store"
	"storefront/store/shopifycsv"
	"storefront/views"
)

// ProductsCSV downloads the whole catalog, drafts and archived
// products included, as a Shopify product CSV: `storefront import
// products` (or Shopify) reads it back. Image links are absolute URLs of
// this shop, so an import elsewhere can fetch them.
func (h *Handler) ProductsCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	exponent, ok := store.Currencies[settings.Currency]
	if !ok {
		h.ServerError(w, r, fmt.Errorf("export: the store's currency %q is not supported", settings.Currency))
		return
	}
	products, err := h.Store.AllProducts(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	// Written to a buffer first, so that a failure is a clean 500 and not
	// a truncated file that looks complete.
	var buf bytes.Buffer
	imageURL := func(im store.Image) string { return h.AbsURL(r, views.ImageURL(im.ID, false)) }
	if err := shopifycsv.Write(&buf, products, exponent, imageURL); err != nil {
		h.ServerError(w, r, err)
		return
	}
	name := "products-" + h.Store.Now().Format("2006-01-02") + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
