package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// validationFields is err's field messages; it fails the test when err
// is no *ValidationError.
func validationFields(t *testing.T, err error) map[string]string {
	t.Helper()
	var v *ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("err = %v, want a validation error", err)
	}
	return v.Fields
}

// TestSettingTextsRoundTrip saves the shop's name and instructions in two
// languages and reads them back: the shopper's language where it has a
// value, the default everywhere else.
func TestSettingTextsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	profile := &ProfileSettings{StoreName: "Tea House", Description: "Leaves from small gardens",
		Translations: Texts{SettingStoreName: {"zh": " 茶馆 "}, SettingDescription: {"zh": ""}}}
	if err := s.SaveSettings(ctx, testActor, 1, profile); err != nil {
		t.Fatal(err)
	}
	payments := &PaymentSettings{BankTransferEnabled: true, BankTransferInstructions: "IBAN XX00",
		CODEnabled: true, CODInstructions: "Pay the courier", StripeExpiryMinutes: 30, BankTransferExpiryHours: 72,
		Translations: Texts{SettingBankTransferInstructions: {"zh": "请转账至 IBAN XX00\r\n备注订单号"}}}
	if err := s.SaveSettings(ctx, testActor, 1, payments); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	if got := st.Text(SettingStoreName); got.Default != "Tea House" || got.In("zh") != "茶馆" || got.In("en") != "Tea House" {
		t.Errorf("store name = %+v", got)
	}
	if miss := st.Text(SettingDescription).Missing([]string{"zh"}); len(miss) != 1 {
		t.Errorf("description missing %v, want zh", miss)
	}
	zh, en := st.In("zh"), st.In("en")
	if zh.StoreName != "茶馆" || zh.Description != "Leaves from small gardens" ||
		zh.BankTransferInstructions != "请转账至 IBAN XX00\n备注订单号" || zh.CODInstructions != "Pay the courier" {
		t.Errorf("in zh = %q %q %q %q", zh.StoreName, zh.Description, zh.BankTransferInstructions, zh.CODInstructions)
	}
	if en.StoreName != "Tea House" || en.BankTransferInstructions != "IBAN XX00" || st.StoreName != "Tea House" {
		t.Errorf("in en = %q %q; stored %q", en.StoreName, en.BankTransferInstructions, st.StoreName)
	}
	page, err := s.AuditLog(ctx, AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var audited bool
	for _, e := range page.Records {
		audited = audited || strings.Contains(e.AfterJSON, `"store_name.zh":"茶馆"`)
	}
	if !audited {
		t.Error("the translation is not in the audit log")
	}

	// Saving the default language alone (nil) keeps the translations;
	// an emptied one goes, and the default shows again.
	if err := s.SaveSettings(ctx, testActor, 2, &ProfileSettings{StoreName: "Tea House 2"}); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.Settings(ctx); st.In("zh").StoreName != "茶馆" || st.StoreName != "Tea House 2" {
		t.Errorf("after a default-only save: %q / %q", st.In("zh").StoreName, st.StoreName)
	}
	if err := s.SaveSettings(ctx, testActor, 3, &ProfileSettings{StoreName: "Tea House",
		Translations: Texts{SettingStoreName: {"zh": ""}}}); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.Settings(ctx); st.In("zh").StoreName != "Tea House" {
		t.Errorf("emptied translation still shows %q", st.In("zh").StoreName)
	}
}

// TestSettingTextsRefused checks a translation like its default value,
// but lets it be empty, and names the field the form shows it in.
func TestSettingTextsRefused(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	err := s.SaveSettings(ctx, testActor, 1, &ProfileSettings{StoreName: "Tea",
		Translations: Texts{SettingStoreName: {"zh": strings.Repeat("茶", maxNameLen+1), "xx": "?"}}})
	v := validationFields(t, err)
	if v["store_name_zh"] != "error.too_long" || v["store_name_xx"] != "error.locale" {
		t.Errorf("errors = %v", v)
	}
	err = s.SaveSettings(ctx, testActor, 1, &PaymentSettings{StripeExpiryMinutes: 30, BankTransferExpiryHours: 72,
		Translations: Texts{SettingCODInstructions: {"zh": strings.Repeat("x", maxInstructionsLen+1)}}})
	if v := validationFields(t, err); v["cod_instructions_zh"] != "error.too_long" {
		t.Errorf("errors = %v", v)
	}
	if st, _ := s.Settings(ctx); st.Version(SectionProfile) != 1 {
		t.Error("a refused save moved the version")
	}
}

// TestSettingTextsDefaultLanguage: the default language has no
// translation. After the owner makes Chinese the default, an old Chinese
// translation is not shown over the default column, and the demo's way
// in (SetSettingTranslation) refuses a key that is not shopper text.
func TestSettingTextsDefaultLanguage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if err := s.SetSettingTranslation(ctx, SettingStoreName, "zh", "茶馆"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, SettingLocale, "zh"); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	if got := st.Text(SettingStoreName); len(got.Tr) != 0 || st.In("zh").StoreName != "Storefront" {
		t.Errorf("default-language translation shown: %+v", got)
	}
	if err := s.SetSettingTranslation(ctx, SettingCurrency, "zh", "CNY"); err == nil {
		t.Error("a currency got a translation")
	}
}

// TestShippingNameTranslated saves a method's name in two languages,
// replaces the translations on update, removes them with the method, and
// records the name an order was placed with in the shopper's language.
func TestShippingNameTranslated(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	s := f.s
	m, err := s.CreateShippingMethod(ctx, testActor, ShippingMethodInput{
		Name: Plain("Courier").With("zh", " 快递 "), Kind: ShippingFlat, Price: 900, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ShippingMethod(ctx, m.ID)
	if err != nil || got.Name.In("zh") != "快递" || got.Name.In("en") != "Courier" {
		t.Fatalf("method = %+v, %v", got, err)
	}
	active, _ := s.ActiveShippingMethods(ctx)
	if len(active) != 1 || active[0].Name.In("zh") != "快递" {
		t.Errorf("active = %+v", active)
	}

	in := checkoutFor(f.add(t, "", f.mug, 1).Token, m.ID)
	in.Locale = "zh"
	o, _, err := s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if o.ShippingMethod != "快递" {
		t.Errorf("order records %q, want the Chinese name", o.ShippingMethod)
	}

	if _, err := s.UpdateShippingMethod(ctx, testActor, m.ID, m.Version, ShippingMethodInput{
		Name: Plain("Courier").With("zh", strings.Repeat("快", maxNameLen+1)), Kind: ShippingFlat}); validationFields(t, err)["name_zh"] != "error.too_long" {
		t.Errorf("too long a translation: %v", err)
	}
	if _, err := s.UpdateShippingMethod(ctx, testActor, m.ID, m.Version, ShippingMethodInput{
		Name: Plain("Express"), Kind: ShippingFlat, Price: 900, Active: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ShippingMethod(ctx, m.ID); got.Name.In("zh") != "Express" {
		t.Errorf("update kept the old translation: %+v", got.Name)
	}
	if _, err := s.UpdateShippingMethod(ctx, testActor, m.ID, m.Version+1, ShippingMethodInput{
		Name: Plain("Express").With("zh", "特快"), Kind: ShippingFlat, Price: 900, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteShippingMethod(ctx, testActor, m.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM translations WHERE entity = ?`, EntityShippingText).Scan(&n); err != nil || n != 0 {
		t.Errorf("translations left after delete: %d, %v", n, err)
	}
}
