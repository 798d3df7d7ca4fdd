package store

import (
	"maps"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on settings values.
const (
	maxDescriptionLen  = 500
	maxPhoneLen        = 40
	maxAddressLen      = 500
	maxInstructionsLen = 2000
	maxKeyLen          = 255

	// MaxTaxRateBP is 100%, in basis points.
	MaxTaxRateBP = 10000

	MinStripeExpiryMinutes     = 5
	MaxStripeExpiryMinutes     = 24 * 60
	MinBankTransferExpiryHours = 1
	MaxBankTransferExpiryHours = 30 * 24
)

// SettingsSection is one form of the settings page as the staff member
// filled it in: ProfileSettings, RegionalSettings, ThemeSettings,
// TaxSettings or PaymentSettings.
type SettingsSection interface {
	// Section is the section's name, one of the Section constants.
	Section() string
	// Validate tidies the values in place and checks every one of them,
	// so the form can show all problems at once.
	Validate() error
	// apply writes the section's values over m, the current settings.
	apply(m map[string]string)
}

// validateFields checks each key's value against its spec.
func validateFields(v *ValidationError, fields map[string]string) {
	for key, value := range fields {
		spec := settingSpecs[key]
		if msg := spec.check(value); msg != "" {
			v.Add(spec.formField(key), msg)
		}
	}
}

// ProfileSettings is the store's public identity, used on every page, on
// packing slips and in emails.
type ProfileSettings struct {
	StoreName    string
	Description  string
	ContactEmail string
	Phone        string
	Address      string
	PickupHours  string // when a pickup can be collected at Address
	// Translations are StoreName's, Description's and PickupHours' values
	// in the other languages; nil keeps the stored ones.
	Translations Texts
}

func (in *ProfileSettings) Section() string { return SectionProfile }

func (in *ProfileSettings) fields() map[string]string {
	return map[string]string{
		SettingStoreName: in.StoreName, SettingDescription: in.Description, SettingContactEmail: in.ContactEmail,
		SettingPhone: in.Phone, SettingAddress: in.Address, SettingPickupHours: in.PickupHours,
	}
}

func (in *ProfileSettings) Validate() error {
	in.StoreName = TrimText(in.StoreName)
	in.Description = TrimText(in.Description)
	in.ContactEmail = normalizeEmail(in.ContactEmail)
	in.Phone = TrimText(in.Phone)
	in.Address = TrimText(strings.ReplaceAll(in.Address, "\r\n", "\n"))
	in.PickupHours = TrimText(strings.ReplaceAll(in.PickupHours, "\r\n", "\n"))
	v := &ValidationError{}
	validateFields(v, in.fields())
	validateSettingTexts(v, in.Translations, SettingStoreName, SettingDescription, SettingPickupHours)
	return v.Err()
}

func (in *ProfileSettings) apply(m map[string]string) {
	maps.Copy(m, in.fields())
	applySettingTexts(m, in.Translations, SettingStoreName, SettingDescription, SettingPickupHours)
}

// RegionalSettings is the store's currency and default language. Changing
// the currency does not convert any price: amounts are stored as they are.
// Changing the language does not change the language of the merchant's
// texts (Settings.ContentLocale): read as written in the new one, an
// English name became the Chinese one and its Chinese translation was
// hidden, then lost when the form was saved. The owner moves the texts
// to another language with ChangeContentLocale.
type RegionalSettings struct {
	Currency string
	Locale   string
	Country  string // ISO code, "" to go by the currency
	TimeZone string // IANA name, "" for the server's
}

func (in *RegionalSettings) Section() string { return SectionRegional }

func (in *RegionalSettings) fields() map[string]string {
	return map[string]string{SettingCurrency: in.Currency, SettingLocale: in.Locale,
		SettingCountry: in.Country, SettingTimeZone: in.TimeZone}
}

func (in *RegionalSettings) Validate() error {
	v := &ValidationError{}
	validateFields(v, in.fields())
	return v.Err()
}

func (in *RegionalSettings) apply(m map[string]string) {
	if m[SettingContentLocale] == "" && in.Locale != m[SettingLocale] {
		m[SettingContentLocale] = m[SettingLocale]
	}
	maps.Copy(m, in.fields())
}

// ThemeSettings is the storefront's look. The store cannot list the
// embedded themes (package themes sits above it), so the HTTP layer checks
// that Theme exists; here it must only look like a theme's name.
type ThemeSettings struct {
	Theme      string
	BrandColor string // "#rrggbb", or "" for the theme's own colour
}

func (in *ThemeSettings) Section() string { return SectionTheme }

func (in *ThemeSettings) fields() map[string]string {
	return map[string]string{SettingTheme: in.Theme, SettingBrandColor: in.BrandColor}
}

func (in *ThemeSettings) Validate() error {
	if c, ok := NormalizeColor(in.BrandColor); ok {
		in.BrandColor = c
	}
	v := &ValidationError{}
	validateFields(v, in.fields())
	return v.Err()
}

func (in *ThemeSettings) apply(m map[string]string) { maps.Copy(m, in.fields()) }

// TaxSettings says whether catalog prices include tax, and the rate.
type TaxSettings struct {
	Inclusive bool
	RateBP    int64 // basis points: 1250 is 12.5%
}

func (in *TaxSettings) Section() string { return SectionTax }

func (in *TaxSettings) fields() map[string]string {
	return map[string]string{SettingTaxInclusive: boolSetting(in.Inclusive), SettingTaxRate: strconv.FormatInt(in.RateBP, 10)}
}

func (in *TaxSettings) Validate() error {
	v := &ValidationError{}
	validateFields(v, in.fields())
	return v.Err()
}

func (in *TaxSettings) apply(m map[string]string) { maps.Copy(m, in.fields()) }

// PaymentSettings is how shoppers pay. A secret left empty keeps the
// stored one (the form never shows it back); its Remove flag clears it.
type PaymentSettings struct {
	StripePublishableKey      string
	StripeSecretKey           string
	RemoveStripeSecretKey     bool
	StripeWebhookSecret       string
	RemoveStripeWebhookSecret bool
	BankTransferEnabled       bool
	BankTransferInstructions  string
	CODEnabled                bool
	CODInstructions           string
	StripeExpiryMinutes       int64
	BankTransferExpiryHours   int64
	// Translations are the instructions in the other languages; nil keeps
	// the stored ones.
	Translations Texts
}

func (in *PaymentSettings) Section() string { return SectionPayments }

// fields holds the values as entered; apply decides about the secrets.
func (in *PaymentSettings) fields() map[string]string {
	return map[string]string{
		SettingStripePublishableKey:     in.StripePublishableKey,
		SettingStripeSecretKey:          in.StripeSecretKey,
		SettingStripeWebhookSecret:      in.StripeWebhookSecret,
		SettingBankTransferEnabled:      boolSetting(in.BankTransferEnabled),
		SettingBankTransferInstructions: in.BankTransferInstructions,
		SettingCODEnabled:               boolSetting(in.CODEnabled),
		SettingCODInstructions:          in.CODInstructions,
		SettingStripeExpiryMinutes:      strconv.FormatInt(in.StripeExpiryMinutes, 10),
		SettingBankTransferExpiryHours:  strconv.FormatInt(in.BankTransferExpiryHours, 10),
	}
}

func (in *PaymentSettings) Validate() error {
	in.StripePublishableKey = strings.TrimSpace(in.StripePublishableKey)
	in.StripeSecretKey = strings.TrimSpace(in.StripeSecretKey)
	in.StripeWebhookSecret = strings.TrimSpace(in.StripeWebhookSecret)
	in.BankTransferInstructions = TrimText(strings.ReplaceAll(in.BankTransferInstructions, "\r\n", "\n"))
	in.CODInstructions = TrimText(strings.ReplaceAll(in.CODInstructions, "\r\n", "\n"))
	v := &ValidationError{}
	validateFields(v, in.fields())
	if in.BankTransferEnabled && in.BankTransferInstructions == "" {
		v.Add(SettingBankTransferInstructions, "error.instructions_needed")
	}
	validateSettingTexts(v, in.Translations, SettingBankTransferInstructions, SettingCODInstructions)
	return v.Err()
}

func (in *PaymentSettings) apply(m map[string]string) {
	secrets := map[string]struct {
		value  string
		remove bool
	}{
		SettingStripeSecretKey:     {in.StripeSecretKey, in.RemoveStripeSecretKey},
		SettingStripeWebhookSecret: {in.StripeWebhookSecret, in.RemoveStripeWebhookSecret},
	}
	for k, v := range in.fields() {
		s, secret := secrets[k]
		switch {
		case !secret:
			m[k] = v
		case s.remove:
			m[k] = ""
		case s.value != "":
			m[k] = s.value
		}
	}
	applySettingTexts(m, in.Translations, SettingBankTransferInstructions, SettingCODInstructions)
}

func boolSetting(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// NormalizeColor tidies a hex colour to "#rrggbb" (lower case; the "#" may
// be left out). "" stays "" and is fine; ok is false for anything else
// that is not six hex digits.
func NormalizeColor(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", true
	}
	s = "#" + strings.TrimPrefix(s, "#")
	if len(s) != 7 {
		return s, false
	}
	for _, r := range s[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return s, false
		}
	}
	return s, true
}

// MaskSecret shows enough of a secret to recognise it and no more:
// "sk_live_…abcd". A short secret shows nothing but "…"; "" stays "".
func MaskSecret(s string) string {
	if s == "" {
		return ""
	}
	if len(s) < 12 {
		return "…"
	}
	prefix := ""
	if i := strings.LastIndexByte(s[:8], '_'); i >= 0 {
		prefix = s[:i+1]
	}
	return prefix + "…" + s[len(s)-4:]
}

// Checks used by settingSpecs. Each returns "" or a catalog key.

func checkStoreName(v string) string {
	switch {
	case strings.TrimSpace(v) == "":
		return "error.required"
	case utf8.RuneCountInString(v) > maxNameLen:
		return "error.too_long"
	}
	return ""
}

func checkLen(max int) func(string) string {
	return func(v string) string {
		if utf8.RuneCountInString(v) > max {
			return "error.too_long"
		}
		return ""
	}
}

func checkOptionalEmail(v string) string {
	if v != "" && !validEmail(v) {
		return "error.email"
	}
	return ""
}

func checkCurrency(v string) string {
	if _, ok := Currencies[v]; !ok {
		return "error.currency"
	}
	return ""
}

func checkLocale(v string) string {
	if v != "en" && v != "zh" {
		return "error.locale"
	}
	return ""
}

func checkThemeName(v string) string {
	if v == "" || len(v) > 40 || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "error.theme"
	}
	return ""
}

func checkColor(v string) string {
	if c, ok := NormalizeColor(v); !ok || c != v {
		return "error.color"
	}
	return ""
}

func checkBool(v string) string {
	if v != "0" && v != "1" {
		return "error.setting_value"
	}
	return ""
}

func checkInt(lo, hi int64, msg string) func(string) string {
	return func(v string) string {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < lo || n > hi {
			return msg
		}
		return ""
	}
}

// checkKey accepts "" (not set) or a key with one of the prefixes that
// Stripe gives that kind of key, without spaces.
func checkKey(prefixes ...string) func(string) string {
	return func(v string) string {
		if v == "" {
			return ""
		}
		if len(v) > maxKeyLen || strings.ContainsAny(v, " \t\r\n") {
			return "error.stripe_key"
		}
		for _, p := range prefixes {
			if strings.HasPrefix(v, p) && len(v) > len(p) {
				return ""
			}
		}
		return "error.stripe_key"
	}
}
