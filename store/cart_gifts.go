package store

import (
	"context"
	"slices"
)

// CartGifts is the free gifts v's promotions give, as lines of one unit
// each (ID 0, current title, image and price) in locale, in the order of
// v.Promotions.Gifts, for the cart and checkout to show. The gift is only
// added to the order, with its stock, when the order is placed. Their
// names are read only for a language that is not the shop's own: read
// every time, they were half of showing the gift, and showing it a
// seventh of a cart page.
func (s *Store) CartGifts(ctx context.Context, v CartView, locale string) ([]CartLine, error) {
	if len(v.Promotions.Gifts) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(v.Promotions.Gifts))
	for i, g := range v.Promotions.Gifts {
		ids[i] = g.VariantID
	}
	lines, err := variantLines(ctx, s.query, ids)
	if err != nil {
		return nil, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if locale != st.ContentLocale {
		if err := s.nameViewLines(ctx, s.query, lines); err != nil {
			return nil, err
		}
	}
	out := make([]CartLine, 0, len(ids))
	for _, id := range ids {
		if i := slices.IndexFunc(lines, func(l CartLine) bool { return l.VariantID == id }); i >= 0 {
			out = append(out, lines[i].In(locale))
		}
	}
	return out, nil
}

// PromotionsChanged forgets the live promotions the store keeps, as every
// write through the store does: for a promotion written to the database by
// other means (tests, the import command) to be seen at once.
func (s *Store) PromotionsChanged() { s.promotionsChanged() }
