package pricing

import (
	"cmp"
	"slices"
	"time"
)

// Promote works out a basket's promotions, in the stacking order that
// README "Promotions" documents:
//
//  1. Item-level prices: each line takes at most one flash sale, the one
//     that makes it cheapest (ties to the lower ID), for as many units as
//     the sale has left.
//  2. Automatic item promotions (buy X get Y, bundles), each unit used by
//     one at most.
//  3. Automatic order promotions (ladders, percent or amount off, gifts,
//     free shipping), each on what the lines cost after the stages before.
//  4. The coupon, on what is left.
//  5. Free shipping, which priceCart takes off the chosen method.
//
// Promotions that do not combine are not applied together: the engine
// prices each allowed set and keeps the one that saves the shopper most, a
// gift counted at its price (ties to the set without the exclusive
// promotion, then to the coupon); a coupon that loses says which promotion
// it could not be combined with, and so does each automatic promotion the
// basket reached that was not kept (Outcome.Passed).
//
// Everything is integer minor units; every discount is capped by what its
// lines still cost, so nothing goes below zero. The result does not depend
// on the order of the items: they are taken by variant, then by ID.
func Promote(b Basket, autos []Promotion, coupon *Promotion) Outcome {
	items := slices.Clone(b.Items)
	slices.SortFunc(items, func(x, y Item) int {
		return cmp.Or(cmp.Compare(x.VariantID, y.VariantID), cmp.Compare(x.ID, y.ID))
	})
	e := &evaluation{basket: b, sales: map[int64]Sale{}}
	var flash, rest []*Promotion
	for i := range autos {
		p := &autos[i]
		switch {
		case p.Coupon || !p.Active:
		case p.Type == TypeFlash:
			// A member price (a flash sale for a tier) is the tier's alone.
			if p.forShopper(b.Shopper) {
				flash = append(flash, p)
			}
		default:
			rest = append(rest, p)
		}
	}
	sortByID(flash)
	sortByID(rest)
	e.base = e.itemPrices(items, flash)

	best := e.bestAutomatic(rest, nil)
	var out *run
	if coupon == nil {
		out = best
	} else {
		out = e.withCoupon(best, rest, coupon)
	}
	o := Outcome{Sales: e.sales, Coupon: out.coupon, Hints: out.hints, FreeShipping: out.freeShipping, Gifts: out.gifts,
		Passed: append(slices.Clone(e.soldOut), out.passed...)}
	o.Discounts = append(slices.Clone(e.baseRun.discounts), out.discounts...)
	o.Applied = append(slices.Clone(e.baseRun.applied), out.applied...)
	o.Uses = append(slices.Clone(e.baseRun.uses), out.uses...)
	if b.CouponCode != "" && o.Coupon == nil {
		o.Coupon = &CouponState{Code: b.CouponCode, Why: Why{Key: WhyUnknown}}
	}
	o.Passed = append(o.Passed, shopperPassed(b, autos, coupon, o)...)
	return o
}

// shopperPassed is what a known shopper does not get of the automatic
// promotions that the same basket gives a stranger (a guest's cart, and
// their checkout before the email is typed): one for a first order only,
// one whose uses per customer they have had, a flash sale's units beyond
// what one customer may buy. Each is told with why; the checkout showed
// it, and the order refused as risen said nothing of where it went.
func shopperPassed(b Basket, autos []Promotion, coupon *Promotion, o Outcome) []Passed {
	who := b.Shopper
	if !who.Known || !slices.ContainsFunc(autos, func(p Promotion) bool { return p.shopperWhy(who).Key != "" }) {
		return nil
	}
	stranger := b
	stranger.Shopper = Shopper{Tier: who.Tier, EarlyAccess: who.EarlyAccess}
	var out []Passed
	for _, u := range Promote(stranger, autos, coupon).Uses {
		i := slices.IndexFunc(autos, func(p Promotion) bool { return p.ID == u.PromotionID && !p.Coupon })
		if i < 0 || slices.ContainsFunc(o.Passed, func(q Passed) bool { return q.PromotionID == u.PromotionID }) {
			continue
		}
		var kept int64
		for _, k := range o.Uses {
			if k.PromotionID == u.PromotionID {
				kept += k.Quantity
			}
		}
		if why := autos[i].shopperWhy(who); kept < u.Quantity && why.Key != "" {
			out = append(out, Passed{PromotionID: u.PromotionID, Label: autos[i].Label, Why: why})
		}
	}
	return out
}

func sortByID(ps []*Promotion) {
	slices.SortFunc(ps, func(x, y *Promotion) int { return cmp.Compare(x.ID, y.ID) })
}

// evaluation is one call of Promote: the basket and the lines as the
// item-level prices left them, from which each candidate set is run.
type evaluation struct {
	basket  Basket
	base    []line
	baseRun run // the flash sales' discounts
	sales   map[int64]Sale
	soldOut []Passed // flash sales whose units ran out before the lines'
}

// line is an item as the stages see it: what it still costs, and how many
// of its units an item promotion has used.
type line struct {
	Item
	net       int64
	saleUnits int64 // units at the flash-sale price
	salePrice int64
	consumed  int64   // units used by a stage-2 promotion
	usedBy    []int64 // the stage-2 promotions that used them
	later     int64   // what stages 3 and 4 took, from the units not consumed
}

// free is what the line's units no stage-2 promotion used still cost: an
// order promotion's threshold and share count them alone, as each unit is
// used once. Counting the whole line, a bundle's partly used line made a
// threshold look met by the units the bundle had priced.
func (l *line) free() int64 {
	if l.consumed == 0 {
		return l.net
	}
	var v int64
	for k := l.consumed; k < l.Quantity; k++ {
		v += l.unitPrice(k)
	}
	return max(min(v-l.later, l.net), 0)
}

// use marks one more of the line's units used by item promotion id.
func (l *line) use(id int64) {
	l.consumed++
	if !slices.Contains(l.usedBy, id) {
		l.usedBy = append(l.usedBy, id)
	}
}

// without is the item promotions whose units p, at stages 3 and 4, does
// not count on the lines it covers: the shopper reads that they were left
// out, or a threshold looks unmet and a percentage short for no reason.
func (r *run) without(p *Promotion) []int64 {
	var ids []int64
	for i := range r.lines {
		l := &r.lines[i]
		if len(l.usedBy) == 0 || !p.Covers(l.Item) || (l.onSale() && !p.SaleItems) {
			continue
		}
		for _, id := range l.usedBy {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// onSale reports whether the line has an item-level price.
func (l *line) onSale() bool { return l.saleUnits > 0 }

// unitPrice is the price of the line's k-th unit (0-based) after its
// item-level price: sale units first.
func (l *line) unitPrice(k int64) int64 {
	if k < l.saleUnits {
		return l.salePrice
	}
	return l.UnitPrice
}

// run is one candidate set of promotions applied to the lines.
type run struct {
	lines        []line
	discounts    []Discount
	applied      []Applied
	uses         []Use
	hints        []Hint
	gifts        []Gift
	freeShipping int64
	coupon       *CouponState
	passed       []Passed
	total        int64 // every discount
	giftWorth    int64 // what the gifts sell for
}

// worth is what r gives the shopper, the comparison between runs: its
// discounts and its gifts at their price, so that a 24.00 mug is not
// passed over for 6.00 off.
func (r *run) worth() int64 { return r.total + r.giftWorth }

// newRun is a run from the lines after the item-level prices, in reuse's
// memory when it is not nil: a run that lost is recycled, since pricing
// one cart runs a set per exclusive promotion.
func (e *evaluation) newRun(reuse *run) *run {
	if reuse == nil {
		return &run{lines: slices.Clone(e.base)}
	}
	*reuse = run{lines: append(reuse.lines[:0], e.base...), discounts: reuse.discounts[:0],
		applied: reuse.applied[:0], uses: reuse.uses[:0], hints: reuse.hints[:0], gifts: reuse.gifts[:0]}
	return reuse
}

// take records that p took shares (by line index) off the lines.
func (r *run) take(p *Promotion, stage int, shares []int64, idx []int) {
	var sum int64
	for k, amount := range shares {
		if amount <= 0 {
			continue
		}
		l := &r.lines[idx[k]]
		amount = min(amount, l.net)
		l.net -= amount
		if stage >= StageOrder {
			l.later += amount
		}
		sum += amount
		r.discounts = append(r.discounts, Discount{Code: p.Label, PromotionID: p.ID, Amount: amount, LineIDs: []int64{l.ID}})
	}
	if sum == 0 {
		return
	}
	a := Applied{PromotionID: p.ID, Label: p.Label, Coupon: p.Coupon, Stage: stage, Amount: sum}
	if stage >= StageOrder {
		a.Without = r.without(p)
	}
	r.applied = append(r.applied, a)
	r.uses = append(r.uses, Use{PromotionID: p.ID, Quantity: 1})
	r.total += sum
}

// itemPrices applies the flash sales (stage 1) and returns the lines after
// them; the discounts are kept in e.baseRun.
func (e *evaluation) itemPrices(items []Item, flash []*Promotion) []line {
	lines := make([]line, len(items))
	left, overall := map[int64]int64{}, map[int64]int64{}
	for _, p := range flash {
		left[p.ID] = e.unitsLeft(p)
		overall[p.ID] = max(p.Limit-p.Used, 0)
	}
	now := e.basket.Now
	for i, it := range items {
		l := line{Item: it, net: max(it.UnitPrice, 0) * max(it.Quantity, 0)}
		if best, price := bestFlash(it, flash, left, now, e.basket.Shopper.EarlyAccess); best != nil {
			units := min(l.Quantity, left[best.ID])
			if left[best.ID] < 0 {
				units = l.Quantity
			} else {
				left[best.ID] -= units
				overall[best.ID] -= units
			}
			l.saleUnits, l.salePrice = units, price
			off := units * (it.UnitPrice - price)
			l.net -= off
			e.baseRun.discounts = append(e.baseRun.discounts, Discount{Code: best.Label, PromotionID: best.ID, Amount: off, LineIDs: []int64{it.ID}})
			e.baseRun.addApplied(best, off, units)
			e.sales[it.ID] = best.sale(it.UnitPrice, price, units, now)
		}
		lines[i] = l
	}
	e.soldOut = soldOut(lines, flash, overall, now, e.basket.Shopper.EarlyAccess)
	return lines
}

// soldOut is the flash sales of flash, in their time, that would have
// priced units of lines left at full price had their units not all been
// taken (overall: what is left by ID once the lines took theirs). The
// shopper who saw the sale price hears where it went: an order refused as
// risen, and the cart after it, said nothing.
func soldOut(lines []line, flash []*Promotion, overall map[int64]int64, now time.Time, early time.Duration) []Passed {
	var out []Passed
	for _, p := range flash {
		if p.Limit <= 0 || overall[p.ID] > 0 || !p.scheduled(now, early) {
			continue
		}
		if slices.ContainsFunc(lines, func(l line) bool {
			_, cheaper := p.salePrice(l.UnitPrice, now)
			return l.saleUnits < l.Quantity && cheaper && p.Covers(l.Item)
		}) {
			out = append(out, Passed{PromotionID: p.ID, Label: p.Label, Why: Why{Key: WhySoldOut}})
		}
	}
	return out
}

// bestFlash is the flash sale that makes it cheapest at now, among those
// with units left (left by ID, -1 for no limit; nil: every one), and its
// price. Ties go to the lower ID.
func bestFlash(it Item, flash []*Promotion, left map[int64]int64, now time.Time, early time.Duration) (best *Promotion, price int64) {
	for _, p := range flash {
		if (left != nil && left[p.ID] == 0) || !p.liveEarly(now, early) || !p.Covers(it) {
			continue
		}
		if pr, ok := p.salePrice(it.UnitPrice, now); ok && (best == nil || pr < price) {
			best, price = p, pr
		}
	}
	return best, price
}

// FlashPrice is the flash-sale price a product page shows who for one
// unit of it at now, among ps (other types are ignored), and whether there
// is one: a member price only to the tier's members, a sale with early
// access early only to them. The sale's units may run out before a
// shopper buys: the cart and the order take them as they stand.
func FlashPrice(it Item, ps []Promotion, now time.Time, who Shopper) (Sale, bool) {
	best, price := bestFlash(it, flashFor(ps, who), nil, now, who.EarlyAccess)
	if best == nil {
		return Sale{}, false
	}
	return best.sale(it.UnitPrice, price, 1, now), true
}

// flashFor is the flash sales among ps that who may have: a member price
// only for the tier's members.
func flashFor(ps []Promotion, who Shopper) []*Promotion {
	var flash []*Promotion
	for i := range ps {
		if ps[i].Type == TypeFlash && !ps[i].Coupon && (ps[i].Tier == "" || ps[i].Tier == who.Tier) {
			flash = append(flash, &ps[i])
		}
	}
	return flash
}

// FlashRate is a flash sale's price at a moment as a rule, for a query
// that prices many items at once (a listing filtered or sorted by the
// price shown): Value basis points off the unit price, rounded half up,
// or, when Fixed, Value itself as the price of an item priced above it.
// Which items it prices is its Promotion's Rules (Covers).
type FlashRate struct {
	Promotion *Promotion
	Value     int64
	Fixed     bool
}

// FlashRates are the rules at now of the flash sales among ps that
// FlashPrice weighs for who: the price FlashPrice gives an item is the
// lowest of its unit price and those of the rates that cover it.
func FlashRates(ps []Promotion, now time.Time, who Shopper) []FlashRate {
	var out []FlashRate
	for _, p := range flashFor(ps, who) {
		if !p.liveEarly(now, who.EarlyAccess) {
			continue
		}
		r := FlashRate{Promotion: p, Value: max(p.valueAt(now), 0), Fixed: p.Price}
		if !r.Fixed {
			r.Value = min(r.Value, MaxTaxRateBP)
		}
		out = append(out, r)
	}
	return out
}

// addApplied adds a flash sale's line to its Applied total and its units
// to its Use.
func (r *run) addApplied(p *Promotion, amount, units int64) {
	r.total += amount
	if i := slices.IndexFunc(r.applied, func(a Applied) bool { return a.PromotionID == p.ID }); i >= 0 {
		r.applied[i].Amount += amount
		r.uses[i].Quantity += units
		return
	}
	r.applied = append(r.applied, Applied{PromotionID: p.ID, Label: p.Label, Stage: StageItemPrice, Amount: amount})
	r.uses = append(r.uses, Use{PromotionID: p.ID, Quantity: units})
}

// unitsLeft is how many uses (or flash units) of p this basket may take: the
// least of what is left overall and what is left to this shopper; -1 for no
// limit.
func (e *evaluation) unitsLeft(p *Promotion) int64 {
	left := int64(-1)
	if p.Limit > 0 {
		left = max(p.Limit-p.Used, 0)
	}
	if p.CustomerLimit > 0 && e.basket.Shopper.Known {
		mine := max(p.CustomerLimit-e.basket.Shopper.Uses[p.ID], 0)
		if left < 0 || mine < left {
			left = mine
		}
	}
	return left
}

// bestAutomatic runs the allowed sets of the automatic promotions ps
// (stages 2 and 3), with coupon at stage 4 when it is not nil, and returns
// the run that saves the most. The sets: every promotion that combines,
// together; and each one that does not, alone.
func (e *evaluation) bestAutomatic(ps []*Promotion, coupon *Promotion) *run {
	var together []*Promotion
	var alone []*Promotion
	for _, p := range ps {
		if p.CombinesPromotions {
			together = append(together, p)
		} else {
			alone = append(alone, p)
		}
	}
	best := e.runSet(together, coupon, nil)
	if len(alone) == 0 {
		return best
	}
	// What the sets that lost would have given is passed over, and the
	// cart says why: a shopper who qualified for a ladder or a gift saw
	// it vanish without a word.
	bestGave := best.gave(together)
	var lost []Passed
	var spare *run
	for _, p := range alone {
		r := e.runSet([]*Promotion{p}, coupon, spare)
		if r.better(best) {
			lost = append(lost, bestGave...)
			best, spare, bestGave = r, best, r.gave([]*Promotion{p})
		} else {
			lost = append(lost, r.gave([]*Promotion{p})...)
			spare = r
		}
	}
	// The hints of the promotions that lost say what they would give on
	// their own, so a shopper near one still hears of it; but not one that
	// would still lose to what the cart has.
	// The coupon is run with every set, so reaching one of them keeps it:
	// what it gives is not given up.
	best.hints = worthHints(e.allHints(ps, best), alone, best, best.worth()-best.couponTotal())
	if len(bestGave) > 0 {
		best.passOver(lost, bestGave, Why{Key: WhyNotCombined, Other: bestGave[0].Label, OtherID: bestGave[0].PromotionID})
	} else if coupon != nil && best.coupon != nil && best.coupon.Applied {
		best.passOver(lost, bestGave, Why{Key: WhyNotCombined, Other: coupon.Label, OtherID: coupon.ID, OtherCoupon: true})
	}
	return best
}

// worthHints drops from hints those of the promotions in alone (which do
// not combine) that r does not have, when what reaching them gives is no
// more than what the shopper gives up for them, lost (what r is worth but
// what they keep either way): "spend 21.80 more to save 60.00" beside a
// free tea worth 126.00 promised a saving the cart would not give. A
// gift's hint is worth the gift; free shipping's is kept, its worth
// unknown here, as is any hint when nothing is given up.
func worthHints(hints []Hint, alone []*Promotion, r *run, lost int64) []Hint {
	return slices.DeleteFunc(hints, func(h Hint) bool {
		i := slices.IndexFunc(alone, func(p *Promotion) bool { return p.ID == h.PromotionID })
		if i < 0 || h.FreeShipping || slices.ContainsFunc(r.applied, func(a Applied) bool { return a.PromotionID == h.PromotionID }) {
			return false
		}
		worth := h.Save
		if h.Gift {
			worth = alone[i].GiftValue // 0 when not known: kept
		}
		return worth > 0 && worth <= lost
	})
}

// couponTotal is what the coupon took off r's lines.
func (r *run) couponTotal() int64 {
	var n int64
	for _, a := range r.applied {
		if a.Stage == StageCoupon {
			n += a.Amount
		}
	}
	return n
}

// gave is the promotions of ps that gave r something at stages 2 and 3:
// money off, a gift, free shipping.
func (r *run) gave(ps []*Promotion) []Passed {
	var out []Passed
	for _, p := range ps {
		if r.freeShipping == p.ID ||
			slices.ContainsFunc(r.applied, func(a Applied) bool { return a.PromotionID == p.ID && a.Stage != StageItemPrice }) ||
			slices.ContainsFunc(r.gifts, func(g Gift) bool { return g.PromotionID == p.ID }) {
			out = append(out, Passed{PromotionID: p.ID, Label: p.Label})
		}
	}
	return out
}

// passOver records, once each, the promotions of lost that r does not
// give (kept), passed over for why.
func (r *run) passOver(lost, kept []Passed, why Why) {
	for _, p := range lost {
		has := func(q Passed) bool { return q.PromotionID == p.PromotionID }
		if slices.ContainsFunc(kept, has) || slices.ContainsFunc(r.passed, has) {
			continue
		}
		p.Why = why
		r.passed = append(r.passed, p)
	}
}

// withCoupon decides between the best automatic run and the best run the
// coupon can join, and explains a coupon that is not applied.
func (e *evaluation) withCoupon(best *run, autos []*Promotion, c *Promotion) *run {
	state := &CouponState{Code: e.basket.CouponCode, PromotionID: c.ID, Label: c.Label}
	if why := e.couponGate(c); why.Key != "" {
		state.Why = why
		best.coupon = state
		return best
	}
	var compatible []*Promotion
	for _, p := range autos {
		if p.CombinesCoupons && c.CombinesPromotions {
			compatible = append(compatible, p)
		}
	}
	joined := e.bestAutomatic(compatible, c)
	if joined.coupon != nil && !joined.coupon.Applied {
		best.coupon = joined.coupon
		return best
	}
	if joined.worth() >= best.worth() {
		// A shopper near an automatic promotion the coupon excludes still
		// hears of it, if reaching it would beat the coupon, and one who had
		// it hears why it went.
		var excluded []Hint
		for _, h := range best.hints {
			if !slices.ContainsFunc(joined.hints, func(j Hint) bool { return j.PromotionID == h.PromotionID }) {
				excluded = append(excluded, h)
			}
		}
		joined.hints = append(joined.hints, worthHints(excluded, autos, joined, joined.worth())...)
		joined.passOver(append(best.gave(autos), best.passed...), joined.gave(compatible),
			Why{Key: WhyNotCombined, Other: c.Label, OtherID: c.ID, OtherCoupon: true})
		return joined
	}
	other := best.blocking()
	state.Why = Why{Key: WhyNotCombined, Other: other.Label, OtherID: other.PromotionID}
	best.coupon = state
	return best
}

// blocking is the promotion of r the coupon cannot be combined with.
func (r *run) blocking() Applied {
	for _, a := range r.applied {
		if a.Stage != StageItemPrice {
			return a
		}
	}
	return Applied{}
}

// better reports whether r beats o: a run in which the coupon applies beats
// one in which it does not (the shopper asked for it), then the one worth
// more (worth), then the one with more gifts and free shipping; a tie keeps
// o, the earlier set.
func (r *run) better(o *run) bool {
	if ra, oa := r.coupon != nil && r.coupon.Applied, o.coupon != nil && o.coupon.Applied; ra != oa {
		return ra
	}
	if r.worth() != o.worth() {
		return r.worth() > o.worth()
	}
	// Equal worth: a gift or free shipping is worth more than nothing.
	return r.perks() > o.perks()
}

// perks counts what a run gives that is not money off: gifts, free shipping.
func (r *run) perks() int {
	n := len(r.gifts)
	if r.freeShipping != 0 {
		n++
	}
	return n
}

// couponGate checks what does not depend on the cart's contents.
func (e *evaluation) couponGate(c *Promotion) Why {
	now, who := e.basket.Now, e.basket.Shopper
	switch {
	case c.Archived:
		return Why{Key: WhyEnded}
	case !c.Active:
		return Why{Key: WhyPaused}
	case !c.StartsAt.IsZero() && now.Before(c.StartsAt):
		return Why{Key: WhyNotStarted, At: c.StartsAt}
	case !c.EndsAt.IsZero() && !now.Before(c.EndsAt):
		return Why{Key: WhyExpired}
	case c.Limit > 0 && c.Used >= c.Limit:
		return Why{Key: WhyUsedUp}
	case c.CodeUsed:
		return Why{Key: WhyCodeUsed}
	case c.CustomerLimit > 0 && who.Known && who.Uses[c.ID] >= c.CustomerLimit:
		return Why{Key: WhyAlreadyUsed}
	case c.FirstOrderOnly && who.Known && !who.FirstOrder:
		return Why{Key: WhyFirstOrder}
	case c.Tier != "" && c.Tier != who.Tier && who.Tier == "":
		// No tier: a guest, or nobody signed in, who may be a member.
		return Why{Key: WhyTierSignIn, Other: c.Tier}
	case c.Tier != "" && c.Tier != who.Tier:
		return Why{Key: WhyTier, Other: c.Tier}
	}
	return Why{}
}

// Over reports whether the coupon p is over for good at now: archived by
// staff, or past its end. Its code is refused rather than kept on a cart,
// where it could never apply.
func (p *Promotion) Over(now time.Time) bool {
	return p.Archived || (!p.EndsAt.IsZero() && !now.Before(p.EndsAt))
}

// live reports whether an automatic promotion applies at now by its
// schedule and limits.
func (p *Promotion) live(now time.Time) bool { return p.liveEarly(now, 0) }

// liveEarly is live for a shopper whose tier sees sales early: it starts
// early before its time, and ends when it ends.
func (p *Promotion) liveEarly(now time.Time, early time.Duration) bool {
	return p.scheduled(now, early) && (p.Limit == 0 || p.Used < p.Limit)
}

// scheduled is liveEarly whatever is left of p's uses.
func (p *Promotion) scheduled(now time.Time, early time.Duration) bool {
	return p.Active && (p.StartsAt.IsZero() || !now.Add(early).Before(p.StartsAt)) &&
		(p.EndsAt.IsZero() || now.Before(p.EndsAt))
}

// forShopper reports whether p's conditions on who the shopper is (tier,
// first order) let them have it.
func (p *Promotion) forShopper(who Shopper) bool {
	return (p.Tier == "" || p.Tier == who.Tier) && (!p.FirstOrderOnly || !who.Known || who.FirstOrder)
}

// runSet applies ps (stage 2, then stage 3) and then the coupon.
func (e *evaluation) runSet(ps []*Promotion, coupon *Promotion, reuse *run) *run {
	r := e.newRun(reuse)
	who := e.basket.Shopper
	for _, stage := range []int{StageItem, StageOrder} {
		for _, p := range ps {
			if stageOf(p) != stage || !p.live(e.basket.Now) || e.unitsLeft(p) == 0 || !p.forShopper(who) {
				continue
			}
			if why := r.apply(p, stage); why.Key != "" {
				r.hint(p, why)
			}
		}
	}
	if coupon != nil {
		r.coupon = &CouponState{Code: e.basket.CouponCode, PromotionID: coupon.ID, Label: coupon.Label, Applied: true}
		if why := r.apply(coupon, StageCoupon); why.Key != "" {
			r.coupon.Applied, r.coupon.Why = false, why
		}
	}
	return r
}

func stageOf(p *Promotion) int {
	switch p.Type {
	case TypeBXGY, TypeBundle:
		return StageItem
	}
	return StageOrder
}

// allHints is the hints of every promotion in ps, except those that
// applied in best, each worked out as the cart would price it once reached:
// one that combines beside every promotion of ps that combines (a gift
// over 150.00 counts only the units "any three teas" left, as the cart
// will), one that does not on its own. Only a threshold makes a hint, so
// the others are not run.
func (e *evaluation) allHints(ps []*Promotion, best *run) []Hint {
	hints := best.hints
	var together []*Promotion
	for _, p := range ps {
		if p.CombinesPromotions {
			together = append(together, p)
		}
	}
	var combined, alone *run
	for _, p := range ps {
		if (p.MinSubtotal <= 0 && p.Type != TypeLadder) ||
			slices.ContainsFunc(best.applied, func(a Applied) bool { return a.PromotionID == p.ID }) ||
			slices.ContainsFunc(hints, func(h Hint) bool { return h.PromotionID == p.ID }) {
			continue
		}
		r := combined
		switch {
		case !p.CombinesPromotions:
			alone = e.runSet([]*Promotion{p}, nil, alone)
			r = alone
		case combined == nil:
			combined = e.runSet(together, nil, nil)
			r = combined
		}
		for _, h := range r.hints {
			if h.PromotionID == p.ID {
				hints = append(hints, h)
			}
		}
	}
	return hints
}

// hint records an automatic promotion the shopper nearly reached: only a
// missing amount is worth telling, once.
func (r *run) hint(p *Promotion, why Why) {
	if why.Key != WhyMinSubtotal || slices.ContainsFunc(r.hints, func(h Hint) bool { return h.PromotionID == p.ID }) {
		return
	}
	h := Hint{PromotionID: p.ID, Label: p.Label, More: why.More, Gift: p.Type == TypeGift, FreeShipping: p.Type == TypeFreeShipping,
		Without: r.without(p)}
	switch p.Type {
	case TypeFixed:
		h.Save = p.Value
	case TypePercent:
		h.Save = mulDivHalfUp(why.Target, min(p.Value, MaxTaxRateBP), MaxTaxRateBP)
	}
	r.hints = append(r.hints, h)
}
