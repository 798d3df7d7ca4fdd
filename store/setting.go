package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Settings are the store-wide choices the owner makes. Secrets (the Stripe
// keys) are not here, so that a page can never show them by accident; see
// StripeSecrets.
type Settings struct {
	StoreName    string
	Description  string
	ContactEmail string // shown on packing slips and in emails
	Phone        string
	Address      string // postal address, several lines
	PickupHours  string // when a pickup can be collected at Address, several lines; "" says nothing

	Currency string // ISO 4217 code, one of Currencies
	Locale   string // default UI locale: "en" or "zh"
	Country  string // the shop's own country (ISO code), "" to go by the currency; see ShopCountry
	TimeZone string // IANA name of the shop's time zone, "" for the server's; see Location

	// ContentLocale is the language of the merchant's texts as stored (a
	// product's title, the shop's name): their translations are into the
	// others. It is the default language until that changes; then it stays
	// what it was (RegionalSettings.apply).
	ContentLocale string

	Theme       string // name of an embedded theme
	BrandColor  string // "#rrggbb" overriding the theme's primary colour, or "" for the theme's own
	LogoImageID int64  // image shown in the storefront header; 0 for none

	HeroImageID  int64  // the home page hero's picture; 0 for none
	HeroCTALabel string // the hero button's text; "" for the shop's default
	HeroCTAURL   string // where the hero button goes; "" for the new arrivals

	TaxInclusive bool  // catalog prices already include tax
	TaxRateBP    int64 // tax rate in basis points: 1250 is 12.5%

	StripePublishableKey     string
	BankTransferEnabled      bool
	BankTransferInstructions string
	CODEnabled               bool // cash on delivery
	CODInstructions          string
	StripeExpiryMinutes      int64 // an unpaid Stripe order expires after this long
	BankTransferExpiryHours  int64 // an unpaid bank-transfer order expires after this long

	PublicURL  string // the shop's public address, such as https://shop.example.com; "" until known (launch.go)
	ShopClosed bool   // visitors must enter the shop password (launch.go)

	versions map[string]int64 // read-only; see Version
	texts    map[string]Text  // the translatable settings in every language; see Text
	location *time.Location   // TimeZone, loaded once with the settings; see Location
}

// Version is the edit version of a settings section (one of the Section
// constants). Each form carries it, so that saving over someone else's
// newer save is detected (SaveSettings answers ErrConflict).
func (st Settings) Version(section string) int64 {
	if v, ok := st.versions[section]; ok {
		return v
	}
	return 1
}

// StripeSecrets are the Stripe credentials: only the checkout and the
// webhook read them, and the admin shows them masked (MaskSecret).
type StripeSecrets struct {
	SecretKey     string
	WebhookSecret string
}

// Settings sections: each is one form of the settings page, saved on its
// own and versioned on its own.
const (
	SectionProfile  = "profile"
	SectionRegional = "regional"
	SectionTheme    = "theme"
	SectionLogo     = "logo"
	SectionHero     = "hero" // the home page hero's picture and button (setting_hero.go)
	SectionTax      = "tax"
	SectionPayments = "payments"
	SectionLaunch   = "launch" // the public address and the shop password (launch.go)
	// sectionGuide holds what the setup guide records (setup_guide.go);
	// no form edits it.
	sectionGuide = "guide"
)

// Audited settings changes; the other actions are in audit.go.
const (
	ActionSettingsUpdate = "settings.update"
	EntitySettings       = "settings" // EntityID is the section
)

// The settings table's keys.
const (
	SettingStoreName                = "store_name"
	SettingDescription              = "store_description"
	SettingContactEmail             = "contact_email"
	SettingPhone                    = "phone"
	SettingAddress                  = "address"
	SettingPickupHours              = "pickup_hours"
	SettingCurrency                 = "currency"
	SettingLocale                   = "locale"
	SettingContentLocale            = "content_locale" // Settings.ContentLocale; "" while it is Locale
	SettingCountry                  = "country"        // the shop's own country (setting_region.go)
	SettingTimeZone                 = "time_zone"      // the shop's time zone (setting_region.go)
	SettingHeroImageID              = "hero_image_id"  // the home page hero's picture (setting_hero.go)
	SettingHeroCTALabel             = "hero_cta_label" // the hero button's text, "" for the default
	SettingHeroCTAURL               = "hero_cta_url"   // where the hero button goes, "" for the new arrivals
	SettingTheme                    = "theme"
	SettingBrandColor               = "brand_color"
	SettingLogoImageID              = "logo_image_id"
	SettingTaxInclusive             = "tax_inclusive"
	SettingTaxRate                  = "tax_rate_bp"
	SettingStripePublishableKey     = "stripe_publishable_key"
	SettingStripeSecretKey          = "stripe_secret_key"
	SettingStripeWebhookSecret      = "stripe_webhook_secret"
	SettingBankTransferEnabled      = "bank_transfer_enabled"
	SettingBankTransferInstructions = "bank_transfer_instructions"
	SettingCODEnabled               = "cod_enabled"
	SettingCODInstructions          = "cod_instructions"
	SettingStripeExpiryMinutes      = "stripe_expiry_minutes"
	SettingBankTransferExpiryHours  = "bank_transfer_expiry_hours"
	SettingPublicURL                = "public_url"
	SettingShopClosed               = "shop_closed"
	SettingShopPassword             = "shop_password"
	SettingTestEmailSentAt          = "test_email_sent_at"
	SettingSetupGuideHidden         = "setup_guide_hidden"
)

// settingSpec describes one key: its section, default, whether it is a
// secret (kept out of Settings and masked in the audit log), the form
// field its errors belong to (the key itself unless set) and its check,
// which returns a catalog key when the value is not acceptable.
type settingSpec struct {
	section string
	def     string
	secret  bool
	field   string
	check   func(string) string
}

var settingSpecs = map[string]settingSpec{
	SettingStoreName:    {section: SectionProfile, def: "Storefront", check: checkStoreName},
	SettingDescription:  {section: SectionProfile, check: checkLen(maxDescriptionLen)},
	SettingContactEmail: {section: SectionProfile, check: checkOptionalEmail},
	SettingPhone:        {section: SectionProfile, check: checkLen(maxPhoneLen)},
	SettingAddress:      {section: SectionProfile, check: checkLen(maxAddressLen)},
	SettingPickupHours:  {section: SectionProfile, check: checkLen(maxAddressLen)},

	SettingCurrency: {section: SectionRegional, def: "USD", check: checkCurrency},
	SettingLocale:   {section: SectionRegional, def: "en", check: checkLocale},
	SettingCountry:  {section: SectionRegional, check: checkCountry},
	SettingTimeZone: {section: SectionRegional, check: checkTimeZone},
	// Not on the form: set once, when the default language first changes.
	SettingContentLocale: {section: SectionRegional, check: checkLocale},

	SettingTheme:      {section: SectionTheme, def: "classic", check: checkThemeName},
	SettingBrandColor: {section: SectionTheme, check: checkColor},

	SettingLogoImageID: {section: SectionLogo, def: "0", check: checkInt(0, 1<<62, "error.setting_value")},

	SettingHeroImageID:  {section: SectionHero, def: "0", check: checkInt(0, 1<<62, "error.setting_value")},
	SettingHeroCTALabel: {section: SectionHero, check: checkLen(maxHeroLabelLen)},
	SettingHeroCTAURL:   {section: SectionHero, check: checkHeroURL},

	SettingTaxInclusive: {section: SectionTax, def: "1", check: checkBool},
	SettingTaxRate:      {section: SectionTax, def: "0", field: "tax_rate", check: checkInt(0, MaxTaxRateBP, "error.tax_rate")},

	SettingStripePublishableKey:     {section: SectionPayments, check: checkKey("pk_")},
	SettingStripeSecretKey:          {section: SectionPayments, secret: true, check: checkKey("sk_", "rk_")},
	SettingStripeWebhookSecret:      {section: SectionPayments, secret: true, check: checkKey("whsec_")},
	SettingBankTransferEnabled:      {section: SectionPayments, def: "1", check: checkBool},
	SettingBankTransferInstructions: {section: SectionPayments, check: checkLen(maxInstructionsLen)},
	SettingCODEnabled:               {section: SectionPayments, def: "1", check: checkBool},
	SettingCODInstructions:          {section: SectionPayments, check: checkLen(maxInstructionsLen)},
	SettingStripeExpiryMinutes: {section: SectionPayments, def: "30",
		check: checkInt(MinStripeExpiryMinutes, MaxStripeExpiryMinutes, "error.expiry_minutes")},
	SettingBankTransferExpiryHours: {section: SectionPayments, def: "72",
		check: checkInt(MinBankTransferExpiryHours, MaxBankTransferExpiryHours, "error.expiry_hours")},

	// The backup schedule (backup_schedule.go).
	SettingBackupEnabled: {section: SectionBackups, def: "1", check: checkBool},
	SettingBackupHour:    {section: SectionBackups, def: "3", field: "hour", check: checkInt(0, 23, "error.backup_hour")},
	SettingBackupKeep: {section: SectionBackups, def: "14", field: "keep",
		check: checkInt(MinBackupKeep, MaxBackupKeep, "error.backup_keep")},

	SettingPublicURL:        {section: SectionLaunch, check: checkPublicURL},
	SettingShopClosed:       {section: SectionLaunch, def: "0", check: checkBool},
	SettingShopPassword:     {section: SectionLaunch, secret: true, check: checkShopPassword},
	SettingTestEmailSentAt:  {section: sectionGuide, check: checkInt(0, 1<<62, "error.setting_value")},
	SettingSetupGuideHidden: {section: sectionGuide, def: "0", check: checkBool},
}

// formField is the form field that shows key's errors.
func (sp settingSpec) formField(key string) string {
	if sp.field != "" {
		return sp.field
	}
	return key
}

// audited is what the audit log keeps of a value: secrets only masked.
func (sp settingSpec) audited(v string) string {
	if sp.secret {
		return MaskSecret(v)
	}
	return v
}

func defaultSettings() map[string]string {
	m := make(map[string]string, len(settingSpecs))
	for k, sp := range settingSpecs {
		m[k] = sp.def
	}
	return m
}

// versionKey is the settings row that holds a section's edit version.
func versionKey(section string) string { return "version." + section }

// settingsCache holds the settings, read on every page, until a write
// here or one by another process (OthersMark). gen makes invalidation safe
// against a reader that loaded the old rows just before the write: its
// snapshot carries the older generation and is never served.
type settingsCache struct {
	p   atomic.Pointer[settingsSnapshot]
	gen atomic.Int64
}

type settingsSnapshot struct {
	gen      int64
	read     time.Time // when the read began
	settings Settings
	values   map[string]string // every key, secrets included, with defaults; translations as "key.locale"
}

func (s *Store) invalidateSettings() {
	s.settings.gen.Add(1)
	s.settings.p.Store(nil)
	s.bumpCatalog()
}

func (s *Store) settingsSnapshot(ctx context.Context) (*settingsSnapshot, error) {
	gen := s.settings.gen.Load()
	if p := s.settings.p.Load(); p != nil && p.gen == gen && !p.read.Before(s.OthersMark(s.Now)) {
		return p, nil
	}
	read := s.Now()
	rows, err := s.query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	values, versions, err := scanSettings(rows)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	if err := addSettingTranslations(ctx, s.query, values); err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	snap := &settingsSnapshot{gen: gen, read: read, settings: settingsFrom(values, versions), values: values}
	s.settings.p.Store(snap)
	return snap, nil
}

// settingValues is every setting's value as tx sees it (scanSettings).
func settingValues(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	values, _, err := scanSettings(rows)
	return values, err
}

// scanSettings reads settings rows into the values (over the defaults)
// and the sections' versions.
func scanSettings(rows *sql.Rows) (map[string]string, map[string]int64, error) {
	defer rows.Close()
	values, versions := defaultSettings(), map[string]int64{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, nil, err
		}
		if section, ok := strings.CutPrefix(k, "version."); ok {
			versions[section], _ = strconv.ParseInt(v, 10, 64)
			continue
		}
		values[k] = v
	}
	return values, versions, rows.Err()
}

func settingsFrom(m map[string]string, versions map[string]int64) Settings {
	num := func(k string) int64 { n, _ := strconv.ParseInt(m[k], 10, 64); return n }
	return Settings{
		StoreName:                m[SettingStoreName],
		Description:              m[SettingDescription],
		ContactEmail:             m[SettingContactEmail],
		Phone:                    m[SettingPhone],
		Address:                  m[SettingAddress],
		PickupHours:              m[SettingPickupHours],
		Currency:                 m[SettingCurrency],
		Locale:                   m[SettingLocale],
		ContentLocale:            contentLocale(m),
		Country:                  m[SettingCountry],
		TimeZone:                 m[SettingTimeZone],
		Theme:                    m[SettingTheme],
		BrandColor:               m[SettingBrandColor],
		LogoImageID:              num(SettingLogoImageID),
		HeroImageID:              num(SettingHeroImageID),
		HeroCTALabel:             m[SettingHeroCTALabel],
		HeroCTAURL:               m[SettingHeroCTAURL],
		TaxInclusive:             m[SettingTaxInclusive] == "1",
		TaxRateBP:                num(SettingTaxRate),
		StripePublishableKey:     m[SettingStripePublishableKey],
		BankTransferEnabled:      m[SettingBankTransferEnabled] == "1",
		BankTransferInstructions: m[SettingBankTransferInstructions],
		CODEnabled:               m[SettingCODEnabled] == "1",
		CODInstructions:          m[SettingCODInstructions],
		StripeExpiryMinutes:      num(SettingStripeExpiryMinutes),
		BankTransferExpiryHours:  num(SettingBankTransferExpiryHours),
		PublicURL:                m[SettingPublicURL],
		ShopClosed:               m[SettingShopClosed] == "1",
		versions:                 versions,
		texts:                    settingTexts(m),
		location:                 loadLocation(m[SettingTimeZone]),
	}
}

// Settings returns the current settings, with defaults for unset keys. They
// are read on every page, so they are cached until the next write.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return Settings{}, err
	}
	return snap.settings, nil
}

// StripeSecrets returns the Stripe secret key and webhook secret: those
// given to SetStripeOverride (the environment), else those saved in the
// settings.
func (s *Store) StripeSecrets(ctx context.Context) (StripeSecrets, error) {
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return StripeSecrets{}, err
	}
	sec := StripeSecrets{SecretKey: snap.values[SettingStripeSecretKey], WebhookSecret: snap.values[SettingStripeWebhookSecret]}
	if o := s.stripeOverride.Load(); o != nil {
		sec.SecretKey = cmp.Or(o.SecretKey, sec.SecretKey)
		sec.WebhookSecret = cmp.Or(o.WebhookSecret, sec.WebhookSecret)
	}
	return sec, nil
}

// SetStripeOverride makes the non-empty keys of o win over the saved
// ones, so that a deployment can keep its secrets in the environment
// (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET) rather than in the database.
func (s *Store) SetStripeOverride(o StripeSecrets) { s.stripeOverride.Store(&o) }

// SetSetting stores one setting, unaudited: it is for setup, the demo and
// the command line. Staff edits go through SaveSettings.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if err := s.tx(ctx, func(tx *sql.Tx) error { return setSetting(ctx, tx, key, value) }); err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	s.invalidateSettings()
	return nil
}

// setSetting checks and writes one setting inside tx; the caller
// invalidates the cache after commit.
func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	spec, ok := settingSpecs[key]
	if !ok {
		return fmt.Errorf("unknown setting %q", key)
	}
	if msg := spec.check(value); msg != "" {
		return &ValidationError{Fields: map[string]string{spec.formField(key): msg}}
	}
	if err := writeSetting(ctx, tx, key, value); err != nil {
		return err
	}
	return bumpSectionVersion(ctx, tx, spec.section)
}

// bumpSectionVersion moves section to its next version after a write
// outside the settings page: someone editing that section in the admin
// must now see their form as stale.
func bumpSectionVersion(ctx context.Context, tx *sql.Tx, section string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, '2')
		ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`, versionKey(section))
	return err
}

func writeSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// SaveSettings saves one section of the settings page as staff member
// actor edited it from version (Settings.Version): ErrConflict when the
// section was saved since, a *ValidationError for bad values. The changed
// keys are audited, secrets masked.
func (s *Store) SaveSettings(ctx context.Context, actor Actor, version int64, in SettingsSection) error {
	if err := in.Validate(); err != nil {
		return err
	}
	return s.updateSettings(ctx, actor, in.Section(), version, func(_ *sql.Tx, m map[string]string) error {
		in.apply(m)
		return nil
	})
}

// updateSettings runs change over the current values of every key and
// writes (and audits) those it changed, in one transaction that first
// claims the section's next version: of two saves from the same version,
// exactly one wins.
func (s *Store) updateSettings(ctx context.Context, actor Actor, section string, version int64,
	change func(tx *sql.Tx, m map[string]string) error) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := claimSectionVersion(ctx, tx, section, version); err != nil {
			return err
		}
		old, err := settingValues(ctx, tx)
		if err != nil {
			return err
		}
		if err := addSettingTranslations(ctx, tx.QueryContext, old); err != nil {
			return err
		}
		next := maps.Clone(old)
		if err := change(tx, next); err != nil {
			return err
		}
		before, after := map[string]string{}, map[string]string{}
		for key, value := range next {
			if old[key] == value {
				continue
			}
			if base, locale, ok := splitTrKey(key); ok {
				if err := writeSettingTranslation(ctx, tx, base, locale, value); err != nil {
					return err
				}
				before[key], after[key] = old[key], value
				continue
			}
			spec, ok := settingSpecs[key]
			if !ok {
				return fmt.Errorf("unknown setting %q", key)
			}
			if err := writeSetting(ctx, tx, key, value); err != nil {
				return err
			}
			before[key], after[key] = spec.audited(old[key]), spec.audited(value)
		}
		if len(after) == 0 {
			return nil
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionSettingsUpdate, Entity: EntitySettings,
			EntityID: section, Before: before, After: after})
	})
	if err != nil {
		return fmt.Errorf("save %s settings: %w", section, err)
	}
	s.invalidateSettings()
	return nil
}

// saveSectionVersion moves section on for a save made from version, as
// claimSectionVersion does. Version 0 is a save from no form (the demo,
// setup): it moves the section on unchecked, so that a form open on it
// still turns stale.
func saveSectionVersion(ctx context.Context, tx *sql.Tx, section string, version int64) error {
	if version == 0 {
		return bumpSectionVersion(ctx, tx, section)
	}
	return claimSectionVersion(ctx, tx, section, version)
}

// claimSectionVersion moves section from version to version+1, or fails
// with ErrConflict when it is no longer at version. A section never saved
// is at version 1.
func claimSectionVersion(ctx context.Context, tx *sql.Tx, section string, version int64) error {
	key := versionKey(section)
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`, key); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE settings SET value = CAST(value AS INTEGER) + 1
		WHERE key = ? AND CAST(value AS INTEGER) = ?`, key, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("%s settings changed since version %d: %w", section, version, ErrConflict)
	}
	return nil
}
