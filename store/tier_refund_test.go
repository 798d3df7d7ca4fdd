package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"storefront/store/pricing"
)

// goldBuyer is a registered shopper and the way they buy things: buy
// places and pays an order of the given variants and quantities
// (variant, qty, variant, qty, …).
type goldBuyer struct {
	*Customer
	buy func(items ...int64) *Order
}

// newGoldBuyer registers email, who buys with f's flat shipping by bank
// transfer, paid at once.
func newGoldBuyer(t *testing.T, f *cartFixture, email string) goldBuyer {
	t.Helper()
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, email)
	return goldBuyer{c, func(items ...int64) *Order {
		t.Helper()
		var token string
		for i := 0; i < len(items); i += 2 {
			token = f.add(t, token, items[i], items[i+1]).Token
		}
		in := checkoutFor(token, ship)
		in.Email, in.CustomerID = c.Email, c.ID
		o, _, err := f.s.PlaceOrder(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
		return o
	}}
}

// paidGold is how the shopper stands with Gold: their tier, until when
// a membership holds it, and how many paid members the tier's delete
// panel counts.
func paidGold(t *testing.T, f *cartFixture, customerID, gold int64) (TierStatus, int) {
	t.Helper()
	ctx := context.Background()
	st, err := f.s.CustomerTier(ctx, customerID)
	if err != nil {
		t.Fatal(err)
	}
	uses, err := f.s.TierUses(ctx, gold)
	if err != nil {
		t.Fatal(err)
	}
	return st, uses.PaidMembers
}

// TestCancelledUnshippedMembershipEnds: a shopper buys a mug and a year of
// Gold; only the mug ships, the rest is cancelled and refunded. The year
// ends with the cancellation, as a whole order's cancel ends it: the
// shopper is back to the tier their spend earns, and Gold counts no paid
// member.
func TestCancelledUnshippedMembershipEnds(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	gold, _, year := goldYear(t, f)
	c := newGoldBuyer(t, f, "gold@example.com")
	o := c.buy(f.mug, 1, year, 1)
	if st, members := paidGold(t, f, c.ID, gold); st.Tier.ID != gold || members != 1 {
		t.Fatalf("after paying for Gold: %+v, %d paid members", st, members)
	}
	var mug int64
	for _, l := range o.Lines {
		if l.VariantID == f.mug {
			mug = l.ID
		}
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, map[int64]int64{mug: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.CancelUnshipped(ctx, refundStaff, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st, members := paidGold(t, f, c.ID, gold); st.Tier.ID == gold || !st.PaidUntil.IsZero() || members != 0 {
		t.Errorf("the year of Gold cancelled: %+v, %d paid members; want the spend's tier, none", st, members)
	}
	if err := f.s.RefundReturn(ctx, refundStaff, id, "bank_transfer", "TX-1"); err != nil {
		t.Fatal(err)
	}
	if st, members := paidGold(t, f, c.ID, gold); st.Tier.ID == gold || !st.PaidUntil.IsZero() || members != 0 {
		t.Errorf("the year of Gold refunded: %+v, %d paid members; want the spend's tier, none", st, members)
	}
}

// TestRefundedMembershipUnitsShortenIt: two years of Gold in one order,
// then a third year in another, stacked after them. One of the two is
// returned and refunded: the first order keeps a year, and the third
// year follows it at once, so Gold holds for the two years still paid
// for. Refunding the other ends that order's Gold, and the third year
// starts now.
func TestRefundedMembershipUnitsShortenIt(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	gold, _, year := goldYear(t, f)
	c := newGoldBuyer(t, f, "gold@example.com")
	two := c.buy(year, 2)
	start := f.s.Now()
	c.buy(year, 1)
	if _, err := f.s.FulfillOrder(ctx, Actor{}, two.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	st, _ := paidGold(t, f, c.ID, gold)
	if want := time.Unix(start.Unix(), 0).AddDate(3, 0, 0); st.Tier.ID != gold || !st.PaidUntil.Equal(want) {
		t.Fatalf("three years of Gold: %+v, want until %s", st, want)
	}
	refundOne := func() {
		t.Helper()
		o, _ := f.s.OrderByID(ctx, two.ID)
		id, err := f.s.RequestReturn(ctx, o, c.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
			Reason: "damaged", Resolution: ResolutionRefund})
		if err != nil {
			t.Fatal(err)
		}
		refundWhole(t, f.s, id)
	}

	refundOne()
	st, members := paidGold(t, f, c.ID, gold)
	if want := time.Unix(start.Unix(), 0).AddDate(2, 0, 0); st.Tier.ID != gold || members != 1 ||
		st.PaidUntil.Sub(want).Abs() > time.Minute {
		t.Errorf("one of two years refunded: %+v, %d paid members; want Gold until about %s", st, members, want)
	}

	refundOne()
	st, members = paidGold(t, f, c.ID, gold)
	if want := f.s.Now().AddDate(1, 0, 0); st.Tier.ID != gold || members != 1 ||
		st.PaidUntil.Sub(want).Abs() > time.Minute {
		t.Errorf("both years refunded: %+v, %d paid members; want the third year from now, until about %s", st, members, want)
	}
	var live int
	f.s.read.QueryRow(`SELECT count(*) FROM paid_memberships WHERE order_id = ? AND cancelled_at IS NULL`, two.ID).Scan(&live)
	if live != 0 {
		t.Errorf("the refunded order keeps %d memberships", live)
	}
}

// TestCancellingFirstMembershipMovesTheNextOne: a year of Gold bought in
// order A, another in B, stacked after A. A is cancelled a month on: B's
// year starts then, so the shopper stays Gold without a gap, until a
// year after the cancel.
func TestCancellingFirstMembershipMovesTheNextOne(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	gold, _, year := goldYear(t, f)
	c := newGoldBuyer(t, f, "gold@example.com")
	a := c.buy(year, 1)
	c.buy(year, 1)
	f.clockOffset += 30 * 24 * time.Hour
	if err := f.s.CancelOrder(ctx, Actor{}, a.ID); err != nil {
		t.Fatal(err)
	}
	st, members := paidGold(t, f, c.ID, gold)
	if want := f.s.Now().AddDate(1, 0, 0); st.Tier.ID != gold || members != 1 ||
		st.PaidUntil.Sub(want).Abs() > time.Minute {
		t.Errorf("after cancelling the first year: %+v, %d paid members; want Gold until about %s", st, members, want)
	}
	var tier int64
	f.s.read.QueryRow(`SELECT coalesce(tier_id, 0) FROM customers WHERE id = ?`, c.ID).Scan(&tier)
	if tier != gold {
		t.Errorf("the customer's recorded tier is %d, want Gold (%d)", tier, gold)
	}
}

// TestGiftedMembershipGrantsNoTier: a promotion gives a year of Gold away
// with a shirt. The gift line costs nothing and buys no Gold.
func TestGiftedMembershipGrantsNoTier(t *testing.T) {
	f := newCartFixture(t)
	gold, _, year := goldYear(t, f)
	addPromo(t, f.s, map[string]any{"name": "Free Gold", "type": pricing.TypeGift,
		"rules": `{"gift_variant":` + itoa(year) + `}`, "combines_promotions": 1, "combines_coupons": 1})
	c := newGoldBuyer(t, f, "gold@example.com")
	o := c.buy(f.big, 1)
	var gifted bool
	for _, l := range o.Lines {
		gifted = gifted || (l.VariantID == year && l.UnitPrice == 0)
	}
	if !gifted {
		t.Fatalf("the order came without its gift: %+v", o.Lines)
	}
	if st, members := paidGold(t, f, c.ID, gold); st.Tier.ID == gold || members != 0 {
		t.Errorf("after a gift of Gold: %+v, %d paid members; want no Gold", st, members)
	}
}

// TestMovedMembershipKeepsItsMonths: a membership moved earlier ends as
// many calendar months after its new start as it was long; one of no
// whole number of months keeps its length in seconds.
func TestMovedMembershipKeepsItsMonths(t *testing.T) {
	day := func(y int, m time.Month, d int) int64 { return time.Date(y, m, d, 10, 0, 0, 0, time.Local).Unix() }
	for _, c := range []struct {
		name                      string
		start, starts, ends, want int64
	}{
		{"a year over 29 February", day(2026, 12, 8), day(2027, 12, 8), day(2028, 12, 8), day(2027, 12, 8)},
		{"two years", day(2026, 3, 1), day(2027, 3, 1), day(2029, 3, 1), day(2028, 3, 1)},
		{"ten days", day(2026, 3, 1), day(2027, 3, 1), day(2027, 3, 11), day(2026, 3, 11)},
	} {
		if got := movedEnd(c.start, c.starts, c.ends); got != c.want {
			t.Errorf("%s: ends %s, want %s", c.name, time.Unix(got, 0), time.Unix(c.want, 0))
		}
	}
}

// TestTierNotSoldByAGiftedVariant: a variant a gift promotion gives away
// cannot become the one selling a tier (a gift grants none, so the shopper
// would be handed a membership that makes them no member); once that gift
// has ended it can.
func TestTierNotSoldByAGiftedVariant(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	gold := f.tierID(t, "Gold")
	f.save(t, ProductInput{Handle: "gold-card", Title: "Gold card", Status: StatusActive,
		Variants: []VariantInput{{SKU: "GOLD-CARD", Price: 9900, Stock: 100}}})
	p, err := f.s.ProductByHandle(ctx, "gold-card", false)
	if err != nil {
		t.Fatal(err)
	}
	id := addPromo(t, f.s, map[string]any{"name": "Free card", "type": pricing.TypeGift,
		"rules": `{"gift_variant":` + itoa(p.Variants[0].ID) + `}`})
	var verr *ValidationError
	if err := f.s.SellTier(ctx, Actor{}, gold, "GOLD-CARD", 12); !errors.As(err, &verr) || verr.Fields["sold_sku"] != "admin.tiers.error.sku_gift" {
		t.Fatalf("Gold sold by a gifted variant: %v, want sku_gift on sold_sku", err)
	}
	if _, err := f.s.DB().Exec(`UPDATE promotions SET ends_at = ? WHERE id = ?`, f.s.Now().Add(-time.Hour).Unix(), id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SellTier(ctx, Actor{}, gold, "GOLD-CARD", 12); err != nil {
		t.Errorf("Gold sold by the variant once its gift ended: %v", err)
	}
}

// TestNoGiftOfATiersVariant: the gift of a promotion cannot be the
// variant that sells a tier, which the gift would not grant.
func TestNoGiftOfATiersVariant(t *testing.T) {
	f := newCartFixture(t)
	_, _, year := goldYear(t, f)
	_, err := f.s.CreatePromotion(context.Background(), Actor{}, PromotionInput{Name: Plain("Free Gold"), Kind: PromoAutomatic,
		Type: pricing.TypeGift, GiftVariant: itoa(year)})
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["gift_variant"] != "admin.promotions.error.gift_sells_tier" {
		t.Errorf("a gift of Gold's variant: %v, want gift_sells_tier on gift_variant", err)
	}
}
