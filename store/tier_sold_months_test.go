package store

import (
	"context"
	"testing"
	"time"
)

// TestPaidTierGrantsTheMonthsSold: an order buys Gold for 12 months;
// while it awaits payment the owner sells Gold for 6, and a second order
// buys that. Paid (the second first), each grants the months it was sold
// with, the older stacked after the newer. An order from before orders
// kept what they bought grants what the tier says at payment, as it did.
func TestPaidTierGrantsTheMonthsSold(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold, _, variant := goldYear(t, f)
	c := registerCustomer(t, f.s, "gold@example.com")
	order := func() *Order {
		t.Helper()
		in := checkoutFor(f.add(t, "", variant, 1).Token, ship)
		in.Email, in.CustomerID = c.Email, c.ID
		o, _, err := f.s.PlaceOrder(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	sellFor := func(months string) {
		t.Helper()
		if err := f.s.SaveTier(ctx, Actor{}, gold, TierInput{Name: Plain("Gold"), Threshold: "3000",
			SoldSKU: "GOLD-1Y", SoldMonths: months}); err != nil {
			t.Fatal(err)
		}
	}
	// granted is the membership the order's payment gave: its start and
	// how many months long it is.
	granted := func(o *Order) (time.Time, int) {
		t.Helper()
		var tier, starts, ends int64
		if err := f.s.read.QueryRow(`SELECT tier_id, starts_at, ends_at FROM paid_memberships WHERE order_id = ?`,
			o.ID).Scan(&tier, &starts, &ends); err != nil {
			t.Fatalf("order %s: %v", o.Number, err)
		}
		if tier != gold {
			t.Errorf("order %s granted tier %d, want Gold (%d)", o.Number, tier, gold)
		}
		from := time.Unix(starts, 0)
		for months := range 25 {
			if from.AddDate(0, months, 0).Unix() == ends {
				return from, months
			}
		}
		t.Fatalf("order %s granted %s to %s", o.Number, from, time.Unix(ends, 0))
		return from, 0
	}
	pay := func(o *Order) {
		t.Helper()
		if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
	}

	year := order()
	sellFor("6")
	half := order()
	sellFor("3")
	pay(half)
	pay(year)
	halfFrom, halfMonths := granted(half)
	yearFrom, yearMonths := granted(year)
	if halfMonths != 6 || yearMonths != 12 {
		t.Errorf("granted %d and %d months, want 6 and 12 as sold", halfMonths, yearMonths)
	}
	if want := halfFrom.AddDate(0, 6, 0); !yearFrom.Equal(want) {
		t.Errorf("the year starts %s, want at the half year's end %s", yearFrom, want)
	}

	before := order()
	if _, err := f.s.write.Exec(`UPDATE order_lines SET tier_id = NULL, tier_name = NULL, tier_months = NULL
		WHERE order_id = ?`, before.ID); err != nil {
		t.Fatal(err)
	}
	sellFor("2")
	pay(before)
	if _, months := granted(before); months != 2 {
		t.Errorf("an order from before the snapshot granted %d months, want 2 as Gold is sold at payment", months)
	}
}
