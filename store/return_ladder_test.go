package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"storefront/store/pricing"
)

// refundStaff is the owner in these tests.
var refundStaff = Actor{Email: "owner@example.com"}

// refundWhole takes return id from requested through approved and
// received to refunded, offline.
func refundWhole(t *testing.T, s *Store, id int64) {
	t.Helper()
	ctx := context.Background()
	if err := s.ApproveReturn(ctx, refundStaff, id, ""); err != nil {
		t.Fatalf("approve %d: %v", id, err)
	}
	if err := s.ReceiveReturn(ctx, refundStaff, id, nil); err != nil {
		t.Fatalf("receive %d: %v", id, err)
	}
	if err := s.RefundReturn(ctx, refundStaff, id, "bank_transfer", "TX-"+itoa(id)); err != nil {
		t.Fatalf("refund %d: %v", id, err)
	}
}

// lotsLeft is what is left of each of the customer's lots (both parts),
// by lot id.
func lotsLeft(t *testing.T, s *Store, customerID int64) map[int64]int64 {
	t.Helper()
	rows, err := s.read.Query(`SELECT lot_id, sum(points) FROM points_ledger WHERE customer_id = ? GROUP BY lot_id`, customerID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var lot, n int64
		if err := rows.Scan(&lot, &n); err != nil {
			t.Fatal(err)
		}
		out[lot] = n
	}
	return out
}

// ladderOrder is the hand-worked order of TestReturnRefundsWithLadderCouponAndPoints.
type ladderOrder struct {
	*Order
	c              *Customer
	line           map[int64]int64 // order line by variant
	jacket, socks  int64           // variants
	lotA, lotB     int64           // the member's points lots, A expiring first
	ladder, coupon int64           // promotions
}

// placeLadderOrder has a member with two lots of 2,500 points (A expiring
// sooner, so it pays first) buy 3 jackets at 129.00, 2 shirts at 52.00, 3
// socks at 7.33 and a mug at 15.00 with a spend ladder, a 10% coupon and
// 4,500 points at 3 per 0.02; paid, shipped and delivered.
func (f *cartFixture) placeLadderOrder(t *testing.T) ladderOrder {
	t.Helper()
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	var lo ladderOrder
	for _, p := range []struct {
		handle string
		price  int64
		id     *int64
	}{{"jacket", 12900, &lo.jacket}, {"socks", 733, &lo.socks}} {
		f.save(t, ProductInput{Handle: p.handle, Title: p.handle, Status: StatusActive,
			Variants: []VariantInput{{SKU: p.handle, Price: p.price, Stock: 50}}})
		prod, _ := f.s.ProductByHandle(ctx, p.handle, false)
		*p.id = prod.Variants[0].ID
	}
	l, _ := f.s.Loyalty(ctx)
	l.RedeemPoints, l.RedeemValue = 3, 2 // what goes back is a rounded share of the points
	if err := f.s.SetLoyalty(ctx, 0, l); err != nil {
		t.Fatal(err)
	}
	lo.ladder = addPromo(t, f.s, map[string]any{"name": "Spend more", "type": pricing.TypeLadder,
		"rules": `{"steps":[{"min":19900,"value":2000},{"min":49900,"value":5000}]}`, "combines_coupons": 1, "combines_promotions": 1})
	lo.coupon = addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TENOFF", "value": 1000,
		"combines_promotions": 1})
	lo.c = registerCustomer(t, f.s, "ladder@example.com")
	f.clockOffset = -40 * 24 * time.Hour
	if err := f.s.AdjustPoints(ctx, Actor{}, lo.c.ID, 2500, "early"); err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 0
	if err := f.s.AdjustPoints(ctx, Actor{}, lo.c.ID, 2500, "later"); err != nil {
		t.Fatal(err)
	}
	f.s.read.QueryRow(`SELECT min(id), max(id) FROM points_lots WHERE customer_id = ?`, lo.c.ID).Scan(&lo.lotA, &lo.lotB)

	token := f.add(t, "", lo.jacket, 3).Token // 3 × 129.00 = 387.00
	f.add(t, token, f.big, 2)                 // 2 × 52.00 = 104.00
	f.add(t, token, lo.socks, 3)              // 3 × 7.33 = 21.99
	f.add(t, token, f.mug, 1)                 // 1 × 15.00: subtotal 527.99
	if err := f.s.ApplyCoupon(ctx, token, "tenoff"); err != nil {
		t.Fatal(err)
	}
	in := checkoutFor(token, ship)
	in.Email, in.CustomerID, in.RedeemPoints = lo.c.Email, lo.c.ID, 4500
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.MarkDelivered(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if lo.Order, err = f.s.OrderByID(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	lo.line = map[int64]int64{}
	for _, ol := range lo.Lines {
		lo.line[ol.VariantID] = ol.ID
	}
	return lo
}

// TestReturnRefundsWithLadderCouponAndPoints: an order with a spend
// ladder, a percent coupon and points on it, returned in four requests,
// refunds each unit's frozen share, never touches the lines still kept,
// takes back the points earned and gives the redeemed ones back to their
// own lots, and refunds in all exactly what the merchandise was paid.
// Shipping is not refunded: quoteLines refunds order_lines.paid only,
// which the shipping is no part of.
func TestReturnRefundsWithLadderCouponAndPoints(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.placeLadderOrder(t)
	jacket, socks := o.jacket, o.socks
	// By largest remainder over the lines' nets (jacket, shirt, socks, mug):
	//   ladder 50.00 over 387.00/104.00/21.99/15.00 (of 527.99):
	//     3664 r44464, 984 r45784, 208 r12808, 142 r2542 → +1 shirt, +1 jacket
	//     = 3665, 985, 208, 142; nets 35035, 9415, 1991, 1358 (477.99)
	//   coupon 10% of 477.99 = 47.80 (half up):
	//     3503 r27403, 941 r24841, 199 r4979, 135 r38375 → +1 mug, +1 jacket
	//     = 3504, 941, 199, 136; nets 31531, 8474, 1792, 1222 (430.19)
	//   points: 4,500 at 3 per 0.02 = 30.00 (under half of 430.19):
	//     2198 r37238, 590 r40790, 124 r41644, 85 r9385 → +1 socks, shirt, jacket
	//     = 2199, 591, 125, 85
	//   paid 29332, 7883, 1667, 1137 = 400.19; earned a point per 1.00 of
	//   each: 293, 78, 16, 11 = 398; shipping 10.00: total 410.19.
	want := map[int64][4]int64{ // paid, discount, points paid, points earned
		jacket: {29332, 3665 + 3504 + 2199, 2199, 293},
		f.big:  {7883, 985 + 941 + 591, 591, 78},
		socks:  {1667, 208 + 199 + 125, 125, 16},
		f.mug:  {1137, 142 + 136 + 85, 85, 11},
	}
	if o.Total != 41019 || o.Shipping != 1000 || o.Discount != 5000+4780+3000 {
		t.Fatalf("order total %d, shipping %d, discount %d; want 410.19, 10.00, 127.80", o.Total, o.Shipping, o.Discount)
	}
	for _, ol := range o.Lines {
		var pointsPaid, earned int64
		f.s.read.QueryRow(`SELECT points_paid, points_earned FROM order_lines WHERE id = ?`, ol.ID).Scan(&pointsPaid, &earned)
		if got := [4]int64{ol.Paid, ol.Discount, pointsPaid, earned}; got != want[ol.VariantID] {
			t.Errorf("%s: paid, discount, points paid, earned %v; want %v", ol.ProductTitle, got, want[ol.VariantID])
		}
	}
	var redeemed int64
	f.s.read.QueryRow(`SELECT points_redeemed FROM orders WHERE id = ?`, o.ID).Scan(&redeemed)
	// 4,500 points redeemed: all of lot A, 2,000 of lot B; 398 pending.
	if lots := lotsLeft(t, f.s, o.c.ID); redeemed != 4500 || lots[o.lotA] != 0 || lots[o.lotB] != 500 {
		t.Fatalf("redeemed %d; lots %v", redeemed, lots)
	}
	if t.Failed() {
		t.FailNow()
	}
	// The refunds are frozen on the order: the promotions ending changes none.
	f.s.write.Exec(`UPDATE promotions SET active = 0 WHERE id IN (?, ?)`, o.ladder, o.coupon)
	f.s.promotionsChanged()

	steps := []refundStep{{
		// 1 of 3 jackets: floor(29332·1/3) = 9777; floor(293/3) = 97 back;
		// the points paid 733 (floor(2199/3)) of the order's 30.00, so
		// floor(4500·733/3000) = 1099 points go back, into lot A.
		"one jacket", map[int64]int64{jacket: 1}, map[int64]int64{jacket: 9777}, 9777, 97, 1099, [2]int64{1099, 500}, 301,
	}, {
		// The other 2 take the line's rest: 29332 − 9777 = 19555, 293 − 97 =
		// 196 back; points paid 2199 − 733 = 1466: floor(4500·2199/3000) −
		// 1099 = 3298 − 1099 = 2199 back, 1401 filling lot A, 798 to B.
		"two jackets", map[int64]int64{jacket: 2}, map[int64]int64{jacket: 19555}, 19555, 196, 2199, [2]int64{2500, 1298}, 105,
	}, {
		// A shirt, floor(7883/2) = 3941, and 2 socks, floor(1667·2/3) = 1111:
		// 50.52; earned 39 + floor(32/3) = 10 back; points paid 295 + 83 =
		// 378: floor(4500·2577/3000) − 3298 = 3865 − 3298 = 567 back to B.
		"a shirt and two socks", map[int64]int64{f.big: 1, socks: 2}, map[int64]int64{f.big: 3941, socks: 1111}, 5052, 49, 567,
		[2]int64{2500, 1865}, 56,
	}, {
		// The rest: 7883 − 3941 = 3942, 1667 − 1111 = 556 and the mug's 1137:
		// 56.35; earned 39 + 6 + 11 = 56 back; 4500 − 3865 = 635 points back,
		// which is exactly what lot B still misses. Refunded by 20 at once.
		"the rest", map[int64]int64{f.big: 1, socks: 1, f.mug: 1}, map[int64]int64{f.big: 3942, socks: 556, f.mug: 1137}, 5635, 56, 635,
		[2]int64{2500, 2500}, 0,
	}}
	var refunded int64
	for i, st := range steps {
		refunded += f.returnAndRefund(t, o, st, i == len(steps)-1)
	}
	// Everything back: 97.77 + 195.55 + 50.52 + 56.35 = 400.19, the order's
	// 410.19 less its 10.00 shipping.
	if refunded != 40019 || refunded != o.Total-o.Shipping {
		t.Errorf("refunded %d in all; want 40019", refunded)
	}
	if opts, _ := f.s.ReturnOptionsOf(ctx, o.Order); opts.Open() {
		t.Errorf("something is still returnable: %+v", opts.Lines)
	}
}

// refundStep is one return of the ladder order, with what it must refund
// (by variant and in all), the points it takes back and gives back, and
// what lots A and B hold and how many points are pending after it.
type refundStep struct {
	name     string
	ask      map[int64]int64 // units by variant
	lines    map[int64]int64 // refund by variant
	refund   int64
	back     int64
	restored int64
	lots     [2]int64
	pending  int64
}

// returnAndRefund quotes, requests and refunds st (by 20 staff at once when
// raced), checks its figures and returns what it refunded.
func (f *cartFixture) returnAndRefund(t *testing.T, o ladderOrder, st refundStep, raced bool) int64 {
	t.Helper()
	ctx := context.Background()
	ask := map[int64]int64{}
	for v, n := range st.ask {
		ask[o.line[v]] = n
	}
	q, err := f.s.QuoteReturn(ctx, o.Order, ask, "damaged", ResolutionRefund)
	if err != nil {
		t.Fatalf("%s: %v", st.name, err)
	}
	id, err := f.s.RequestReturn(ctx, o.Order, o.c.ID, ReturnInput{Ask: ask, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatalf("%s: %v", st.name, err)
	}
	if raced {
		concurrentRefund(t, f.s, id)
	} else {
		refundWhole(t, f.s, id)
	}
	r, err := f.s.OrderReturn(ctx, o.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != ReturnRefunded || r.RefundAmount != st.refund || q.Total != st.refund || r.Quote.Total != st.refund ||
		q.PointsBack != st.back || r.Quote.PointsBack != st.back || q.PointsRestored != st.restored || r.Quote.PointsRestored != st.restored {
		t.Errorf("%s: quoted %+v; return %+v; want %d refunded, %d points back, %d restored",
			st.name, q, r.ReturnRequest, st.refund, st.back, st.restored)
	}
	for _, rl := range r.Lines {
		for v, id := range o.line {
			if id == rl.OrderLineID && rl.Paid != st.lines[v] {
				t.Errorf("%s: line %d refunds %d, want %d", st.name, id, rl.Paid, st.lines[v])
			}
		}
	}
	lots := lotsLeft(t, f.s, o.c.ID)
	b := ledgerInvariants(t, f.s, o.c.ID)
	if lots[o.lotA] != st.lots[0] || lots[o.lotB] != st.lots[1] || b.Pending != st.pending || b.Available != st.lots[0]+st.lots[1] {
		t.Errorf("%s: lots A %d, B %d, balance %+v; want %v and %d pending", st.name, lots[o.lotA], lots[o.lotB], b, st.lots, st.pending)
	}
	after, _ := f.s.OrderByID(ctx, o.ID)
	if !slices.Equal(after.Lines, o.Lines) || after.Total != o.Total || after.Discount != o.Discount {
		t.Errorf("%s: the order changed: %+v", st.name, after.Lines)
	}
	return r.RefundAmount
}

// concurrentRefund has 20 staff press refund on received return id at
// once (after approving and receiving it): one refunds, the rest conflict.
func concurrentRefund(t *testing.T, s *Store, id int64) {
	t.Helper()
	ctx := context.Background()
	if err := s.ApproveReturn(ctx, refundStaff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.ReceiveReturn(ctx, refundStaff, id, nil); err != nil {
		t.Fatal(err)
	}
	errs := make([]error, 20)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.RefundReturn(ctx, refundStaff, id, "cash", "")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrConflict):
			t.Errorf("a refund pressed twice: %v, want ErrConflict", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of 20 refunds went through", ok)
	}
}
