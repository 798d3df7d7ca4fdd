package admin

import "storefront/store"

// TranslationsImportPage is the answer to a translations CSV upload: what
// was imported and the rows skipped, or why the file was refused, with the
// upload form again.
type TranslationsImportPage struct {
	Shell   Shell
	Result  *store.TranslationImport // nil when the file was refused
	Error   string                   // translated reason the file was refused
	Locales []string                 // the languages a file may carry
}

// maxSkippedShown bounds the skipped rows listed on the page; a file of
// ten thousand bad rows is summarised, not printed.
const maxSkippedShown = 200
