package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestTierThresholdAsksBeforeMovingMembers: raising Silver's threshold
// above a member's spend is held back, nothing written, with how many
// members would go down; confirmed, it moves them. A new threshold that
// moves nobody saves at once.
func TestTierThresholdAsksBeforeMovingMembers(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	silver := f.tierID(t, "Silver")
	in := TierInput{Name: Plain("Silver"), Threshold: "100", ConfirmMoves: true}
	if err := f.s.SaveTier(ctx, Actor{}, silver, in); err != nil {
		t.Fatal(err)
	}
	history := func() int {
		var n int
		f.s.read.QueryRow(`SELECT count(*) FROM customer_tier_history WHERE customer_id = ?`, ana.ID).Scan(&n)
		return n
	}

	in = TierInput{Name: Plain("Silver"), Threshold: "200"}
	var moves *TierMoves
	if err := f.s.SaveTier(ctx, Actor{}, silver, in); !errors.As(err, &moves) || moves.Down != 1 || moves.Up != 0 || moves.From != nil {
		t.Fatalf("raising Silver above ana's spend: %v, want 1 member down to confirm", err)
	}
	if st, _ := f.s.CustomerTier(ctx, ana.ID); st.Tier.ID != silver || st.Tier.Threshold != 10000 || history() != 1 {
		t.Errorf("after the unconfirmed save: %+v, %d history rows; want Silver from 100.00 as it was", st, history())
	}
	in.ConfirmMoves = true
	if err := f.s.SaveTier(ctx, Actor{}, silver, in); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, ana.ID); st.Tier.ID == silver || st.Tier.Threshold != 0 || history() != 2 {
		t.Errorf("after confirming: %+v, %d history rows; want Standard", st, history())
	}
	if err := f.s.SaveTier(ctx, Actor{}, silver, TierInput{Name: Plain("Silver"), Threshold: "300"}); err != nil {
		t.Errorf("a threshold that moves nobody: %v", err)
	}
}

// TestCreateTierAsksBeforeMovingMembers: adding Bronze at 100.00, under
// ana's spend (104.00, Standard) and bo's (the same, left in Silver), is held
// back, nothing written, saying it takes one member from Standard and
// one from Silver. Confirmed with those counts it goes ahead; confirmed
// with counts that have changed since (a third member came), it asks
// again.
func TestCreateTierAsksBeforeMovingMembers(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	silver := f.tierID(t, "Silver")
	tiers, _ := f.s.Tiers(ctx)
	standard := tiers[0].ID
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	bo := registerCustomer(t, f.s, "bo@example.com")
	f.memberOrder(t, ship, bo, 2, 0)
	if _, err := f.s.write.Exec(`UPDATE customers SET tier_id = ? WHERE id = ?`, silver, bo.ID); err != nil {
		t.Fatal(err)
	}
	bronze := TierInput{Name: Plain("Bronze"), Threshold: "100"}
	var moves *TierMoves
	_, err := f.s.CreateTier(ctx, Actor{}, bronze)
	if !errors.As(err, &moves) || moves.Up != 1 || moves.Down != 1 ||
		!slices.Equal(moves.From, []TierTaken{{standard, 1}, {silver, 1}}) {
		t.Fatalf("adding Bronze under ana's and bo's spend: %v %+v, want one from Standard and one from Silver", err, moves)
	}
	if tiers, _ := f.s.Tiers(ctx); len(tiers) != 3 {
		t.Errorf("%d tiers after the unconfirmed add, want 3", len(tiers))
	}
	seen := moves.Seen()

	cy := registerCustomer(t, f.s, "cy@example.com")
	f.memberOrder(t, ship, cy, 2, 0)
	bronze.ConfirmMoves, bronze.MovesSeen = true, seen
	if _, err := f.s.CreateTier(ctx, Actor{}, bronze); !errors.As(err, &moves) || moves.Seen() == seen ||
		!slices.Equal(moves.From, []TierTaken{{standard, 2}, {silver, 1}}) {
		t.Fatalf("confirmed with counts changed since: %v %+v, want asked again, two from Standard", err, moves)
	}
	bronze.MovesSeen = moves.Seen()
	id, err := f.s.CreateTier(ctx, Actor{}, bronze)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Customer{ana, bo, cy} {
		if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID != id {
			t.Errorf("%s is %q once confirmed, want Bronze", c.Email, st.Tier.Name.Default)
		}
	}
}

// TestDeleteTierAsksAgainWhenMembersChanged: deleting Bronze, said to
// have one member when it has two by then, is held back; with the count
// it has, it goes.
func TestDeleteTierAsksAgainWhenMembersChanged(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	id, err := f.s.CreateTier(ctx, Actor{}, TierInput{Name: Plain("Bronze"), Threshold: "100"})
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"ana@example.com", "bo@example.com"} {
		f.memberOrder(t, ship, registerCustomer(t, f.s, email), 2, 0) // 104.00: Bronze
	}
	u, err := f.s.TierUses(ctx, id)
	if err != nil || u.Members != 2 || u.InUse() {
		t.Fatalf("Bronze's uses: %+v, %v; want 2 members, nothing keeping it", u, err)
	}
	var moves *TierMoves
	if err := f.s.DeleteTier(ctx, Actor{}, id, 1); !errors.As(err, &moves) || moves.Down != 2 {
		t.Fatalf("delete Bronze told of 1 member of 2: %v, want held back, 2 down", err)
	}
	if tiers, _ := f.s.Tiers(ctx); len(tiers) != 4 {
		t.Errorf("%d tiers after the held-back delete, want 4", len(tiers))
	}
	if err := f.s.DeleteTier(ctx, Actor{}, id, 2); err != nil {
		t.Fatal(err)
	}
}
