package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// Settings are the store-wide choices the owner makes.
type Settings struct {
	StoreName   string
	Description string
	Currency    string // ISO 4217 code, one of Currencies
	Locale      string // default UI locale: "en" or "zh"
	Theme       string // name of an embedded theme
}

// The settings table's keys.
const (
	SettingStoreName   = "store_name"
	SettingDescription = "store_description"
	SettingCurrency    = "currency"
	SettingLocale      = "locale"
	SettingTheme       = "theme"
)

func defaultSettings() map[string]string {
	return map[string]string{
		SettingStoreName:   "Storefront",
		SettingDescription: "",
		SettingCurrency:    "USD",
		SettingLocale:      "en",
		SettingTheme:       "classic",
	}
}

type settingsCache struct{ p atomic.Pointer[Settings] }

// Settings returns the current settings, with defaults for unset keys. They
// are read on every page, so they are cached until the next SetSetting.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	if p := s.settings.p.Load(); p != nil {
		return *p, nil
	}
	m := defaultSettings()
	rows, err := s.query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return Settings{}, fmt.Errorf("settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return Settings{}, fmt.Errorf("settings: %w", err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return Settings{}, fmt.Errorf("settings: %w", err)
	}
	st := Settings{
		StoreName:   m[SettingStoreName],
		Description: m[SettingDescription],
		Currency:    m[SettingCurrency],
		Locale:      m[SettingLocale],
		Theme:       m[SettingTheme],
	}
	s.settings.p.Store(&st)
	return st, nil
}

// SetSetting stores one setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if _, ok := defaultSettings()[key]; !ok {
		return fmt.Errorf("unknown setting %q", key)
	}
	if key == SettingCurrency {
		if _, ok := Currencies[value]; !ok {
			return &ValidationError{Fields: map[string]string{"currency": "error.currency"}}
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	s.settings.p.Store(nil)
	s.bumpCatalog()
	return nil
}
