package admin

import (
	"context"

	"storefront/i18n"
)

// TextsLocaleField is the form field that says which language a form's
// default texts were in when it was opened (langFields writes it).
const TextsLocaleField = "texts_locale"

type textsMovedKey struct{}

// WithTextsMoved marks a request whose form was opened with its texts in
// from, before the content language became to.
func WithTextsMoved(ctx context.Context, from, to string) context.Context {
	return context.WithValue(ctx, textsMovedKey{}, [2]string{from, to})
}

// conflictText is a refused form's message, key with args: or, when the
// content language changed since the form was opened (WithTextsMoved),
// that, which is why its versions moved on.
func conflictText(ctx context.Context, key string, args ...any) string {
	if moved, ok := ctx.Value(textsMovedKey{}).([2]string); ok {
		return i18n.T(ctx, "admin.form.texts_moved", i18n.T(ctx, "content.lang."+moved[1]))
	}
	return i18n.T(ctx, key, args...)
}
