package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SetupInput is what the first-run page (or a script) gives to open a
// shop: its profile and the owner's account.
type SetupInput struct {
	StoreName string
	Currency  string
	Locale    string
	Owner     StaffInput
}

// Validate checks every field at once, so the form can show all problems.
func (in *SetupInput) Validate() error {
	v := &ValidationError{}
	in.StoreName = strings.TrimSpace(in.StoreName)
	if in.StoreName == "" {
		v.Add("store_name", "error.required")
	} else if utf8.RuneCountInString(in.StoreName) > maxNameLen {
		v.Add("store_name", "error.too_long")
	}
	if _, ok := Currencies[in.Currency]; !ok {
		v.Add("currency", "error.currency")
	}
	if in.Locale != "en" && in.Locale != "zh" {
		v.Add("locale", "error.locale")
	}
	in.Owner.Role = RoleOwner
	if err, ok := in.Owner.Validate().(*ValidationError); ok && err != nil {
		for f, msg := range err.Fields {
			v.Add(f, msg)
		}
	}
	return v.Err()
}

// Setup opens a fresh shop: it creates the owner (only if there is no
// staff yet; otherwise ErrConflict, and nothing changes) and then saves the
// store's name, currency and locale. The audit entry records both.
func (s *Store) Setup(ctx context.Context, actor Actor, in SetupInput) (*Staff, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	settings := map[string]string{
		SettingStoreName: in.StoreName,
		SettingCurrency:  in.Currency,
		SettingLocale:    in.Locale,
	}
	owner, err := s.createFirstOwner(ctx, actor, in.Owner, settings)
	if err != nil {
		return nil, err
	}
	// The settings follow the owner rather than share its transaction, so
	// that only the setup that won the race writes them.
	for _, k := range []string{SettingStoreName, SettingCurrency, SettingLocale} {
		if err := s.SetSetting(ctx, k, settings[k]); err != nil {
			return owner, fmt.Errorf("setup: %w", err)
		}
	}
	return owner, nil
}
