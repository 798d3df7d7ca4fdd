package pricing

import (
	"cmp"
	"slices"
	"time"
)

// Covers reports whether p's targets include the item: any include list
// that matches (or none set), and no exclusion that matches.
func (p *Promotion) Covers(it Item) bool {
	r := &p.Rules
	if slices.Contains(r.ExcludeProducts, it.ProductID) || overlaps(r.ExcludeCollections, it.Collections) ||
		overlaps(r.ExcludeTags, it.Tags) {
		return false
	}
	if len(r.Products)+len(r.Variants)+len(r.Collections)+len(r.Tags) == 0 {
		return true
	}
	return slices.Contains(r.Products, it.ProductID) || slices.Contains(r.Variants, it.VariantID) ||
		overlaps(r.Collections, it.Collections) || overlaps(r.Tags, it.Tags)
}

func overlaps[T comparable](a, b []T) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// salePrice is a flash sale's unit price for unitPrice at now, and whether
// it is below unitPrice.
func (p *Promotion) salePrice(unitPrice int64, now time.Time) (int64, bool) {
	v := p.valueAt(now)
	price := v
	if !p.Price {
		price = unitPrice - mulDivHalfUp(unitPrice, min(v, MaxTaxRateBP), MaxTaxRateBP)
	}
	price = max(price, 0)
	return price, price < unitPrice
}

// valueAt is a flash sale's Value at now: its latest step's.
func (p *Promotion) valueAt(now time.Time) int64 {
	v := p.Value
	for _, s := range p.Steps {
		if s.At <= now.Unix() {
			v = s.Value
		}
	}
	return v
}

// priceEnds is when the flash sale's price at now ends: the next step, or
// the sale's end (zero for none).
func (p *Promotion) priceEnds(now time.Time) time.Time {
	for _, s := range p.Steps {
		if s.At > now.Unix() {
			return time.Unix(s.At, 0)
		}
	}
	return p.EndsAt
}

// sale is the Sale of units of an item of unitPrice at price, p's at now.
// The next price is told only when it is the sale's last, so that "then
// that until the end" is the whole truth.
func (p *Promotion) sale(unitPrice, price, units int64, now time.Time) Sale {
	s := Sale{PromotionID: p.ID, Label: p.Label, UnitPrice: price, Units: units, PriceEnds: p.priceEnds(now), Ends: p.EndsAt}
	if s.Ends.IsZero() || !s.PriceEnds.Before(s.Ends) || !p.priceEnds(s.PriceEnds).Equal(s.Ends) {
		return s
	}
	s.Next, s.HasNext = p.salePrice(unitPrice, s.PriceEnds)
	return s
}

// scope is the lines p may discount: those it covers, not used by an item
// promotion, and not on flash sale unless p takes sale items. sale reports
// whether a line was left out only for being on sale, taken whether one
// was left out for item promotions having used all its units.
func (r *run) scope(p *Promotion) (idx []int, basis, qty int64, sale, taken bool) {
	for i := range r.lines {
		l := &r.lines[i]
		if !p.Covers(l.Item) {
			continue
		}
		if l.consumed >= l.Quantity {
			taken = true
			continue
		}
		if l.onSale() && !p.SaleItems {
			sale = true
			continue
		}
		idx = append(idx, i)
		basis += l.free()
		qty += l.Quantity - l.consumed
	}
	return idx, basis, qty, sale, taken
}

// apply applies p at stage, or says why it does not apply.
func (r *run) apply(p *Promotion, stage int) Why {
	idx, basis, qty, sale, taken := r.scope(p)
	switch {
	case len(idx) == 0 && sale:
		return Why{Key: WhySaleItems}
	case len(idx) == 0 && !taken:
		return Why{Key: WhyNoItems}
	// Items other offers used all of still say how far a threshold is, from
	// nothing: without it the cart worked the amount out with them counted,
	// and the shopper was told to spend what would not reach it.
	case basis < p.MinSubtotal:
		return Why{Key: WhyMinSubtotal, More: p.MinSubtotal - basis, Target: p.MinSubtotal}
	case qty < p.MinQuantity:
		return Why{Key: WhyMinQuantity, More: p.MinQuantity - qty}
	case len(idx) == 0 && p.Type == TypeLadder:
		return r.ladder(p, stage, 0, nil, nil)
	case len(idx) == 0:
		return Why{Key: WhyNoItems}
	}
	weights := make([]int64, len(idx))
	for k, i := range idx {
		weights[k] = r.lines[i].free()
	}
	switch p.Type {
	case TypePercent:
		r.take(p, stage, Allocate(mulDivHalfUp(basis, min(p.Value, MaxTaxRateBP), MaxTaxRateBP), weights), idx)
	case TypeFixed:
		r.take(p, stage, Allocate(min(p.Value, basis), weights), idx)
	case TypeLadder:
		return r.ladder(p, stage, basis, weights, idx)
	case TypeFreeShipping:
		r.freeShipping = p.ID
		r.applied = append(r.applied, Applied{PromotionID: p.ID, Label: p.Label, Coupon: p.Coupon, Stage: StageShipping, Shipping: true})
		r.uses = append(r.uses, Use{PromotionID: p.ID, Quantity: 1})
	case TypeGift:
		if !p.GiftInStock || p.GiftVariant == 0 {
			return Why{Key: WhyGiftSoldOut}
		}
		r.gifts = append(r.gifts, Gift{PromotionID: p.ID, Label: p.Label, VariantID: p.GiftVariant})
		r.giftWorth += max(p.GiftValue, 0)
		r.applied = append(r.applied, Applied{PromotionID: p.ID, Label: p.Label, Stage: stage})
		r.uses = append(r.uses, Use{PromotionID: p.ID, Quantity: 1})
	case TypeBXGY:
		if qty < p.Buy+p.Get || p.Buy <= 0 || p.Get <= 0 {
			return Why{Key: WhyMinQuantity, More: max(p.Buy+p.Get-qty, 1)}
		}
		r.bxgy(p, idx)
	case TypeBundle:
		if !r.bundle(p, idx) {
			return Why{Key: WhyBundleMissing}
		}
	}
	return Why{}
}

// ladder takes the highest step reached and hints at the next one.
func (r *run) ladder(p *Promotion, stage int, basis int64, weights []int64, idx []int) Why {
	steps := slices.SortedFunc(slices.Values(p.Steps), func(a, b Step) int { return cmp.Compare(a.Min, b.Min) })
	reached := -1
	for i, s := range steps {
		if basis >= s.Min {
			reached = i
		}
	}
	if reached+1 < len(steps) {
		next := steps[reached+1]
		r.hints = append(r.hints, Hint{PromotionID: p.ID, Label: p.Label, More: next.Min - basis, Save: next.Value, Without: r.without(p)})
	}
	if reached < 0 {
		return Why{Key: WhyMinSubtotal, More: steps[0].Min - basis, Target: steps[0].Min}
	}
	r.take(p, stage, Allocate(min(steps[reached].Value, basis), weights), idx)
	return Why{}
}

// unit is one unit of a line, for the promotions that price units.
type unit struct {
	line  int // index in run.lines
	price int64
}

// units lists the free units of the lines idx, dearest first (ties by
// variant, which the lines are sorted by).
func (r *run) units(idx []int) []unit {
	var us []unit
	for _, i := range idx {
		l := &r.lines[i]
		for k := l.consumed; k < l.Quantity; k++ {
			us = append(us, unit{line: i, price: l.unitPrice(k)})
		}
	}
	slices.SortStableFunc(us, func(a, b unit) int { return cmp.Compare(b.price, a.price) })
	return us
}

// bxgy takes the units dearest first in groups of Buy+Get; in each group
// the Get cheapest are GetPercent off. Units in a group are used up.
func (r *run) bxgy(p *Promotion, idx []int) {
	us := r.units(idx)
	n := p.Buy + p.Get
	groups := int64(len(us)) / n
	off := map[int]int64{}
	for g := range groups {
		group := us[g*n : (g+1)*n]
		for k, u := range group {
			r.lines[u.line].use(p.ID)
			if int64(k) >= p.Buy {
				off[u.line] += mulDivHalfUp(u.price, min(p.GetPercent, MaxTaxRateBP), MaxTaxRateBP)
			}
		}
	}
	r.takeByLine(p, off)
}

// bundle makes sets of one unit of each of p's products (the dearest units
// first) and takes each set's price above BundlePrice off, spread over its
// units by price. It reports whether a set could be made.
func (r *run) bundle(p *Promotion, idx []int) bool {
	products := slices.Compact(slices.Sorted(slices.Values(p.Products)))
	if len(products) == 0 {
		return false
	}
	byProduct := make([][]unit, len(products))
	sets := -1
	for k, id := range products {
		var sub []int
		for _, i := range idx {
			if r.lines[i].ProductID == id {
				sub = append(sub, i)
			}
		}
		byProduct[k] = r.units(sub)
		if sets < 0 || len(byProduct[k]) < sets {
			sets = len(byProduct[k])
		}
	}
	if sets <= 0 {
		return false
	}
	off := map[int]int64{}
	for s := range sets {
		prices := make([]int64, len(products))
		var sum int64
		for k := range products {
			prices[k] = byProduct[k][s].price
			sum += prices[k]
		}
		for k, share := range Allocate(max(sum-p.BundlePrice, 0), prices) {
			u := byProduct[k][s]
			r.lines[u.line].use(p.ID)
			off[u.line] += share
		}
	}
	r.takeByLine(p, off)
	return true
}

// takeByLine records per-line amounts keyed by line index, in line order.
func (r *run) takeByLine(p *Promotion, off map[int]int64) {
	idx := make([]int, 0, len(off))
	for i := range off {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	shares := make([]int64, len(idx))
	for k, i := range idx {
		shares[k] = off[i]
	}
	r.take(p, StageItem, shares, idx)
}

// shopperWhy is why who, known, may not have all a stranger would of the
// automatic promotion p: it is for a first order, their uses are taken,
// or (a flash sale) one customer may buy only so many at its price.
func (p *Promotion) shopperWhy(who Shopper) Why {
	switch {
	case p.Coupon || !p.Active:
	case p.FirstOrderOnly && !who.FirstOrder:
		return Why{Key: WhyFirstOrder}
	case p.CustomerLimit > 0 && p.Type == TypeFlash:
		return Why{Key: WhySaleLimit, Target: p.CustomerLimit}
	case p.CustomerLimit > 0 && who.Uses[p.ID] >= p.CustomerLimit:
		return Why{Key: WhyAlreadyUsed}
	}
	return Why{}
}
