package i18n

// enContent is the English text of editing merchant content in every language.
var enContent = map[string]string{
	// Catalog content.
	"content.lang.en":            "English",
	"content.lang.zh":            "Chinese",
	"content.field_in":           "%s (%s)",
	"content.fallback_hint":      "Left blank, shoppers reading %s see the %s text.",
	"content.missing":            "Needs translation",
	"content.missing_note":       "Some texts have no %[1]s translation yet: shoppers reading %[1]s see the %[2]s text there.",
	"content.option_values":      "Option values in %s",
	"content.option_values_hint": "Translate each value once; every variant with it uses the translation. A value you have just added appears here after saving.",
	// Tags.
	"content.tags_in": "Tags in %s",
	// Translations CSV.
	"content.trcsv.title":           "Translations CSV",
	"content.trcsv.hint":            "Download every product's and collection's texts with their translations, one per line. Fill in the Value column in a spreadsheet and upload the file: an empty value removes a translation, and texts the file leaves out keep theirs.",
	"content.trcsv.export":          "Export translations",
	"content.trcsv.export_products": "Export products (Shopify CSV)",
	"content.trcsv.file":            "Translations CSV file",
	"content.trcsv.import":          "Import translations",
	"content.trcsv.back":            "Back to products",
	"content.trcsv.done":            "Translations changed: %[3]d (products: %[1]d, collections: %[2]d).",
	"content.trcsv.skipped":         "%d rows skipped",
	"content.trcsv.skipped_one":     "%d row skipped",
	"content.trcsv.more":            "… and %d more.",
	"content.trcsv.skip.type":       "Line %[1]d (%[2]s): unknown type “%[3]s”; write product or collection.",
	"content.trcsv.skip.handle":     "Line %[1]d: no product or collection has the handle “%[2]s”.",
	"content.trcsv.skip.field":      "Line %[1]d (%[2]s): “%[3]s” is not a text of this product or collection that can be translated.",
	"content.trcsv.skip.locale":     "Line %[1]d (%[2]s): “%[3]s” is not one of the shop's translation languages (%[4]s).",
	"content.trcsv.skip.too_long":   "Line %[1]d (%[2]s): the %[3]s translation is too long.",
	"content.trcsv.skip.twice":      "Line %[1]d (%[2]s): %[3]s appears twice; the first is kept.",
	"content.trcsv.skip.not_saved":  "Line %[1]d (%[2]s): not saved because of an error; nothing of this product or collection was changed. Try again.",
	"content.trcsv.skip.same":       "Line %[1]d (%[2]s): the %[3]s translation reads the same as another value of that option, so shoppers couldn’t tell them apart. Give each value its own translation.",
	"content.trcsv.error.missing":   "Choose a translations CSV file to upload.",
	"content.trcsv.error.too_large": "The file is larger than %d MB.",
	"content.trcsv.error.column":    "This is not a translations CSV: it needs the columns Type, Handle, Field, Locale and Value, and %s is missing.",
	"content.trcsv.error.empty":     "The file is empty.",
	"content.trcsv.error.syntax":    "The file cannot be read as CSV at line %d (a quote may not be closed). Nothing was imported.",
}
