package store

import (
	"context"

	"storefront/store/pricing"
)

// WithSales is p with the flash-sale prices of the store's clock in place,
// for its page: a copy (p is shared) in which a variant on sale has the
// sale price as its Price and its regular price (or its higher compare-at
// price) as its CompareAtPrice, so every price the page shows, the
// structured data included, is the one a shopper pays now. sales is each
// such variant's sale, by variant ID, for the countdown. A signed-in
// customer (customerID > 0) also sees their tier's member prices and the
// sales their tier may buy early; a page for them is never cached.
func (s *Store) WithSales(ctx context.Context, p *Product, locale string, customerID int64) (*Product, map[int64]pricing.Sale, error) {
	// A sale's price for a page depends on the tier alone (member prices,
	// early access); a per-customer limit is checked in the cart.
	who, err := shopperFor(ctx, s.query, "", customerID, shopperNeed{})
	if err != nil {
		return p, nil, err
	}
	items := make([]pricing.Item, len(p.Variants))
	collections := make([]int64, len(p.Collections))
	for i, c := range p.Collections {
		collections[i] = c.ID
	}
	for i, v := range p.Variants {
		items[i] = pricing.Item{ID: v.ID, VariantID: v.ID, ProductID: p.ID, UnitPrice: v.Price, Quantity: 1,
			Collections: collections, Tags: p.Tags}
	}
	sales, err := s.flashPrices(ctx, items, locale, false, who)
	if err != nil || len(sales) == 0 {
		return p, nil, err
	}
	c := *p
	c.Variants = make([]Variant, len(p.Variants))
	for i, v := range p.Variants {
		if sale, ok := sales[v.ID]; ok {
			v.CompareAtPrice = max(v.CompareAtPrice, v.Price)
			v.Price = sale.UnitPrice
		}
		c.Variants[i] = v
	}
	return &c, sales, nil
}

// CardsWithSales is cards with the flash-sale prices of the store's clock
// in place, and each card's sale by product ID. A card knows its lowest
// and highest price, not its variants: a sale that names variants only
// shows on the product's page, not on its card.
func (s *Store) CardsWithSales(ctx context.Context, cards []ProductCard, locale string) ([]ProductCard, map[int64]pricing.Sale, error) {
	items := make([]pricing.Item, 0, 2*len(cards))
	for _, c := range cards {
		items = append(items, pricing.Item{ID: c.ID, ProductID: c.ID, UnitPrice: c.PriceMin, Quantity: 1},
			pricing.Item{ID: -c.ID, ProductID: c.ID, UnitPrice: c.PriceMax, Quantity: 1})
	}
	sales, err := s.flashPrices(ctx, items, locale, true, pricing.Shopper{})
	if err != nil || len(sales) == 0 {
		return cards, nil, err
	}
	out := make([]ProductCard, len(cards))
	bySale := map[int64]pricing.Sale{}
	for i, c := range cards {
		if lo, ok := sales[c.ID]; ok {
			// What the cheapest variant sold for, as WithSales strikes
			// through on the product page.
			c.CompareAtFrom = max(c.CompareAtFrom, c.PriceMin)
			c.PriceMin = lo.UnitPrice
			if hi, ok := sales[-c.ID]; ok {
				c.PriceMax = hi.UnitPrice
			}
			bySale[c.ID] = lo
		}
		out[i] = c
	}
	return out, bySale, nil
}

// flashPrices is the flash-sale price of each of items at the store's
// clock (one unit each), keyed by item ID; items without a sale are left
// out. facets loads the items' collections and tags when a sale needs them
// (product pages pass them in).
func (s *Store) flashPrices(ctx context.Context, items []pricing.Item, locale string, facets bool, who pricing.Shopper) (map[int64]pricing.Sale, error) {
	autos, err := s.livePromotions(ctx)
	if err != nil {
		return nil, err
	}
	var flash []pricing.Promotion
	needFacets := false
	for _, p := range autos {
		if p.Type == pricing.TypeFlash {
			p.Label = p.Name.In(locale)
			flash = append(flash, p.Promotion)
			needFacets = needFacets || p.usesFacets()
		}
	}
	if len(flash) == 0 || len(items) == 0 {
		return nil, nil
	}
	if facets && needFacets {
		if err := addFacets(ctx, s.query, items); err != nil {
			return nil, err
		}
	}
	now := s.Now()
	out := map[int64]pricing.Sale{}
	for _, it := range items {
		if sale, ok := pricing.FlashPrice(it, flash, now, who); ok {
			out[it.ID] = sale
		}
	}
	return out, nil
}
