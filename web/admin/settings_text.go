package admin

import (
	"net/http"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// The settings page edits the shopper-facing texts (the shop's name and
// description, the payment instructions, each shipping method's name) in
// every language side by side: the default language in the field of its
// own name, another language in "<field>_<locale>" (adminviews.TrName).

// localesBesides are the languages the shop offers besides def, its
// default.
func localesBesides(def string) []string {
	var out []string
	for _, l := range i18n.Supported {
		if l != def {
			out = append(out, l)
		}
	}
	return out
}

// postedFormTexts is the translations of fields a settings form posted
// into the shop's other languages (field → locale → value); nil, which
// keeps the stored ones, when the form had none of those fields.
func postedFormTexts(r *http.Request, others []string, fields ...string) store.Texts {
	var tr store.Texts
	for _, f := range fields {
		for _, l := range others {
			if vals, ok := r.PostForm[adminviews.TrName(l, f)]; ok && len(vals) > 0 {
				if tr == nil {
					tr = store.Texts{}
				}
				tr = tr.Set(f, l, vals[0])
			}
		}
	}
	return tr
}

// settingTexts is what a form shows of the stored translations of keys.
func settingTexts(st store.Settings, keys ...string) store.Texts {
	tr := store.Texts{}
	for _, k := range keys {
		tr[k] = st.Text(k).Tr
	}
	return tr
}
