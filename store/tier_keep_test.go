package store

import (
	"context"
	"testing"
	"time"
)

// TestKeepTierCountsEveryOrderLeavingThatDay: Silver from 100.00, orders
// of 104.00, 52.00 and 52.00 paid minutes apart. The first leaving keeps
// Silver (104.00 left), the second does not: that is the day to act by,
// and since the third leaves the same day, all of Silver's 100.00 must be
// spent again. A fourth order a day later stays: 48.00 then keeps it.
func TestKeepTierCountsEveryOrderLeavingThatDay(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	st, err := f.s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Noon in the shop's zone, so that minutes apart is the same day.
	noon := time.Date(2026, 3, 10, 12, 1, 0, 0, st.Location())
	f.clockOffset = time.Until(noon)
	if _, err := f.s.DB().Exec(`UPDATE member_tiers SET threshold = 10000 WHERE name = 'Silver'`); err != nil {
		t.Fatal(err)
	}
	c := registerCustomer(t, f.s, "wang@example.com")
	f.memberOrder(t, ship, c, 2, 0)
	f.clockOffset += 2 * time.Minute
	second := f.memberOrder(t, ship, c, 1, 0)
	f.clockOffset += 10 * time.Minute
	third := f.memberOrder(t, ship, c, 1, 0)
	keep := func(spend int64) TierStatus {
		t.Helper()
		st, err := f.s.CustomerTier(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Tier.Name.Default != "Silver" || st.Spend != spend {
			t.Fatalf("wang: %+v, want Silver with %d", st, spend)
		}
		return st
	}
	leaves := func(o *Order) time.Time {
		t.Helper()
		var paid int64
		if err := f.s.read.QueryRow(`SELECT paid_at FROM orders WHERE id = ?`, o.ID).Scan(&paid); err != nil {
			t.Fatal(err)
		}
		return time.Unix(paid, 0).AddDate(1, 0, 0)
	}
	if st, by := keep(20800), leaves(second); st.Keep != 10000 || !st.KeepBy.Equal(by) {
		t.Errorf("keep %d by %v, want 10000 by %v (the second order leaving)", st.Keep, st.KeepBy, by)
	}
	f.clockOffset += 24 * time.Hour
	f.memberOrder(t, ship, c, 1, 0)
	if st, by := keep(26000), leaves(third); st.Keep != 4800 || !st.KeepBy.Equal(by) {
		t.Errorf("with a later order: keep %d by %v, want 4800 by %v (the third order leaving)", st.Keep, st.KeepBy, by)
	}
}
