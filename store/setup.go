package store

import (
	"context"
	"database/sql"
	"strings"
)

// SetupInput is what the first-run page (or a script) gives to open a
// shop: its profile, how it is reached and paid, and the owner's account.
type SetupInput struct {
	StoreName string
	Currency  string
	Locale    string
	// Address is where the shop is; local pickup is offered only with one.
	Address string
	// PublicURL is the shop's public address (links in emails, canonical
	// URLs), proposed from the setup request and confirmed by the owner.
	PublicURL string
	// BankTransferInstructions are the bank details shoppers pay to; bank
	// transfer stays off without them.
	BankTransferInstructions string
	Owner                    StaffInput
}

// Validate checks every field at once, so the form can show all problems.
func (in *SetupInput) Validate() error {
	v := &ValidationError{}
	in.StoreName = TrimText(in.StoreName)
	in.Address = TrimText(strings.ReplaceAll(in.Address, "\r\n", "\n"))
	in.BankTransferInstructions = TrimText(strings.ReplaceAll(in.BankTransferInstructions, "\r\n", "\n"))
	if n, ok := NormalizePublicURL(in.PublicURL); ok {
		in.PublicURL = n
	}
	for field, msg := range map[string]string{
		"store_name":                    checkStoreName(in.StoreName),
		"currency":                      checkCurrency(in.Currency),
		"locale":                        checkLocale(in.Locale),
		SettingAddress:                  checkLen(maxAddressLen)(in.Address),
		SettingPublicURL:                checkPublicURL(in.PublicURL),
		SettingBankTransferInstructions: checkLen(maxInstructionsLen)(in.BankTransferInstructions),
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
// staff yet; otherwise ErrConflict, and nothing changes), saves the
// store's profile and gives it what it needs to sell (shopDefaults), all
// in one transaction. The audit entry records the settings.
func (s *Store) Setup(ctx context.Context, actor Actor, in SetupInput) (*Staff, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	settings := map[string]string{
		SettingStoreName: in.StoreName,
		SettingCurrency:  in.Currency,
		SettingLocale:    in.Locale,
		SettingAddress:   in.Address,
		SettingPublicURL: in.PublicURL,
	}
	if in.BankTransferInstructions != "" {
		settings[SettingBankTransferInstructions] = in.BankTransferInstructions
		settings[SettingBankTransferEnabled] = "1"
	}
	return s.createFirstOwner(ctx, actor, in.Owner, settings)
}

// defaultShipping is what a new shop charges for standard shipping, per
// currency, in minor units: about what a small parcel costs at home.
var defaultShipping = map[string]int64{
	"USD": 500, "EUR": 500, "GBP": 400, "CNY": 1000, "HKD": 4000, "TWD": 10000, "SGD": 600,
	"AUD": 1000, "CAD": 1000, "NZD": 1000, "CHF": 700, "JPY": 600, "KRW": 4000,
}

// defaultShippingNames are the default methods' names in each language:
// the shop's language as the default, the others as translations. The
// owner renames them like any other method.
var defaultShippingNames = map[string][2]string{
	"en": {"Standard shipping", "Local pickup"},
	"zh": {"标准配送", "到店自提"},
}

// shopDefaults gives the shop that the first owner opens what it needs to
// take a guest's order: a flat standard rate in its currency and local
// pickup (offered once the shop has an address), and offline payment on.
// A shop that already has shipping methods (the demo's) keeps them, and
// bank transfer stays off until it has bank details, so that no shopper is
// told to pay into an account nobody named.
func (s *Store) shopDefaults(ctx context.Context, tx *sql.Tx) (map[string]any, error) {
	values, err := settingValues(ctx, tx)
	if err != nil {
		return nil, err
	}
	done := map[string]any{}
	if values[SettingBankTransferInstructions] == "" && values[SettingBankTransferEnabled] == "1" {
		// Written without a new section version: the guide reads a saved
		// payments section as the owner's choice, and this is not one.
		if err := writeSetting(ctx, tx, SettingBankTransferEnabled, "0"); err != nil {
			return nil, err
		}
		done[SettingBankTransferEnabled] = "0"
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM shipping_methods`).Scan(&n); err != nil || n > 0 {
		return done, err
	}
	locale := values[SettingLocale]
	if _, ok := defaultShippingNames[locale]; !ok {
		locale = "en"
	}
	name := func(i int) Text {
		t := Plain(defaultShippingNames[locale][i])
		for l, names := range defaultShippingNames {
			if l != locale {
				t = t.With(l, names[i])
			}
		}
		return t
	}
	now := s.Now().Unix()
	for i, m := range []ShippingMethodInput{
		{Name: name(0), Kind: ShippingFlat, Price: defaultShipping[values[SettingCurrency]], Active: true},
		{Name: name(1), Kind: ShippingPickup, Active: true},
	} {
		var id int64
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO shipping_methods (name, kind, price, active, position, created_at, updated_at)
			VALUES (?, ?, ?, 1, ?, ?, ?) RETURNING id`, m.Name.Default, m.Kind, m.Price, i+1, now, now).Scan(&id); err != nil {
			return nil, err
		}
		if err := saveTranslations(ctx, tx, EntityShippingText, id, map[string]Text{"name": m.Name}); err != nil {
			return nil, err
		}
		done["shipping."+m.Kind] = map[string]any{"name": m.Name.Default, "price": m.Price}
	}
	return done, nil
}
