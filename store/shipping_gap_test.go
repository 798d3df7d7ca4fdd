package store

import (
	"testing"

	"storefront/store/pricing"
)

func TestFreeShippingGap(t *testing.T) {
	freeOver := ShippingMethod{Kind: ShippingFreeOver, Price: 1200, Threshold: 29900, Active: true}
	for _, tc := range []struct {
		m        ShippingMethod
		subtotal int64
		want     int64
	}{
		{freeOver, 28800, 1100}, // the 288.00 cart: 11.00 to go
		{freeOver, 29899, 1},
		{freeOver, 29900, 0}, // at the threshold it is free
		{freeOver, 50000, 0},
		{freeOver, 0, 29900},
		{ShippingMethod{Kind: ShippingFlat, Price: 1000, Active: true}, 100, 0}, // never free: no gap to show
		{ShippingMethod{Kind: ShippingPickup, Active: true}, 100, 0},
	} {
		if got := tc.m.FreeShippingGap(tc.subtotal); got != tc.want {
			t.Errorf("%s gap at %d = %d, want %d", tc.m.Kind, tc.subtotal, got, tc.want)
		}
		// The gap and the quote never disagree: no gap means the quote is
		// what the method charges anyway (free, or a kind with no threshold).
		if price, _ := tc.m.Quote(tc.subtotal, 0); tc.m.Kind == ShippingFreeOver && (price == 0) != (tc.want == 0) {
			t.Errorf("free-over at %d: quote %d but gap %d", tc.subtotal, price, tc.want)
		}
	}
}

// TestFreeShippingGapBeforePoints: points pay after the thresholds are
// met or not (priceCart), so the gap a checkout shows is from the
// merchandise before them: 297.20 of goods with 10.56 in points is 1.80
// short of free shipping over 299, not 12.36.
func TestFreeShippingGapBeforePoints(t *testing.T) {
	freeOver := ShippingMethod{Kind: ShippingFreeOver, Price: 1200, Threshold: 29900, Active: true}
	c := Checkout{Method: &freeOver, Pricing: pricing.Result{Subtotal: 29720, Discount: 1056, Shipping: 1200,
		Discounts: []pricing.AppliedDiscount{{Code: PointsCode, Amount: 1056}}}}
	if got := c.FreeShippingGap(); got != 180 {
		t.Errorf("gap with points = %d, want 180", got)
	}
}
