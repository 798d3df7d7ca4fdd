package admin

import (
	"encoding/json"
	"errors"
	"fmt"
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

// translationsReportKey holds the report of the upload just made, as
// JSON, for the page the upload redirects to.
const translationsReportKey = "admin.translations.report"

// translationsReport is what the session keeps of an upload's result: the
// rows the page lists, not all of a file's thousands of bad ones.
type translationsReport struct {
	Result  store.TranslationImport
	Skipped int
}

// translationsPage is the upload's page, without a report.
func (h *Handler) translationsPage(r *http.Request) adminviews.TranslationsImportPage {
	_, others := h.shopLocales(r.Context())
	return adminviews.TranslationsImportPage{Shell: h.adminShell(r, "content.trcsv.title"), Locales: others}
}

// TranslationsReport shows, once, what the upload just made did and the
// rows it skipped, above the upload form; later, the form alone.
func (h *Handler) TranslationsReport(w http.ResponseWriter, r *http.Request) {
	page := h.translationsPage(r)
	if raw := h.Sessions.PopString(r.Context(), translationsReportKey); raw != "" {
		var rep translationsReport
		if err := json.Unmarshal([]byte(raw), &rep); err != nil {
			h.ServerError(w, r, fmt.Errorf("translations report: %w", err))
			return
		}
		page.Result, page.Skipped = &rep.Result, rep.Skipped
	}
	h.Render(w, r, http.StatusOK, adminviews.TranslationsImport(page))
}

// TranslationsImport applies an uploaded translations CSV and redirects
// to the report of what it did and the rows it skipped, so that reloading
// the report does not upload the file again. A file that is not a
// translations CSV changes nothing: 413 when it is over the limit, 422
// otherwise, with the form and the reason.
func (h *Handler) TranslationsImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page := h.translationsPage(r)
	others := page.Locales
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
	rep := translationsReport{Result: res, Skipped: len(res.Skipped)}
	rep.Result.Skipped = res.Skipped[:min(len(res.Skipped), adminviews.MaxSkippedShown)]
	raw, err := json.Marshal(rep)
	if err != nil {
		h.ServerError(w, r, fmt.Errorf("translations report: %w", err))
		return
	}
	h.Sessions.Put(ctx, translationsReportKey, string(raw))
	http.Redirect(w, r, "/admin/products/translations", http.StatusSeeOther)
}

func fileErrorLine(fe *store.TranslationsFileError) int {
	if fe == nil {
		return 0
	}
	return fe.Line
}
