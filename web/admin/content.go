package admin

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// shopLocales is the shop's default language and the others, the ones the
// admin translates merchant content into.
func (h *Handler) shopLocales(ctx context.Context) (def string, others []string) {
	st, err := h.Store.Settings(ctx)
	if err != nil {
		h.Log.Error("settings", "err", err)
	}
	def = st.ContentLocale
	if def == "" {
		def = i18n.Supported[0]
	}
	return def, localesBesides(def)
}

// postedTexts reads the posted translations as typed, so a form shown
// again keeps each language's values: every "<field>_<locale>" of a
// supported locale whose field is a title, a description or an option's
// name or value (adminviews.TrName).
func postedTexts(r *http.Request) store.Texts {
	tr := store.Texts{}
	for name, vals := range r.PostForm {
		i := strings.LastIndexByte(name, '_')
		if i < 0 || len(vals) == 0 || !slices.Contains(i18n.Supported, name[i+1:]) || !translatable(name[:i]) {
			continue
		}
		tr = tr.Set(name[:i], name[i+1:], vals[0])
	}
	return tr
}

// translatable reports whether field names a catalog text the forms
// translate.
func translatable(field string) bool {
	switch field {
	case store.FieldTitle, store.FieldDescription, store.FieldSEOTitle, store.FieldSEODescription:
		return true
	}
	if strings.HasPrefix(field, store.TagField("")) {
		return true
	}
	for i := range 3 {
		if field == store.OptionNameField(i) || strings.HasPrefix(field, store.OptionNameField(i)+":") {
			return true
		}
	}
	return false
}

// productTexts is the translations the product form saves: only the
// shop's other languages and the texts the product has (its title,
// description, SEO texts, named options and their values), so a tampered or stale
// field never leaves an orphan. Nil, leaving the stored ones alone, when
// the form had no translation fields.
func productTexts(r *http.Request, posted store.Texts, others []string, in store.ProductInput) store.Texts {
	if r.PostFormValue("tr") == "" {
		return nil
	}
	keep := map[string]bool{store.FieldTitle: true, store.FieldDescription: true,
		store.FieldSEOTitle: true, store.FieldSEODescription: true}
	for i := range in.OptionNames {
		keep[store.OptionNameField(i)] = true
		for _, v := range in.Variants {
			keep[store.OptionValueField(i, strings.TrimSpace(v.Options[i]))] = true
		}
	}
	tags := map[string]bool{}
	for _, tag := range in.Tags {
		tags[store.TagField(tag)] = true
	}
	out := keepTexts(posted, others, keep)
	// A tag's label may be in the shop's own language too (tagLocales).
	for field, byLocale := range keepTexts(posted, i18n.Supported, tags) {
		for l, v := range byLocale {
			out = out.Set(field, l, v)
		}
	}
	return out
}

// collectionTexts is the translations the collection form saves: each of
// its texts in the shop's other languages that the form offered, a blank
// one as "" so that the store removes it. A text the form did not offer (a
// form opened before it had the field) is left out and keeps its
// translations. Nil (leave them all) when the form had no translation
// fields.
func (h *Handler) collectionTexts(r *http.Request) store.Texts {
	if r.PostFormValue("tr") == "" {
		return nil
	}
	_, others := h.shopLocales(r.Context())
	out := store.Texts{}
	for _, field := range []string{store.FieldTitle, store.FieldDescription, store.FieldSEOTitle, store.FieldSEODescription} {
		for _, l := range others {
			if name := adminviews.TrName(l, field); r.PostForm.Has(name) {
				if out[field] == nil {
					out[field] = map[string]string{}
				}
				out[field][l] = r.PostForm.Get(name)
			}
		}
	}
	return out
}

// keepTexts is tr limited to the locales of others and the fields keep.
func keepTexts(tr store.Texts, others []string, keep map[string]bool) store.Texts {
	out := store.Texts{}
	for field, byLocale := range tr {
		if !keep[field] {
			continue
		}
		for l, v := range byLocale {
			if slices.Contains(others, l) {
				out = out.Set(field, l, v)
			}
		}
	}
	return out
}

// untranslatedRows marks the product list's rows that miss a translation.
func (h *Handler) untranslatedRows(ctx context.Context, rows []store.AdminProductRow) map[int64]bool {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	_, others := h.shopLocales(ctx)
	marks, err := h.Store.UntranslatedProducts(ctx, ids, others)
	if err != nil {
		h.Log.Error("untranslated products", "err", err) // only a badge is lost
	}
	return marks
}
