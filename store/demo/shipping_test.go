package demo

import (
	"context"
	"path/filepath"
	"testing"

	"storefront/store"
)

// TestSeedShipping gives the demo shop ways to deliver once, so that
// checkout works in `storefront demo`, and leaves an owner's own alone.
func TestSeedShipping(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for range 2 {
		if err := seedShipping(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	methods, err := st.ActiveShippingMethods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(methods) != len(shippingMethods) {
		t.Fatalf("active methods = %d, want %d", len(methods), len(shippingMethods))
	}
	if price, ok := methods[1].Quote(29900, 0); !ok || price != 0 {
		t.Errorf("free-over method at 299.00 = %d, %v; want free", price, ok)
	}
	for _, m := range methods {
		if m.Name.Missing([]string{"zh"}) != nil || m.Name.In("zh") == m.Name.Default {
			t.Errorf("%q has no Chinese name", m.Name.Default)
		}
	}
}

// TestSettingsInChinese: every text of the demo's settings that a shopper
// reads has its own Chinese, and a shopper reading Chinese gets it.
func TestSettingsInChinese(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, kv := range settings {
		if err := st.SetSetting(ctx, kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range settingsZH {
		if err := st.SetSettingTranslation(ctx, kv[0], "zh", kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	s, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{store.SettingStoreName, store.SettingDescription,
		store.SettingBankTransferInstructions, store.SettingCODInstructions} {
		if tx := s.Text(key); tx.Default == "" || tx.In("zh") == tx.Default {
			t.Errorf("%s has no Chinese: %+v", key, tx)
		}
	}
	if zh := s.In("zh"); zh.StoreName != "Storefront 示例店" {
		t.Errorf("store name in Chinese = %q", zh.StoreName)
	}
}
