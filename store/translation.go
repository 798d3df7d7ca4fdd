package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Text is a piece of merchant content with a value per language the shop
// offers: Default in the shop's default language, kept in the entity's own
// column (what queries, sorting, the Shopify export and every fallback
// read), and translations into the other languages by locale. A language
// without a translation shows the default.
type Text struct {
	Default string
	Tr      map[string]string // locale → value; never holds the default language
}

// Plain is a Text with no translations.
func Plain(s string) Text { return Text{Default: s} }

// In is the text in locale, or the default when it has no translation.
func (t Text) In(locale string) string {
	if v := t.Tr[locale]; v != "" {
		return v
	}
	return t.Default
}

// Missing lists the locales of others that have no translation while the
// default has a value: what the admin marks as still to translate.
func (t Text) Missing(others []string) []string {
	if strings.TrimSpace(t.Default) == "" {
		return nil
	}
	var out []string
	for _, l := range others {
		if strings.TrimSpace(t.Tr[l]) == "" {
			out = append(out, l)
		}
	}
	return out
}

// With returns t with locale's value set (trimmed; "" removes it).
func (t Text) With(locale, value string) Text {
	tr := make(map[string]string, len(t.Tr)+1)
	for l, v := range t.Tr {
		tr[l] = v
	}
	if value = TrimText(value); value == "" {
		delete(tr, locale)
	} else {
		tr[locale] = value
	}
	return Text{Default: t.Default, Tr: tr}
}

// Translation entities: the entity column of the translations table.
const (
	EntityProductText    = "product"
	EntityVariantText    = "variant"
	EntityCollectionText = "collection"
	EntityShippingText   = "shipping_method"
	EntitySettingText    = "setting"
	EntityImageText      = "image" // a product image's alt text (FieldAlt)
)

// translations maps an entity id to its fields' translations by locale.
type translations map[int64]map[string]map[string]string

// text is field of id as a Text with def as its default value.
func (tr translations) text(id int64, field, def string) Text {
	return Text{Default: def, Tr: tr[id][field]}
}

// loadTranslations reads every translation of entity for ids (all ids
// when ids is nil) through query: the read pool's cached statements, or a
// transaction's connection.
func loadTranslations(ctx context.Context, query queryFunc, entity string, ids []int64) (translations, error) {
	return loadTranslationsWhere(ctx, query, entity, ids, "")
}

// loadTranslationsWhere is loadTranslations of the fields that where (an
// SQL condition on field, "" for all) picks.
func loadTranslationsWhere(ctx context.Context, query queryFunc, entity string, ids []int64, where string) (translations, error) {
	q := `SELECT entity_id, field, locale, value FROM translations WHERE entity = ?`
	if where != "" {
		q += ` AND (` + where + `)`
	}
	args := []any{entity}
	if ids != nil {
		if len(ids) == 0 {
			return translations{}, nil
		}
		in, idArgs := inList(ids)
		q += ` AND entity_id IN ` + in
		args = append(args, idArgs...)
	}
	rows, err := query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("load %s translations: %w", entity, err)
	}
	defer rows.Close()
	out := translations{}
	for rows.Next() {
		var id int64
		var field, locale, value string
		if err := rows.Scan(&id, &field, &locale, &value); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[string]map[string]string{}
		}
		if out[id][field] == nil {
			out[id][field] = map[string]string{}
		}
		out[id][field][locale] = value
	}
	return out, rows.Err()
}

// saveTranslations replaces the translations of the given fields of one
// entity inside tx: a field whose Text has no translation for a locale
// loses the old one.
func saveTranslations(ctx context.Context, tx *sql.Tx, entity string, id int64, fields map[string]Text) error {
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names) // a stable order of writes
	for _, f := range names {
		if _, err := tx.ExecContext(ctx, `DELETE FROM translations WHERE entity = ? AND entity_id = ? AND field = ?`, entity, id, f); err != nil {
			return fmt.Errorf("save %s %d %s: %w", entity, id, f, err)
		}
		for locale, value := range fields[f].Tr {
			if value = TrimText(value); value == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO translations (entity, entity_id, field, locale, value) VALUES (?, ?, ?, ?, ?)`,
				entity, id, f, locale, value); err != nil {
				return fmt.Errorf("save %s %d %s: %w", entity, id, f, err)
			}
		}
	}
	return nil
}

// deleteTranslations removes every translation of one entity inside tx,
// when the entity itself is deleted.
func deleteTranslations(ctx context.Context, tx *sql.Tx, entity string, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM translations WHERE entity = ? AND entity_id = ?`, entity, id)
	return err
}

// putTranslation sets one translation inside tx: value in locale of field
// of one entity, or, for "", none.
func putTranslation(ctx context.Context, tx *sql.Tx, entity string, id int64, field, locale, value string) error {
	var err error
	if value == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM translations WHERE entity = ? AND entity_id = ? AND field = ? AND locale = ?`,
			entity, id, field, locale)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO translations (entity, entity_id, field, locale, value) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (entity, entity_id, field, locale) DO UPDATE SET value = excluded.value`, entity, id, field, locale, value)
	}
	if err != nil {
		return fmt.Errorf("put %s %d %s %s: %w", entity, id, field, locale, err)
	}
	return nil
}
