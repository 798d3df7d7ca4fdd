package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// translatableSettings are the settings a shopper reads, which have a
// value per language: the default in the settings table, the others in
// the translations table (entity "setting", entity id 0, field the key).
var translatableSettings = map[string]bool{
	SettingStoreName:                true,
	SettingDescription:              true,
	SettingBankTransferInstructions: true,
	SettingCODInstructions:          true,
	SettingHeroCTALabel:             true,
	SettingPickupHours:              true,
}

// settingText reports whether key holds a Text in the settings' snapshot:
// a translatable setting, or an information page's title or body, which
// are kept the same way and saved by their own form (SaveInfoPage).
func settingText(key string) bool { return translatableSettings[key] || infoPageKeys[key] }

// Inside the settings code a translation travels as one more value of the
// settings map, under "key.locale": updateSettings then compares, writes
// and audits it like any other value. A locale has no dot; an information
// page's key does ("page.about.title").
func trKey(key, locale string) string { return key + "." + locale }

func splitTrKey(k string) (key, locale string, ok bool) {
	i := strings.LastIndexByte(k, '.')
	if i < 0 {
		return "", "", false
	}
	key, locale = k[:i], k[i+1:]
	return key, locale, settingText(key)
}

// addSettingTranslations puts the settings' translations into values
// under their "key.locale" names.
func addSettingTranslations(ctx context.Context, query queryFunc, values map[string]string) error {
	tr, err := loadTranslations(ctx, query, EntitySettingText, []int64{0})
	if err != nil {
		return err
	}
	for key, byLocale := range tr[0] {
		for locale, v := range byLocale {
			values[trKey(key, locale)] = v
		}
	}
	return nil
}

// settingTexts builds the Texts of the settings that have one
// (settingText) from values. A translation into the language of the
// stored values (Settings.ContentLocale) is left out: the value wins.
func settingTexts(values map[string]string) map[string]Text {
	content := contentLocale(values)
	texts := make(map[string]Text, len(translatableSettings)+len(infoPageKeys))
	for key := range translatableSettings {
		texts[key] = Plain(values[key])
	}
	for key := range infoPageKeys {
		texts[key] = Plain(values[key])
	}
	for k, v := range values {
		key, locale, ok := splitTrKey(k)
		if !ok || locale == content || v == "" {
			continue
		}
		texts[key] = texts[key].With(locale, v)
	}
	return texts
}

// contentLocale is Settings.ContentLocale of the settings values m.
func contentLocale(m map[string]string) string {
	return cmp.Or(m[SettingContentLocale], m[SettingLocale])
}

// Text is a translatable setting (store_name, store_description,
// bank_transfer_instructions, cod_instructions) or an information page's
// title or body in every language; any other key has no Text.
func (st Settings) Text(key string) Text { return st.texts[key] }

// In is st with its shopper-facing texts in locale, the default language
// where they have no translation: what a shopper's pages and emails use.
// The admin keeps the stored values (and Text for the others).
func (st Settings) In(locale string) Settings {
	st.StoreName = st.Text(SettingStoreName).In(locale)
	st.Description = st.Text(SettingDescription).In(locale)
	st.BankTransferInstructions = st.Text(SettingBankTransferInstructions).In(locale)
	st.CODInstructions = st.Text(SettingCODInstructions).In(locale)
	st.HeroCTALabel = st.Text(SettingHeroCTALabel).In(locale)
	st.PickupHours = st.Text(SettingPickupHours).In(locale)
	return st
}

// writeSettingTranslation stores (or, for "", removes) one translation
// inside tx.
func writeSettingTranslation(ctx context.Context, tx *sql.Tx, key, locale, value string) error {
	if value == "" {
		_, err := tx.ExecContext(ctx, `DELETE FROM translations WHERE entity = ? AND entity_id = 0 AND field = ? AND locale = ?`,
			EntitySettingText, key, locale)
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO translations (entity, entity_id, field, locale, value) VALUES (?, 0, ?, ?, ?)
		ON CONFLICT (entity, entity_id, field, locale) DO UPDATE SET value = excluded.value`, EntitySettingText, key, locale, value)
	return err
}

// A settings section carries its texts' values in the other languages as
// Texts: setting key → locale → value ("" for none, so the default shows).

// validateSettingTexts tidies the translations of keys in place and checks
// each one against its key's spec; an empty one is fine (the default
// shows). A problem belongs to the form field "<field>_<locale>".
func validateSettingTexts(v *ValidationError, tr Texts, keys ...string) {
	for _, key := range keys {
		spec := settingSpecs[key]
		for locale, value := range tr[key] {
			field := spec.formField(key) + "_" + locale
			if checkLocale(locale) != "" {
				v.Add(field, "error.locale")
				continue
			}
			value = TrimText(strings.ReplaceAll(value, "\r\n", "\n"))
			tr[key][locale] = value
			if value == "" {
				continue
			}
			if msg := spec.check(value); msg != "" {
				v.Add(field, msg)
			}
		}
	}
}

// applySettingTexts writes the translations of keys over m, which replaces
// every stored translation of those keys: a locale left out loses its
// own. nil keeps them all (a caller that edits only the default
// language). The stored values' language has no translation, so a value
// for it is ignored.
func applySettingTexts(m map[string]string, tr Texts, keys ...string) {
	if tr == nil {
		return
	}
	content := contentLocale(m)
	for _, key := range keys {
		for k := range m {
			if base, _, ok := splitTrKey(k); ok && base == key {
				m[k] = ""
			}
		}
		for locale, value := range tr[key] {
			if locale != content {
				m[trKey(key, locale)] = value
			}
		}
	}
}

// SetSettingTranslation stores one translatable setting's value in locale
// ("" removes it), unaudited like SetSetting: it is for the demo and the
// command line.
func (s *Store) SetSettingTranslation(ctx context.Context, key, locale, value string) error {
	spec, ok := settingSpecs[key]
	if !ok || !translatableSettings[key] {
		return fmt.Errorf("set %s.%s: no translatable setting %q", key, locale, key)
	}
	v, tr := &ValidationError{}, Texts{key: {locale: value}}
	validateSettingTexts(v, tr, key)
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := writeSettingTranslation(ctx, tx, key, locale, tr[key][locale]); err != nil {
			return err
		}
		return bumpSectionVersion(ctx, tx, spec.section)
	})
	if err != nil {
		return fmt.Errorf("set %s.%s: %w", key, locale, err)
	}
	s.invalidateSettings()
	return nil
}
