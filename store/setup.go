package store

import (
	"context"
	"strings"
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
	for field, msg := range map[string]string{
		"store_name": checkStoreName(in.StoreName),
		"currency":   checkCurrency(in.Currency),
		"locale":     checkLocale(in.Locale),
	} {
		if msg != "" {
			v.Add(field, msg)
		}
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
// staff yet; otherwise ErrConflict, and nothing changes) and saves the
// store's name, currency and locale, all in one transaction. The audit
// entry records both.
func (s *Store) Setup(ctx context.Context, actor Actor, in SetupInput) (*Staff, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return s.createFirstOwner(ctx, actor, in.Owner, map[string]string{
		SettingStoreName: in.StoreName,
		SettingCurrency:  in.Currency,
		SettingLocale:    in.Locale,
	})
}
