package store

import (
	"context"
	"slices"
)

// CartGifts is the free gifts v's promotions give, as lines of one unit
// each (ID 0, current title, image and price) in locale, in the order of
// v.Promotions.Gifts, for the cart and checkout to show. The gift is only
// added to the order, with its stock, when the order is placed. The lines
// are those the promotions were worked out from (CartView read them to
// see which gifts are in stock): reading them again, with their names,
// was a seventh of a cart page while the demo's gift was live.
func (s *Store) CartGifts(ctx context.Context, v CartView, locale string) ([]CartLine, error) {
	var out []CartLine
	for _, g := range v.Promotions.Gifts {
		if i := slices.IndexFunc(v.gifts, func(l CartLine) bool { return l.VariantID == g.VariantID }); i >= 0 {
			out = append(out, v.gifts[i])
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if locale != st.Locale {
		if err := s.nameViewLines(ctx, out); err != nil {
			return nil, err
		}
	}
	for i := range out {
		out[i] = out[i].In(locale)
	}
	return out, nil
}

// PromotionsChanged forgets the live promotions the store keeps, as every
// write through the store does: for a promotion written to the database by
// other means (tests, the import command) to be seen at once.
func (s *Store) PromotionsChanged() { s.promotionsChanged() }
