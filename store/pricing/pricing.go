// Package pricing is the shop's one price calculation. The cart, the
// checkout summary and the placed order all reach Compute through one
// function of the store, with the same lines and discounts (the cart
// leaving out shipping and tax), so the three can never disagree about a
// single minor unit. It is pure: no database, no clock, no floats.
//
// The choices, in the order Compute makes them:
//
//   - Amounts are int64 minor units (cents, fen). Negative prices,
//     quantities, weights, shipping and discount amounts are treated as 0:
//     the store validates its inputs, and a bad one must not turn a charge
//     into a refund.
//   - A line's Gross is UnitPrice × Quantity; the Subtotal is their sum.
//   - Discounts apply in the order given, each to its scope (LineIDs, or the
//     whole order when empty). A discount never exceeds what is left of its
//     scope, so no line goes below zero; what it actually took is reported in
//     Result.Discounts. Each is allocated to the lines of its scope in
//     proportion to what they still cost, by largest remainder (Allocate):
//     the shares add up to the discount exactly, and each line knows what
//     was paid for it, so a return refunds exactly that. Discounts never
//     touch shipping; free shipping is a Shipping of 0.
//   - Tax is computed once on the order, not per line, on the taxable amount
//     (merchandise − discounts + shipping) at TaxRateBP basis points
//     (1 bp = 0.01 %, clamped to 0..10000), rounded half up to the minor unit.
//   - Exclusive prices (PricesIncludeTax false): the tax is added on top, and
//     Total = merchandise − discounts + shipping + tax.
//   - Inclusive prices (PricesIncludeTax true): prices and shipping already
//     contain the tax. Tax is the part of the total that is tax, extracted as
//     taxable × rate / (1 + rate), and Total = merchandise − discounts + shipping.
//   - The order's tax is then allocated over the lines and shipping by
//     largest remainder, in proportion to their net amounts, so that the
//     lines' Paid and ShippingPaid add up to the Total exactly.
package pricing

import (
	"cmp"
	"math/bits"
	"slices"
)

// MaxTaxRateBP is the highest tax rate Compute accepts: 100 %.
const MaxTaxRateBP = 10000

// Line is one cart or order line as priced: its unit price now (from the
// database, never from a form), how many, and the unit weight for shipping.
type Line struct {
	ID          int64 // the caller's id for the line (cart line, order line), echoed in LineResult
	UnitPrice   int64
	Quantity    int64
	WeightGrams int64
}

// Discount is an amount off the merchandise: a coupon, a promotion. The
// promotions rules decide the amount (a percentage is computed by the caller
// from Result); Compute caps and allocates it.
type Discount struct {
	Code        string  // names the discount in Result.Discounts: a coupon code, a promotion's name
	PromotionID int64   // the promotion it comes from; 0 for none
	Amount      int64   // minor units off, at most what is left of the scope
	LineIDs     []int64 // the lines it applies to; empty for the whole order
}

// Input is everything a price depends on.
type Input struct {
	Lines            []Line
	Shipping         int64 // the chosen method's price (with tax when PricesIncludeTax)
	TaxRateBP        int64 // basis points: 825 is 8.25 %
	PricesIncludeTax bool
	Discounts        []Discount
}

// LineResult is what one line costs after discounts and tax.
type LineResult struct {
	ID        int64
	UnitPrice int64
	Quantity  int64
	Gross     int64 // UnitPrice × Quantity
	Discount  int64 // this line's share of every discount
	Net       int64 // Gross − Discount
	Tax       int64 // this line's share of the order's tax (contained in Net when prices include tax)
	Paid      int64 // what the customer pays for the line: Net, plus Tax when tax is added on top
}

// AppliedDiscount is a discount as actually taken, after capping.
type AppliedDiscount struct {
	Code        string
	PromotionID int64
	Amount      int64
}

// Result is a priced cart or order. Total = the sum of every line's Paid +
// ShippingPaid.
type Result struct {
	Subtotal     int64 // sum of the lines' Gross
	Discount     int64 // sum of every discount taken
	Shipping     int64
	Tax          int64 // added on top, or contained in Total when prices include tax
	Total        int64 // what the customer pays
	ShippingTax  int64 // shipping's share of Tax
	ShippingPaid int64 // Shipping, plus ShippingTax when tax is added on top
	WeightGrams  int64 // total weight, for shipping quotes
	Lines        []LineResult
	Discounts    []AppliedDiscount
}

// Merchandise is the lines' price after every discount, before shipping and
// tax: the cart page's data-cart-total.
func (r Result) Merchandise() int64 { return r.Subtotal - r.Discount }

// Compute prices in; see the package comment for every rounding choice.
func Compute(in Input) Result {
	res := Result{Lines: make([]LineResult, len(in.Lines))}
	for i, l := range in.Lines {
		qty, unit := max(l.Quantity, 0), max(l.UnitPrice, 0)
		gross := unit * qty
		res.Lines[i] = LineResult{ID: l.ID, UnitPrice: unit, Quantity: qty, Gross: gross, Net: gross}
		res.Subtotal += gross
		res.WeightGrams += max(l.WeightGrams, 0) * qty
	}
	for _, d := range in.Discounts {
		applied := applyDiscount(res.Lines, d)
		res.Discounts = append(res.Discounts, applied)
		res.Discount += applied.Amount
	}
	res.Shipping = max(in.Shipping, 0)
	rate := min(max(in.TaxRateBP, 0), MaxTaxRateBP)
	taxable := res.Merchandise() + res.Shipping
	if in.PricesIncludeTax {
		res.Tax = mulDivHalfUp(taxable, rate, MaxTaxRateBP+rate)
		res.Total = taxable
	} else {
		res.Tax = mulDivHalfUp(taxable, rate, MaxTaxRateBP)
		res.Total = taxable + res.Tax
	}
	allocateTax(&res, in.PricesIncludeTax)
	return res
}

// applyDiscount takes d off the lines in its scope, in proportion to what
// each still costs, and reports how much it took.
func applyDiscount(lines []LineResult, d Discount) AppliedDiscount {
	var scope []int
	var left []int64
	var room int64
	for i, l := range lines {
		if len(d.LineIDs) == 0 || slices.Contains(d.LineIDs, l.ID) {
			scope = append(scope, i)
			left = append(left, l.Net)
			room += l.Net
		}
	}
	amount := min(max(d.Amount, 0), room)
	// Each share is at most its line's Net, because amount ≤ room: a share
	// is at most ceil(amount × net / room) ≤ net.
	for k, share := range Allocate(amount, left) {
		l := &lines[scope[k]]
		l.Discount += share
		l.Net -= share
	}
	return AppliedDiscount{Code: d.Code, PromotionID: d.PromotionID, Amount: amount}
}

// allocateTax spreads res.Tax over the lines and shipping and fills in what
// each costs in all.
func allocateTax(res *Result, inclusive bool) {
	weights := make([]int64, len(res.Lines)+1)
	for i, l := range res.Lines {
		weights[i] = l.Net
	}
	weights[len(res.Lines)] = res.Shipping
	shares := Allocate(res.Tax, weights)
	for i := range res.Lines {
		l := &res.Lines[i]
		l.Tax, l.Paid = shares[i], l.Net
		if !inclusive {
			l.Paid += l.Tax
		}
	}
	res.ShippingTax, res.ShippingPaid = shares[len(res.Lines)], res.Shipping
	if !inclusive {
		res.ShippingPaid += res.ShippingTax
	}
}

// Allocate splits amount into len(weights) shares proportional to weights
// by the largest-remainder method: every share is amount × weight / total
// rounded down, and the units left over go one each to the shares with the
// largest remainders (ties to the earlier index). The shares sum to amount
// exactly and each is within one unit of its exact proportion.
//
// Negative weights count as 0. When every weight is 0 the amount is split
// evenly. A negative amount is split as its absolute value and negated. The
// weights must sum to at most MaxInt64.
func Allocate(amount int64, weights []int64) []int64 {
	shares := make([]int64, len(weights))
	if len(weights) == 0 || amount == 0 {
		return shares
	}
	if amount < 0 {
		for i, s := range Allocate(-amount, weights) {
			shares[i] = -s
		}
		return shares
	}
	w := make([]uint64, len(weights))
	var total uint64
	for i, x := range weights {
		w[i] = uint64(max(x, 0))
		total += w[i]
	}
	if total == 0 {
		for i := range w {
			w[i] = 1
		}
		total = uint64(len(w))
	}
	rems := make([]uint64, len(w))
	given := int64(0)
	for i, x := range w {
		// 128-bit product: amount × weight can exceed int64 for large orders.
		hi, lo := bits.Mul64(uint64(amount), x)
		q, r := bits.Div64(hi, lo, total)
		shares[i], rems[i] = int64(q), r
		given += int64(q)
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	// Fewer units are left than there are shares with a remainder.
	for _, i := range order[:amount-given] {
		shares[i]++
	}
	return shares
}

// mulDivHalfUp is a × b / c rounded half up, for 0 ≤ a, 0 ≤ b ≤ c, c > 0,
// without overflowing in the product.
func mulDivHalfUp(a, b, c int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, r := bits.Div64(hi, lo, uint64(c))
	if r >= uint64(c)-r {
		q++
	}
	return int64(q)
}
