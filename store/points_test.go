package store

import (
	"context"
	"errors"
	"math/rand"
	"sync"
	"testing"
	"time"
)

// memberOrder places and pays an order of qty large shirts (52.00 each)
// for the customer, redeeming redeem points; it returns the order.
func (f *cartFixture) memberOrder(t *testing.T, ship int64, c *Customer, qty, redeem int64) *Order {
	t.Helper()
	ctx := context.Background()
	token := f.add(t, "", f.big, qty).Token
	in := checkoutFor(token, ship)
	in.Email, in.CustomerID, in.RedeemPoints = c.Email, c.ID, redeem
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	return o
}

// ledgerInvariants checks that no lot's part is below zero and that the
// balance the store reports is the ledger's sum.
func ledgerInvariants(t *testing.T, s *Store, customerID int64) PointsBalance {
	t.Helper()
	b, err := s.PointsBalance(context.Background(), customerID)
	if err != nil {
		t.Fatal(err)
	}
	var sum, negative int64
	s.read.QueryRow(`SELECT coalesce(sum(points) FILTER (WHERE pending = 0), 0) FROM points_ledger WHERE customer_id = ?`, customerID).Scan(&sum)
	s.read.QueryRow(`SELECT count(*) FROM (SELECT lot_id, pending FROM points_ledger GROUP BY lot_id, pending HAVING sum(points) < 0)`).Scan(&negative)
	if sum != b.Available || negative != 0 || b.Available < 0 || b.Pending < 0 {
		t.Fatalf("ledger sums %d, balance %+v, %d lot parts below zero", sum, b, negative)
	}
	return b
}

// TestPointsLifecycle: a paid order earns points on its merchandise
// (never shipping), pending until it has shipped and the return window
// passed; they pay part of the next order; cancelling that order puts them
// back into the lot they came from; a lot expires at its expiry.
func TestPointsLifecycle(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "member@example.com")

	first := f.memberOrder(t, ship, c, 2, 0) // 104.00 of shirts: 104 points at 1 per 1.00
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending != 104 || b.Available != 0 {
		t.Fatalf("after paying: %+v, want 104 pending", b)
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, first.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	f.clockOffset += 9 * 24 * time.Hour // 7 days' window + 3 days' margin not yet over
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending != 104 {
		t.Fatalf("9 days after shipping: %+v, want still pending", b)
	}
	f.clockOffset += 24*time.Hour + time.Minute
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 104 || b.Pending != 0 {
		t.Fatalf("10 days after shipping: %+v, want 104 available", b)
	}

	// 100 points pay 1.00 of the next order.
	second := f.memberOrder(t, ship, c, 1, 100)
	if second.Discount != 100 {
		t.Fatalf("second order's discount = %d, want 100 (100 points)", second.Discount)
	}
	var redeemed int64
	f.s.read.QueryRow(`SELECT points_redeemed FROM orders WHERE id = ?`, second.ID).Scan(&redeemed)
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 4 || redeemed != 100 {
		t.Fatalf("after redeeming: %+v, order redeemed %d", b, redeemed)
	}
	// It earned on what was paid after the points: 51.00 → 51, pending.
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending != 51 {
		t.Fatalf("second order earned %d pending, want 51", b.Pending)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, second.ID); err != nil {
		t.Fatal(err)
	}
	b := ledgerInvariants(t, f.s, c.ID)
	if b.Available != 104 || b.Pending != 0 || len(b.Expiring) != 1 {
		t.Fatalf("after cancelling: %+v, want the 104 back in their one lot and the 51 reversed", b)
	}

	f.clockOffset += 365 * 24 * time.Hour
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 0 {
		t.Fatalf("a year on: %+v, want the lot expired", b)
	}
	kinds := map[string]int{}
	entries, _ := f.s.PointsLedger(ctx, c.ID, 100)
	for _, e := range entries {
		kinds[e.Kind]++
	}
	for _, k := range []string{PointsEarn, PointsRelease, PointsRedeem, PointsRestore, PointsReverse, PointsExpire} {
		if kinds[k] == 0 {
			t.Errorf("the ledger has no %s row: %v", k, kinds)
		}
	}
}

// TestPointsRedeemCaps: a redemption is capped by the balance, the shop's
// share of the merchandise (50 %) and never pays shipping; a guest's
// redeem_points is ignored.
func TestPointsRedeemCaps(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "caps@example.com")
	if err := f.s.AdjustPoints(ctx, Actor{Email: "owner@example.com"}, c.ID, 10000, "Welcome gift"); err != nil {
		t.Fatal(err)
	}
	o := f.memberOrder(t, ship, c, 1, 10000) // 52.00: at most 26.00, 2,600 points
	if o.Discount != 2600 || o.Total != 2600+o.Shipping {
		t.Fatalf("discount %d, total %d, shipping %d; want 26.00 off the merchandise only", o.Discount, o.Total, o.Shipping)
	}
	if b := ledgerInvariants(t, f.s, c.ID); b.Available != 7400 {
		t.Fatalf("balance %+v, want 7,400", b)
	}
	var onLines int64
	f.s.read.QueryRow(`SELECT sum(points_paid) FROM order_lines WHERE order_id = ?`, o.ID).Scan(&onLines)
	if onLines != 2600 {
		t.Errorf("the lines record %d paid by points, want 2600", onLines)
	}
	token := f.add(t, "", f.big, 1).Token
	in := checkoutFor(token, ship)
	in.RedeemPoints = 500 // a guest
	g, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil || g.Discount != 0 {
		t.Fatalf("a guest's points: %v, discount %d", err, g.Discount)
	}
	if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, -8000, "Too much"); !errors.Is(err, ErrPointsShort) {
		t.Fatalf("deducting more than the balance: %v", err)
	}
	if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, 5, ""); err == nil {
		t.Fatal("an adjustment without a reason was taken")
	}
}

// TestParallelRedemptionsNeverOverspend: 20 checkouts at once, each
// redeeming the whole balance: the points are spent once.
func TestParallelRedemptionsNeverOverspend(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "racer@example.com")
	if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, 1000, "Test"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var redeemed int64
	for range 20 {
		token := f.add(t, "", f.big, 1).Token
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := checkoutFor(token, ship)
			in.Email, in.CustomerID, in.RedeemPoints = c.Email, c.ID, 1000
			o, _, err := f.s.PlaceOrder(ctx, in)
			if err != nil {
				t.Error(err)
				return
			}
			var n int64
			f.s.read.QueryRow(`SELECT points_redeemed FROM orders WHERE id = ?`, o.ID).Scan(&n)
			mu.Lock()
			redeemed += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	if b := ledgerInvariants(t, f.s, c.ID); redeemed != 1000 || b.Available != 0 {
		t.Fatalf("orders redeemed %d in all, balance %+v; want 1,000 once", redeemed, b)
	}
}

// TestLedgerSumIsTheBalance runs random sequences of earning, spending,
// adjusting, cancelling and time passing, and checks after each step that
// the balance is the ledger's sum, no lot goes below zero, and it matches
// a model kept by the test.
func TestLedgerSumIsTheBalance(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "random@example.com")
	r := rand.New(rand.NewSource(12))
	var orders []*Order
	for step := range 60 {
		switch r.Intn(5) {
		case 0:
			n := 1 + r.Int63n(500)
			if err := f.s.AdjustPoints(ctx, Actor{}, c.ID, n, "gift"); err != nil {
				t.Fatal(err)
			}
		case 1:
			before := ledgerInvariants(t, f.s, c.ID).Available
			n := 1 + r.Int63n(400)
			err := f.s.AdjustPoints(ctx, Actor{}, c.ID, -n, "correction")
			if (err == nil) != (n <= before) {
				t.Fatalf("step %d: deducting %d of %d: %v", step, n, before, err)
			}
		case 2:
			orders = append(orders, f.memberOrder(t, ship, c, 1+r.Int63n(2), r.Int63n(3000)))
		case 3:
			if len(orders) > 0 {
				o := orders[r.Intn(len(orders))]
				if err := f.s.CancelOrder(ctx, Actor{}, o.ID); err != nil {
					t.Fatal(err)
				}
			}
		case 4:
			f.clockOffset += time.Duration(r.Intn(90*24)) * time.Hour
		}
		ledgerInvariants(t, f.s, c.ID)
	}
}

// TestTierFollowsSpend: paid spend over 12 months moves a customer up at
// the threshold, a cancelled order moves them back down, and spend ages
// out of the window.
func TestTierFollowsSpend(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "tier@example.com")
	if _, err := f.s.DB().Exec(`UPDATE member_tiers SET threshold = 10400 WHERE name = 'Silver'`); err != nil {
		t.Fatal(err)
	}
	tier := func() TierStatus {
		t.Helper()
		st, err := f.s.CustomerTier(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := tier(); st.Tier.Name.Default != "Standard" || st.Next.Name.Default != "Silver" || st.More != 10400 {
		t.Fatalf("a new customer: %+v", st)
	}
	first := f.memberOrder(t, ship, c, 1, 0) // 52.00
	if st := tier(); st.Tier.Name.Default != "Standard" || st.More != 5200 {
		t.Fatalf("after 52.00: %+v, want 52.00 more to Silver", st)
	}
	// Two days on, so that the first order leaves the window a day before
	// the second: keeping Silver then takes the first's 52.00 alone.
	f.clockOffset += 48 * time.Hour
	second := f.memberOrder(t, ship, c, 1, 0) // 104.00: exactly the threshold
	if st := tier(); st.Tier.Name.Default != "Silver" || st.Keep != 5200 {
		t.Fatalf("at 104.00: %+v, want Silver, 52.00 to add to keep it", st)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, second.ID); err != nil {
		t.Fatal(err)
	}
	if st := tier(); st.Tier.Name.Default != "Standard" {
		t.Fatalf("after a cancel: %+v, want Standard again", st)
	}
	f.memberOrder(t, ship, c, 1, 0)
	if st := tier(); st.Tier.Name.Default != "Silver" {
		t.Fatalf("back to 104.00: %+v", st)
	}
	f.clockOffset += 366 * 24 * time.Hour
	if err := f.s.RecalcTiers(ctx); err != nil {
		t.Fatal(err)
	}
	if st := tier(); st.Tier.Name.Default != "Standard" || st.Spend != 0 {
		t.Fatalf("a year on: %+v, want Standard with no spend", st)
	}
	var changes int
	f.s.read.QueryRow(`SELECT count(*) FROM customer_tier_history WHERE customer_id = ?`, c.ID).Scan(&changes)
	if changes != 4 {
		t.Errorf("tier history has %d changes, want 4 (up, down, up, aged out)", changes)
	}
	// The admin reads the history with the tiers' names in each language.
	a, err := f.s.CustomerAccountByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.History) != 4 || a.History[0].From.In("zh") != "银卡会员" || a.History[0].To.In("en") != "Standard" || a.History[3].From.In("en") != "" {
		t.Errorf("tier history as the admin reads it: %+v", a.History)
	}
	_ = first
}

// TestPaidMembershipGrantsTheTier: a tier sold as a variant is granted for
// its months when the order is paid, whatever the spend; two units are two
// terms; cancelling the order ends it.
func TestPaidMembershipGrantsTheTier(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	f.save(t, ProductInput{Handle: "gold-year", Title: "Gold membership, one year", Status: StatusActive,
		Variants: []VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}})
	p, _ := f.s.ProductByHandle(ctx, "gold-year", false)
	gold := f.tierID(t, "Gold")
	if err := f.s.SellTier(ctx, Actor{}, gold, "NOPE", 12); err == nil {
		t.Fatal("an unknown SKU was taken")
	}
	if err := f.s.SellTier(ctx, Actor{}, gold, "GOLD-1Y", 12); err != nil {
		t.Fatal(err)
	}
	c := registerCustomer(t, f.s, "gold@example.com")
	buy := func(qty int64) *Order {
		t.Helper()
		token := f.add(t, "", p.Variants[0].ID, qty).Token
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
	}
	o := buy(1)
	st, err := f.s.CustomerTier(ctx, c.ID)
	if err != nil || st.Tier.ID != gold || st.PaidUntil.Sub(f.s.Now()) < 364*24*time.Hour || st.Keep != 0 {
		t.Fatalf("after buying Gold for a year: %+v, %v", st, err)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID == gold {
		t.Fatalf("still Gold after the order was cancelled: %+v", st)
	}
	buy(2)
	if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID != gold || st.PaidUntil.Sub(f.s.Now()) < 729*24*time.Hour {
		t.Fatalf("two years of Gold: %+v", st)
	}
	f.clockOffset += 740 * 24 * time.Hour
	if err := f.s.RecalcTiers(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID == gold {
		t.Fatalf("Gold after it ended: %+v", st)
	}
}

func (f *cartFixture) tierID(t *testing.T, name string) int64 {
	t.Helper()
	var id int64
	if err := f.s.read.QueryRow(`SELECT id FROM member_tiers WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestTierPromotionOnlyForTheTier: an automatic promotion for Silver
// members (a member discount) prices a Silver member's cart and order, and
// neither a guest's nor a Standard member's.
func TestTierPromotionOnlyForTheTier(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Silver 5%", "type": "percent", "value": 500, "tier": "Silver"})
	silver := registerCustomer(t, f.s, "silver@example.com")
	standard := registerCustomer(t, f.s, "standard@example.com")
	if _, err := f.s.DB().Exec(`UPDATE customers SET tier_id = (SELECT id FROM member_tiers WHERE name = 'Silver') WHERE id = ?`, silver.ID); err != nil {
		t.Fatal(err)
	}
	cart := func(c *Customer) (string, int64) {
		t.Helper()
		token := f.add(t, "", f.big, 1).Token
		if c != nil {
			if err := f.s.ClaimCart(ctx, c.ID, token); err != nil {
				t.Fatal(err)
			}
		}
		return token, f.view(t, token).Promotions.Discount()
	}
	if _, d := cart(nil); d != 0 {
		t.Errorf("a guest's cart took %d", d)
	}
	if _, d := cart(standard); d != 0 {
		t.Errorf("a Standard member's cart took %d", d)
	}
	token, d := cart(silver)
	if d != 260 {
		t.Fatalf("a Silver member's cart took %d, want 5%% of 52.00", d)
	}
	in := checkoutFor(token, ship)
	in.Email, in.CustomerID = silver.Email, silver.ID
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil || o.Discount != 260 {
		t.Fatalf("the Silver member's order: %v, discount %d", err, o.Discount)
	}
}

// TestTierPerksRunAsPromotions: a tier's member discount and lower free
// shipping threshold price its members' carts, named, and stop when the
// owner turns them off.
func TestTierPerksRunAsPromotions(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	silver := f.tierID(t, "Silver")
	c := registerCustomer(t, f.s, "perks@example.com")
	f.s.DB().Exec(`UPDATE customers SET tier_id = ? WHERE id = ?`, silver, c.ID)
	if err := f.s.SetTierPerks(ctx, Actor{}, silver, 500, 9000); err != nil {
		t.Fatal(err)
	}
	token := f.add(t, "", f.big, 2).Token // 104.00
	f.s.ClaimCart(ctx, c.ID, token)
	o := f.view(t, token).Promotions
	if o.Discount() != 520 || o.FreeShipping == 0 {
		t.Fatalf("a Silver cart of 104.00: discount %d, free shipping %d; want 5.20 off and free shipping from 90.00", o.Discount(), o.FreeShipping)
	}
	var names []string
	for _, a := range o.Applied {
		names = append(names, a.Label)
	}
	if len(names) != 2 || names[0] != "Member discount (Silver)" {
		t.Errorf("applied = %v", names)
	}
	if err := f.s.SetTierPerks(ctx, Actor{}, silver, 0, 0); err != nil {
		t.Fatal(err)
	}
	if o := f.view(t, token).Promotions; o.Discount() != 0 || o.FreeShipping != 0 {
		t.Errorf("after turning the perks off: discount %d, free shipping %d", o.Discount(), o.FreeShipping)
	}
	if err := f.s.SetTierPerks(ctx, Actor{}, silver, 20000, 0); err == nil {
		t.Error("a 200% member discount was taken")
	}
}

// TestMemberPricesAndEarlyAccess: a flash sale for a tier is a member
// price only its members' carts get (and no product page shows to all);
// a tier with early access buys at a sale's price before it starts.
func TestMemberPricesAndEarlyAccess(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	gold := f.tierID(t, "Gold")
	f.s.DB().Exec(`UPDATE member_tiers SET early_access_minutes = 60 WHERE id = ?`, gold)
	addPromo(t, f.s, map[string]any{"name": "Gold price", "type": "flash", "value": 2000, "tier": "Gold",
		"rules": `{"variants":[` + itoa(f.small) + `]}`})
	addPromo(t, f.s, map[string]any{"name": "Mug hour", "type": "flash", "value": 5000,
		"starts_at": f.s.Now().Add(30 * time.Minute).Unix(), "ends_at": f.s.Now().Add(2 * time.Hour).Unix(),
		"rules": `{"variants":[` + itoa(f.mug) + `]}`})
	c := registerCustomer(t, f.s, "goldie@example.com")
	f.s.DB().Exec(`UPDATE customers SET tier_id = ? WHERE id = ?`, gold, c.ID)

	sales := func(member *Customer) map[int64]int64 {
		t.Helper()
		token := f.add(t, "", f.small, 1).Token
		f.add(t, token, f.mug, 1)
		if member != nil {
			f.s.ClaimCart(ctx, member.ID, token)
		}
		v := f.view(t, token)
		out := map[int64]int64{}
		for _, l := range v.Lines {
			if s, ok := v.Promotions.Sales[l.ID]; ok {
				out[l.VariantID] = s.UnitPrice
			}
		}
		return out
	}
	if got := sales(nil); len(got) != 0 {
		t.Errorf("a guest's cart has sales %v", got)
	}
	got := sales(c)
	if got[f.small] != 3920 || got[f.mug] != 750 {
		t.Errorf("a Gold member's sales = %v; want the member price 39.20 and the mug early at 7.50", got)
	}
	shirt, _ := f.s.ProductByHandle(ctx, "shirt", false)
	if _, onSale, err := f.s.WithSales(ctx, shirt, "en", 0); err != nil || len(onSale) != 0 {
		t.Errorf("the product page shows the member price to everyone: %v, %v", onSale, err)
	}
	if _, onSale, err := f.s.WithSales(ctx, shirt, "en", c.ID); err != nil || onSale[f.small].UnitPrice != 3920 {
		t.Errorf("the product page does not show a Gold member their price: %v, %v", onSale, err)
	}
}

// TestLoyaltyRulesAreTheOwners: the earning rate and the redemption value
// the owner sets are the ones orders use; out-of-range values are refused.
func TestLoyaltyRulesAreTheOwners(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	l, _ := f.s.Loyalty(ctx)
	l.EarnPerUnit, l.RedeemPoints, l.RedeemValue = 2, 50, 100
	if err := f.s.SetLoyalty(ctx, 0, l); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Loyalty(ctx)
	if got != l || got.Value(150) != 300 || got.PointsFor(301) != 151 {
		t.Fatalf("rules read back %+v; 150 points pay %d, 3.01 takes %d points", got, got.Value(150), got.PointsFor(301))
	}
	c := registerCustomer(t, f.s, "double@example.com")
	f.memberOrder(t, flatShipping(t, f.s), c, 1, 0)
	if b := ledgerInvariants(t, f.s, c.ID); b.Pending != 104 {
		t.Errorf("52.00 at 2 points per 1.00 earned %d", b.Pending)
	}
	l.MaxPercent = 101
	if err := f.s.SetLoyalty(ctx, 0, l); err == nil {
		t.Error("a 101% cap was taken")
	}
	// Points that last no time would expire as they are earned.
	l.MaxPercent, l.ExpiryMonths = 50, 0
	var verr *ValidationError
	if err := f.s.SetLoyalty(ctx, 0, l); !errors.As(err, &verr) || verr.Fields["expiry_months"] != "admin.membership.error.expiry_months" {
		t.Errorf("points lasting 0 months: %v", err)
	}
	// A 0 on either side of the redemption switches paying off and is
	// kept as the owner typed it.
	l.ExpiryMonths, l.RedeemPoints, l.RedeemValue = 12, 0, 100
	if err := f.s.SetLoyalty(ctx, 0, l); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Loyalty(ctx); got != l || got.Redeems() || got.Value(1000) != 0 || got.PointsFor(100) != 0 {
		t.Errorf("paying switched off read back %+v (redeems %v)", got, got.Redeems())
	}
}

// TestLedgerShowsAnEventOnce: points that pay an order from two lots are
// one row of the ledger, as the shopper spent them.
func TestLedgerShowsAnEventOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	c := registerCustomer(t, f.s, "lots@example.com")
	for _, reason := range []string{"Welcome", "Sorry for the delay"} {
		if err := f.s.AdjustPoints(ctx, Actor{Email: "owner@example.com"}, c.ID, 500, reason); err != nil {
			t.Fatal(err)
		}
		f.clockOffset += time.Hour
	}
	o := f.memberOrder(t, ship, c, 1, 900)
	entries, err := f.s.PointsLedger(ctx, c.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var redeems []int64
	adjusts := 0
	for _, e := range entries {
		if e.Kind == PointsAdjust {
			adjusts++
		}
		if e.Kind == PointsRedeem {
			redeems = append(redeems, e.Points)
			if e.OrderNumber != o.Number {
				t.Errorf("redeem row for order %q, want %s", e.OrderNumber, o.Number)
			}
		}
	}
	if len(redeems) != 1 || redeems[0] != -900 {
		t.Errorf("redeem rows %v, want one of -900", redeems)
	}
	if adjusts != 2 {
		t.Errorf("%d adjustment rows, want the two, apart", adjusts)
	}
}
