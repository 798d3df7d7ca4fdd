package pricing

import (
	"slices"
	"testing"
	"time"
)

// TestGiftHintCountsWithTheItemPromotionsItCombinesWith: six teas, all
// taken by "any three teas", leave nothing towards a gift over 150.00, and
// the cart must say so: worked out alone, the gift counted the teas at full
// price and asked for 18.00 more, which buys no gift. The same with a
// bundle, and when the exclusive promotion that wins is not the one the
// gift combines with.
func TestGiftHintCountsWithTheItemPromotionsItCombinesWith(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	teas := Promotion{ID: 1, Label: "Any three teas", Type: TypeBXGY, Active: true, CombinesPromotions: true,
		Rules: Rules{Collections: []int64{7}, Buy: 2, Get: 1, GetPercent: 10000}}
	bundle := Promotion{ID: 2, Label: "Tea and mug", Type: TypeBundle, Active: true, CombinesPromotions: true,
		Rules: Rules{Products: []int64{1, 2}, BundlePrice: 4500}}
	gift := Promotion{ID: 3, Label: "Chopsticks over 150", Type: TypeGift, Active: true, CombinesPromotions: true,
		MinSubtotal: 15000, GiftInStock: true, Rules: Rules{GiftVariant: 999}}
	tea := func(n int64) Item {
		return Item{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 2200, Quantity: n, Collections: []int64{7}}
	}
	mug := Item{ID: 2, VariantID: 20, ProductID: 2, UnitPrice: 3500, Quantity: 1}
	cases := []struct {
		name    string
		items   []Item
		autos   []Promotion
		more    int64
		without []int64
	}{
		{"six teas", []Item{tea(6)}, []Promotion{teas, gift}, 15000, []int64{1}},
		{"six teas and a mug", []Item{tea(6), mug}, []Promotion{teas, gift}, 11500, []int64{1}},
		{"seven teas", []Item{tea(7)}, []Promotion{teas, gift}, 12800, []int64{1}},
		{"a bundle", []Item{tea(1), mug}, []Promotion{bundle, gift}, 15000, []int64{2}},
	}
	for _, c := range cases {
		out := Promote(Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: c.items}, c.autos, nil)
		i := slices.IndexFunc(out.Hints, func(h Hint) bool { return h.PromotionID == gift.ID })
		if i < 0 {
			t.Errorf("%s: hints %+v, want one for the gift", c.name, out.Hints)
			continue
		}
		if h := out.Hints[i]; h.More != c.more || !slices.Equal(h.Without, c.without) {
			t.Errorf("%s: gift hint %+v, want %d more without %v", c.name, h, c.more, c.without)
		}
	}

	// An exclusive 10% off wins on six teas; the gift's hint is still what
	// the gift gives beside the teas' offer, which it combines with.
	tenOff := Promotion{ID: 4, Label: "Ten percent", Type: TypePercent, Value: 1000, Active: true}
	teasBig := teas
	teasBig.GetPercent = 1000 // 2.20 off a group: less than ten percent
	out := Promote(Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{tea(6)}},
		[]Promotion{teasBig, gift, tenOff}, nil)
	i := slices.IndexFunc(out.Hints, func(h Hint) bool { return h.PromotionID == gift.ID })
	if i < 0 || out.Hints[i].More != 15000 || !slices.Equal(out.Hints[i].Without, []int64{1}) {
		t.Errorf("ten percent wins: hints %+v, want 150.00 more for the gift without the teas' offer", out.Hints)
	}
}

// TestSoldOutFlashSaleSaysWhy: a flash sale whose units other orders took,
// all or some, is told as the reason the basket's price rose, where it
// vanished without a word; one with units for every unit says nothing.
func TestSoldOutFlashSaleSaysWhy(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	sale := Promotion{ID: 5, Label: "Oolong three", Type: TypeFlash, Active: true, Value: 2000, Limit: 3,
		StartsAt: now.Add(-time.Hour), EndsAt: now.Add(time.Hour)}
	b := Basket{Now: now, Shopper: Shopper{FirstOrder: true}, Items: []Item{
		{ID: 1, VariantID: 10, ProductID: 1, UnitPrice: 2000, Quantity: 2}}}
	for used, want := range map[int64]bool{0: false, 1: false, 2: true, 3: true} {
		sale.Used = used
		out := Promote(b, []Promotion{sale}, nil)
		got := slices.ContainsFunc(out.Passed, func(p Passed) bool {
			return p.PromotionID == sale.ID && p.Label == sale.Label && p.Why.Key == WhySoldOut
		})
		if got != want {
			t.Errorf("%d of 3 used: passed %+v, want sold out %v", used, out.Passed, want)
		}
	}
}
