package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"storefront/store/pricing"
)

// TestCreateTierCountsAtOnce: a tier added between Standard and Silver
// takes at once the customers whose spend reaches it, each with a history
// row, and no one else; its name reads in both languages; its member
// discount and free shipping run as promotions for it in its members'
// carts, and its birthday coupon is issued like a seeded tier's. A
// threshold another tier has, or no name, is refused as an edit is.
func TestCreateTierCountsAtOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	ana := registerCustomer(t, f.s, "ana@example.com")
	bo := registerCustomer(t, f.s, "bo@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	f.memberOrder(t, ship, bo, 1, 0)  // 52.00

	actor := Actor{Email: "owner@example.com"}
	id, err := f.s.CreateTier(ctx, actor, TierInput{Name: Text{Default: "Bronze", Tr: map[string]string{"zh": "铜卡会员"}},
		Threshold: "100", Discount: "5", FreeShippingOver: "50", BirthdayCoupon: "3", Multiplier: "110", ConfirmMoves: true})
	if err != nil {
		t.Fatal(err)
	}
	tiers, err := f.s.Tiers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tiers) != 4 || tiers[1].ID != id || tiers[1].Name.In("zh") != "铜卡会员" || tiers[1].Threshold != 10000 ||
		tiers[1].MultiplierBP != 11000 || tiers[1].BirthdayCoupon != 300 {
		t.Fatalf("tiers after adding Bronze: %+v", tiers)
	}
	if st, _ := f.s.CustomerTier(ctx, ana.ID); st.Tier.ID != id {
		t.Errorf("ana, 104.00 spent, is %q, want Bronze", st.Tier.Name.Default)
	}
	if st, _ := f.s.CustomerTier(ctx, bo.ID); st.Tier.ID != tiers[0].ID || st.Next.ID != id || st.More != 4800 {
		t.Errorf("bo, 52.00 spent: %+v, want Standard with 48.00 more to Bronze", st)
	}
	a, err := f.s.CustomerAccountByID(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.History) != 1 || a.History[0].Reason != "tier_added" || a.History[0].To.In("zh") != "铜卡会员" || a.History[0].Spend != 10400 {
		t.Errorf("ana's history: %+v", a.History)
	}
	var boChanges int
	f.s.read.QueryRow(`SELECT count(*) FROM customer_tier_history WHERE customer_id = ?`, bo.ID).Scan(&boChanges)
	if boChanges != 0 {
		t.Errorf("bo, who did not move, has %d history rows", boChanges)
	}

	// The member discount (5 %) prices Bronze carts, nobody else's; free
	// shipping comes from 50.00.
	cart := func(c *Customer) int64 {
		t.Helper()
		token := f.add(t, "", f.big, 1).Token
		if err := f.s.ClaimCart(ctx, c.ID, token); err != nil {
			t.Fatal(err)
		}
		return f.view(t, token).Promotions.Discount()
	}
	if got := cart(ana); got != 260 {
		t.Errorf("ana's discount on 52.00 = %d, want 260 (5 %%)", got)
	}
	if got := cart(bo); got != 0 {
		t.Errorf("bo's discount = %d, want none", got)
	}
	var perks int
	f.s.read.QueryRow(`SELECT count(*) FROM promotions WHERE tier = 'Bronze' AND archived = 0 AND id IN
		(SELECT discount_promotion_id FROM member_tiers WHERE id = ?1 UNION SELECT shipping_promotion_id FROM member_tiers WHERE id = ?1)`, id).Scan(&perks)
	if perks != 2 {
		t.Errorf("Bronze runs %d perk promotions, want the discount and free shipping", perks)
	}

	// Bronze's birthday coupon, made when first needed as for any tier.
	st, _ := f.s.Settings(ctx)
	month := f.s.Now().In(st.Location()).Month()
	f.s.DB().Exec(`UPDATE customers SET birthday = ? WHERE id = ?`, fmt.Sprintf("1990-%02d-01", int(month)), ana.ID)
	if n, err := f.s.IssueBirthdayCoupons(ctx); err != nil || n != 1 {
		t.Fatalf("birthday coupons issued %d, %v", n, err)
	}
	if coupons, _ := f.s.MemberCoupons(ctx, ana.ID); len(coupons) != 1 || coupons[0].Value != 300 {
		t.Errorf("ana's birthday coupon: %+v, want Bronze's 3.00", coupons)
	}

	log, err := f.s.AuditLog(ctx, AuditFilter{Action: ActionTierCreate})
	if err != nil || log.Total != 1 || log.Records[0].EntityID != fmt.Sprint(id) {
		t.Errorf("audit entries for adding a tier: %+v, %v", log.Records, err)
	}

	for name, in := range map[string]TierInput{
		"Silver's threshold":            {Name: Plain("Copper"), Threshold: "1000"},
		"no threshold (0)":              {Name: Plain("Copper")},
		"Bronze's, written differently": {Name: Plain("Copper"), Threshold: "100.00"},
	} {
		var verr *ValidationError
		if _, err := f.s.CreateTier(ctx, actor, in); !errors.As(err, &verr) || verr.Fields["threshold"] != "admin.tiers.error.threshold_taken" {
			t.Errorf("%s: %v, want the threshold taken", name, err)
		}
	}
	var verr *ValidationError
	if _, err := f.s.CreateTier(ctx, actor, TierInput{Threshold: "200", Discount: "120"}); !errors.As(err, &verr) ||
		verr.Fields["name"] != "error.required" || verr.Fields["discount"] != "error.out_of_range" {
		t.Errorf("no name and 120 %% off: %v", err)
	}
	if tiers, _ := f.s.Tiers(ctx); len(tiers) != 4 {
		t.Errorf("refused forms left %d tiers", len(tiers))
	}
}

// TestCreateTierRace: owners adding tiers at the same threshold at once:
// one is added, every other is told the threshold is taken.
func TestCreateTierRace(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	wantOneWinner(t, 8, errThresholdTaken, func(i int) error {
		_, err := s.CreateTier(ctx, Actor{}, TierInput{Name: Plain(fmt.Sprintf("Platinum %d", i)), Threshold: "5000"})
		return err
	})
	if tiers, _ := s.Tiers(ctx); len(tiers) != 4 || tiers[3].Threshold != 500000 {
		t.Errorf("tiers: %+v", tiers)
	}
}

// TestDeleteTier: deleting a tier moves its members to the tier their
// spend earns (not simply the lowest), each with a history row that still
// names it; its member discount stops (archived) and its translations go;
// its threshold is free again; a second delete finds nothing.
func TestDeleteTier(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	if _, err := f.s.DB().Exec(`UPDATE member_tiers SET threshold = 5000 WHERE name = 'Silver'`); err != nil {
		t.Fatal(err)
	}
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00: Silver
	actor := Actor{Email: "owner@example.com"}
	id, err := f.s.CreateTier(ctx, actor, TierInput{Name: Text{Default: "Platinum", Tr: map[string]string{"zh": "白金会员"}},
		Threshold: "100", Discount: "10", ConfirmMoves: true})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, ana.ID); st.Tier.ID != id {
		t.Fatalf("ana is %q, want Platinum", st.Tier.Name.Default)
	}
	var discountPromo int64
	f.s.read.QueryRow(`SELECT discount_promotion_id FROM member_tiers WHERE id = ?`, id).Scan(&discountPromo)

	if err := f.s.DeleteTier(ctx, actor, id, 1); err != nil {
		t.Fatal(err)
	}
	st, _ := f.s.CustomerTier(ctx, ana.ID)
	if st.Tier.Name.Default != "Silver" {
		t.Errorf("ana after Platinum went: %q, want Silver (104.00 reaches it)", st.Tier.Name.Default)
	}
	a, err := f.s.CustomerAccountByID(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: Platinum → Silver, Silver → Platinum, → Silver.
	if h := a.History; len(h) != 3 || h[0].Reason != "tier_deleted" || h[0].From.In("en") != "Platinum" || !h[0].FromDeleted ||
		h[0].To.In("zh") != "银卡会员" || h[0].ToDeleted || h[1].To.In("en") != "Platinum" || !h[1].ToDeleted {
		t.Errorf("history after the delete: %+v", a.History)
	}
	var archived bool
	var translations int
	f.s.read.QueryRow(`SELECT archived FROM promotions WHERE id = ?`, discountPromo).Scan(&archived)
	f.s.read.QueryRow(`SELECT count(*) FROM translations WHERE entity = ? AND entity_id = ?`, EntityTierText, id).Scan(&translations)
	if !archived || translations != 0 {
		t.Errorf("Platinum's discount archived %v, %d translations left", archived, translations)
	}
	token := f.add(t, "", f.big, 1).Token
	if err := f.s.ClaimCart(ctx, ana.ID, token); err != nil {
		t.Fatal(err)
	}
	if got := f.view(t, token).Promotions.Discount(); got != 0 {
		t.Errorf("Platinum's discount still gives %d", got)
	}
	if tiers, _ := f.s.Tiers(ctx); len(tiers) != 3 {
		t.Errorf("%d tiers after the delete", len(tiers))
	}
	if log, err := f.s.AuditLog(ctx, AuditFilter{Action: ActionTierDelete}); err != nil || log.Total != 1 || log.Records[0].EntityID != fmt.Sprint(id) {
		t.Errorf("audit entries for deleting a tier: %+v, %v", log.Records, err)
	}
	if err := f.s.DeleteTier(ctx, actor, id, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
	if err := f.s.SaveTier(ctx, actor, id, TierInput{Name: Plain("Platinum"), Threshold: "100"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving the deleted tier: %v, want ErrNotFound", err)
	}
	if _, err := f.s.CreateTier(ctx, actor, TierInput{Name: Plain("Platinum"), Threshold: "100", ConfirmMoves: true}); err != nil {
		t.Errorf("a new tier at the deleted one's threshold: %v", err)
	}
}

// TestDeleteTierRefused: the lowest tier is never deleted; another is
// kept while a live promotion is for it (not one ended or archived, nor
// its own member discount), while an order buying it awaits payment and
// while a paid membership of it runs. Once none does and its product is
// off sale (TestDeleteTierSoldOnSale), it goes, and its variant no longer
// sells it.
func TestDeleteTierRefused(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	actor := Actor{}
	tiers, _ := f.s.Tiers(ctx)
	standard, gold := tiers[0].ID, f.tierID(t, "Gold")
	refused := func(id int64, why string) TierUses {
		t.Helper()
		if err := f.s.DeleteTier(ctx, actor, id, 0); !errors.Is(err, ErrTierInUse) || !errors.Is(err, ErrConflict) {
			t.Fatalf("delete %s: %v, want ErrTierInUse", why, err)
		}
		u, err := f.s.TierUses(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if u := refused(standard, "the lowest tier"); !u.Lowest {
		t.Errorf("the lowest tier's uses: %+v", u)
	}

	if err := f.s.SetTierPerks(ctx, actor, gold, 500, 0); err != nil { // Gold's own promotion: no bar
		t.Fatal(err)
	}
	promo := addPromo(t, f.s, map[string]any{"name": "Gold price", "type": "flash", "value": 2000, "tier": "Gold"})
	addPromo(t, f.s, map[string]any{"name": "Gold week", "tier": "Gold", "value": 1000,
		"starts_at": f.s.Now().Add(-48 * time.Hour).Unix(), "ends_at": f.s.Now().Add(-24 * time.Hour).Unix()})
	if u := refused(gold, "while a promotion is for it"); len(u.Promotions) != 1 || u.Promotions[0].ID != promo ||
		u.Promotions[0].Name != "Gold price" || u.Lowest {
		t.Errorf("Gold's uses: %+v, want the live Gold price alone", u)
	}
	if err := f.s.ArchivePromotion(ctx, actor, promo); err != nil {
		t.Fatal(err)
	}

	f.save(t, ProductInput{Handle: "gold-year", Title: "Gold membership, one year", Status: StatusActive,
		Variants: []VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}})
	if err := f.s.SellTier(ctx, actor, gold, "GOLD-1Y", 12); err != nil {
		t.Fatal(err)
	}
	p, _ := f.s.ProductByHandle(ctx, "gold-year", false)
	c := registerCustomer(t, f.s, "gold@example.com")
	in := checkoutFor(f.add(t, "", p.Variants[0].ID, 1).Token, ship)
	in.Email, in.CustomerID = c.Email, c.ID
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if u := refused(gold, "while an order buying it awaits payment"); u.UnpaidOrders != 1 || u.PaidMembers != 0 || len(u.Promotions) != 0 {
		t.Errorf("Gold's uses: %+v, want one unpaid order", u)
	}
	if _, err := f.s.MarkPaid(ctx, actor, o.ID); err != nil {
		t.Fatal(err)
	}
	if u := refused(gold, "while a paid membership runs"); u.PaidMembers != 1 || u.UnpaidOrders != 0 {
		t.Errorf("Gold's uses: %+v, want one paid member", u)
	}
	if err := f.s.CancelOrder(ctx, actor, o.ID); err != nil {
		t.Fatal(err)
	}
	f.save(t, ProductInput{Handle: "gold-year", Title: "Gold membership, one year", Status: StatusArchived,
		Variants: []VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}})
	if err := f.s.DeleteTier(ctx, actor, gold, 0); err != nil {
		t.Fatalf("delete Gold once nothing keeps it: %v", err)
	}
	if sku, _, err := f.s.TierSoldSKU(ctx, gold); err != nil || sku != "" {
		t.Errorf("deleted Gold is still sold as %q, %v", sku, err)
	}
}

// TestTierThresholdCountsAtOnce: lowering Silver's threshold below a
// customer's spend moves them at once, with a history row, as adding a
// tier does; saving a tier without changing its threshold moves no one.
func TestTierThresholdCountsAtOnce(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	tiers, err := f.s.Tiers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	silver := tiers[1]
	in := TierInput{Name: silver.Name, Threshold: "100", ConfirmMoves: true}
	if err := f.s.SaveTier(ctx, Actor{}, silver.ID, in); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, ana.ID); st.Tier.ID != silver.ID {
		t.Errorf("ana, 104.00 spent, is %q after Silver came down to 100.00", st.Tier.Name.Default)
	}
	a, err := f.s.CustomerAccountByID(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.History) != 1 || a.History[0].Reason != "tier_changed" {
		t.Errorf("ana's history: %+v", a.History)
	}
	in.Perks = Plain("Free tea")
	if err := f.s.SaveTier(ctx, Actor{}, silver.ID, in); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.s.CustomerAccountByID(ctx, ana.ID); len(a.History) != 1 {
		t.Errorf("saving the same threshold again wrote history: %+v", a.History)
	}
}

// TestRenamedTierKeepsItsPromotions: promotions find their tier by name,
// so renaming Gold carries its promotion over, and deleting it is still
// refused for that promotion; a second tier of the same name is refused,
// added or renamed.
func TestRenamedTierKeepsItsPromotions(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	tiers, _ := f.s.Tiers(ctx)
	gold := tiers[len(tiers)-1]
	promo := addPromo(t, f.s, map[string]any{"name": "Gold price", "type": "flash", "value": 2000, "tier": "Gold"})
	threshold := fmt.Sprintf("%d.%02d", gold.Threshold/100, gold.Threshold%100)
	if err := f.s.SaveTier(ctx, Actor{}, gold.ID, TierInput{Name: Plain("Gold Club"), Threshold: threshold}); err != nil {
		t.Fatal(err)
	}
	var tier string
	f.s.read.QueryRow(`SELECT tier FROM promotions WHERE id = ?`, promo).Scan(&tier)
	if tier != "Gold Club" {
		t.Errorf("the promotion is for %q after Gold became Gold Club", tier)
	}
	if u, _ := f.s.TierUses(ctx, gold.ID); len(u.Promotions) != 1 || u.Promotions[0].ID != promo {
		t.Errorf("the renamed tier's uses: %+v, want its promotion", u)
	}
	_, err := f.s.CreateTier(ctx, Actor{}, TierInput{Name: Plain("Gold Club"), Threshold: "5000"})
	wantFields(t, err, "name")
	_, err = f.s.CreateTier(ctx, Actor{}, TierInput{Name: Plain("gold club"), Threshold: "5000"})
	wantFields(t, err, "name")
	err = f.s.SaveTier(ctx, Actor{}, tiers[1].ID, TierInput{Name: Plain("Gold Club"), Threshold: "1"})
	wantFields(t, err, "name")
}

// TestPromotionFindsItsTierAnyWay: staff may type a tier's name in any
// case or in Chinese, as the membership page shows it in their language;
// the promotion is for the tier by its own name.
func TestPromotionFindsItsTierAnyWay(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	tiers, _ := f.s.Tiers(ctx)
	silver := tiers[1]
	zh := silver.Name.In("zh")
	if zh == silver.Name.Default {
		t.Fatalf("the fixture's %q has no Chinese name", zh)
	}
	for _, typed := range []string{strings.ToLower(silver.Name.Default), zh} {
		id, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Members"), Kind: PromoAutomatic,
			Type: pricing.TypePercent, Value: "5", Tier: typed})
		if err != nil {
			t.Fatalf("tier %q: %v", typed, err)
		}
		p, _ := f.s.PromotionByID(ctx, id)
		if p.Tier != silver.Name.Default {
			t.Errorf("tier typed %q is stored as %q, want %q", typed, p.Tier, silver.Name.Default)
		}
	}
}
