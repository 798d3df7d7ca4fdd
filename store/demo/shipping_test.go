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
}
