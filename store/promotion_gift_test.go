package store

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"storefront/store/pricing"
)

// TestGiftStockReadOnlyForCartsThatReachIt: promote reads the stock of
// reachableGifts's gifts only, and takes the others as sold out. For carts
// and promotions at random (discounts before the gift, gifts that combine
// or not, thresholds of value and count, stock or none), the engine's
// outcome is the same as with every gift's stock read.
func TestGiftStockReadOnlyForCartsThatReachIt(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Unix(1_800_000_000, 0)
	skipped := 0
	for run := range 2000 {
		var items []pricing.Item
		var total, count int64
		for i := range 1 + rng.IntN(4) {
			items = append(items, pricing.Item{ID: int64(i + 1), VariantID: int64(i + 1), ProductID: int64(i + 1),
				UnitPrice: int64(100 + rng.IntN(9900)), Quantity: int64(1 + rng.IntN(3))})
			total, count = total+items[i].UnitPrice*items[i].Quantity, count+items[i].Quantity
		}
		// A threshold at random, or just at what the cart holds.
		threshold := func(random int, exact int64) int64 {
			if rng.IntN(3) == 0 {
				return exact
			}
			return int64(rng.IntN(random))
		}
		var ps []pricing.Promotion
		if rng.IntN(2) == 0 {
			ps = append(ps, pricing.Promotion{ID: 1, Type: pricing.TypePercent, Value: int64(500 + rng.IntN(3000)),
				Active: true, CombinesPromotions: rng.IntN(2) == 0})
		}
		if rng.IntN(2) == 0 {
			ps = append(ps, pricing.Promotion{ID: 2, Type: pricing.TypeLadder, Active: true, CombinesPromotions: rng.IntN(2) == 0,
				Rules: pricing.Rules{Steps: []pricing.Step{{Min: 5000, Value: 500}, {Min: 15000, Value: 2000}}}})
		}
		inStock := map[int64]bool{}
		for g := range 1 + rng.IntN(2) {
			variant := int64(100 + g)
			inStock[variant] = rng.IntN(3) > 0
			ps = append(ps, pricing.Promotion{ID: int64(10 + g), Type: pricing.TypeGift, Active: true,
				Rules:              pricing.Rules{GiftVariant: variant},
				MinSubtotal:        threshold(30000, total),
				MinQuantity:        threshold(7, count),
				CombinesPromotions: rng.IntN(2) == 0})
		}
		basket := pricing.Basket{Items: items, Now: now}
		all := slices.Clone(ps)
		for i := range all {
			all[i].GiftInStock = inStock[all[i].GiftVariant]
		}
		read := slices.Clone(ps)
		reachable := reachableGifts(read, items)
		skipped += len(inStock) - len(reachable)
		for i := range read {
			read[i].GiftInStock = slices.Contains(reachable, read[i].GiftVariant) && inStock[read[i].GiftVariant]
		}
		want, got := pricing.Promote(basket, all, nil), pricing.Promote(basket, read, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: items %+v, promotions %+v:\nwith reachable gifts' stock %+v\nwith every gift's %+v",
				run, items, all, got, want)
		}
	}
	if skipped == 0 {
		t.Error("no cart fell short of a gift: the test shows nothing")
	}
}
