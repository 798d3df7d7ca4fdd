package store

import (
	"context"
	"errors"
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
	if err := f.s.SaveTier(ctx, Actor{}, silver, in); !errors.As(err, &moves) || *moves != (TierMoves{Down: 1}) {
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
