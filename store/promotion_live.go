package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"storefront/store/pricing"
)

// liveCache keeps the automatic promotions that may apply now or later
// (active, not archived, not ended), read once for every cart and product
// page: a few hundred rows at most, evaluated at request time so a price
// switches at the exact second. Writes to a promotion and orders that use
// one with a limit drop it; like the memo it forgets what was read before
// another process last wrote (OthersMark), and after CacheTTL.
type liveCache struct {
	mu    sync.Mutex
	ps    []Promotion
	at    time.Time
	valid bool
	// drops counts drop: a read that began before one is not kept, since
	// it may hold what the write that dropped it changed.
	drops int64
}

func (c *liveCache) drop() {
	c.mu.Lock()
	c.valid = false
	c.drops++
	c.mu.Unlock()
}

// get returns the cached promotions if they were read at or after stale
// and are fresh at now, and else the drop count a read to keep must start
// from.
func (c *liveCache) get(now, stale time.Time) (ps []Promotion, drops int64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid && now.Sub(c.at) < CacheTTL && !c.at.Before(stale) {
		return c.ps, c.drops, true
	}
	return nil, c.drops, false
}

// keep caches ps, read at now, unless the cache was dropped since the
// read began (drops).
func (c *liveCache) keep(ps []Promotion, now time.Time, drops int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drops == drops {
		c.ps, c.at, c.valid = ps, now, true
	}
}

// promotionsChanged is called after every write to a promotion: the
// catalog's pages and reads show its prices, so they are redrawn.
func (s *Store) promotionsChanged() {
	s.live.drop()
	s.bumpCatalog()
}

// livePromotions returns the automatic promotions that may apply, names in
// every language. The slice is shared: callers copy before changing it.
func (s *Store) livePromotions(ctx context.Context) ([]Promotion, error) {
	now := s.Now()
	ps, drops, ok := s.live.get(now, s.OthersMark(s.Now))
	if ok {
		return ps, nil
	}
	ps, err := s.readLivePromotions(ctx, now)
	if err != nil {
		return nil, err
	}
	s.live.keep(ps, now, drops)
	s.priceChange.Store(nextPriceChange(ps, now))
	return ps, nil
}

// txLivePromotions is livePromotions for an order's transaction: the
// cached definitions with every limited promotion's count read in tx,
// where no other order can change it. Reading every definition in the
// transaction took a sixth of placing an order, all of it while the
// others queued behind the writer. When the cache is empty or past its
// time the definitions are read on the read pool and kept, as for a page:
// read in tx they were not kept, so a run of orders with no page view
// between them (the cache forgets after CacheTTL) read them in every
// order. A promotion edited meanwhile may be seen as it was (tx says why
// that is right).
func (s *Store) txLivePromotions(ctx context.Context, tx *sql.Tx) ([]Promotion, error) {
	cached, err := s.livePromotions(ctx)
	if err != nil {
		return nil, err
	}
	ps := slices.Clone(cached)
	var limited []int64
	at := map[int64]int{}
	for i, p := range ps {
		if p.Limit > 0 {
			limited, at[p.ID] = append(limited, p.ID), i
		}
	}
	if len(limited) == 0 {
		return ps, nil
	}
	in, args := inList(limited)
	rows, err := tx.QueryContext(ctx, `SELECT id, usage_count FROM promotions WHERE id IN `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("live promotions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, used int64
		if err := rows.Scan(&id, &used); err != nil {
			return nil, fmt.Errorf("live promotions: %w", err)
		}
		ps[at[id]].Used = used
	}
	return ps, rows.Err()
}

// readLivePromotions reads the automatic promotions that may apply at now
// or later.
func (s *Store) readLivePromotions(ctx context.Context, now time.Time) ([]Promotion, error) {
	rows, err := s.query(ctx, `SELECT `+promotionColumns+` FROM promotions p
		WHERE p.kind = 'automatic' AND p.active = 1 AND p.archived = 0 AND (p.ends_at IS NULL OR p.ends_at > ?1)
		ORDER BY p.id`, now.Unix())
	if err != nil {
		return nil, fmt.Errorf("live promotions: %w", err)
	}
	ps, err := scanPromotions(rows)
	if err != nil {
		return nil, fmt.Errorf("live promotions: %w", err)
	}
	return ps, namePromotions(ctx, s.query, ps)
}

// nextPriceChange is the first second after now at which one of ps starts,
// changes step or ends: cached pages and reads are dropped then
// (CatalogVersion). 0 for never.
func nextPriceChange(ps []Promotion, now time.Time) int64 {
	next := int64(math.MaxInt64)
	consider := func(t int64) {
		if t > now.Unix() && t < next {
			next = t
		}
	}
	for _, p := range ps {
		if !p.StartsAt.IsZero() {
			consider(p.StartsAt.Unix())
		}
		if !p.EndsAt.IsZero() {
			consider(p.EndsAt.Unix())
		}
		for _, st := range p.Steps {
			consider(st.At)
		}
	}
	if next == math.MaxInt64 {
		return 0
	}
	return next
}

// couponByCode finds the coupon a shopper's code names: a coupon's own code
// or one of its generated codes, each good for one order (CodeUsed). Codes
// are case-insensitive. Not found is (nil, nil).
func couponByCode(ctx context.Context, query queryFunc, code string, now time.Time) (*Promotion, error) {
	code = NormalizeCode(code)
	if code == "" {
		return nil, nil
	}
	var generatedFor int64
	var used bool
	rows, err := query(ctx, `SELECT promotion_id, order_id IS NOT NULL FROM promotion_codes WHERE code = ?`, code)
	if err != nil {
		return nil, fmt.Errorf("coupon: %w", err)
	}
	for rows.Next() {
		if err := rows.Scan(&generatedFor, &used); err != nil {
			rows.Close()
			return nil, fmt.Errorf("coupon: %w", err)
		}
	}
	rows.Close()
	rows, err = query(ctx, `SELECT `+promotionColumns+` FROM promotions p
		WHERE p.kind = 'coupon' AND (p.code = ?2 OR p.id = ?3)`, now.Unix(), code, generatedFor)
	if err != nil {
		return nil, fmt.Errorf("coupon: %w", err)
	}
	ps, err := scanPromotions(rows)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	if err := namePromotions(ctx, query, ps); err != nil {
		return nil, err
	}
	p := ps[0]
	p.CodeUsed = p.Code != code && used
	return &p, nil
}

// NormalizeCode is a coupon code as stored: width-folded (NFKC), trimmed,
// upper-case. Chinese keyboards in full-width mode type ＷＥＬＣＯＭＥ１０
// for WELCOME10.
func NormalizeCode(code string) string {
	return strings.ToUpper(strings.TrimSpace(norm.NFKC.String(code)))
}

// promoted is a cart's promotions worked out: the outcome and every
// promotion's name, for showing them in the shopper's language.
type promoted struct {
	outcome pricing.Outcome
	names   map[int64]Text
	// tier is the name of the tier the coupon is for, when that is why it
	// does not apply: the cart names it in the shopper's language.
	tier Text
}

// promote works out the promotions of the purchasable lines with the
// coupon code, through query, for who as known. autos are the automatic
// promotions (copied, not changed). Labels are in locale; a coupon's label
// is its code as entered.
func promote(ctx context.Context, query queryFunc, autos []Promotion, lines []CartLine, code string,
	shopper func(shopperNeed) (pricing.Shopper, error), locale string, now time.Time) (promoted, error) {
	res := promoted{names: map[int64]Text{}}
	coupon, err := couponByCode(ctx, query, code, now)
	if err != nil {
		return res, err
	}
	who, err := shopper(needOf(autos, coupon))
	if err != nil {
		return res, err
	}
	ps := make([]pricing.Promotion, 0, len(autos))
	needFacets := false
	for _, p := range autos {
		p.Label = p.Name.In(locale)
		res.names[p.ID] = p.Name
		needFacets = needFacets || p.usesFacets()
		ps = append(ps, p.Promotion)
	}
	var c *pricing.Promotion
	if coupon != nil {
		coupon.Label = NormalizeCode(code)
		res.names[coupon.ID] = coupon.Name
		needFacets = needFacets || coupon.usesFacets()
		c = &coupon.Promotion
	}
	items, err := promotionItems(ctx, query, lines, needFacets)
	if err != nil {
		return res, err
	}
	if gifts := reachableGifts(ps, items); len(gifts) > 0 {
		prices, err := giftsInStock(ctx, query, gifts, items)
		if err != nil {
			return res, err
		}
		for i := range ps {
			price, ok := prices[ps[i].GiftVariant]
			ps[i].GiftInStock = ps[i].Type == pricing.TypeGift && ok
			ps[i].GiftValue = price
		}
	}
	res.outcome = pricing.Promote(pricing.Basket{Items: items, Now: now, Shopper: who, CouponCode: NormalizeCode(code)}, ps, c)
	if st := res.outcome.Coupon; st != nil && (st.Why.Key == pricing.WhyTier || st.Why.Key == pricing.WhyTierSignIn) {
		res.tier, err = tierName(ctx, query, st.Why.Other)
	}
	return res, err
}

// tierName is the tier called name (a promotion's tier) in every
// language; only the name itself when no tier has it any more.
func tierName(ctx context.Context, query queryFunc, name string) (Text, error) {
	tiers, err := readTiers(ctx, query)
	if err != nil {
		return Text{}, err
	}
	for _, t := range tiers {
		if t.Name.Default == name {
			return t.Name, nil
		}
	}
	return Plain(name), nil
}

// usesFacets reports whether p's targets name collections or tags, which
// the cart's lines then need.
func (p *Promotion) usesFacets() bool {
	r := &p.Rules
	return len(r.Collections)+len(r.Tags)+len(r.ExcludeCollections)+len(r.ExcludeTags) > 0
}

// promotionItems is the purchasable lines as the engine sees them, with
// their products' collections and tags when facets says they matter.
func promotionItems(ctx context.Context, query queryFunc, lines []CartLine, facets bool) ([]pricing.Item, error) {
	items := make([]pricing.Item, 0, len(lines))
	for _, l := range lines {
		if !l.Purchasable() {
			continue
		}
		items = append(items, pricing.Item{ID: l.ID, VariantID: l.VariantID, ProductID: l.ProductID,
			UnitPrice: l.UnitPrice, Quantity: l.Quantity})
	}
	if !facets {
		return items, nil
	}
	return items, addFacets(ctx, query, items)
}

// addFacets fills in the items' products' collections and tags.
func addFacets(ctx context.Context, query queryFunc, items []pricing.Item) error {
	index := map[int64][]int{}
	for i, it := range items {
		index[it.ProductID] = append(index[it.ProductID], i)
	}
	if len(index) == 0 {
		return nil
	}
	in, ids := inList(slices.Collect(maps.Keys(index)))
	rows, err := query(ctx, `SELECT product_id, collection_id, '' FROM collection_products WHERE product_id IN `+in+`
		UNION ALL SELECT product_id, 0, tag FROM product_tags WHERE product_id IN `+in, append(ids, ids...)...)
	if err != nil {
		return fmt.Errorf("promotion facets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var product, collection int64
		var tag string
		if err := rows.Scan(&product, &collection, &tag); err != nil {
			return fmt.Errorf("promotion facets: %w", err)
		}
		for _, i := range index[product] {
			if tag == "" {
				items[i].Collections = append(items[i].Collections, collection)
			} else {
				items[i].Tags = append(items[i].Tags, tag)
			}
		}
	}
	return rows.Err()
}

// reachableGifts is the gifts of ps that items could earn. The engine asks
// whether a gift is in stock only once the items it covers reach its
// thresholds, counted at their prices less discounts; discounts only
// lower a price, so items whose whole undiscounted total or count falls
// short of a gift's threshold never earn it, and its stock need not be
// read. Most carts are such: the read was a twelfth of rendering the cart
// page.
func reachableGifts(ps []pricing.Promotion, items []pricing.Item) []int64 {
	var total, count int64
	for _, it := range items {
		total += max(it.UnitPrice, 0) * max(it.Quantity, 0)
		count += max(it.Quantity, 0)
	}
	var gifts []int64
	for _, p := range ps {
		if p.Type == pricing.TypeGift && total >= p.MinSubtotal && count >= p.MinQuantity {
			gifts = append(gifts, p.GiftVariant)
		}
	}
	return gifts
}

// giftsInStock is the price of each of the gift variants that can be
// given: in stock beyond what the cart's own items take of it, their
// product on sale. A cart holding a gift's last units was promised the
// gift, which the order then could not give (the lines take their stock
// first), and placing it was refused for a gift gone. Every cart view and
// order asks while a gift is live, most for a cart that does not earn it,
// so it reads no more: the gift's line is CartGifts's to read, and
// addGiftLines's.
func giftsInStock(ctx context.Context, query queryFunc, variants []int64, items []pricing.Item) (map[int64]int64, error) {
	in, ids := inList(variants)
	rows, err := query(ctx, `SELECT v.id, v.price, v.stock FROM variants v JOIN products p ON p.id = v.product_id
		WHERE v.stock > 0 AND p.status = 'active' AND v.id IN `+in, ids...)
	if err != nil {
		return nil, fmt.Errorf("gift stock: %w", err)
	}
	defer rows.Close()
	taken := map[int64]int64{}
	for _, it := range items {
		taken[it.VariantID] += it.Quantity
	}
	out := map[int64]int64{}
	for rows.Next() {
		var id, price, stock int64
		if err := rows.Scan(&id, &price, &stock); err != nil {
			return nil, err
		}
		if stock > taken[id] {
			out[id] = price
		}
	}
	return out, rows.Err()
}
