package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	// GiftSoldOut says that a gift promotion's gift cannot be given now
	// (out of stock, or its product no longer on sale): nobody gets it
	// until it is back, and the owner is to know.
	GiftSoldOut bool
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
	if p.Type == pricing.TypeGift && p.GiftVariant != 0 {
		prices, err := giftsInStock(ctx, s.query, []int64{p.GiftVariant}, nil)
		if err != nil {
			return out, err
		}
		p.GiftValue, p.GiftInStock = prices[p.GiftVariant]
		out.GiftSoldOut = !p.GiftInStock
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
	out.Sample = previewCart(items, others, p, at, pricing.Shopper{})
	if len(items) > 0 {
		for _, threshold := range p.thresholds() {
			for _, price := range []int64{threshold - 1, threshold, threshold + 1} {
				edge := items[0]
				edge.UnitPrice, edge.Quantity = max(price, 0), 1
				out.Edges = append(out.Edges, previewCart([]pricing.Item{edge}, nil, p, at, pricing.Shopper{}))
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

// previewCart prices items with p among others at at, for who.
func previewCart(items []pricing.Item, others []Promotion, p Promotion, at time.Time, who pricing.Shopper) PreviewCart {
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
	o := pricing.Promote(pricing.Basket{Items: items, Now: at, Shopper: who, CouponCode: code}, autos, coupon)
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
// cheapest first, for a sample cart. The query reads only what p's targets
// name: taking the catalog's cheapest first and then what p covers of them
// found nothing for a promotion on a dearer product.
func (s *Store) sampleVariants(ctx context.Context, p Promotion) ([]int64, error) {
	q, args := p.sampleSQL()
	rows, err := s.query(ctx, q, args...)
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

// sampleSQL is the query for the cheapest in-stock variants of active
// products p targets, and its arguments: the products any include list
// names (looked up through the indexes, so a targeted promotion reads only
// its products) and none its exclusions name. A variant target lets in
// its product's other variants too; Covers has the last word.
func (p Promotion) sampleSQL() (string, []any) {
	r := &p.Rules
	var args []any
	var include []string
	if len(r.Products) > 0 {
		include = append(include, sqlIn(&args, "SELECT id FROM products WHERE id IN ", r.Products))
	}
	if len(r.Variants) > 0 {
		include = append(include, sqlIn(&args, "SELECT product_id FROM variants WHERE id IN ", r.Variants))
	}
	if len(r.Collections) > 0 {
		include = append(include, sqlIn(&args, collectionProductsIn, r.Collections))
	}
	if len(r.Tags) > 0 {
		include = append(include, sqlIn(&args, tagProductsIn, r.Tags))
	}
	var where string
	if len(include) > 0 {
		where = " AND pr.id IN (" + strings.Join(include, " UNION ") + ")"
	}
	if len(r.ExcludeProducts) > 0 {
		where += sqlIn(&args, " AND pr.id NOT IN ", r.ExcludeProducts)
	}
	if len(r.ExcludeCollections) > 0 {
		where += " AND pr.id NOT IN (" + sqlIn(&args, collectionProductsIn, r.ExcludeCollections) + ")"
	}
	if len(r.ExcludeTags) > 0 {
		where += " AND pr.id NOT IN (" + sqlIn(&args, tagProductsIn, r.ExcludeTags) + ")"
	}
	// The unary + keeps SQLite, which has no statistics in a new shop, from
	// walking every active product by status instead of the few named.
	return `SELECT v.id FROM variants v JOIN products pr ON pr.id = v.product_id
		WHERE +pr.status = 'active' AND v.stock > 0` + where + ` ORDER BY v.price, v.id LIMIT 200`, args
}

// The products of some collections or tags, an IN list to follow.
const (
	collectionProductsIn = "SELECT product_id FROM collection_products WHERE collection_id IN "
	tagProductsIn        = "SELECT product_id FROM product_tags WHERE tag IN "
)

// sqlIn is sql followed by vals as an IN list, their arguments added to
// args.
func sqlIn[T any](args *[]any, sql string, vals []T) string {
	in, a := inList(vals)
	*args = append(*args, a...)
	return sql + in
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
// have cost. Each order is priced for its shopper as they were: a first
// order or not by the orders their email or account had placed before,
// their membership tier then (customer_tier_history records each change),
// and the uses of p the orders before theirs in the period would have
// taken, of its limits per customer and in all. Products are matched as the
// catalog stands now, and a gift is taken as in stock.
func (s *Store) ReplayPromotion(ctx context.Context, p Promotion, days int) (PromotionReplay, error) {
	out := PromotionReplay{Days: days}
	p.Active, p.Archived, p.StartsAt, p.EndsAt, p.Used = true, false, time.Time{}, time.Time{}, 0
	p.GiftInStock = true
	since := s.Now().AddDate(0, 0, -days).Unix()
	// Materialized, the shopper's columns are worked out once an order,
	// not once a line.
	rows, err := s.read.QueryContext(ctx, `WITH o AS MATERIALIZED (
			SELECT o.id, o.total, o.created_at, o.email, coalesce(o.customer_id, 0) AS customer_id,
				NOT EXISTS (SELECT 1 FROM orders e WHERE o.email <> '' AND e.email = o.email COLLATE NOCASE
					AND e.id < o.id AND e.status <> 'cancelled') AND
				NOT EXISTS (SELECT 1 FROM orders e WHERE o.customer_id IS NOT NULL AND e.customer_id = o.customer_id
					AND e.id < o.id AND e.status <> 'cancelled') AS first_order,
				CASE WHEN o.customer_id IS NULL THEN '' ELSE coalesce((SELECT t.name FROM member_tiers t WHERE t.id = coalesce(
					(SELECT h.to_tier_id FROM customer_tier_history h WHERE h.customer_id = o.customer_id
						AND h.created_at < o.created_at ORDER BY h.created_at DESC, h.id DESC LIMIT 1),
					-- No change before the order: the tier the first change after it left, or (none since) the tier now.
					CASE WHEN EXISTS (SELECT 1 FROM customer_tier_history h WHERE h.customer_id = o.customer_id
							AND h.created_at >= o.created_at)
						THEN (SELECT h.from_tier_id FROM customer_tier_history h WHERE h.customer_id = o.customer_id
							AND h.created_at >= o.created_at ORDER BY h.created_at, h.id LIMIT 1)
						ELSE (SELECT tier_id FROM customers WHERE id = o.customer_id) END,
					-- No tier yet is the lowest.
					(SELECT id FROM member_tiers ORDER BY threshold LIMIT 1))), '') END AS tier
			FROM orders o WHERE o.created_at >= ? AND o.status <> 'cancelled')
		SELECT o.id, o.total, o.created_at, o.email, o.customer_id, o.first_order, o.tier, l.id,
			coalesce(l.variant_id, 0), coalesce(v.product_id, 0), l.unit_price, l.quantity
		FROM o JOIN order_lines l ON l.order_id = o.id LEFT JOIN variants v ON v.id = l.variant_id
		WHERE l.gift_promotion_id IS NULL
		ORDER BY o.id, l.id`, since)
	if err != nil {
		return out, fmt.Errorf("replay promotion: %w", err)
	}
	type order struct {
		total int64
		at    time.Time
		key   string // whose uses of p it counts against
		who   pricing.Shopper
		items []pricing.Item
	}
	var orders []*order
	byID := map[int64]*order{}
	for rows.Next() {
		var id, total, created, customer int64
		var email, tier string
		var first bool
		var it pricing.Item
		if err := rows.Scan(&id, &total, &created, &email, &customer, &first, &tier, &it.ID, &it.VariantID, &it.ProductID,
			&it.UnitPrice, &it.Quantity); err != nil {
			rows.Close()
			return out, fmt.Errorf("replay promotion: %w", err)
		}
		o := byID[id]
		if o == nil {
			o = &order{total: total, at: time.Unix(created, 0), key: "email:" + customerKey(email),
				who: pricing.Shopper{Known: true, FirstOrder: first, Tier: tier}}
			if customer > 0 {
				o.key = "customer:" + strconv.FormatInt(customer, 10)
			}
			byID[id] = o
			orders = append(orders, o)
		}
		o.items = append(o.items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	uses := map[string]int64{}
	for _, o := range orders {
		if p.usesFacets() {
			if err := addFacets(ctx, s.query, o.items); err != nil {
				return out, err
			}
		}
		o.who.Uses = map[int64]int64{p.ID: uses[o.key]}
		c := previewCart(o.items, nil, p, o.at, o.who)
		out.Orders++
		if c.Applies {
			out.Qualified++
			out.Discount += c.Own
			out.Revenue += o.total
		}
		for _, u := range c.Outcome.Uses {
			if u.PromotionID == p.ID {
				uses[o.key] += u.Quantity
				p.Used += u.Quantity
			}
		}
	}
	return out, nil
}
