package pricing

import (
	"testing"
	"time"
)

// TestSaleTellsItsPriceEndAndItsEnd: a sale in steps ends when its last
// step does, not its first; the next price is told when it is the last.
func TestSaleTellsItsPriceEndAndItsEnd(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	step, end := start.Add(48*time.Hour), start.Add(7*24*time.Hour)
	two := Promotion{ID: 1, Type: TypeFlash, Value: 3000, Active: true, StartsAt: start, EndsAt: end,
		Rules: Rules{Steps: []Step{{At: start.Unix(), Value: 3000}, {At: step.Unix(), Value: 1500}}}}
	three := two
	three.Steps = append(three.Steps[:2:2], Step{At: step.Add(time.Hour).Unix(), Value: 1000})
	it := Item{ID: 1, VariantID: 1, ProductID: 1, UnitPrice: 5200, Quantity: 1}
	for _, tc := range []struct {
		name      string
		p         Promotion
		at        time.Time
		priceEnds time.Time
		next      int64
		hasNext   bool
	}{
		{"first of two prices", two, start.Add(time.Minute), step, 4420, true},
		{"the last price", two, step.Add(time.Minute), end, 0, false},
		{"first of three prices", three, start.Add(time.Minute), step, 0, false},
	} {
		s, ok := FlashPrice(it, []Promotion{tc.p}, tc.at, Shopper{})
		if !ok || !s.PriceEnds.Equal(tc.priceEnds) || !s.Ends.Equal(end) || s.Next != tc.next || s.HasNext != tc.hasNext {
			t.Errorf("%s: sale %+v, want the price until %v, the sale until %v, next %d (%v)", tc.name, s, tc.priceEnds, end, tc.next, tc.hasNext)
		}
	}
}

// TestKnownShopperHearsWhatAStrangerWouldHaveHad: what the same basket
// gives a stranger and not a known shopper is passed with why; what a
// known shopper may have is not.
func TestKnownShopperHearsWhatAStrangerWouldHaveHad(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	items := []Item{{ID: 1, VariantID: 1, ProductID: 1, UnitPrice: 2800, Quantity: 2},
		{ID: 2, VariantID: 2, ProductID: 2, UnitPrice: 1000, Quantity: 2}}
	first := Promotion{ID: 1, Label: "First order", Type: TypePercent, Value: 1500, Active: true, FirstOrderOnly: true, CombinesPromotions: true}
	once := Promotion{ID: 2, Label: "Once", Type: TypeFixed, Value: 500, Active: true, CustomerLimit: 1, CombinesPromotions: true}
	flash := Promotion{ID: 3, Label: "Flash", Type: TypeFlash, Value: 5000, Active: true, CustomerLimit: 1,
		Rules: Rules{Variants: []int64{2}}}
	ps := []Promotion{first, once, flash}
	for _, tc := range []struct {
		name string
		who  Shopper
		want map[int64]string
	}{
		{"a stranger", Shopper{}, map[int64]string{}},
		{"a first order, nothing used", Shopper{Known: true, FirstOrder: true}, map[int64]string{3: WhySaleLimit}},
		{"a returning customer who had both", Shopper{Known: true, Uses: map[int64]int64{2: 1, 3: 1}},
			map[int64]string{1: WhyFirstOrder, 2: WhyAlreadyUsed, 3: WhySaleLimit}},
	} {
		got := map[int64]string{}
		for _, p := range Promote(Basket{Items: items, Now: now, Shopper: tc.who}, ps, nil).Passed {
			got[p.PromotionID] = p.Why.Key
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: passed %v, want %v", tc.name, got, tc.want)
			continue
		}
		for id, key := range tc.want {
			if got[id] != key {
				t.Errorf("%s: passed %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}
