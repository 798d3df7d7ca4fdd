package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/store/pricing"
)

// shippedOrder places, pays and ships an order of qty large shirts for
// the customer (nil: a guest), redeeming redeem points.
func (f *cartFixture) shippedOrder(t *testing.T, c *Customer, qty, redeem int64) *Order {
	t.Helper()
	return f.shippedOrderOf(t, c, f.big, qty, redeem)
}

// shippedOrderOf is shippedOrder of qty of variant.
func (f *cartFixture) shippedOrderOf(t *testing.T, c *Customer, variant, qty, redeem int64) *Order {
	t.Helper()
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	token := f.add(t, "", variant, qty).Token
	in := checkoutFor(token, ship)
	if c != nil {
		in.Email, in.CustomerID, in.RedeemPoints = c.Email, c.ID, redeem
	}
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
	o, err = f.s.OrderByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestReturnWindowEndsAtMidnightInTheShopsZone: with no delivery date the
// window is 7 days from the day after the parcel's day plus 3 days in
// transit, ending at the last second of that day in the shop's zone.
func TestReturnWindowEndsAtMidnightInTheShopsZone(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	if err := f.s.SetSetting(ctx, SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	o := f.shippedOrder(t, nil, 2, 0)
	opts, err := f.s.ReturnOptionsOf(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	y, m, d := f.s.Now().In(sh).Date()
	want := time.Date(y, m, d+3+1+7, 0, 0, 0, 0, sh).Add(-time.Second)
	if !opts.Deadline.Equal(want) || !opts.Open() || opts.Lines[0].Left != 2 {
		t.Fatalf("deadline %v (want %v), open %v, lines %+v", opts.Deadline, want, opts.Open(), opts.Lines)
	}
	f.clockOffset = want.Sub(time.Now())
	if opts, _ := f.s.ReturnOptionsOf(ctx, o); !opts.Open() {
		t.Error("closed at the deadline's last second")
	}
	f.clockOffset += time.Second
	if opts, _ := f.s.ReturnOptionsOf(ctx, o); opts.Open() || opts.Lines[0].Why != "returns.why.window" {
		t.Errorf("a second after the deadline: %+v", opts.Lines[0])
	}
}

// TestReturnRequestsTakeUnitsOnce: partial returns over several requests
// refund each unit's exact share; a request for more than is left is
// refused; cancelling gives the units back; change-of-mind fees are kept
// only when it is not the shop's fault.
func TestReturnRequestsTakeUnitsOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 3, 0) // 3 × 52.00
	line := o.Lines[0].ID
	if err := f.s.SetReturnPolicy(ctx, 0, ReturnPolicy{WindowDays: 7, TransitDays: 3, Fee: 300}); err != nil {
		t.Fatal(err)
	}
	q, err := f.s.QuoteReturn(ctx, o, map[int64]int64{line: 1}, "changed_mind", ResolutionRefund)
	if err != nil || q.LinesTotal != 5200 || q.Deduction != 300 || q.Total != 4900 {
		t.Fatalf("change of mind quote %+v, %v", q, err)
	}
	if q, _ := f.s.QuoteReturn(ctx, o, map[int64]int64{line: 1}, "damaged", ResolutionRefund); q.Deduction != 0 || q.Total != 5200 {
		t.Fatalf("damaged quote %+v", q)
	}
	first, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 2}, Reason: "too_small", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 2}, Reason: "too_small", Resolution: ResolutionRefund})
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields[ReturnQtyField(line)] == "" {
		t.Fatalf("asking for 2 of the 1 left: %v", err)
	}
	if err := f.s.CancelReturn(ctx, o.ID, first); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelReturn(ctx, o.ID, first); !errors.Is(err, ErrConflict) {
		t.Errorf("cancelling twice: %v", err)
	}
	second, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 3}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.s.OrderReturn(ctx, o.ID, second)
	if err != nil || r.Quote.Total != o.Lines[0].Paid || r.Items != 3 || r.Status != ReturnRequested {
		t.Fatalf("the whole line back: %+v, %v", r, err)
	}
	if _, err := f.s.OrderReturn(ctx, o.ID+1, second); !errors.Is(err, ErrNotFound) {
		t.Errorf("another order's return: %v", err)
	}
}

// TestReturnFormSubmittedTwice: the same form sent twice (its one-time
// token) records one return and answers both with it; another form asks
// for more units as usual.
func TestReturnFormSubmittedTwice(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 3, 0)
	line := o.Lines[0].ID
	in := ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "too_small", Resolution: ResolutionRefund, Token: NewCheckoutToken()}
	first, err := f.s.RequestReturn(ctx, o, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.s.RequestReturn(ctx, o, 0, in)
	if err != nil || again != first {
		t.Fatalf("the same form again = %d, %v; want %d", again, err, first)
	}
	in.Token = NewCheckoutToken()
	other, err := f.s.RequestReturn(ctx, o, 0, in)
	if err != nil || other == first {
		t.Fatalf("a second form = %d, %v", other, err)
	}

	// The same form sent four times at once (clicks on a slow line): still
	// one return.
	in.Token = NewCheckoutToken()
	ids := make([]int64, 4)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if ids[i], err = f.s.RequestReturn(ctx, o, 0, in); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ids[0] == 0 || slices.ContainsFunc(ids, func(id int64) bool { return id != ids[0] }) {
		t.Errorf("four submits at once answered %v", ids)
	}
	var n int
	if err := f.s.read.QueryRow(`SELECT count(*) FROM returns WHERE order_id = ?`, o.ID).Scan(&n); err != nil || n != 3 {
		t.Errorf("returns recorded = %d, %v; want 3", n, err)
	}

	// A token the form did not give (tampered, or far too long) is not
	// kept: the request is recorded as one without a token.
	o2 := f.shippedOrder(t, nil, 3, 0)
	bad := ReturnInput{Ask: map[int64]int64{o2.Lines[0].ID: 1}, Reason: "too_small", Resolution: ResolutionRefund,
		Token: strings.Repeat("x", 100_000)}
	id, err := f.s.RequestReturn(ctx, o2, 0, bad)
	if err != nil {
		t.Fatalf("a return with a bad token: %v", err)
	}
	var kept sql.NullString
	if err := f.s.read.QueryRow(`SELECT request_token FROM returns WHERE id = ?`, id).Scan(&kept); err != nil || kept.Valid {
		t.Errorf("kept token %q, %v; want none", kept.String, err)
	}
}

// TestReturnQuoteCarriesThePoints: a member's return takes back the points
// its units earned and gives back the points that paid them.
func TestReturnQuoteCarriesThePoints(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	c := registerCustomer(t, f.s, "returner@example.com")
	f.s.AdjustPoints(ctx, Actor{}, c.ID, 2000, "gift")
	o := f.shippedOrder(t, c, 2, 2000) // 104.00 less 20.00 in points: 84.00 paid, 84 points earned
	q, err := f.s.QuoteReturn(ctx, o, map[int64]int64{o.Lines[0].ID: 1}, "damaged", ResolutionRefund)
	if err != nil {
		t.Fatal(err)
	}
	if q.Total != 4200 || q.PointsBack != 42 || q.PointsRestored != 1000 {
		t.Fatalf("half the order back: %+v; want 42.00, 42 points back, 1,000 points restored", q)
	}
}

// TestParallelReturnRequestsForTheLastUnit: two requests at once for the
// last unit: one is taken.
func TestParallelReturnRequestsForTheLastUnit(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 1, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "too_large", Resolution: ResolutionRefund})
			if err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d requests took the last unit", ok)
	}
}

// TestReturnApprovedReceivedRefundedOnce: the owner's steps each happen
// once however often they are pressed; resellable units go back to
// stock once and damaged ones do not; the refund is the quote, the points
// the lines earned come back off the balance and the points that paid
// them go back, and a reject needs a reason.
func TestReturnApprovedReceivedRefundedOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	c := registerCustomer(t, f.s, "refund@example.com")
	f.s.AdjustPoints(ctx, Actor{}, c.ID, 2000, "gift")
	o := f.shippedOrder(t, c, 2, 2000) // 84.00 paid, 84 points earned (pending), 2,000 redeemed
	before := stockOf(t, f.s, f.big)
	id, err := f.s.RequestReturn(ctx, o, c.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 2}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	staff := Actor{Email: "owner@example.com"}
	if err := f.s.RejectReturn(ctx, staff, id, " "); err == nil {
		t.Fatal("a reject without a reason was taken")
	}
	if err := f.s.ReceiveReturn(ctx, staff, id, nil); !errors.Is(err, ErrConflict) {
		t.Fatalf("receiving before approving: %v", err)
	}
	if err := f.s.ApproveReturn(ctx, staff, id, "Send to 1 Rua Augusta, Lisboa"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, staff, id, ""); !errors.Is(err, ErrConflict) {
		t.Fatalf("approving twice: %v", err)
	}
	cond := map[int64]string{o.Lines[0].ID: ConditionResellable}
	if err := f.s.ReceiveReturn(ctx, staff, id, cond); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, staff, id, cond); !errors.Is(err, ErrConflict) {
		t.Fatalf("receiving twice: %v", err)
	}
	if got := stockOf(t, f.s, f.big); got != before+2 {
		t.Errorf("stock %d after the return, want %d (restocked once)", got, before+2)
	}
	var wg sync.WaitGroup
	var refunded int
	var mu sync.Mutex
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if f.s.RefundReturn(ctx, staff, id, "bank_transfer", "TX-1") == nil {
				mu.Lock()
				refunded++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r, _ := f.s.OrderReturn(ctx, o.ID, id)
	if refunded != 1 || r.Status != ReturnRefunded || r.RefundAmount != 8400 {
		t.Fatalf("refunded %d times; return %+v", refunded, r.ReturnRequest)
	}
	b := ledgerInvariants(t, f.s, c.ID)
	if b.Available != 2000 || b.Pending != 0 {
		t.Fatalf("points after the refund: %+v; want the 2,000 back and the 84 earned taken back", b)
	}
}

// TestUnansweredReturnIsApproved: a request nobody answers in 7 days is
// approved, once; one answered in time is left alone.
func TestUnansweredReturnIsApproved(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "too_large", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 7*24*time.Hour - time.Minute
	if n, _ := f.s.ApproveOverdueReturns(ctx); n != 0 {
		t.Fatalf("approved %d before 7 days", n)
	}
	f.clockOffset = 7*24*time.Hour + time.Minute
	if n, err := f.s.ApproveOverdueReturns(ctx); err != nil || n != 1 {
		t.Fatalf("approved %d, %v; want 1", n, err)
	}
	if r, _ := f.s.OrderReturn(ctx, o.ID, id); r.Status != ReturnApproved {
		t.Errorf("status %s", r.Status)
	}
	if n, _ := f.s.ApproveOverdueReturns(ctx); n != 0 {
		t.Errorf("approved again: %d", n)
	}
}

// TestTierDropsAfterARefund: a refund takes its amount off the 12 months'
// spend, and the tier follows at once.
func TestTierDropsAfterARefund(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	f.s.DB().Exec(`UPDATE member_tiers SET threshold = 10400 WHERE name = 'Silver'`)
	c := registerCustomer(t, f.s, "tierrefund@example.com")
	o := f.shippedOrder(t, c, 2, 0) // 104.00: Silver exactly
	if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.Name.Default != "Silver" {
		t.Fatalf("after 104.00 paid: %s", st.Tier.Name.Default)
	}
	id, err := f.s.RequestReturn(ctx, o, c.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	staff := Actor{}
	if err := f.s.ApproveReturn(ctx, staff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, staff, id, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RefundReturn(ctx, staff, id, "cash", ""); err != nil {
		t.Fatal(err)
	}
	st, _ := f.s.CustomerTier(ctx, c.ID)
	if st.Tier.Name.Default != "Standard" || st.Spend != 5200 {
		t.Fatalf("after refunding 52.00: %s with %d spent", st.Tier.Name.Default, st.Spend)
	}
}

// TestReturnBelowTheGiftsThreshold: returning a shirt takes the order
// under the free mug's 100.00: the mug's value is kept from the refund
// unless the mug comes back too; the shopper's quote says which.
func TestReturnBelowTheGiftsThreshold(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	addPromo(t, f.s, map[string]any{"name": "Free mug", "type": pricing.TypeGift, "min_subtotal": 10000,
		"rules": `{"gift_variant":` + itoa(f.mug) + `}`})
	o := f.shippedOrder(t, nil, 2, 0) // 104.00 of shirts and the mug (15.00) free
	var shirt, mug OrderLine
	for _, l := range o.Lines {
		if l.GiftPromotionID != 0 {
			mug = l
		} else {
			shirt = l
		}
	}
	if mug.ID == 0 || mug.GiftValue != 1500 {
		t.Fatalf("no gift line: %+v", o.Lines)
	}
	q, err := f.s.QuoteReturn(ctx, o, map[int64]int64{shirt.ID: 1}, "damaged", ResolutionRefund)
	if err != nil || q.GiftKept != 1500 || q.Total != 5200-1500 {
		t.Fatalf("one shirt back: %+v, %v; want the mug's 15.00 kept", q, err)
	}
	q, err = f.s.QuoteReturn(ctx, o, map[int64]int64{shirt.ID: 1, mug.ID: 1}, "damaged", ResolutionRefund)
	if err != nil || q.GiftKept != 0 || q.Total != 5200 {
		t.Fatalf("a shirt and the mug back: %+v, %v; want the full 52.00", q, err)
	}
}

// TestDeliveredStartsTheWindow: marked delivered later than the transit
// allowance, the window runs from the delivery day; marking twice is a
// conflict.
func TestDeliveredStartsTheWindow(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 1, 0)
	f.clockOffset = 6 * 24 * time.Hour
	if err := f.s.MarkDelivered(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.MarkDelivered(ctx, Actor{}, o.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("twice: %v", err)
	}
	o, _ = f.s.OrderByID(ctx, o.ID)
	f.clockOffset = 12 * 24 * time.Hour // past ship + 3 + 7, within delivery + 7
	if opts, _ := f.s.ReturnOptionsOf(ctx, o); !opts.Open() {
		t.Errorf("closed 6 days after a delivery on day 6: deadline %v", opts.Deadline)
	}
}

// TestReturnStatsAndOverdue: the returns page's figures over the period,
// and a received return left unrefunded for 7 days is overdue.
func TestReturnStatsAndOverdue(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0)
	f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	f.s.ApproveReturn(ctx, Actor{}, id, "")
	f.s.ReceiveReturn(ctx, Actor{}, id, nil)
	f.clockOffset = 8 * 24 * time.Hour
	list, _ := f.s.ListReturns(ctx, ReturnFilter{}, 1, 10)
	if len(list.Rows) != 1 || !list.Rows[0].Overdue(f.s.Now()) {
		t.Fatalf("a refund due 8 days after receipt is not overdue: %+v", list.Rows)
	}
	if err := f.s.RefundReturn(ctx, Actor{}, id, "cash", ""); err != nil {
		t.Fatal(err)
	}
	// A second request on the same order, declined, returned nothing: the
	// order counts once and the declined unit not at all.
	o, _ = f.s.OrderByID(ctx, o.ID)
	declined, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RejectReturn(ctx, Actor{}, declined, "Not from our shop"); err != nil {
		t.Fatal(err)
	}
	st, err := f.s.ReturnStatsOf(ctx, 30)
	if err != nil {
		t.Fatal(err)
	}
	if st.Shipped != 2 || st.Returned != 1 || st.Rate() != 50 || st.Refunded != 5200 || st.AvgRefundDays < 7.9 ||
		len(st.ByReason) != 1 || st.ByReason[0].Count != 1 || len(st.ByProduct) != 1 || st.ByProduct[0].Returned != 1 || st.ByProduct[0].Shipped != 3 {
		t.Errorf("stats %+v", st)
	}
}

// TestExcludedItemsNeedTheCheckoutConfirmation: an order with a perishable
// product is refused until the shopper confirms the exclusion; confirmed,
// the line goes back for a fault but not for a change of mind. A product
// with a 30-day window keeps it.
func TestExcludedItemsNeedTheCheckoutConfirmation(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	mug, _ := f.s.ProductByHandle(ctx, "mug", false)
	shirt, _ := f.s.ProductByHandle(ctx, "shirt", false)
	if err := f.s.SetProductReturnRules(ctx, Actor{}, mug.ID, ProductReturnRules{NoReturnReason: "perishable"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetProductReturnRules(ctx, Actor{}, shirt.ID, ProductReturnRules{Days: 30}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetProductReturnRules(ctx, Actor{}, shirt.ID, ProductReturnRules{NoReturnReason: "nonsense"}); err == nil {
		t.Error("an unknown reason was taken")
	}
	token := f.add(t, "", f.mug, 1).Token
	f.add(t, token, f.big, 1)
	in := checkoutFor(token, ship)
	_, _, err := f.s.PlaceOrder(ctx, in)
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["confirm_no_return"] == "" {
		t.Fatalf("an unconfirmed exclusion: %v", err)
	}
	in.ConfirmNoReturn = true
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	f.s.MarkPaid(ctx, Actor{}, o.ID)
	f.s.FulfillOrder(ctx, Actor{}, o.ID, nil, "", "")
	o, _ = f.s.OrderByID(ctx, o.ID)
	var mugLine, shirtLine OrderLine
	for _, l := range o.Lines {
		if l.VariantID == f.mug {
			mugLine = l
		} else {
			shirtLine = l
		}
	}
	if mugLine.NoReturnReason != "perishable" || mugLine.NoReturnConfirmed.IsZero() || mugLine.ReturnDays != 0 ||
		shirtLine.ReturnDays != 30 || shirtLine.NoReturnReason != "" || !shirtLine.NoReturnConfirmed.IsZero() {
		t.Fatalf("lines as ordered: %+v / %+v", mugLine, shirtLine)
	}
	if _, err := f.s.QuoteReturn(ctx, o, map[int64]int64{mugLine.ID: 1}, "changed_mind", ResolutionRefund); !errors.As(err, &verr) {
		t.Errorf("a perishable line for a change of mind: %v", err)
	}
	if q, err := f.s.QuoteReturn(ctx, o, map[int64]int64{mugLine.ID: 1}, "damaged", ResolutionRefund); err != nil || q.Total != mugLine.Paid {
		t.Errorf("a perishable line for damage: %+v, %v", q, err)
	}
	f.clockOffset = 20 * 24 * time.Hour // past the shop's 7 days, within the shirt's 30
	opts, _ := f.s.ReturnOptionsOf(ctx, o)
	for _, l := range opts.Lines {
		if open := l.Left > 0; open != (l.ID == shirtLine.ID) {
			t.Errorf("20 days on, line %s open = %v (%s)", l.ProductTitle, open, l.Why)
		}
	}
}

// TestMostReturnedTiesInStaffLanguage: products returned as often are
// listed in the order of the titles staff read, not their shoppers'.
func TestMostReturnedTiesInStaffLanguage(t *testing.T) {
	st := ReturnStats{ByProduct: []ProductReturns{
		{Title: "Apple", Returned: 2, names: keptNames(Text{Default: "Apple", Tr: map[string]string{"zh": "苹果"}})},
		{Title: "Mug", Returned: 3},
		{Title: "Banana", Returned: 2, names: keptNames(Text{Default: "Banana", Tr: map[string]string{"zh": "香蕉"}})},
		{Title: "Cherry", Returned: 2, names: keptNames(Text{Default: "Cherry", Tr: map[string]string{"zh": "樱桃"}})},
	}}
	titles := func(st ReturnStats) []string {
		var out []string
		for _, p := range st.ByProduct {
			out = append(out, p.Title)
		}
		return out
	}
	// 樱桃 U+6A31, 苹果 U+82F9, 香蕉 U+9999: by code point, as the shop sorts Chinese names.
	if got := titles(st.In("zh")); !slices.Equal(got, []string{"Mug", "樱桃", "苹果", "香蕉"}) {
		t.Errorf("in Chinese: %q", got)
	}
	if got := titles(st.In("en")); !slices.Equal(got, []string{"Mug", "Apple", "Banana", "Cherry"}) {
		t.Errorf("in English: %q", got)
	}
}
