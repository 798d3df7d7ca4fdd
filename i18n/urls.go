package i18n

import (
	"context"
	"strings"
)

// Each language has its own URLs so that search engines index both: the
// shop's default language is served unprefixed, every other language under
// its URL tag as a path prefix (/zh-cn/products/{slug}, or /en/… when
// Chinese is the default).
var urlTags = map[string]string{"en": "en", "zh": "zh-cn"}

// URLTag is locale's path prefix, without slashes: "en" or "zh-cn".
func URLTag(locale string) string { return urlTags[Normalize(locale)] }

// HrefLang is locale's tag for hreflang alternates and the sitemap. The
// Chinese text is Simplified Chinese for readers anywhere, not for those in
// mainland China alone, so it is tagged by its script (zh-Hans), the way
// BCP 47 names it and search engines accept, rather than by a region.
func HrefLang(locale string) string {
	if Normalize(locale) == "zh" {
		return "zh-Hans"
	}
	return "en"
}

// SplitPath recognises a language prefix: "/zh-cn/products/x" is "zh" and
// "/products/x", and "/zh-cn" alone is that language's home. ok is false
// when p starts with no language's URL tag.
func SplitPath(p string) (locale, rest string, ok bool) {
	for _, loc := range Supported {
		tag := "/" + urlTags[loc]
		if p == tag {
			return loc, "/", true
		}
		if strings.HasPrefix(p, tag+"/") {
			return loc, p[len(tag):], true
		}
	}
	return "", p, false
}

// LocalePath is the path p (unprefixed, with any query) as served in
// locale by a shop whose default language is def.
func LocalePath(locale, def, p string) string {
	if locale == def {
		return p
	}
	return "/" + URLTag(locale) + p
}

type defaultKey struct{}

// WithDefault returns ctx knowing the shop's default language, which Path
// needs to tell which language is served unprefixed.
func WithDefault(ctx context.Context, def string) context.Context {
	return context.WithValue(ctx, defaultKey{}, Normalize(def))
}

// Default is the shop's default language that WithDefault put in ctx, ""
// when none did (text made outside a request).
func Default(ctx context.Context) string {
	def, _ := ctx.Value(defaultKey{}).(string)
	return def
}

// Path is the storefront path p in the context's language: a link on a
// Chinese page stays on the Chinese pages. Without a default language in
// ctx, p is left as it is.
func Path(ctx context.Context, p string) string {
	def := Default(ctx)
	if def == "" {
		return p
	}
	return LocalePath(Locale(ctx), def, p)
}
