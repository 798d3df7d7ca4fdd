package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

var testActor = Actor{StaffID: 1, Email: "owner@example.com", IP: "192.0.2.1"}

func TestSettingsDefaults(t *testing.T) {
	s := newTestStore(t)
	st, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.StoreName != "Storefront" || st.Currency != "USD" || st.Locale != "en" || st.Theme != "classic" ||
		st.StripeExpiryMinutes != 30 || st.BankTransferExpiryHours != 72 || !st.TaxInclusive || st.TaxRateBP != 0 ||
		st.BrandColor != "" || st.LogoImageID != 0 {
		t.Errorf("defaults = %+v", st)
	}
	for _, section := range []string{SectionProfile, SectionRegional, SectionTheme, SectionLogo, SectionTax, SectionPayments} {
		if v := st.Version(section); v != 1 {
			t.Errorf("version of %s = %d, want 1", section, v)
		}
	}
}

// TestSaveSettingsSections saves every section and reads it back, and
// checks each save bumps only its own section's version and the catalog
// version (so cached pages refresh).
func TestSaveSettingsSections(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	sections := []SettingsSection{
		&ProfileSettings{StoreName: "  Tea House ", Description: "Leaves", ContactEmail: "Hello@Tea.example",
			Phone: "+86 21 5555 0000", Address: "1 Tea Road\r\nShanghai"},
		&RegionalSettings{Currency: "CNY", Locale: "zh"},
		&ThemeSettings{Theme: "sakura", BrandColor: "AA3366"},
		&TaxSettings{Inclusive: false, RateBP: 1250},
		&PaymentSettings{StripePublishableKey: "pk_test_123", StripeSecretKey: "sk_test_abcdefghijkl",
			StripeWebhookSecret: "whsec_abcdefghijkl", BankTransferEnabled: true, BankTransferInstructions: "IBAN ...",
			CODEnabled: true, StripeExpiryMinutes: 45, BankTransferExpiryHours: 48},
	}
	for _, in := range sections {
		catalog := s.CatalogVersion()
		if err := s.SaveSettings(ctx, testActor, 1, in); err != nil {
			t.Fatalf("save %s: %v", in.Section(), err)
		}
		if s.CatalogVersion() == catalog {
			t.Errorf("saving %s did not bump the catalog version", in.Section())
		}
	}
	st, _ := s.Settings(ctx)
	want := Settings{StoreName: "Tea House", Description: "Leaves", ContactEmail: "hello@tea.example",
		Phone: "+86 21 5555 0000", Address: "1 Tea Road\nShanghai", Currency: "CNY", Locale: "zh", Theme: "sakura",
		BrandColor: "#aa3366", TaxInclusive: false, TaxRateBP: 1250, StripePublishableKey: "pk_test_123",
		BankTransferEnabled: true, BankTransferInstructions: "IBAN ...", CODEnabled: true,
		StripeExpiryMinutes: 45, BankTransferExpiryHours: 48, versions: st.versions}
	if st.Version(SectionProfile) != 2 || st.Version(SectionLogo) != 1 {
		t.Errorf("versions = %v", st.versions)
	}
	st.versions = want.versions
	if !settingsEqual(st, want) {
		t.Errorf("settings = %+v\nwant       %+v", st, want)
	}
	sec, _ := s.StripeSecrets(ctx)
	if sec.SecretKey != "sk_test_abcdefghijkl" || sec.WebhookSecret != "whsec_abcdefghijkl" {
		t.Errorf("secrets = %+v", sec)
	}
}

func settingsEqual(a, b Settings) bool {
	a.versions, b.versions = nil, nil
	return a.StoreName == b.StoreName && a.Description == b.Description && a.ContactEmail == b.ContactEmail &&
		a.Phone == b.Phone && a.Address == b.Address && a.Currency == b.Currency && a.Locale == b.Locale &&
		a.Theme == b.Theme && a.BrandColor == b.BrandColor && a.LogoImageID == b.LogoImageID &&
		a.TaxInclusive == b.TaxInclusive && a.TaxRateBP == b.TaxRateBP && a.StripePublishableKey == b.StripePublishableKey &&
		a.BankTransferEnabled == b.BankTransferEnabled && a.BankTransferInstructions == b.BankTransferInstructions &&
		a.CODEnabled == b.CODEnabled && a.CODInstructions == b.CODInstructions &&
		a.StripeExpiryMinutes == b.StripeExpiryMinutes && a.BankTransferExpiryHours == b.BankTransferExpiryHours
}

func TestSaveSettingsValidation(t *testing.T) {
	s := newTestStore(t)
	valid := PaymentSettings{StripeExpiryMinutes: 30, BankTransferExpiryHours: 72}
	withPay := func(f func(*PaymentSettings)) *PaymentSettings { p := valid; f(&p); return &p }
	tests := []struct {
		in    SettingsSection
		field string
		msg   string
	}{
		{&ProfileSettings{StoreName: " "}, "store_name", "error.required"},
		{&ProfileSettings{StoreName: "A", ContactEmail: "not an email"}, "contact_email", "error.email"},
		{&RegionalSettings{Currency: "XXX", Locale: "en"}, "currency", "error.currency"},
		{&RegionalSettings{Currency: "USD", Locale: "fr"}, "locale", "error.locale"},
		{&ThemeSettings{Theme: "classic", BrandColor: "#12345g"}, "brand_color", "error.color"},
		{&ThemeSettings{Theme: "classic", BrandColor: "red"}, "brand_color", "error.color"},
		{&ThemeSettings{Theme: "../x"}, "theme", "error.theme"},
		{&TaxSettings{RateBP: 15000}, "tax_rate", "error.tax_rate"},
		{&TaxSettings{RateBP: -1}, "tax_rate", "error.tax_rate"},
		{withPay(func(p *PaymentSettings) { p.StripePublishableKey = "sk_live_oops" }), "stripe_publishable_key", "error.stripe_key"},
		{withPay(func(p *PaymentSettings) { p.StripeSecretKey = "pk_live_oops" }), "stripe_secret_key", "error.stripe_key"},
		{withPay(func(p *PaymentSettings) { p.StripeWebhookSecret = "whsec_ with space" }), "stripe_webhook_secret", "error.stripe_key"},
		{withPay(func(p *PaymentSettings) { p.BankTransferEnabled = true }), "bank_transfer_instructions", "error.instructions_needed"},
		{withPay(func(p *PaymentSettings) { p.StripeExpiryMinutes = 0 }), "stripe_expiry_minutes", "error.expiry_minutes"},
		{withPay(func(p *PaymentSettings) { p.BankTransferExpiryHours = 10000 }), "bank_transfer_expiry_hours", "error.expiry_hours"},
	}
	for _, tt := range tests {
		err := s.SaveSettings(context.Background(), testActor, 1, tt.in)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Fields[tt.field] != tt.msg {
			t.Errorf("%s %+v: err = %v, want %s on %s", tt.in.Section(), tt.in, err, tt.msg, tt.field)
		}
	}
	if st, _ := s.Settings(context.Background()); st.Version(SectionPayments) != 1 {
		t.Error("a refused save bumped the version")
	}
}

// TestSaveSettingsStale: of many saves from the same version, exactly one
// wins and the others get ErrConflict.
func TestSaveSettingsStale(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	wantOneWinner(t, 8, ErrConflict, func(i int) error {
		return s.SaveSettings(ctx, testActor, 1, &TaxSettings{Inclusive: true, RateBP: int64(100 * i)})
	})
	if st, _ := s.Settings(ctx); st.Version(SectionTax) != 2 {
		t.Errorf("tax version = %d, want 2", st.Version(SectionTax))
	}
	// Another section is not stale.
	if err := s.SaveSettings(ctx, testActor, 1, &RegionalSettings{Currency: "EUR", Locale: "en"}); err != nil {
		t.Errorf("regional save = %v", err)
	}
}

// TestPaymentSecrets: a secret left empty is kept, "remove" clears it, and
// the audit log only ever holds it masked.
func TestPaymentSecrets(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	const secret = "sk_live_0123456789abcdefWXYZ"
	save := func(version int64, p PaymentSettings) {
		t.Helper()
		p.StripeExpiryMinutes, p.BankTransferExpiryHours = 30, 72
		if err := s.SaveSettings(ctx, testActor, version, &p); err != nil {
			t.Fatal(err)
		}
	}
	save(1, PaymentSettings{StripeSecretKey: secret, StripeWebhookSecret: "whsec_0123456789abcdef"})
	save(2, PaymentSettings{StripePublishableKey: "pk_live_1"})
	if sec, _ := s.StripeSecrets(ctx); sec.SecretKey != secret || sec.WebhookSecret != "whsec_0123456789abcdef" {
		t.Errorf("empty field did not keep the secrets: %+v", sec)
	}
	save(3, PaymentSettings{RemoveStripeWebhookSecret: true})
	if sec, _ := s.StripeSecrets(ctx); sec.SecretKey != secret || sec.WebhookSecret != "" {
		t.Errorf("after remove: %+v", sec)
	}
	log, err := s.AuditLog(ctx, AuditFilter{Entity: EntitySettings, EntityID: SectionPayments})
	if err != nil || log.Total != 3 {
		t.Fatalf("audit = %+v, %v", log, err)
	}
	for _, r := range log.Records {
		if strings.Contains(r.BeforeJSON+r.AfterJSON, "0123456789") {
			t.Errorf("audit holds a secret: %s → %s", r.BeforeJSON, r.AfterJSON)
		}
	}
	if first := log.Records[2]; !strings.Contains(first.AfterJSON, `"sk_live_…WXYZ"`) {
		t.Errorf("first audit after = %s", first.AfterJSON)
	}
}

func TestMaskSecret(t *testing.T) {
	for in, want := range map[string]string{
		"":                            "",
		"short":                       "…",
		"sk_live_51Habcdefghijkabcd":  "sk_live_…abcd",
		"sk_test_51Habcdefghijk9876":  "sk_test_…9876",
		"whsec_abcdefghijklmnop1234":  "whsec_…1234",
		"plainsecretwithoutprefix99":  "…ix99",
		"rk_live_0123456789012345678": "rk_live_…5678",
	} {
		if got := MaskSecret(in); got != want {
			t.Errorf("MaskSecret(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeColor(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"#1D3F8F", "#1d3f8f", true},
		{" 1d3f8f ", "#1d3f8f", true},
		{"#fff", "#fff", false},
		{"#12345g", "#12345g", false},
		{"red", "#red", false},
		{"#1d3f8f;}", "#1d3f8f;}", false},
	}
	for _, tt := range tests {
		if got, ok := NormalizeColor(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeColor(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSetSettingMakesFormsStale(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	catalog := s.CatalogVersion()
	if err := s.SetSetting(ctx, SettingTheme, "noir"); err != nil {
		t.Fatal(err)
	}
	if s.CatalogVersion() == catalog {
		t.Error("SetSetting did not bump the catalog version")
	}
	st, _ := s.Settings(ctx)
	if st.Theme != "noir" || st.Version(SectionTheme) != 2 {
		t.Errorf("theme = %q, version %d", st.Theme, st.Version(SectionTheme))
	}
	if err := s.SaveSettings(ctx, testActor, 1, &ThemeSettings{Theme: "fresh"}); !errors.Is(err, ErrConflict) {
		t.Errorf("save from the old version = %v, want ErrConflict", err)
	}
	var verr *ValidationError
	if err := s.SetSetting(ctx, SettingBrandColor, "blue"); !errors.As(err, &verr) {
		t.Errorf("SetSetting(bad colour) = %v", err)
	}
	if err := s.SetSetting(ctx, "version.theme", "1"); err == nil {
		t.Error("SetSetting accepted a version key")
	}
}

func logoPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: 200, A: uint8(x % 256)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogo(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	var verr *ValidationError
	if _, err := s.SaveLogo(ctx, testActor, 1, strings.NewReader("<svg/>")); !errors.As(err, &verr) || verr.Fields["logo"] == "" {
		t.Fatalf("SaveLogo(svg) = %v", err)
	}
	first, err := s.SaveLogo(ctx, testActor, 1, bytes.NewReader(logoPNG(t, 1200, 300)))
	if err != nil {
		t.Fatal(err)
	}
	im, err := s.ImageData(ctx, first, true)
	if err != nil || im.ContentType != "image/png" {
		t.Fatalf("logo thumb = %+v, %v", im, err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(im.Data))
	if err != nil || cfg.Width != logoThumbEdge || cfg.Height != 80 {
		t.Errorf("thumb = %dx%d, %v", cfg.Width, cfg.Height, err)
	}
	if _, err := s.SaveLogo(ctx, testActor, 1, bytes.NewReader(logoPNG(t, 10, 10))); !errors.Is(err, ErrConflict) {
		t.Errorf("stale logo save = %v", err)
	}
	second, err := s.SaveLogo(ctx, testActor, 2, bytes.NewReader(logoPNG(t, 10, 10)))
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Settings(ctx); st.LogoImageID != second {
		t.Errorf("logo = %d, want %d", st.LogoImageID, second)
	}
	if _, err := s.ImageData(ctx, first, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("replaced logo still stored: %v", err)
	}
	if err := s.RemoveLogo(ctx, testActor, 3); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Settings(ctx); st.LogoImageID != 0 {
		t.Errorf("logo after remove = %d", st.LogoImageID)
	}
	if _, err := s.ImageData(ctx, second, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed logo still stored: %v", err)
	}
}
