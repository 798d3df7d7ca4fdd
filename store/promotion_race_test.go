package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"storefront/store/pricing"
)

// More races on promotion limits (promotion_limits_race_test.go has the
// issue's four): each reads the outcome back from the orders themselves —
// orders.discount, order_discounts, order_lines, promotion_codes — and
// checks the promotion's own counters against them.

// promoOrder is a live order that took a promotion: its email, the
// order's whole discount, and the amount the promotion took.
type promoOrder struct {
	email            string
	discount, amount int64
}

// liveOrdersWith lists, by order id, the live orders that took promotion id.
func liveOrdersWith(t *testing.T, s *Store, id int64) map[int64]promoOrder {
	t.Helper()
	rows, err := s.read.Query(`SELECT o.id, o.email, o.discount, sum(d.amount) FROM order_discounts d
		JOIN orders o ON o.id = d.order_id WHERE d.promotion_id = ? AND o.status <> 'cancelled' GROUP BY o.id`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]promoOrder{}
	for rows.Next() {
		var oid int64
		var p promoOrder
		if err := rows.Scan(&oid, &p.email, &p.discount, &p.amount); err != nil {
			t.Fatal(err)
		}
		out[oid] = p
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// countersOf is promotion id's usage_count and the quantity its uses by
// live orders add up to; the two must always agree.
func countersOf(t *testing.T, s *Store, id int64) (count, live int64) {
	t.Helper()
	err := s.read.QueryRow(`SELECT usage_count, (SELECT coalesce(sum(u.quantity), 0) FROM promotion_uses u
		JOIN orders o ON o.id = u.order_id AND o.status <> 'cancelled' WHERE u.promotion_id = ?1)
		FROM promotions WHERE id = ?1`, id).Scan(&count, &live)
	if err != nil {
		t.Fatal(err)
	}
	return count, live
}

// liveUnits is how many units of variant the live orders hold.
func liveUnits(t *testing.T, s *Store, variant int64) int64 {
	t.Helper()
	var n int64
	if err := s.read.QueryRow(`SELECT coalesce(sum(l.quantity), 0) FROM order_lines l
		JOIN orders o ON o.id = l.order_id AND o.status <> 'cancelled' WHERE l.variant_id = ?`, variant).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCouponLastUseUnshownTotalsPlaceTheRestAtFullPrice: a checkout that
// gives no shown total (0, "unknown") is not refused when the coupon's last
// use goes to another order: it is placed at the full price. Of 100 such
// checkouts at once, exactly the limit's number carry the 5.00 off, every
// other one is charged 52.00 + 10.00 with no discount, and the counters
// match the orders.
func TestCouponLastUseUnshownTotalsPlaceTheRestAtFullPrice(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	for _, limit := range []int64{1, 5} {
		code := fmt.Sprintf("QUIET%d", limit)
		id := addPromo(t, f.s, map[string]any{"name": code, "kind": PromoCoupon, "code": code, "type": pricing.TypeFixed,
			"value": 500, "usage_limit": limit})
		var ins []CheckoutInput
		for i := range 100 {
			_, in := f.raceCheckout(t, ship, fmt.Sprintf("q%d-%d@example.com", limit, i), code, 1, false)
			ins = append(ins, in)
		}
		for _, err := range f.placeAll(ins) {
			if err != nil {
				t.Errorf("limit %d: %v", limit, err)
			}
		}
		with := liveOrdersWith(t, f.s, id)
		for oid, o := range with {
			if o.amount != 500 || o.discount != 500 {
				t.Errorf("limit %d: order %d took %d (order discount %d), want 500", limit, oid, o.amount, o.discount)
			}
		}
		var full int64
		f.s.read.QueryRow(`SELECT count(*) FROM orders WHERE email LIKE ? AND discount = 0 AND total = 6200`,
			fmt.Sprintf("q%d-%%", limit)).Scan(&full)
		count, live := countersOf(t, f.s, id)
		if int64(len(with)) != limit || full != 100-limit || count != limit || live != limit {
			t.Errorf("limit %d: %d orders with the coupon, %d at full price, usage_count %d, uses %d", limit, len(with), full, count, live)
		}
	}
}

// TestSingleUseGeneratedCodeGoesToOneOrder: one generated campaign code,
// typed in lower case into 30 carts that check out at once: one order has
// it and the code records that order; every other checkout is refused
// with "already used"; the campaign's other codes stay unused.
func TestSingleUseGeneratedCodeGoesToOneOrder(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Campaign", "kind": PromoCoupon, "code": "CAMPAIGN",
		"type": pricing.TypeFixed, "value": 700})
	if err := f.s.GeneratePromotionCodes(ctx, Actor{}, id, 3, "C", ""); err != nil {
		t.Fatal(err)
	}
	var code string
	if err := f.s.read.QueryRow(`SELECT code FROM promotion_codes WHERE promotion_id = ? ORDER BY code LIMIT 1`, id).Scan(&code); err != nil {
		t.Fatal(err)
	}
	var ins []CheckoutInput
	for i := range 30 {
		_, in := f.raceCheckout(t, ship, fmt.Sprintf("c%d@example.com", i), strings.ToLower(code), 1, true)
		ins = append(ins, in)
	}
	placed := 0
	for _, err := range f.placeAll(ins) {
		var rose *PriceRoseError
		switch {
		case err == nil:
			placed++
		case errors.As(err, &rose):
			if rose.Coupon == nil || rose.Coupon.Why.Key != pricing.WhyCodeUsed || rose.Total != rose.Shown+700 {
				t.Errorf("refused with %+v (coupon %+v), want the code already used", rose, rose.Coupon)
			}
		default:
			t.Errorf("checkout: %v", err)
		}
	}
	with := liveOrdersWith(t, f.s, id)
	var holder, used int64
	f.s.read.QueryRow(`SELECT coalesce(order_id, 0) FROM promotion_codes WHERE code = ?`, code).Scan(&holder)
	f.s.read.QueryRow(`SELECT count(*) FROM promotion_codes WHERE promotion_id = ? AND order_id IS NOT NULL`, id).Scan(&used)
	if placed != 1 || len(with) != 1 || used != 1 {
		t.Fatalf("%d placed, %d orders with the code's discount, %d codes used; want 1 each", placed, len(with), used)
	}
	if o, ok := with[holder]; !ok || o.amount != 700 {
		t.Errorf("the code records order %d, but the discount is on %v", holder, with)
	}
}

// TestPerCustomerLimitsHoldAcrossSessionsAndLetterCase: one shopper's
// email in three spellings of letter case is one shopper. Twelve of their
// sessions at once with a coupon of two uses per customer: two orders have
// it. Ten of another shopper's sessions with a first-order coupon: one.
// Checkouts give no shown total, so the rest are placed at full price.
func TestPerCustomerLimitsHoldAcrossSessionsAndLetterCase(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	twice := addPromo(t, f.s, map[string]any{"name": "Twice", "kind": PromoCoupon, "code": "TWICE",
		"type": pricing.TypeFixed, "value": 500, "per_customer_limit": 2})
	first := addPromo(t, f.s, map[string]any{"name": "First", "kind": PromoCoupon, "code": "FIRST",
		"type": pricing.TypeFixed, "value": 800, "first_order_only": 1})
	spellings := func(name string) []string {
		return []string{name + "@example.com", strings.ToUpper(name[:1]) + name[1:] + "@Example.com", strings.ToUpper(name) + "@EXAMPLE.COM"}
	}
	var ins []CheckoutInput
	for i := range 12 {
		_, in := f.raceCheckout(t, ship, spellings("mia")[i%3], "TWICE", 1, false)
		ins = append(ins, in)
	}
	for i := range 10 {
		_, in := f.raceCheckout(t, ship, spellings("leo")[i%3], "first", 1, false)
		ins = append(ins, in)
	}
	for _, err := range f.placeAll(ins) {
		if err != nil {
			t.Error(err)
		}
	}
	for _, c := range []struct {
		id, want int64
		who      string
	}{{twice, 2, "mia@example.com"}, {first, 1, "leo@example.com"}} {
		with := liveOrdersWith(t, f.s, c.id)
		for oid, o := range with {
			if customerKey(o.email) != c.who {
				t.Errorf("promotion %d went to order %d of %s", c.id, oid, o.email)
			}
		}
		var mine int64
		f.s.read.QueryRow(`SELECT coalesce(sum(quantity), 0) FROM promotion_uses WHERE promotion_id = ? AND customer = ?`,
			c.id, c.who).Scan(&mine)
		count, live := countersOf(t, f.s, c.id)
		if int64(len(with)) != c.want || mine != c.want || count != c.want || live != c.want {
			t.Errorf("%s: %d orders with promotion %d, %d uses on their key, usage_count %d, live uses %d; want %d",
				c.who, len(with), c.id, mine, count, live, c.want)
		}
	}
}

// TestFlashSaleUnitsCountedFromTheOrders: 10 units at half price, at most
// 2 per shopper (whatever the letter case of their email), 200 buyers of
// 1–3 units at once, a quarter of them holding the checkout's shown total.
// From the orders' own discounts: exactly 10 units went at the sale price,
// no shopper got more than 2, each order's sale discount is a whole number
// of units; refusals are only "the price rose" with no coupon to blame;
// and the stock taken is what the live orders hold.
func TestFlashSaleUnitsCountedFromTheOrders(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Half", "type": pricing.TypeFlash, "value": 5000,
		"usage_limit": 10, "per_customer_limit": 2, "rules": `{"variants":[` + itoa(f.big) + `]}`})
	const off = 2600 // half of 52.00
	stock := stockOf(t, f.s, f.big)
	var ins []CheckoutInput
	for i := range 200 {
		email := fmt.Sprintf("b%d@example.com", i%60)
		if i%2 == 1 {
			email = strings.ToUpper(email)
		}
		_, in := f.raceCheckout(t, ship, email, "", int64(1+i%3), i%4 == 0)
		ins = append(ins, in)
	}
	placed := 0
	for _, err := range f.placeAll(ins) {
		var rose *PriceRoseError
		switch {
		case err == nil:
			placed++
		case errors.As(err, &rose) && rose.Coupon == nil && rose.Total > rose.Shown:
		default:
			t.Errorf("checkout: %v", err)
		}
	}
	var orders int64
	f.s.read.QueryRow(`SELECT count(*) FROM orders WHERE status <> 'cancelled'`).Scan(&orders)
	if orders != int64(placed) {
		t.Errorf("%d orders in the database, %d checkouts succeeded", orders, placed)
	}
	units, byShopper := int64(0), map[string]int64{}
	for oid, o := range liveOrdersWith(t, f.s, id) {
		if o.amount%off != 0 || o.amount <= 0 {
			t.Errorf("order %d took %d off, not a whole number of units at %d", oid, o.amount, off)
		}
		units += o.amount / off
		byShopper[customerKey(o.email)] += o.amount / off
	}
	for who, n := range byShopper {
		if n > 2 {
			t.Errorf("%s got %d units at the sale price, the cap is 2", who, n)
		}
	}
	count, live := countersOf(t, f.s, id)
	if units != 10 || count != 10 || live != 10 {
		t.Errorf("%d units at the sale price in the orders, usage_count %d, live uses %d; want 10", units, count, live)
	}
	if got, sold := stockOf(t, f.s, f.big), liveUnits(t, f.s, f.big); got != stock-sold {
		t.Errorf("stock %d after selling %d of %d", got, sold, stock)
	}
}

// TestCancelledUseGoesToTheNextShopper: a limit-1 coupon's order is
// cancelled, and the shopper who was refused gets it on looking again.
// Then, five times over, the order holding it is cancelled by staff and
// expired by the job at the same moment as five new checkouts: after each
// round at most one live order has it, the counters match the live
// orders, and the stock was given back once.
func TestCancelledUseGoesToTheNextShopper(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id := addPromo(t, f.s, map[string]any{"name": "Solo", "kind": PromoCoupon, "code": "SOLO", "type": pricing.TypeFixed,
		"value": 500, "usage_limit": 1})
	stock := stockOf(t, f.s, f.big)
	_, a := f.raceCheckout(t, ship, "a@example.com", "SOLO", 1, true)
	tokenB, b := f.raceCheckout(t, ship, "b@example.com", "SOLO", 1, true)
	held, _, err := f.s.PlaceOrder(ctx, a)
	if err != nil || held.Discount != 500 {
		t.Fatalf("first order: %v", err)
	}
	var rose *PriceRoseError
	if _, _, err := f.s.PlaceOrder(ctx, b); !errors.As(err, &rose) || rose.Coupon == nil || rose.Coupon.Why.Key != pricing.WhyUsedUp {
		t.Fatalf("second shopper while the coupon is taken: %v, want refused as used up", err)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, held.ID); err != nil {
		t.Fatal(err)
	}
	c, _, err := f.s.PriceCheckout(ctx, f.view(t, tokenB), ship)
	if err != nil {
		t.Fatal(err)
	}
	b.ShownTotal = c.Pricing.Total
	next, _, err := f.s.PlaceOrder(ctx, b)
	if err != nil || next.Discount != 500 {
		t.Fatalf("after the cancel, the second shopper's order: %v (discount %v)", err, next)
	}

	for round := range 5 {
		var ins []CheckoutInput
		for i := range 5 {
			_, in := f.raceCheckout(t, ship, fmt.Sprintf("r%d-%d@example.com", round, i), "SOLO", 1, false)
			ins = append(ins, in)
		}
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			if err := f.s.CancelOrder(ctx, Actor{}, next.ID); err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := f.s.ExpireOrder(ctx, next.ID, CancelExpired); err != nil {
				t.Error(err)
			}
		}()
		for _, err := range f.placeAll(ins) {
			if err != nil {
				t.Error(err)
			}
		}
		wg.Wait()
		with := liveOrdersWith(t, f.s, id)
		count, live := countersOf(t, f.s, id)
		if len(with) > 1 || count != int64(len(with)) || live != count {
			t.Fatalf("round %d: %d live orders with the coupon, usage_count %d, live uses %d", round, len(with), count, live)
		}
		if got, sold := stockOf(t, f.s, f.big), liveUnits(t, f.s, f.big); got != stock-sold {
			t.Fatalf("round %d: stock %d after %d sold of %d", round, got, sold, stock)
		}
		for oid := range with {
			next.ID = oid
		}
		if len(with) == 0 { // every checkout ran before the cancel: the next round cancels one without it
			f.s.read.QueryRow(`SELECT max(id) FROM orders WHERE status <> 'cancelled'`).Scan(&next.ID)
		}
	}
}
