package admin

import (
	"errors"
	"io"
	"net/http"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// MaxTranslationsUploadBytes bounds a translations CSV upload: a catalog
// of thousands of products with long descriptions in every language fits
// well below it. web's body limit lets the import route send this much.
const MaxTranslationsUploadBytes = 16 << 20

// TranslationsCSV downloads every product's and collection's texts in the
// shop's other languages as a translations CSV (store/translation_csv.go):
// a translator fills in the Value column and TranslationsImport (or
// `storefront import translations`) reads it back.
func (h *Handler) TranslationsCSV(w http.ResponseWriter, r *http.Request) {
	_, others := h.shopLocales(r.Context())
	h.streamCSV(w, r, h.datedCSV("translations"), func(out io.Writer) error {
		return h.Store.TranslationsCSV(r.Context(), others, out)
	})
}

// TranslationsImport applies an uploaded translations CSV and answers with
// what it did and the rows it skipped. A file that is not a translations
// CSV changes nothing: 413 when it is over the limit, 422 otherwise.
func (h *Handler) TranslationsImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, others := h.shopLocales(ctx)
	page := adminviews.TranslationsImportPage{Shell: h.adminShell(r, "content.trcsv.title"), Locales: others}
	refuse := func(status int, msg string) {
		page.Error = msg
		h.Render(w, r, status, adminviews.TranslationsImport(page))
	}
	kit.AllowSlowUpload(w, MaxTranslationsUploadBytes)
	err := r.ParseMultipartForm(uploadMemoryBytes)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		refuse(http.StatusRequestEntityTooLarge, i18n.T(ctx, "content.trcsv.error.too_large", MaxTranslationsUploadBytes>>20))
		return
	}
	if !h.ReadForm(w, r) {
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		refuse(http.StatusUnprocessableEntity, i18n.T(ctx, "content.trcsv.error.missing"))
		return
	}
	defer file.Close()
	csvFile, err := store.OpenTranslationsCSV(file)
	var fe *store.TranslationsFileError
	switch {
	case errors.As(err, &fe) && fe.Column != "":
		refuse(http.StatusUnprocessableEntity, i18n.T(ctx, "content.trcsv.error.column", fe.Column))
		return
	case errors.As(err, &fe) && fe.Err == nil:
		refuse(http.StatusUnprocessableEntity, i18n.T(ctx, "content.trcsv.error.empty"))
		return
	case err != nil:
		refuse(http.StatusUnprocessableEntity, i18n.T(ctx, "content.trcsv.error.syntax", fileErrorLine(fe)))
		return
	}
	res, err := h.Store.ImportTranslations(ctx, h.actor(r), csvFile, others)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	for _, p := range res.Skipped {
		if p.Reason == store.SkipNotSaved {
			h.Log.Error("import translations", "line", p.Line, "handle", p.Handle, "err", p.Detail)
		}
	}
	page.Result = &res
	h.Render(w, r, http.StatusOK, adminviews.TranslationsImport(page))
}

func fileErrorLine(fe *store.TranslationsFileError) int {
	if fe == nil {
		return 0
	}
	return fe.Line
}
