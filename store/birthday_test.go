package store

import (
	"context"
	"testing"
	"time"

	"storefront/store/pricing"
)

// TestBirthdayCouponOncePerYear: in the birthday month a member gets their
// tier's coupon and an email, once; moving the birthday within the year
// gets no second one; the code takes its value off a cart once.
func TestBirthdayCouponOncePerYear(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	june := time.Date(2027, 6, 10, 12, 0, 0, 0, time.UTC)
	f.clockOffset = time.Until(june)
	c := registerCustomer(t, f.s, "bday@example.com")
	if _, err := f.s.DB().Exec(`UPDATE customers SET birthday = '1990-06-21' WHERE id = ?`, c.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.IssueBirthdayCoupons(ctx); err != nil || n != 1 {
		t.Fatalf("issued %d, %v; want 1", n, err)
	}
	if n, _ := f.s.IssueBirthdayCoupons(ctx); n != 0 {
		t.Fatalf("a second pass issued %d", n)
	}
	// Moved to July: July comes, still 2027, nothing more.
	f.s.DB().Exec(`UPDATE customers SET birthday = '1990-07-02' WHERE id = ?`, c.ID)
	f.clockOffset += 30 * 24 * time.Hour
	if n, _ := f.s.IssueBirthdayCoupons(ctx); n != 0 {
		t.Fatalf("a moved birthday farmed %d more", n)
	}
	coupons, err := f.s.MemberCoupons(ctx, c.ID)
	if err != nil || len(coupons) != 1 || coupons[0].Value != 500 || coupons[0].Used {
		t.Fatalf("coupons = %+v, %v; want one of 5.00 (Standard's)", coupons, err)
	}
	var emails int
	f.s.read.QueryRow(`SELECT count(*) FROM outbox WHERE kind = ? AND customer_id = ?`, EmailAccountBirthday, c.ID).Scan(&emails)
	if emails != 1 {
		t.Errorf("birthday emails = %d", emails)
	}

	token := f.add(t, "", f.big, 1).Token
	if err := f.s.ApplyCoupon(ctx, token, coupons[0].Code); err != nil {
		t.Fatal(err)
	}
	o := f.view(t, token).Promotions
	if o.Coupon == nil || !o.Coupon.Applied || o.Discount() != 500 {
		t.Fatalf("the birthday code in a cart: %+v, discount %d", o.Coupon, o.Discount())
	}
	ship := flatShipping(t, f.s)
	in := checkoutFor(token, ship)
	in.CustomerID, in.Email = c.ID, c.Email
	if _, _, err := f.s.PlaceOrder(ctx, in); err != nil {
		t.Fatal(err)
	}
	again := f.add(t, "", f.big, 1).Token
	f.s.ApplyCoupon(ctx, again, coupons[0].Code)
	if o := f.view(t, again).Promotions; o.Coupon == nil || o.Coupon.Applied || o.Coupon.Why.Key != pricing.WhyCodeUsed {
		t.Errorf("the code a second time: %+v", o.Coupon)
	}
}

// TestExpiringPointsWarnedOnce: a lot with points left is warned about
// once, within 30 days of its expiry.
func TestExpiringPointsWarnedOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	c := registerCustomer(t, f.s, "expiring@example.com")
	if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, 300, "Thank you"); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.WarnExpiringPoints(ctx); n != 0 {
		t.Fatalf("warned %d a year ahead", n)
	}
	f.clockOffset = 340 * 24 * time.Hour
	if n, err := f.s.WarnExpiringPoints(ctx); err != nil || n != 1 {
		t.Fatalf("warned %d, %v; want 1", n, err)
	}
	if n, _ := f.s.WarnExpiringPoints(ctx); n != 0 {
		t.Fatalf("warned again: %d", n)
	}
}
