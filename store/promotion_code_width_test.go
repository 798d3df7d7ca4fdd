package store

import (
	"context"
	"testing"

	"storefront/store/pricing"
)

// TestFullWidthCodesAreTheirASCIITwins: a Chinese keyboard in full-width
// mode types ＴＥＮ１０ for TEN10. The owner's code field stores the
// ASCII code, and a shopper's full-width entry finds and applies it.
func TestFullWidthCodesAreTheirASCIITwins(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	id, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Ten"), Kind: PromoCoupon,
		Code: "ｔｅｎ１０", Type: pricing.TypePercent, Value: "10"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.s.PromotionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Code != "TEN10" {
		t.Errorf("stored code = %q, want TEN10", p.Code)
	}

	token := f.add(t, "", f.mug, 2).Token // 2 × 15.00
	if err := f.s.ApplyCoupon(ctx, token, "　ＴＥＮ１０　"); err != nil {
		t.Fatalf("full-width code refused: %v", err)
	}
	v := f.view(t, token)
	if c := v.Promotions.Coupon; c == nil || !c.Applied || c.Code != "TEN10" || v.Pricing.Discount != 300 {
		t.Errorf("coupon %+v, discount %d: want TEN10 applied, 3.00 off", c, v.Pricing.Discount)
	}
}
