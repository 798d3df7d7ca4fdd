package store

import (
	"context"
	"database/sql"
	"unicode/utf8"
)

// FieldAlt is an image's alt text in the translations table (entity
// EntityImageText). The default language's alt stays in images.alt, which
// the Shopify CSV carries.
const FieldAlt = "alt"

// AltText is the image's alt text in every language.
func (im Image) AltText() Text { return Text{Default: im.Alt, Tr: im.AltTr} }

// In is the image with its alt text in locale.
func (im Image) In(locale string) Image {
	im.Alt = im.AltText().In(locale)
	return im
}

// ImagesIn is images with their alt texts in locale, a new slice (a
// memoized product's images are shared).
func ImagesIn(images []Image, locale string) []Image {
	out := make([]Image, len(images))
	for i, im := range images {
		out[i] = im.In(locale)
	}
	return out
}

// imageAlts is the alt translations of images ids (id → locale → value)
// in one query; ids of 0 (no image) are skipped.
func imageAlts(ctx context.Context, query queryFunc, ids []int64) (map[int64]map[string]string, error) {
	var want []int64
	for _, id := range ids {
		if id != 0 {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	tr, err := loadTranslations(ctx, query, EntityImageText, want)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]map[string]string, len(tr))
	for id, fields := range tr {
		out[id] = fields[FieldAlt]
	}
	return out, nil
}

// checkAlt trims every language of alt and refuses one longer than
// MaxImageAltLen, on the field "alt" (the default) or "alt_" + locale.
func checkAlt(alt Text) (Text, error) {
	out := Text{Default: TrimText(alt.Default)}
	if alt.Tr != nil {
		out.Tr = map[string]string{}
	}
	errs := map[string]string{}
	if utf8.RuneCountInString(out.Default) > MaxImageAltLen {
		errs["alt"] = "error.too_long"
	}
	for l, v := range alt.Tr {
		out = out.With(l, v)
		if utf8.RuneCountInString(out.Tr[l]) > MaxImageAltLen {
			errs["alt_"+l] = "error.too_long"
		}
	}
	if len(errs) > 0 {
		return out, &ValidationError{Fields: errs}
	}
	return out, nil
}

// copyImageAlts gives image to the alt translations of image from, inside
// tx: a duplicated product's gallery reads the same in every language.
func copyImageAlts(ctx context.Context, tx *sql.Tx, from, to int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO translations (entity, entity_id, field, locale, value)
		SELECT entity, ?, field, locale, value FROM translations WHERE entity = ? AND entity_id = ?`, to, EntityImageText, from)
	return err
}
