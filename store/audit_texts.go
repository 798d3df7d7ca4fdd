package store

import (
	"context"
	"database/sql"
)

// The audit log keeps a text's translations beside its default value,
// each under field.locale ("title.zh"), as it does for settings and
// shipping methods: the Chinese title is what Chinese shoppers read, and a
// change to it must show as plainly as one to the English.

// withTranslations adds the translations entity id has stored now to the
// audit values a, and returns a.
func withTranslations(ctx context.Context, tx *sql.Tx, entity string, id int64, a map[string]any) (map[string]any, error) {
	tr, err := loadTranslations(ctx, tx.QueryContext, entity, []int64{id})
	if err != nil {
		return nil, err
	}
	for field, byLocale := range tr[id] {
		for locale, value := range byLocale {
			a[field+"."+locale] = value
		}
	}
	return a, nil
}

// settingTextsAudit is what the audit log keeps of texts kept as
// settings (an information page, the return texts), as stored now: names
// maps each setting key to the name the entry gives it.
func settingTextsAudit(ctx context.Context, tx *sql.Tx, names map[string]string) (map[string]any, error) {
	tr, err := loadTranslations(ctx, tx.QueryContext, EntitySettingText, []int64{0})
	if err != nil {
		return nil, err
	}
	a := map[string]any{}
	for key, name := range names {
		var value string
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')`, key).Scan(&value); err != nil {
			return nil, err
		}
		a[name] = value
		for locale, t := range tr[0][key] {
			a[name+"."+locale] = t
		}
	}
	return a, nil
}
