package admin

import "storefront/store"

// TranslationsImportPage is the answer to a translations CSV upload: what
// was imported and the rows skipped, or why the file was refused, with the
// upload form again.
type TranslationsImportPage struct {
	Shell   Shell
	Result  *store.TranslationImport // nil when no upload is reported; its Skipped holds at most MaxSkippedShown rows
	Skipped int                      // how many rows the upload skipped in all
	Error   string                   // translated reason the file was refused
	Locales []string                 // the languages a file may carry
}

// MaxSkippedShown bounds the skipped rows listed on the page (and kept
// for it until the redirect after the upload); a file of ten thousand bad
// rows is summarised, not printed.
const MaxSkippedShown = 200
