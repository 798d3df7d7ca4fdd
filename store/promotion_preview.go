package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"storefront/store/pricing"
)

// PromotionPreview is what the owner sees of a promotion before it goes
// live: a sample cart priced under it, the carts at each of its thresholds
// ± 0.01, and the most it can take off one order.
type PromotionPreview struct {
	// Lines are the sample cart's items, one unit each.
	Lines []CartLine
	// Sample is the sample cart with the promotion (as if live at its
	// start, or now) beside every other live promotion.
	Sample PreviewCart
	// Edges are one-line carts at each threshold, one minor unit below,
	// at, and one above, of an item the promotion covers.
	Edges []PreviewCart
	// MaxDiscount is the most it takes off one order; Unbounded when it
	// grows with the order (a percentage, buy X get Y).
	MaxDiscount int64
	Unbounded   bool
}

// PreviewCart is one priced cart of a preview.
type PreviewCart struct {
	Subtotal int64
	Outcome  pricing.Outcome
	Discount int64 // every line discount, this promotion's and the others'
	Own      int64 // this promotion's part
	Applies  bool  // whether this promotion applied
}

// PreviewPromotion prices p (saved or not: as the form stands) on a sample
// cart of the given variants (one unit each; the catalog's first products
// when none are given), at its thresholds, and works out its ceiling. The
// promotions are named in locale, the admin's language: a coupon by its
// code when it has one.
func (s *Store) PreviewPromotion(ctx context.Context, p Promotion, variantIDs []int64, locale string) (PromotionPreview, error) {
	var out PromotionPreview
	autos, err := s.livePromotions(ctx)
	if err != nil {
		return out, err
	}
	at := s.Now()
	if p.StartsAt.After(at) {
		at = p.StartsAt
	}
	p.Active, p.Archived = true, false
	if p.Label = p.Name.In(locale); p.Coupon && p.Code != "" {
		p.Label = p.Code
	}
	if len(variantIDs) == 0 {
		if variantIDs, err = s.sampleVariants(ctx, p); err != nil {
			return out, err
		}
	}
	lines, err := variantLines(ctx, s.query, variantIDs)
	if err != nil {
		return out, err
	}
	if err := nameLines(ctx, s.query, lines); err != nil {
		return out, err
	}
	items, err := promotionItems(ctx, s.query, lines, true)
	if err != nil {
		return out, err
	}
	others := slices.DeleteFunc(slices.Clone(autos), func(o Promotion) bool { return o.ID == p.ID })
	for i := range others {
		others[i].Label = others[i].Name.In(locale)
	}
	out.Lines = lines
	out.Sample = previewCart(items, others, p, at)
	if len(items) > 0 {
		for _, threshold := range p.thresholds() {
			for _, price := range []int64{threshold - 1, threshold, threshold + 1} {
				edge := items[0]
				edge.UnitPrice, edge.Quantity = max(price, 0), 1
				out.Edges = append(out.Edges, previewCart([]pricing.Item{edge}, nil, p, at))
			}
		}
	}
	out.MaxDiscount, out.Unbounded = p.ceiling()
	return out, nil
}

// PreviewPromotionForm is PreviewPromotion and a replay over the last
// days of the promotion as its form stands, unsaved; id is the stored
// promotion the form edits (0 for a new one), left out of the others.
func (s *Store) PreviewPromotionForm(ctx context.Context, id int64, in PromotionInput, days int, locale string) (PromotionPreview, PromotionReplay, error) {
	p, err := s.compilePromotion(ctx, in)
	if err != nil {
		return PromotionPreview{}, PromotionReplay{}, err
	}
	p.ID = id
	if id == 0 {
		// Any ID no stored promotion has, so its part can be told apart.
		p.ID = -1
	}
	return s.PreviewStoredPromotion(ctx, p, days, locale)
}

// PreviewStoredPromotion is PreviewPromotion and a replay over the last
// days of a stored promotion.
func (s *Store) PreviewStoredPromotion(ctx context.Context, p Promotion, days int, locale string) (PromotionPreview, PromotionReplay, error) {
	preview, err := s.PreviewPromotion(ctx, p, nil, locale)
	if err != nil {
		return preview, PromotionReplay{}, err
	}
	replay, err := s.ReplayPromotion(ctx, p, days)
	return preview, replay, err
}

// previewCart prices items with p among others at at.
func previewCart(items []pricing.Item, others []Promotion, p Promotion, at time.Time) PreviewCart {
	var autos []pricing.Promotion
	for _, o := range others {
		autos = append(autos, o.Promotion)
	}
	var coupon *pricing.Promotion
	code := ""
	if p.Kind == PromoCoupon {
		coupon, code = &p.Promotion, "PREVIEW"
	} else {
		autos = append(autos, p.Promotion)
	}
	o := pricing.Promote(pricing.Basket{Items: items, Now: at, CouponCode: code}, autos, coupon)
	c := PreviewCart{Outcome: o}
	for _, it := range items {
		c.Subtotal += it.UnitPrice * it.Quantity
	}
	for _, a := range o.Applied {
		c.Discount += a.Amount
		if a.PromotionID == p.ID {
			c.Own += a.Amount
			c.Applies = true
		}
	}
	return c
}

// thresholds are the subtotals at which p starts or steps up.
func (p Promotion) thresholds() []int64 {
	var out []int64
	if p.MinSubtotal > 0 {
		out = append(out, p.MinSubtotal)
	}
	if p.Type == pricing.TypeLadder {
		for _, st := range p.Steps {
			out = append(out, st.Min)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ceiling is the most p can take off one order's lines, or unbounded.
func (p Promotion) ceiling() (int64, bool) {
	switch p.Type {
	case pricing.TypeFixed:
		return p.Value, false
	case pricing.TypeLadder:
		var top int64
		for _, st := range p.Steps {
			top = max(top, st.Value)
		}
		return top, false
	case pricing.TypeFreeShipping, pricing.TypeGift:
		return 0, false
	case pricing.TypeFlash:
		if p.Limit > 0 && p.Price {
			return 0, true
		}
	}
	return 0, true
}

// sampleVariants is a variant of up to three active products p covers,
// cheapest first, for a sample cart.
func (s *Store) sampleVariants(ctx context.Context, p Promotion) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT v.id FROM variants v JOIN products pr ON pr.id = v.product_id
		WHERE pr.status = 'active' AND v.stock > 0 ORDER BY v.price, v.id LIMIT 200`)
	if err != nil {
		return nil, fmt.Errorf("sample variants: %w", err)
	}
	var all []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(all) == 0 {
		return nil, err
	}
	lines, err := variantLines(ctx, s.query, all)
	if err != nil {
		return nil, err
	}
	items, err := promotionItems(ctx, s.query, lines, true)
	if err != nil {
		return nil, err
	}
	var out []int64
	seen := map[int64]bool{}
	for _, it := range items {
		if len(out) < 3 && !seen[it.ProductID] && p.Covers(it) {
			out, seen[it.ProductID] = append(out, it.VariantID), true
		}
	}
	return out, nil
}

// PromotionReplay is what a promotion would have done over past orders.
type PromotionReplay struct {
	Days      int
	Orders    int   // orders in the period (not cancelled)
	Qualified int   // orders it would have applied to
	Discount  int64 // what it would have given in all
	Revenue   int64 // what those orders were paid
}

// ReplayPromotion prices each order of the last days (not cancelled) as if
// p had been live when it was placed (a coupon as if every shopper had
// entered it), on its own: how many would have qualified and what it would
// have cost. Products are matched as the catalog stands now.
func (s *Store) ReplayPromotion(ctx context.Context, p Promotion, days int) (PromotionReplay, error) {
	out := PromotionReplay{Days: days}
	p.Active, p.Archived, p.StartsAt, p.EndsAt, p.Used = true, false, time.Time{}, time.Time{}, 0
	since := s.Now().AddDate(0, 0, -days).Unix()
	rows, err := s.read.QueryContext(ctx, `SELECT o.id, o.total, o.created_at, l.id, coalesce(l.variant_id, 0),
			coalesce(v.product_id, 0), l.unit_price, l.quantity
		FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN variants v ON v.id = l.variant_id
		WHERE o.created_at >= ? AND o.status <> 'cancelled' AND l.gift_promotion_id IS NULL
		ORDER BY o.id, l.id`, since)
	if err != nil {
		return out, fmt.Errorf("replay promotion: %w", err)
	}
	type order struct {
		total int64
		at    time.Time
		items []pricing.Item
	}
	var orders []*order
	byID := map[int64]*order{}
	for rows.Next() {
		var id, total, created int64
		var it pricing.Item
		if err := rows.Scan(&id, &total, &created, &it.ID, &it.VariantID, &it.ProductID, &it.UnitPrice, &it.Quantity); err != nil {
			rows.Close()
			return out, fmt.Errorf("replay promotion: %w", err)
		}
		o := byID[id]
		if o == nil {
			o = &order{total: total, at: time.Unix(created, 0)}
			byID[id] = o
			orders = append(orders, o)
		}
		o.items = append(o.items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	for _, o := range orders {
		if p.usesFacets() {
			if err := addFacets(ctx, s.query, o.items); err != nil {
				return out, err
			}
		}
		c := previewCart(o.items, nil, p, o.at)
		out.Orders++
		if c.Applies {
			out.Qualified++
			out.Discount += c.Own
			out.Revenue += o.total
		}
	}
	return out, nil
}
