package pricing

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"
)

// randomCase builds a random basket (1–20 lines, prices 1–100000, qty 1–5)
// and a random set of automatic promotions of every type, plus maybe a coupon.
func randomCase(r *rand.Rand, now time.Time) (Basket, []Promotion, *Promotion) {
	b := Basket{Now: now, Shopper: Shopper{FirstOrder: true}}
	n := 1 + r.Intn(20)
	for i := 0; i < n; i++ {
		b.Items = append(b.Items, Item{
			ID: int64(i + 1), VariantID: int64(100 + i), ProductID: int64(1 + r.Intn(8)),
			UnitPrice: 1 + r.Int63n(100000), Quantity: 1 + r.Int63n(5),
			Collections: []int64{int64(1 + r.Intn(3))},
		})
	}
	types := []string{TypePercent, TypeFixed, TypeFreeShipping, TypeLadder, TypeBXGY, TypeGift, TypeBundle, TypeFlash}
	var autos []Promotion
	for i := 0; i < r.Intn(8); i++ {
		autos = append(autos, randomPromotion(r, int64(i+1), types[r.Intn(len(types))], now))
	}
	var coupon *Promotion
	if r.Intn(2) == 0 {
		ct := []string{TypePercent, TypeFixed, TypeFreeShipping, TypeLadder}
		c := randomPromotion(r, 99, ct[r.Intn(len(ct))], now)
		c.Coupon, c.Label = true, "CODE"
		coupon = &c
		b.CouponCode = "CODE"
	}
	return b, autos, coupon
}

func randomPromotion(r *rand.Rand, id int64, typ string, now time.Time) Promotion {
	p := Promotion{ID: id, Label: typ, Type: typ, Active: true, GiftInStock: r.Intn(2) == 0,
		CombinesPromotions: r.Intn(2) == 0, CombinesCoupons: r.Intn(2) == 0, SaleItems: r.Intn(2) == 0,
		StartsAt: now.Add(-time.Hour), EndsAt: now.Add(time.Hour)}
	if r.Intn(3) == 0 {
		p.Products = []int64{int64(1 + r.Intn(8)), int64(1 + r.Intn(8))}
	}
	if r.Intn(4) == 0 {
		p.MinSubtotal = r.Int63n(300000)
	}
	switch typ {
	case TypePercent:
		p.Value = 1 + r.Int63n(10000)
	case TypeFixed:
		p.Value = 1 + r.Int63n(500000)
	case TypeLadder:
		p.Steps = []Step{{Min: 19900, Value: 2000}, {Min: 29900, Value: 5000}, {Min: 49900, Value: 10000}}
	case TypeBXGY:
		p.Buy, p.Get, p.GetPercent = 1+r.Int63n(3), 1, []int64{5000, 10000}[r.Intn(2)]
	case TypeGift:
		p.GiftVariant = 999
	case TypeBundle:
		p.Products = []int64{int64(1 + r.Intn(8)), int64(1 + r.Intn(8))}
		p.BundlePrice = r.Int63n(100000)
	case TypeFlash:
		p.Value = 1 + r.Int63n(10000)
		p.Limit = r.Int63n(10)
	}
	return p
}

// TestPromoteProperties: never negative, a discount never exceeds the
// subtotal, Applied and Discounts agree, line order and repetition change nothing.
func TestPromoteProperties(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	discounted := 0
	for i := 0; i < 2000; i++ {
		b, autos, coupon := randomCase(r, now)
		out := Promote(b, autos, coupon)
		if out.Discount() > 0 {
			discounted++
		}
		var subtotal int64
		for _, it := range b.Items {
			subtotal += it.UnitPrice * it.Quantity
		}
		byPromo := map[int64]int64{}
		for _, a := range out.Applied {
			if a.Amount < 0 {
				t.Fatalf("case %d: negative applied %+v", i, a)
			}
			byPromo[a.PromotionID] += a.Amount
		}
		for _, d := range out.Discounts {
			if d.Amount < 0 {
				t.Fatalf("case %d: negative discount %+v", i, d)
			}
			byPromo[d.PromotionID] -= d.Amount
		}
		for id, left := range byPromo {
			if left != 0 {
				t.Fatalf("case %d: promotion %d: Applied and Discounts differ by %d", i, id, left)
			}
		}
		if out.Discount() > subtotal {
			t.Fatalf("case %d: discount %d above subtotal %d", i, out.Discount(), subtotal)
		}
		for _, p := range out.Passed {
			if p.Why.Key == WhySoldOut {
				// A flash sale may price some units and have none left for
				// the rest.
				continue
			}
			if byPromo[p.PromotionID] != 0 || p.Why.Key != WhyNotCombined || p.Why.Other == "" || out.FreeShipping == p.PromotionID ||
				slices.ContainsFunc(out.Applied, func(a Applied) bool { return a.PromotionID == p.PromotionID }) ||
				slices.ContainsFunc(out.Gifts, func(g Gift) bool { return g.PromotionID == p.PromotionID }) {
				t.Fatalf("case %d: passed over %+v, yet it applied (%+v)", i, p, out)
			}
		}
		if again := Promote(b, autos, coupon); !reflect.DeepEqual(out, again) {
			t.Fatalf("case %d: two calls differ", i)
		}
		s := b
		s.Items = append([]Item(nil), b.Items...)
		r.Shuffle(len(s.Items), func(a, c int) { s.Items[a], s.Items[c] = s.Items[c], s.Items[a] })
		if sh := Promote(s, autos, coupon); !reflect.DeepEqual(out, sh) {
			t.Fatalf("case %d: shuffled lines give another outcome:\n%+v\n%+v", i, out, sh)
		}
	}
	// The random promotions must actually bite, or the checks prove nothing.
	if discounted < 500 {
		t.Fatalf("only %d of 2000 random cases got a discount", discounted)
	}
}

// BenchmarkPromote prices a 50-line cart against 200 live promotions of
// mixed types (issue 11's target: under 1 ms per pricing).
func BenchmarkPromote(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	basket := Basket{Now: now}
	for i := 0; i < 50; i++ {
		basket.Items = append(basket.Items, Item{ID: int64(i + 1), VariantID: int64(100 + i),
			ProductID: int64(1 + r.Intn(40)), UnitPrice: 1 + r.Int63n(100000), Quantity: 1 + r.Int63n(5),
			Collections: []int64{int64(1 + r.Intn(3))}})
	}
	types := []string{TypePercent, TypeFixed, TypeFreeShipping, TypeLadder, TypeBXGY, TypeGift, TypeBundle, TypeFlash}
	autos := make([]Promotion, 200)
	for i := range autos {
		autos[i] = randomPromotion(r, int64(i+1), types[i%len(types)], now)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Promote(basket, autos, nil)
	}
}

// TestPassedOverPromotionsSayWhy: promotions the cart qualified for that
// do not combine with what saves more are passed over with its name: a
// ladder and a gift beside a bigger buy-two-get-one, then all three beside
// a coupon bigger still.
func TestPassedOverPromotionsSayWhy(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	b := Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{
		{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 2000, Quantity: 3},  // candles
		{ID: 2, VariantID: 20, ProductID: 2, UnitPrice: 14000, Quantity: 1}, // a kettle: 200.00 in all
	}}
	ladder := Promotion{ID: 1, Label: "Spend more", Type: TypeLadder, Active: true,
		Rules: Rules{Steps: []Step{{Min: 19900, Value: 1000}}}}
	bxgy := Promotion{ID: 2, Label: "Third candle free", Type: TypeBXGY, Active: true,
		Rules: Rules{Products: []int64{1}, Buy: 2, Get: 1, GetPercent: 10000}}
	gift := Promotion{ID: 3, Label: "Chopsticks over 150", Type: TypeGift, Active: true, MinSubtotal: 15000,
		GiftInStock: true, Rules: Rules{GiftVariant: 999}}
	autos := []Promotion{ladder, bxgy, gift}
	passed := func(out Outcome) map[int64]Why {
		m := map[int64]Why{}
		for _, p := range out.Passed {
			m[p.PromotionID] = p.Why
		}
		return m
	}

	out := Promote(b, autos, nil)
	if out.Discount() != 2000 {
		t.Fatalf("discount %d, want the free candle's 2000", out.Discount())
	}
	got := passed(out)
	for _, id := range []int64{1, 3} {
		if w := got[id]; w.Key != WhyNotCombined || w.OtherID != 2 || w.Other != "Third candle free" {
			t.Errorf("promotion %d passed over for %+v, want not combined with the free candle", id, w)
		}
	}
	if _, ok := got[2]; ok || len(got) != 2 {
		t.Errorf("passed over %+v", out.Passed)
	}

	coupon := Promotion{ID: 9, Label: "BIG", Coupon: true, Type: TypeFixed, Value: 5000, Active: true}
	b.CouponCode = "BIG"
	out = Promote(b, autos, &coupon)
	if out.Coupon == nil || !out.Coupon.Applied || out.Discount() != 5000 {
		t.Fatalf("coupon %+v, discount %d; want the coupon's 5000", out.Coupon, out.Discount())
	}
	got = passed(out)
	for _, id := range []int64{1, 2, 3} {
		if w := got[id]; w.Key != WhyNotCombined || !w.OtherCoupon || w.Other != "BIG" {
			t.Errorf("promotion %d passed over for %+v, want not combined with the coupon", id, w)
		}
	}
}

// TestGiftCountsAtItsPrice: a 24.00 mug given over 100.00 beats 6.00 off,
// when the two do not combine, where a gift counted as nothing lost to any
// discount at all.
func TestGiftCountsAtItsPrice(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	b := Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 10800, Quantity: 1}}}
	off := Promotion{ID: 1, Label: "Six off", Type: TypeFixed, Value: 600, Active: true}
	mug := Promotion{ID: 2, Label: "Free mug over 100", Type: TypeGift, Active: true, MinSubtotal: 10000,
		GiftInStock: true, GiftValue: 2400, Rules: Rules{GiftVariant: 999}}
	out := Promote(b, []Promotion{off, mug}, nil)
	if len(out.Gifts) != 1 || out.Discount() != 0 {
		t.Fatalf("gifts %+v, discount %d; want the mug and no discount", out.Gifts, out.Discount())
	}
	if len(out.Passed) != 1 || out.Passed[0].PromotionID != 1 || out.Passed[0].Why.OtherID != 2 {
		t.Errorf("passed over %+v, want the six off for the mug", out.Passed)
	}
	mug.GiftValue = 500
	if out := Promote(b, []Promotion{off, mug}, nil); len(out.Gifts) != 0 || out.Discount() != 600 {
		t.Errorf("a 5.00 gift against 6.00 off: gifts %+v, discount %d", out.Gifts, out.Discount())
	}
}

// TestThresholdsCountUnitsABundleLeft: an order promotion counts the units
// no bundle used, however many of a line the bundle took: with a shirt in
// the bundle and a second one out of it, the second counts and the first
// does not, where the whole line counted once any unit was left and not at
// all when none was.
func TestThresholdsCountUnitsABundleLeft(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	bundle := Promotion{ID: 1, Label: "Shirt and chopsticks", Type: TypeBundle, Active: true, CombinesPromotions: true,
		Rules: Rules{Products: []int64{1, 2}, BundlePrice: 7000}}
	gift := Promotion{ID: 2, Label: "Gift over 150", Type: TypeGift, Active: true, CombinesPromotions: true, MinSubtotal: 15000,
		GiftInStock: true, Rules: Rules{GiftVariant: 999}}
	basket := func(shirts int64) Basket {
		return Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{
			{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 6800, Quantity: shirts},
			{ID: 2, VariantID: 20, ProductID: 2, UnitPrice: 800, Quantity: 1},
			{ID: 3, VariantID: 30, ProductID: 3, UnitPrice: 3200, Quantity: 1},
		}}
	}
	for shirts, more := range map[int64]int64{1: 11800, 2: 5000} {
		out := Promote(basket(shirts), []Promotion{bundle, gift}, nil)
		if out.Discount() != 600 || len(out.Gifts) != 0 {
			t.Errorf("%d shirts: discount %d, gifts %+v; want the bundle's 600 and no gift", shirts, out.Discount(), out.Gifts)
		}
		if len(out.Hints) != 1 || out.Hints[0].More != more {
			t.Errorf("%d shirts: hints %+v, want %d more for the gift", shirts, out.Hints, more)
		}
	}
	if out := Promote(basket(3), []Promotion{bundle, gift}, nil); len(out.Gifts) != 1 {
		t.Errorf("3 shirts (two out of the bundle, 168.00): gifts %+v, want the gift", out.Gifts)
	}
}

// TestHintsOnlyPromiseWhatWouldWin: a ladder passed over for a free candle
// worth 20.00 hints at its next step only if that step saves more.
func TestHintsOnlyPromiseWhatWouldWin(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	b := Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{
		{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 2000, Quantity: 3},
		{ID: 2, VariantID: 20, ProductID: 2, UnitPrice: 14000, Quantity: 1},
	}}
	bxgy := Promotion{ID: 2, Label: "Third candle free", Type: TypeBXGY, Active: true,
		Rules: Rules{Products: []int64{1}, Buy: 2, Get: 1, GetPercent: 10000}}
	for next, hinted := range map[int64]bool{1500: false, 3000: true} {
		ladder := Promotion{ID: 1, Label: "Spend more", Type: TypeLadder, Active: true,
			Rules: Rules{Steps: []Step{{Min: 19900, Value: 1000}, {Min: 25000, Value: next}}}}
		out := Promote(b, []Promotion{ladder, bxgy}, nil)
		if got := slices.ContainsFunc(out.Hints, func(h Hint) bool { return h.PromotionID == 1 }); got != hinted {
			t.Errorf("next step saving %d beside 2000: hinted %v, want %v (%+v)", next, got, hinted, out.Hints)
		}
	}
}
