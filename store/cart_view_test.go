package store

import (
	"context"
	"testing"
)

// TestCartViewPricesAsCheckout: the cart page's line totals and merchandise
// are checkout's for the same cart before shipping and tax, whether the
// shop's prices include tax or have it added on top; the cart itself shows
// no tax.
func TestCartViewPricesAsCheckout(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	token := f.add(t, "", f.big, 3).Token
	f.add(t, token, f.mug, 7)
	for _, tc := range []struct {
		name      string
		inclusive string
	}{{"tax included", "1"}, {"tax on top", "0"}} {
		t.Run(tc.name, func(t *testing.T) {
			if err := f.s.SetSetting(ctx, SettingTaxInclusive, tc.inclusive); err != nil {
				t.Fatal(err)
			}
			if err := f.s.SetSetting(ctx, SettingTaxRate, "1275"); err != nil {
				t.Fatal(err)
			}
			v := f.view(t, token)
			c, _, err := f.s.PriceCheckout(ctx, v, ship)
			if err != nil {
				t.Fatal(err)
			}
			if c.Method == nil || c.Pricing.Tax == 0 || c.Settings.TaxInclusive != (tc.inclusive == "1") {
				t.Fatalf("checkout = method %v, tax %d, settings %+v", c.Method, c.Pricing.Tax, c.Settings)
			}
			if got, want := v.Pricing.Merchandise(), c.Pricing.Merchandise(); got != want || got != 3*5200+7*1500 {
				t.Errorf("cart merchandise = %d, checkout's %d", got, want)
			}
			if v.Pricing.Tax != 0 || v.Pricing.Shipping != 0 || v.Pricing.Total != v.Pricing.Merchandise() {
				t.Errorf("cart pricing = tax %d shipping %d total %d, want merchandise only", v.Pricing.Tax, v.Pricing.Shipping, v.Pricing.Total)
			}
			if len(v.Lines) != 2 || len(c.Pricing.Lines) != 2 {
				t.Fatalf("lines: cart %d, checkout %d", len(v.Lines), len(c.Pricing.Lines))
			}
			for i, l := range v.Lines {
				lr := c.Pricing.Lines[i]
				if l.ID != lr.ID || l.Total != lr.Net || l.Total != l.UnitPrice*l.Quantity {
					t.Errorf("line %d: cart total %d, checkout net %d (id %d vs %d)", i, l.Total, lr.Net, l.ID, lr.ID)
				}
				if vl := v.Pricing.Lines[i]; vl.Paid != vl.Net || vl.Tax != 0 {
					t.Errorf("cart line %d = %+v, want no tax", i, vl)
				}
			}
		})
	}
}
