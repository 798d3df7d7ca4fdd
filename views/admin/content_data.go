package admin

import (
	"encoding/hex"
	"slices"
	"strings"

	"storefront/store"
)

// TrName is the form field of field's translation into locale, such as
// "title_zh" or "option1:Red_zh", named as langFields names them.
func TrName(locale, field string) string { return field + "_" + locale }

// OptionValues is the distinct values of option i in the form's rows, in
// the rows' order: each is translated once.
func (f ProductForm) OptionValues(i int) []string {
	var out []string
	for _, v := range f.Variants {
		if o := v.Options[i]; !v.Remove && o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// Untranslated lists the locales of others that a text of the form has no
// translation into: the form says so above its fields.
func (f ProductForm) Untranslated(others []string) []string {
	p := store.Product{Title: f.Title, Description: f.Description, Tr: f.Tr}
	for i := range f.NamedOptions() {
		p.OptionNames = append(p.OptionNames, f.OptionNames[i])
	}
	for _, row := range f.Variants {
		if !row.Remove {
			p.Variants = append(p.Variants, store.Variant{Options: row.Options})
		}
	}
	var out []string
	for _, l := range others {
		if p.MissingTranslation([]string{l}) {
			out = append(out, l)
		}
	}
	return out
}

// trID is the id of a translation input, unique on the page; the field is
// hex-encoded because an option value may hold spaces.
func trID(locale, field string) string {
	return "tr-" + locale + "-" + hex.EncodeToString([]byte(field))
}

// SplitTags reads "linen, summer" (ASCII or Chinese commas) into tags,
// each once.
func SplitTags(s string) []string {
	var tags []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// tagLocales are the languages a product's form translates its tags into:
// the shop's others, and its own once a tag has a text in it. A tag is a
// key, written in the language the texts were first kept in; after the
// owner moved the texts to another (store.ChangeContentLocale), a tag's
// label in the new one is edited here, and kept by a save.
func tagLocales(p ProductEditPage) []string {
	for _, t := range SplitTags(p.Form.Tags) {
		if p.Form.Tr[store.TagField(t)][p.Locale] != "" {
			return append([]string{p.Locale}, p.Others...)
		}
	}
	return p.Others
}
