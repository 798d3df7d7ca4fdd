package demo

import (
	"context"
	"fmt"
	"time"

	"storefront/store"
	"storefront/store/pricing"
)

// promotions are the demo shop's offers, one of each kind a small shop
// runs, so that the cart shows what they do and why not. The ladder and
// the gift count sale items towards their thresholds, as a shopper reads
// "spend 199"; the coupons do not discount them. The flash sale's
// times are filled in from the moment of seeding, so it is running.
func promotions() []store.PromotionInput {
	return []store.PromotionInput{
		{Name: store.Plain("Welcome: 10% off your first order").With("zh", "新客礼：首单九折"),
			Kind: store.PromoCoupon, Code: "WELCOME10", Type: pricing.TypePercent, Value: "10",
			FirstOrderOnly: true, CustomerLimit: "1", CombinesPromotions: true},
		// Not combined with the automatic offers: the shopper gets whichever
		// saves more, and the cart says so.
		{Name: store.Plain("Spend 299, save 50").With("zh", "满 299 减 50"),
			Kind: store.PromoCoupon, Code: "SPEND299", Type: pricing.TypeFixed, Value: "50", MinSubtotal: "299"},
		{Name: store.Plain("Spend more, save more").With("zh", "满额立减"),
			Kind: store.PromoAutomatic, Type: pricing.TypeLadder, CombinesCoupons: true, SaleItems: true,
			Ladder: []store.StepInput{{Min: "199", Value: "10"}, {Min: "399", Value: "30"}, {Min: "599", Value: "60"}}},
		{Name: store.Plain("Cashmere flash sale").With("zh", "羊绒限时特卖"),
			Kind: store.PromoAutomatic, Type: pricing.TypeFlash, Value: "30", Products: "cashmere-scarf",
			UsageLimit: "20", CustomerLimit: "2", CombinesCoupons: true},
		{Name: store.Plain("Any three teas: the cheapest is free").With("zh", "茶叶任选三件，最便宜的一件免费"),
			Kind: store.PromoAutomatic, Type: pricing.TypeBXGY, Buy: "2", Get: "1", GetPercent: "100",
			Products:        "dragon-well-green-tea, tieguanyin-oolong, jasmine-pearls, lapsang-souchong, silver-needle-white-tea",
			CombinesCoupons: true, CombinesPromotions: true},
		{Name: store.Plain("Free bamboo chopsticks over 150").With("zh", "满 150 送竹筷"),
			Kind: store.PromoAutomatic, Type: pricing.TypeGift, GiftVariant: "HK-CS", MinSubtotal: "150",
			SaleItems: true, CombinesCoupons: true, CombinesPromotions: true},
	}
}

// seedPromotions adds the demo promotions to a shop that has none. The
// flash sale started ten minutes ago at 30 % off, drops to 15 % off after
// two days and ends after a week, in the shop's time zone.
func seedPromotions(ctx context.Context, st *store.Store) error {
	have, err := st.ListPromotions(ctx, store.PromotionFilter{}, 1, 1)
	if err != nil || have.Total > 0 {
		return err
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	loc := settings.Location()
	start := st.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	for _, in := range promotions() {
		if in.Type == pricing.TypeFlash {
			in.Starts = store.FormatPromotionTime(start, loc)
			in.Flash = []store.StepInput{{At: store.FormatPromotionTime(start.Add(48*time.Hour), loc), Value: "15"}}
			in.Ends = store.FormatPromotionTime(start.Add(7*24*time.Hour), loc)
		}
		if _, err := st.CreatePromotion(ctx, store.Actor{Email: "owner@demo"}, in); err != nil {
			return fmt.Errorf("promotion %s: %w", in.Name.Default, err)
		}
	}
	return nil
}
