package i18n

// enContent is the English text of editing merchant content in every language.
var enContent = map[string]string{
	// Catalog content.
	"content.lang.en":            "English",
	"content.lang.zh":            "中文",
	"content.field_in":           "%s (%s)",
	"content.fallback_hint":      "Left blank, shoppers reading %s see the default language.",
	"content.missing":            "Needs translation",
	"content.missing_note":       "Some texts have no %s translation yet: shoppers reading %s see the default language there.",
	"content.option_values":      "Option values in %s",
	"content.option_values_hint": "Translate each value once; every variant with it uses the translation. A value you have just added appears here after saving.",
	// Tags.
	"content.tags_in": "Tags in %s",
}
