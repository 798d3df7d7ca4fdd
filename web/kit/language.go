package kit

import (
	"cmp"
	"net/http"

	"storefront/i18n"
	"storefront/views"
)

// LocalURL is the absolute URL of the storefront path p in the request's
// language (i18n.Path): /zh-cn/products/x on a Chinese page.
func (d *Deps) LocalURL(r *http.Request, p string) string {
	return d.AbsURL(r, i18n.Path(r.Context(), p))
}

// languageMeta gives an indexable page its canonical URL in its own
// language and a hreflang alternate per language, plus x-default: the
// unprefixed URL, which picks the language by the browser's. A page
// whose handler set an absolute Canonical of its own keeps it as it is.
func (d *Deps) languageMeta(r *http.Request, meta views.Meta, def string) views.Meta {
	if meta.NoIndex || (meta.Canonical != "" && meta.CanonicalPath == "") {
		return meta
	}
	p := cmp.Or(meta.CanonicalPath, r.URL.Path)
	def = cmp.Or(i18n.Default(r.Context()), i18n.Normalize(def))
	meta.Canonical = d.AbsURL(r, i18n.LocalePath(i18n.Locale(r.Context()), def, p))
	meta.Alternates = nil
	for _, loc := range i18n.Supported {
		meta.Alternates = append(meta.Alternates, views.Alternate{HrefLang: i18n.HrefLang(loc), URL: d.AbsURL(r, i18n.LocalePath(loc, def, p))})
	}
	meta.Alternates = append(meta.Alternates, views.Alternate{HrefLang: "x-default", URL: d.AbsURL(r, p)})
	return meta
}

// InOrderCurrency is r with its amounts in currency, an order's: a page
// about an order (or its returns) shows what was charged and refunded,
// whatever the shop sells in since (i18n.Money).
func InOrderCurrency(r *http.Request, currency string) *http.Request {
	ctx := r.Context()
	return r.WithContext(i18n.WithLocale(ctx, i18n.Locale(ctx), currency))
}
