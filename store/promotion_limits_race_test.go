package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"storefront/store/pricing"
)

// raceCheckout places an order of qty large shirts for email with code
// applied, showing the checkout's total as the ceiling when shown is set.
func (f *cartFixture) raceCheckout(t *testing.T, ship int64, email, code string, qty int64, shown bool) (string, CheckoutInput) {
	t.Helper()
	ctx := context.Background()
	token := f.add(t, "", f.big, qty).Token
	if code != "" {
		if err := f.s.ApplyCoupon(ctx, token, code); err != nil {
			t.Fatal(err)
		}
	}
	in := checkoutFor(token, ship)
	in.Email = email
	if shown {
		c, _, err := f.s.PriceCheckout(ctx, f.view(t, token), ship)
		if err != nil {
			t.Fatal(err)
		}
		in.ShownTotal = c.Pricing.Total
	}
	return token, in
}

// placeAll places every checkout at once and returns the errors by index.
func (f *cartFixture) placeAll(ins []CheckoutInput) []error {
	errs := make([]error, len(ins))
	var wg sync.WaitGroup
	for i, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = f.s.PlaceOrder(context.Background(), in)
		}()
	}
	wg.Wait()
	return errs
}

// usesOf is the promotion's counted uses and the live orders carrying it.
func usesOf(t *testing.T, s *Store, id int64) (used, orders int64) {
	t.Helper()
	s.read.QueryRow(`SELECT usage_count FROM promotions WHERE id = ?`, id).Scan(&used)
	s.read.QueryRow(`SELECT count(DISTINCT d.order_id) FROM order_discounts d JOIN orders o ON o.id = d.order_id
		WHERE d.promotion_id = ? AND o.status <> 'cancelled'`, id).Scan(&orders)
	return used, orders
}

// TestLastCouponUseGoesToOneOrder: 100 shoppers check out at once with a
// coupon that has one use left (and another with five): one (five) orders
// get it, every other checkout is refused because its total rose, with
// the coupon's reason, and nothing else fails.
func TestLastCouponUseGoesToOneOrder(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	for _, limit := range []int64{1, 5} {
		code := fmt.Sprintf("LAST%d", limit)
		id := addPromo(t, f.s, map[string]any{"name": code, "kind": PromoCoupon, "code": code, "type": pricing.TypeFixed,
			"value": 500, "usage_limit": limit})
		var ins []CheckoutInput
		for i := range 100 {
			_, in := f.raceCheckout(t, ship, fmt.Sprintf("s%d-%d@example.com", limit, i), code, 1, true)
			ins = append(ins, in)
		}
		placed := 0
		for _, err := range f.placeAll(ins) {
			var rose *PriceRoseError
			switch {
			case err == nil:
				placed++
			case errors.As(err, &rose):
				if rose.Coupon == nil || rose.Coupon.Why.Key != pricing.WhyUsedUp {
					t.Errorf("limit %d: refused with %+v, want the coupon used up", limit, rose.Coupon)
				}
			default:
				t.Errorf("limit %d: %v", limit, err)
			}
		}
		used, orders := usesOf(t, f.s, id)
		if int64(placed) != limit || used != limit || orders != limit {
			t.Errorf("limit %d: %d placed, %d uses counted, %d orders with the coupon", limit, placed, used, orders)
		}
	}
}

// TestFirstOrderCouponOnceUnderParallelSessions: ten sessions of one email
// check out at once with a first-order coupon: one order has it.
func TestFirstOrderCouponOnceUnderParallelSessions(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Hello", "kind": PromoCoupon, "code": "HELLO", "value": 1000,
		"first_order_only": 1})
	var ins []CheckoutInput
	for range 10 {
		_, in := f.raceCheckout(t, ship, "same@example.com", "HELLO", 1, false)
		ins = append(ins, in)
	}
	for _, err := range f.placeAll(ins) {
		if err != nil {
			t.Error(err)
		}
	}
	if _, orders := usesOf(t, f.s, id); orders != 1 {
		t.Errorf("%d orders took the first-order coupon, want 1", orders)
	}
}

// TestFlashSaleUnitsNeverOversold: 10 units at the sale price, at most 2
// per shopper, and 200 buyers of 1–3 units at once (some the same email):
// exactly 10 units sell at the sale price, nobody gets more than 2,
// the counted uses match the orders, and stock matches what was sold.
func TestFlashSaleUnitsNeverOversold(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 5000,
		"usage_limit": 10, "per_customer_limit": 2, "rules": `{"variants":[` + itoa(f.big) + `]}`})
	stock := stockOf(t, f.s, f.big)
	var ins []CheckoutInput
	var sold int64
	for i := range 200 {
		qty := int64(1 + i%3)
		_, in := f.raceCheckout(t, ship, fmt.Sprintf("b%d@example.com", i%150), "", qty, false)
		ins = append(ins, in)
		sold += qty
	}
	for _, err := range f.placeAll(ins) {
		if err != nil {
			t.Error(err)
		}
	}
	var units, worst int64
	f.s.read.QueryRow(`SELECT coalesce(sum(quantity), 0) FROM promotion_uses WHERE promotion_id = ?`, id).Scan(&units)
	f.s.read.QueryRow(`SELECT coalesce(max(n), 0) FROM (SELECT sum(quantity) AS n FROM promotion_uses WHERE promotion_id = ? GROUP BY customer)`, id).Scan(&worst)
	used, _ := usesOf(t, f.s, id)
	if units != 10 || units != used || worst > 2 {
		t.Errorf("%d units at the sale price (counted %d), at most %d to one shopper; want exactly 10, at most 2 each", units, used, worst)
	}
	if got := stockOf(t, f.s, f.big); got != stock-sold {
		t.Errorf("stock %d, want %d", got, stock-sold)
	}
}

// TestCancelReleasesTheUseForTheNext: a cancelled order gives its use
// back; a cancel racing new checkouts never leaves more live orders with
// the coupon than its limit.
func TestCancelReleasesTheUseForTheNext(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "One", "kind": PromoCoupon, "code": "ONE", "type": pricing.TypeFixed,
		"value": 500, "usage_limit": 1})
	_, in := f.raceCheckout(t, ship, "first@example.com", "ONE", 1, true)
	first, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil || first.Discount != 500 {
		t.Fatalf("first order: %v", err)
	}
	var ins []CheckoutInput
	for i := range 6 {
		_, in := f.raceCheckout(t, ship, fmt.Sprintf("next%d@example.com", i), "ONE", 1, false)
		ins = append(ins, in)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := f.s.CancelOrder(ctx, Actor{}, first.ID); err != nil {
			t.Error(err)
		}
	}()
	errs := f.placeAll(ins)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	used, orders := usesOf(t, f.s, id)
	if used != orders || orders > 1 {
		t.Errorf("after the cancel race: %d uses counted, %d live orders with the coupon", used, orders)
	}
}

// TestOrderCountsLimitsInItsTransaction: the live promotions cached for
// pages may hold a count from before another order committed (a page read
// them while it ran). An order takes the counts from its own transaction,
// so a flash sale's last unit is not sold twice, and the shopper who saw
// the flash price is told the price rose.
func TestOrderCountsLimitsInItsTransaction(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 5000,
		"usage_limit": 1, "rules": `{"variants":[` + itoa(f.big) + `]}`})
	_, in := f.raceCheckout(t, ship, "late@example.com", "", 1, true) // its checkout page caches the promotions
	if _, err := f.s.write.Exec(`UPDATE promotions SET usage_count = 1 WHERE id = ?`, id); err != nil {
		t.Fatal(err) // the last unit, to an order the cache did not see
	}
	var rose *PriceRoseError
	if _, _, err := f.s.PlaceOrder(ctx, in); !errors.As(err, &rose) {
		t.Fatalf("order = %v, want the price rose", err)
	}
	if used, orders := usesOf(t, f.s, id); used != 1 || orders != 0 {
		t.Errorf("%d uses counted, %d orders at the flash price; want 1 and 0", used, orders)
	}
}

// TestLiveCacheKeepsNoReadFromBeforeADrop: a read that began before a
// promotion's write dropped the cache may hold the old promotion, so it is
// not kept.
func TestLiveCacheKeepsNoReadFromBeforeADrop(t *testing.T) {
	var c liveCache
	now := time.Now()
	_, drops, _ := c.get(now, time.Time{})
	c.drop() // a write commits while the read runs
	c.keep([]Promotion{{Name: Text{Default: "old"}}}, now, drops)
	if _, _, ok := c.get(now, time.Time{}); ok {
		t.Fatal("kept a read from before the drop")
	}
	_, drops, _ = c.get(now, time.Time{})
	c.keep(nil, now, drops)
	if _, _, ok := c.get(now, time.Time{}); !ok {
		t.Fatal("did not keep a read from after the drop")
	}
}

// TestOrderKeepsTheLivePromotionsItReads: an order that finds no live
// promotions cached (none read yet, or past CacheTTL) reads and keeps
// them, so that a run of orders without a page view between them does not
// read every definition inside each order's transaction.
func TestOrderKeepsTheLivePromotionsItReads(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 500,
		"rules": `{"variants":[` + itoa(f.big) + `]}`})
	_, in := f.raceCheckout(t, ship, "buyer@example.com", "", 1, false)
	f.s.live.drop() // as if the checkout page had been read a CacheTTL ago
	if _, _, err := f.s.PlaceOrder(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	ps, _, ok := f.s.live.get(f.s.Now(), time.Time{})
	if !ok {
		t.Fatal("the order read the live promotions without keeping them")
	}
	if len(ps) != 1 || ps[0].Name.Default != "Flash" {
		t.Fatalf("kept %+v, want the flash sale", ps)
	}
}

// TestPageReadDuringAnOrderKeepsNoOldCount: a page that reads the live
// promotions while an order using a limited one is being committed (here,
// in the same group commit) reads the count from before the order. The
// cache is dropped once the order is committed, so that the next page
// shows the new count rather than the one read in between.
func TestPageReadDuringAnOrderKeepsNoOldCount(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 500,
		"usage_limit": 10, "rules": `{"variants":[` + itoa(f.big) + `]}`})
	_, in := f.raceCheckout(t, ship, "buyer@example.com", "", 1, false)

	f.s.writer <- struct{}{} // hold the writer, so that both queue for one commit
	order := make(chan error, 1)
	go func() { _, _, err := f.s.PlaceOrder(ctx, in); order <- err }()
	for len(f.s.pending) == 0 {
		time.Sleep(time.Millisecond)
	}
	page := make(chan error, 1)
	go func() {
		page <- f.s.tx(ctx, func(*sql.Tx) error { _, err := f.s.livePromotions(ctx); return err })
	}()
	for len(f.s.pending) < 2 {
		time.Sleep(time.Millisecond)
	}
	<-f.s.writer
	if err := errors.Join(<-order, <-page); err != nil {
		t.Fatal(err)
	}
	ps, err := f.s.livePromotions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ps, func(p Promotion) bool { return p.ID == id })
	if i < 0 {
		t.Fatal("the flash sale is not among the live promotions")
	}
	if ps[i].Used != 1 {
		t.Fatalf("the flash sale shows %d uses after the order, want 1", ps[i].Used)
	}
}

// TestLimitedCouponKeepsTheLivePromotions: an order with a limited coupon
// leaves the live promotions kept, since no coupon is among them; one with
// a limited automatic promotion drops them.
func TestLimitedCouponKeepsTheLivePromotions(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TEN", "value": 1000,
		"usage_limit": 5, "combines_promotions": 1})
	addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 500,
		"usage_limit": 10, "rules": `{"variants":[` + itoa(f.mug) + `]}`, "combines_coupons": 1})
	kept := func() bool {
		_, _, ok := f.s.live.get(f.s.Now(), time.Time{})
		return ok
	}
	_, coupon := f.raceCheckout(t, ship, "ana@example.com", "TEN", 1, false)
	if _, err := f.s.livePromotions(context.Background()); err != nil || !kept() {
		t.Fatalf("live promotions not kept: %v", err)
	}
	o, _, err := f.s.PlaceOrder(context.Background(), coupon)
	if err != nil {
		t.Fatal(err)
	}
	if o.Discount == 0 {
		t.Fatal("the coupon was not used")
	}
	if !kept() {
		t.Error("an order with a limited coupon dropped the live promotions")
	}

	token := f.add(t, "", f.mug, 1).Token
	in := checkoutFor(token, ship)
	if _, _, err := f.s.PlaceOrder(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if kept() {
		t.Error("an order with a limited flash sale kept the live promotions and their old count")
	}
}
