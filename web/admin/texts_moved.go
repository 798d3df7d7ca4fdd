package admin

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// placeMovedTexts reads a form opened before the content language
// changed as the shop now keeps its texts. Its defaults are in the old
// language and its translations into the new one beside them; the change
// swapped each text with such a translation (store.ChangeContentLocale),
// so the form's are swapped the same way: the posted translation becomes
// the default and the posted default the translation into the old
// language. A text without one stays the default, as the change kept it.
// The save is then refused all the same (the change moved every version
// on) and the form shown again with the texts where they now belong, and
// a message that says why (adminviews.WithTextsMoved). Read as posted, its
// old-language texts would go down as the new language's, and saved again
// from that form the new language's would be lost.
func (h *Handler) placeMovedTexts(r *http.Request) (*http.Request, error) {
	from := r.PostForm.Get(adminviews.TextsLocaleField)
	if from == "" {
		return r, nil
	}
	st, err := h.Store.Settings(r.Context())
	if err != nil || from == st.ContentLocale {
		return r, err
	}
	to := st.ContentLocale
	forms := []url.Values{r.PostForm, r.Form}
	if r.MultipartForm != nil {
		forms = append(forms, r.MultipartForm.Value)
	}
	for _, form := range forms {
		swapTexts(form, from, to)
		swapOptions(form, from, to)
	}
	return r.WithContext(adminviews.WithTextsMoved(r.Context(), from, to)), nil
}

// swapTexts swaps each default text of form that has a translation into
// to with it, the default becoming the translation into from.
func swapTexts(form url.Values, from, to string) {
	var names []string
	for name := range form {
		if base, ok := strings.CutSuffix(name, "_"+to); ok && form.Has(base) && strings.TrimSpace(form.Get(name)) != "" {
			names = append(names, base)
		}
	}
	for _, base := range names {
		def, tr := form.Get(base), form.Get(adminviews.TrName(to, base))
		form.Set(base, tr)
		form.Set(adminviews.TrName(from, base), def)
		form.Del(adminviews.TrName(to, base))
	}
	form.Set(adminviews.TextsLocaleField, to)
}

// variantOption is a variant row's value of an option in the product
// form (adminviews.Field(row, "optionN")).
var variantOption = regexp.MustCompile(`^v[0-9]+_(option[123])$`)

// swapOptions swaps the product form's options as the change swapped the
// stored ones: a name posted as optionN_name with its translation into to
// (store.OptionNameField), and each value with one (store.OptionValueField)
// in every variant row, its translation then keyed by the new value. An
// option whose values would no longer be told apart keeps them, as the
// change keeps it (store's swapOptionValues).
func swapOptions(form url.Values, from, to string) {
	for i := range 3 {
		option := store.OptionNameField(i)
		if tr := form.Get(adminviews.TrName(to, option)); strings.TrimSpace(tr) != "" && form.Has(option+"_name") {
			form.Set(adminviews.TrName(from, option), form.Get(option+"_name"))
			form.Set(option+"_name", tr)
			form.Del(adminviews.TrName(to, option))
		}
		renamed := map[string]string{}
		for name := range form {
			value, ok := strings.CutPrefix(name, option+":")
			if value, ok = strings.CutSuffix(value, "_"+to); ok && strings.TrimSpace(form.Get(name)) != "" {
				renamed[value] = form.Get(name)
			}
		}
		var rows []string
		reads := map[string]string{} // what each value posted reads as, once renamed
		for name := range form {
			if m := variantOption.FindStringSubmatch(name); m != nil && m[1] == option {
				rows = append(rows, name)
				v := form.Get(name)
				reads[v] = v
				if tr, ok := renamed[v]; ok {
					reads[v] = tr
				}
			}
		}
		seen := map[string]bool{}
		clash := false
		for _, r := range reads {
			clash = clash || seen[r]
			seen[r] = true
		}
		if len(renamed) == 0 || clash {
			continue
		}
		for _, name := range rows {
			form.Set(name, reads[form.Get(name)])
		}
		for value, tr := range renamed {
			form.Del(adminviews.TrName(to, store.OptionValueField(i, value)))
			form.Set(adminviews.TrName(from, store.OptionValueField(i, tr)), value)
		}
	}
}
