package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// othersWroteNow is OthersMark learning now that another process wrote.
func (s *Store) othersWroteNow() {
	s.others.mu.Lock()
	defer s.others.mu.Unlock()
	s.others.asked, s.others.mark = time.Now(), time.Now()
}

// TestCartCountFollowsChanges: the count is kept in memory, and every
// change this store makes to a cart shows at once.
func TestCartCountFollowsChanges(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	count := func(token string, want int64) {
		t.Helper()
		if n, err := f.s.CartCount(ctx, token); err != nil || n != want {
			t.Errorf("count = %d, %v; want %d", n, err, want)
		}
	}
	ch := f.add(t, "", f.big, 2)
	count(ch.Token, 2)
	f.add(t, ch.Token, f.mug, 1)
	count(ch.Token, 3)
	line := f.view(t, ch.Token).Lines[0].ID
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, line, 5); err != nil {
		t.Fatal(err)
	}
	count(ch.Token, 6)

	// A change made behind the store's cart code is not read while only
	// this process writes, however long; once another process has written
	// (OthersMark), the count is read again.
	if _, err := f.s.write.Exec(`UPDATE cart_lines SET quantity = 1 WHERE id = ?`, line); err != nil {
		t.Fatal(err)
	}
	count(ch.Token, 6)
	f.s.others.mu.Lock()
	f.s.others.asked = time.Time{} // due to ask: this store did not write, so no
	f.s.others.mu.Unlock()
	count(ch.Token, 6)
	f.s.othersWroteNow()
	count(ch.Token, 2)

	// A variant deleted by saving its product takes its lines out of carts,
	// and the count follows at once.
	shirt := f.shirt
	shirt.Variants = slices.DeleteFunc(slices.Clone(shirt.Variants), func(v VariantInput) bool { return v.SKU == f.shirt.Variants[0].SKU })
	small := f.add(t, "", f.small, 1)
	f.add(t, small.Token, f.big, 2)
	count(small.Token, 3)
	if _, _, err := f.s.SaveProduct(ctx, shirt); err != nil {
		t.Fatal(err)
	}
	count(small.Token, 2)

	// Signing in merges the guest cart into the account's: both counts move.
	c := registerCustomer(t, f.s, "mia@example.com")
	acct := f.add(t, "", f.mug, 4)
	if err := f.s.ClaimCart(ctx, c.ID, acct.Token); err != nil {
		t.Fatal(err)
	}
	count(acct.Token, 4)
	kept, err := f.s.SignInCart(ctx, c.ID, ch.Token)
	if err != nil || kept != acct.Token {
		t.Fatalf("sign-in kept %q, %v", kept, err)
	}
	count(ch.Token, 0)
	count(acct.Token, 6) // 4 + 1 mug + 1 shirt

	// An order closes the cart.
	if _, _, err := f.s.PlaceOrder(ctx, checkoutFor(acct.Token, ship)); err != nil {
		t.Fatal(err)
	}
	count(acct.Token, 0)

	// A count read before a change committed is not kept after it.
	_, gen, _ := f.s.cartCounts.get("tok", time.Time{})
	f.s.cartCounts.forget("tok")
	f.s.cartCounts.put("tok", CartState{Count: 9}, gen, time.Now())
	if _, _, ok := f.s.cartCounts.get("tok", time.Time{}); ok {
		t.Error("a count read before a forget was kept")
	}
}

// TestCartViewKeepsItsCount: the cart and checkout pages read every line,
// and the count they sum is what their header shows, not read again.
func TestCartViewKeepsItsCount(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ch := f.add(t, "", f.big, 2)
	if _, err := f.s.write.Exec(`UPDATE cart_lines SET quantity = 3`); err != nil {
		t.Fatal(err) // behind the store: only a read sees it
	}
	if v := f.view(t, ch.Token); v.Count != 3 {
		t.Fatalf("view count = %d, want 3", v.Count)
	}
	if _, err := f.s.write.Exec(`UPDATE cart_lines SET quantity = 4`); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.CartCount(ctx, ch.Token); err != nil || n != 3 {
		t.Errorf("count after the view = %d, %v; want the view's 3", n, err)
	}
}

// TestCartSerialFollowsChanges: a cart's serial (what its cached page is
// kept by) stays while nothing changes, re-read or not, and changes with
// every change this store makes, a coupon's too, with no view between.
func TestCartSerialFollowsChanges(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TEN", "value": 1000})
	token := f.add(t, "", f.big, 2).Token
	other := f.add(t, "", f.big, 2).Token
	seen := map[uint64]string{}
	state := func(token, step string, fresh bool) CartState {
		t.Helper()
		st, err := f.s.CartState(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if was, ok := seen[st.Serial]; fresh && ok {
			t.Errorf("%s: serial %d again, first given %s", step, st.Serial, was)
		}
		seen[st.Serial] = step
		return st
	}
	first := state(token, "at first", true)
	if o := state(other, "another cart", true); o.Serial == first.Serial {
		t.Fatal("two carts share a serial")
	}
	f.s.othersWroteNow() // every count is read again
	if st := state(token, "read again", false); st != first {
		t.Errorf("an unchanged cart read again is %+v, was %+v", st, first)
	}
	if err := f.s.ApplyCoupon(ctx, token, "TEN"); err != nil {
		t.Fatal(err)
	}
	if st := state(token, "the coupon", true); !st.Coupon || st.Count != 2 {
		t.Errorf("with the coupon: %+v", st)
	}
	if err := f.s.RemoveCoupon(ctx, token); err != nil {
		t.Fatal(err)
	}
	state(token, "the coupon's removal", true)
	f.add(t, token, f.mug, 1)
	if st := state(token, "an add", true); st.Count != 3 || st.Coupon {
		t.Errorf("after the add: %+v", st)
	}

	// A read that began before a change and ends after another read kept
	// the changed cart must not share that read's serial: a page rendered
	// from the old cart would be kept as the new one's.
	now := time.Now()
	_, before, _ := f.s.cartCounts.get("tok", now)
	f.s.cartCounts.forget("tok")
	_, after, _ := f.s.cartCounts.get("tok", now)
	fresh := f.s.cartCounts.put("tok", CartState{Count: 4}, after, now)
	if late := f.s.cartCounts.put("tok", CartState{Count: 4}, before, now); late.Serial == fresh.Serial {
		t.Error("a state read before a change shares the serial of one read after it")
	}
	if st, _, ok := f.s.cartCounts.get("tok", now); !ok || st != fresh {
		t.Errorf("kept %+v, %v; want the state read after the change, %+v", st, ok, fresh)
	}
}
