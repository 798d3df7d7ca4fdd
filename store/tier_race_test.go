package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// tierHistory counts customer's tier history rows with reason.
func tierHistory(t *testing.T, s *Store, customerID int64, reason string) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM customer_tier_history WHERE customer_id = ? AND reason = ?`,
		customerID, reason).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// winner is, of two errors from the same action raced, the one that lost,
// and whether exactly one of them won.
func winner(errs []error) (lost error, one bool) {
	if errs[0] != nil {
		return errs[0], errs[1] == nil
	}
	return errs[1], errs[1] != nil
}

// TestConfirmNewTierRacesItself: two owners confirm the same new tier,
// told the same moves, at once, round after round, each round's tier just
// above the last: one tier is added, the other confirmation refused with a
// message for the form, and each member it takes moves once, with one
// history row and one audit entry.
func TestConfirmNewTierRacesItself(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ana := registerCustomer(t, f.s, "ana@example.com")
	bo := registerCustomer(t, f.s, "bo@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	f.memberOrder(t, ship, bo, 2, 0)
	for i := range 8 {
		tiers, _ := f.s.Tiers(ctx)
		in := TierInput{Name: Plain(fmt.Sprintf("Bronze %d", i)), Threshold: fmt.Sprint(50 + i)}
		var moves *TierMoves
		if _, err := f.s.CreateTier(ctx, Actor{}, in); !errors.As(err, &moves) || moves.Up != 2 {
			t.Fatalf("adding %s under two members' spend: %v, want 2 up to confirm", in.Name.Default, err)
		}
		in.ConfirmMoves, in.MovesSeen = true, moves.Seen()

		var ids [2]int64
		errs := atOnce(func() (err error) {
			ids[0], err = f.s.CreateTier(ctx, Actor{}, in)
			return err
		}, func() (err error) {
			ids[1], err = f.s.CreateTier(ctx, Actor{}, in)
			return err
		})
		lost, one := winner(errs)
		var verr *ValidationError
		if !one || !errors.As(lost, &verr) {
			t.Fatalf("two confirmations at once: %v and %v, want one tier added and the other refused on the form", errs[0], errs[1])
		}
		id := max(ids[0], ids[1])
		if after, _ := f.s.Tiers(ctx); len(after) != len(tiers)+1 {
			t.Fatalf("%d tiers after the race, want %d", len(after), len(tiers)+1)
		}
		for _, c := range []*Customer{ana, bo} {
			if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID != id || tierHistory(t, f.s, c.ID, "tier_added") != i+1 {
				t.Fatalf("%s: %q with %d tier_added rows, want %s and %d", c.Email, st.Tier.Name.Default,
					tierHistory(t, f.s, c.ID, "tier_added"), in.Name.Default, i+1)
			}
		}
		if log, _ := f.s.AuditLog(ctx, AuditFilter{Action: ActionTierCreate}); len(log.Records) != i+1 {
			t.Fatalf("%d tier.create audit entries, want %d", len(log.Records), i+1)
		}
	}
}

// TestConfirmThresholdMoveRacesItself: two owners confirm the same move
// of Silver's threshold, from the same form, at once, round after round,
// above ana's spend and back under it: one save lands, the other is
// stale, and ana moves once each round.
func TestConfirmThresholdMoveRacesItself(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.memberOrder(t, ship, ana, 2, 0) // 104.00
	silver := f.tierID(t, "Silver")
	if err := f.s.SaveTier(ctx, Actor{}, silver, TierInput{Name: Plain("Silver"), Threshold: "100", ConfirmMoves: true}); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		tier, err := f.s.Tiers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in := TierInput{Name: Plain("Silver"), Threshold: "200", Version: tier[1].Version}
		if i%2 == 1 {
			in.Threshold = "100"
		}
		var moves *TierMoves
		if err := f.s.SaveTier(ctx, Actor{}, silver, in); !errors.As(err, &moves) || moves.Down+moves.Up != 1 {
			t.Fatalf("Silver to %s over ana's spend: %v, want 1 move to confirm", in.Threshold, err)
		}
		in.ConfirmMoves, in.MovesSeen = true, moves.Seen()

		save := func() error { return f.s.SaveTier(ctx, Actor{}, silver, in) }
		errs := atOnce(save, save)
		if lost, one := winner(errs); !one || !errors.Is(lost, ErrConflict) {
			t.Fatalf("two confirmations at once: %v and %v, want one saved and the other stale", errs[0], errs[1])
		}
		if st, _ := f.s.CustomerTier(ctx, ana.ID); (st.Tier.ID == silver) != (i%2 == 1) {
			t.Fatalf("ana is %q once Silver starts at %s", st.Tier.Name.Default, in.Threshold)
		}
		if got := tierHistory(t, f.s, ana.ID, "tier_changed"); got != i+2 {
			t.Fatalf("ana has %d tier_changed rows, want %d: moved once a round", got, i+2)
		}
		if after, _ := f.s.Tiers(ctx); after[1].ID != silver || after[1].Version != tier[1].Version+1 {
			t.Fatalf("Silver at version %d, want %d: saved once", after[1].Version, tier[1].Version+1)
		}
	}
}
