package store

import (
	"errors"
	"math/rand"
	"testing"
)

// TestReturnSharesNeverExceedWhatWasPaid returns random lines in random
// steps, shipped in parts between them, and now and then cancels what a
// line has not shipped: each step's refund is never negative, the refunds
// of a line never exceed the share of what it was paid that the units
// taken carry (a line partly shipped refunds its shipped units, not the
// whole line), and taking everything back, returned or cancelled,
// refunds exactly what was paid, with the points earned and the points
// paid alike.
func TestReturnSharesNeverExceedWhatWasPaid(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	for c := range 2000 {
		n := 1 + r.Intn(5)
		lines := make([]quotedLine, n)
		// shipped and cancelled units by line; Returned counts both kinds
		// of units taken, Left what the next quote may take.
		shipped, cancelled := make([]int64, n), make([]int64, n)
		var redeemed, pointsMoney int64
		for i := range lines {
			q := 1 + r.Int63n(7)
			paid := r.Int63n(100000)
			lines[i] = quotedLine{ID: int64(i + 1), Ordered: q, Paid: paid, PointsEarned: paid / 100,
				PointsPaid: r.Int63n(paid/2 + 1)}
			shipped[i] = 1 + r.Int63n(q)
			pointsMoney += lines[i].PointsPaid
		}
		redeemed = pointsMoney // 1 point pays 0.01
		refunded := map[int64][3]int64{}
		var restored, pointsBefore int64
		take := func(ask map[int64]int64) {
			out, err := quoteLines(lines, ask)
			if err != nil {
				t.Fatalf("case %d: %v", c, err)
			}
			var pointsNow int64
			for _, rl := range out {
				if rl.Paid < 0 || rl.PointsEarned < 0 || rl.PointsPaid < 0 {
					t.Fatalf("case %d: negative share %+v", c, rl)
				}
				sum := refunded[rl.OrderLineID]
				refunded[rl.OrderLineID] = [3]int64{sum[0] + rl.Paid, sum[1] + rl.PointsEarned, sum[2] + rl.PointsPaid}
				pointsNow += rl.PointsPaid
				for i := range lines {
					if l := &lines[i]; l.ID == rl.OrderLineID {
						l.Returned += rl.Quantity
						l.Held = refunded[rl.OrderLineID]
						if l.Held[0] > mulDiv(l.Paid, l.Returned, l.Ordered) {
							t.Fatalf("case %d: %d of %d units refunded %d of %d", c, l.Returned, l.Ordered, l.Held[0], l.Paid)
						}
					}
				}
			}
			restored += pointsRestored(redeemed, pointsMoney, pointsBefore, pointsNow, restored)
			pointsBefore += pointsNow
		}
		for step := 0; step < 30; step++ {
			for i := range lines {
				if shipped[i]+cancelled[i] < lines[i].Ordered && r.Intn(3) == 0 {
					shipped[i]++
				}
			}
			if i := r.Intn(n); shipped[i]+cancelled[i] < lines[i].Ordered && r.Intn(5) == 0 {
				unshipped := lines[i].Ordered - shipped[i] - cancelled[i]
				for j := range lines {
					lines[j].Left = 0
				}
				lines[i].Left = unshipped
				take(map[int64]int64{lines[i].ID: unshipped})
				cancelled[i] += unshipped
			}
			ask := map[int64]int64{}
			for i := range lines {
				l := &lines[i]
				l.Left = shipped[i] + cancelled[i] - l.Returned
				if l.Left > 0 && r.Intn(2) == 0 {
					ask[l.ID] = 1 + r.Int63n(l.Left)
				}
			}
			if len(ask) > 0 {
				take(ask)
			}
		}
		all := true
		for _, l := range lines {
			got := refunded[l.ID]
			if got[0] > l.Paid || got[1] > l.PointsEarned || got[2] > l.PointsPaid {
				t.Fatalf("case %d: line %+v refunded %v", c, l, got)
			}
			if l.Returned == l.Ordered && (got[0] != l.Paid || got[1] != l.PointsEarned || got[2] != l.PointsPaid) {
				t.Fatalf("case %d: line %+v all returned but refunded %v", c, l, got)
			}
			all = all && l.Returned == l.Ordered
		}
		if restored > redeemed || (all && restored != redeemed) {
			t.Fatalf("case %d: restored %d of %d points (all returned: %v)", c, restored, redeemed, all)
		}
	}
}

// TestReturnQuoteRefusesTooMany: more than a line has left, fewer than
// none, a line not in the order and an empty request are each refused by
// field, each with its own message.
func TestReturnQuoteRefusesTooMany(t *testing.T) {
	lines := []quotedLine{{ID: 1, Ordered: 2, Left: 1, Paid: 1000, Returned: 1, Held: [3]int64{500}}}
	for _, c := range []struct {
		ask        map[int64]int64
		field, msg string
	}{
		{map[int64]int64{1: 2}, ReturnQtyField(1), "returns.error.quantity"},
		{map[int64]int64{1: -1}, ReturnQtyField(1), "returns.error.quantity_negative"},
		{map[int64]int64{9: 1}, ReturnQtyField(9), "returns.error.quantity"},
		{map[int64]int64{}, "lines", "returns.error.nothing"},
	} {
		_, err := quoteLines(lines, c.ask)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Fields[c.field] != c.msg {
			t.Errorf("ask %v: %v, want %s on %s", c.ask, err, c.msg, c.field)
		}
	}
	out, err := quoteLines(lines, map[int64]int64{1: 1})
	if err != nil || out[0].Paid != 500 {
		t.Fatalf("the last unit: %+v, %v", out, err)
	}
}
