package pricing

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/quick"
)

func TestAllocate(t *testing.T) {
	tests := []struct {
		name    string
		amount  int64
		weights []int64
		want    []int64
	}{
		{"nothing to split", 0, []int64{1, 2}, []int64{0, 0}},
		{"no weights", 10, nil, []int64{}},
		{"exact", 100, []int64{1, 1, 2}, []int64{25, 25, 50}},
		{"thirds: the leftover goes to the first of equal remainders", 100, []int64{1, 1, 1}, []int64{34, 33, 33}},
		{"largest remainder wins", 10, []int64{7, 2, 1}, []int64{7, 2, 1}},
		{"equal remainders: the earlier line gets the unit", 5, []int64{3, 3, 4}, []int64{2, 1, 2}},
		{"one weight takes all", 999, []int64{0, 5, 0}, []int64{0, 999, 0}},
		{"zero weights split evenly", 5, []int64{0, 0}, []int64{3, 2}},
		{"negative weight counts as zero", 6, []int64{-4, 3, 3}, []int64{0, 3, 3}},
		{"negative amount", -100, []int64{1, 1, 1}, []int64{-34, -33, -33}},
		{"one cent over many", 1, []int64{10, 30, 20}, []int64{0, 1, 0}},
		{"discount of 10.00 over 49.00×2 and 28.00", 1000, []int64{9800, 2800}, []int64{778, 222}},
		{"no overflow in amount × weight", math.MaxInt64 / 2, []int64{math.MaxInt64 / 4, math.MaxInt64 / 4},
			[]int64{math.MaxInt64/4 + 1, math.MaxInt64 / 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allocate(tt.amount, tt.weights); !slices.Equal(got, tt.want) {
				t.Errorf("Allocate(%d, %v) = %v, want %v", tt.amount, tt.weights, got, tt.want)
			}
		})
	}
}

// checkAllocation verifies the three properties every allocation must have:
// the shares add up to amount exactly, none is negative, and each is within
// one unit of its exact share amount × w / Σw.
func checkAllocation(t *testing.T, amount int64, weights []int64) bool {
	t.Helper()
	shares := Allocate(amount, weights)
	total := new(big.Int)
	for _, w := range weights {
		total.Add(total, big.NewInt(max(w, 0)))
	}
	if total.Sign() == 0 {
		weights = slices.Repeat([]int64{1}, len(weights))
		total.SetInt64(int64(len(weights)))
	}
	sum := int64(0)
	for i, s := range shares {
		sum += s
		if s < 0 {
			t.Errorf("Allocate(%d, %v): share %d is negative: %v", amount, weights, i, shares)
			return false
		}
		// |s·Σw − amount·w| < Σw, in exact integers.
		exact := new(big.Int).Mul(big.NewInt(amount), big.NewInt(max(weights[i], 0)))
		diff := new(big.Int).Sub(new(big.Int).Mul(big.NewInt(s), total), exact)
		if diff.Abs(diff).Cmp(total) >= 0 {
			t.Errorf("Allocate(%d, %v): share %d = %d is a unit or more from its proportion", amount, weights, i, s)
			return false
		}
	}
	if len(weights) > 0 && sum != amount {
		t.Errorf("Allocate(%d, %v) = %v sums to %d", amount, weights, shares, sum)
		return false
	}
	return true
}

func TestAllocateProperties(t *testing.T) {
	// testing/quick explores arbitrary sizes; weights are kept below 2^40
	// each so that their sum stays within int64 as Allocate requires.
	prop := func(amount uint32, raw []uint64) bool {
		weights := make([]int64, len(raw))
		for i, w := range raw {
			weights[i] = int64(w>>24) - 1<<30 // some negative, some zero-ish
		}
		return checkAllocation(t, int64(amount), weights)
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 2000}); err != nil {
		t.Error(err)
	}
	// A seeded loop aims at the shapes carts have: a few lines, small
	// prices, many ties.
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		weights := make([]int64, 1+r.IntN(8))
		for i := range weights {
			weights[i] = r.Int64N(20) * []int64{1, 100, 9999}[r.IntN(3)]
		}
		if !checkAllocation(t, r.Int64N(100000), weights) {
			return
		}
	}
}

func TestCompute(t *testing.T) {
	shirt := Line{ID: 1, UnitPrice: 4900, Quantity: 2, WeightGrams: 300}
	tea := Line{ID: 2, UnitPrice: 2800, Quantity: 1, WeightGrams: 100}
	tests := []struct {
		name string
		in   Input
		want Result // Lines are checked separately below
	}{
		{"empty", Input{}, Result{}},
		{"lines only", Input{Lines: []Line{shirt, tea}},
			Result{Subtotal: 12600, Total: 12600, WeightGrams: 700}},
		{"shipping", Input{Lines: []Line{tea}, Shipping: 500},
			Result{Subtotal: 2800, Shipping: 500, ShippingPaid: 500, Total: 3300, WeightGrams: 100}},
		{"exclusive tax on merchandise and shipping, half up", Input{Lines: []Line{tea}, Shipping: 500, TaxRateBP: 825},
			// 3300 × 8.25 % = 272.25 → 272
			Result{Subtotal: 2800, Shipping: 500, Tax: 272, Total: 3572, ShippingTax: 41, ShippingPaid: 541, WeightGrams: 100}},
		{"exclusive tax rounds a half up", Input{Lines: []Line{{ID: 1, UnitPrice: 10, Quantity: 1}}, TaxRateBP: 500},
			// 10 × 5 % = 0.5 → 1
			Result{Subtotal: 10, Tax: 1, Total: 11}},
		{"inclusive tax is extracted, not added", Input{Lines: []Line{{ID: 1, UnitPrice: 11300, Quantity: 1}}, TaxRateBP: 1300, PricesIncludeTax: true},
			// 113.00 with 13 % VAT inside: 13.00 of it is tax
			Result{Subtotal: 11300, Tax: 1300, Total: 11300}},
		{"inclusive tax with shipping", Input{Lines: []Line{tea}, Shipping: 700, TaxRateBP: 2000, PricesIncludeTax: true},
			// 35.00 × 20/120 = 5.8333 → 5.83
			Result{Subtotal: 2800, Shipping: 700, Tax: 583, Total: 3500, ShippingTax: 117, ShippingPaid: 700, WeightGrams: 100}},
		{"order discount is taken before tax", Input{Lines: []Line{shirt, tea}, TaxRateBP: 1000,
			Discounts: []Discount{{Code: "TEN", Amount: 1000}}},
			Result{Subtotal: 12600, Discount: 1000, Tax: 1160, Total: 12760, WeightGrams: 700,
				Discounts: []AppliedDiscount{{Code: "TEN", Amount: 1000}}}},
		{"a discount is capped at its scope", Input{Lines: []Line{shirt, tea},
			Discounts: []Discount{{Code: "TEA", Amount: 5000, LineIDs: []int64{2}}}},
			Result{Subtotal: 12600, Discount: 2800, Total: 9800, WeightGrams: 700,
				Discounts: []AppliedDiscount{{Code: "TEA", Amount: 2800}}}},
		{"a later discount takes what is left", Input{Lines: []Line{tea},
			Discounts: []Discount{{Code: "A", Amount: 2000}, {Code: "B", Amount: 2000}}},
			Result{Subtotal: 2800, Discount: 2800, Total: 0, WeightGrams: 100,
				Discounts: []AppliedDiscount{{Code: "A", Amount: 2000}, {Code: "B", Amount: 800}}}},
		{"negative inputs count as zero", Input{Lines: []Line{{ID: 1, UnitPrice: -100, Quantity: 3}, {ID: 2, UnitPrice: 100, Quantity: -3}},
			Shipping: -500, TaxRateBP: -10, Discounts: []Discount{{Amount: -100}}},
			Result{Discounts: []AppliedDiscount{{}}}},
		{"tax rate is capped at 100 %", Input{Lines: []Line{tea}, TaxRateBP: 50000},
			Result{Subtotal: 2800, Tax: 2800, Total: 5600, WeightGrams: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.in)
			lines := got.Lines
			got.Lines = nil
			if !equalResult(got, tt.want) {
				t.Errorf("Compute =\n %+v\nwant\n %+v", got, tt.want)
			}
			if len(lines) != len(tt.in.Lines) {
				t.Fatalf("%d line results for %d lines", len(lines), len(tt.in.Lines))
			}
			got.Lines = lines
			checkInvariants(t, tt.in, got)
		})
	}
}

func equalResult(a, b Result) bool {
	return a.Subtotal == b.Subtotal && a.Discount == b.Discount && a.Shipping == b.Shipping && a.Tax == b.Tax &&
		a.Total == b.Total && a.ShippingTax == b.ShippingTax && a.ShippingPaid == b.ShippingPaid &&
		a.WeightGrams == b.WeightGrams && slices.Equal(a.Discounts, b.Discounts)
}

func TestComputeAllocatesToLines(t *testing.T) {
	res := Compute(Input{
		Lines:     []Line{{ID: 7, UnitPrice: 4900, Quantity: 2}, {ID: 9, UnitPrice: 2800, Quantity: 1}},
		Discounts: []Discount{{Code: "WELCOME", Amount: 1000}},
		TaxRateBP: 1000,
	})
	want := []LineResult{
		{ID: 7, UnitPrice: 4900, Quantity: 2, Gross: 9800, Discount: 778, Net: 9022, Tax: 902, Paid: 9924},
		{ID: 9, UnitPrice: 2800, Quantity: 1, Gross: 2800, Discount: 222, Net: 2578, Tax: 258, Paid: 2836},
	}
	if !slices.Equal(res.Lines, want) {
		t.Errorf("lines =\n %+v\nwant\n %+v", res.Lines, want)
	}
	if res.Merchandise() != 11600 {
		t.Errorf("merchandise = %d, want 11600", res.Merchandise())
	}
}

// checkInvariants holds for every Compute result: the parts add up to the
// whole at every level, and nothing is negative.
func checkInvariants(t *testing.T, in Input, r Result) {
	t.Helper()
	var gross, disc, tax, paid int64
	for _, l := range r.Lines {
		if l.Discount < 0 || l.Net < 0 || l.Tax < 0 || l.Net != l.Gross-l.Discount {
			t.Errorf("line %+v", l)
		}
		gross, disc, tax, paid = gross+l.Gross, disc+l.Discount, tax+l.Tax, paid+l.Paid
	}
	var applied int64
	for _, d := range r.Discounts {
		applied += d.Amount
	}
	if gross != r.Subtotal || disc != r.Discount || applied != r.Discount {
		t.Errorf("lines gross %d discount %d (applied %d) vs result %d, %d", gross, disc, applied, r.Subtotal, r.Discount)
	}
	if tax+r.ShippingTax != r.Tax {
		t.Errorf("line tax %d + shipping tax %d != tax %d", tax, r.ShippingTax, r.Tax)
	}
	if paid+r.ShippingPaid != r.Total {
		t.Errorf("lines paid %d + shipping %d != total %d", paid, r.ShippingPaid, r.Total)
	}
	want := r.Merchandise() + r.Shipping
	if !in.PricesIncludeTax {
		want += r.Tax
	}
	if r.Total != want || r.Total < 0 || r.Tax > r.Total {
		t.Errorf("total %d, want %d (tax %d)", r.Total, want, r.Tax)
	}
}

func TestComputeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		in := Input{Shipping: r.Int64N(3000), TaxRateBP: r.Int64N(3000), PricesIncludeTax: r.IntN(2) == 0}
		for i := range 1 + r.IntN(6) {
			in.Lines = append(in.Lines, Line{ID: int64(i + 1), UnitPrice: r.Int64N(50000), Quantity: 1 + r.Int64N(99)})
		}
		for range r.IntN(3) {
			d := Discount{Amount: r.Int64N(20000)}
			if r.IntN(2) == 0 {
				d.LineIDs = []int64{1 + r.Int64N(int64(len(in.Lines)))}
			}
			in.Discounts = append(in.Discounts, d)
		}
		checkInvariants(t, in, Compute(in))
		if t.Failed() {
			t.Fatalf("input %+v", in)
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	in := Input{Shipping: 800, TaxRateBP: 825, Discounts: []Discount{{Amount: 1234}}}
	for i := range 10 {
		in.Lines = append(in.Lines, Line{ID: int64(i), UnitPrice: 1999 + int64(i)*100, Quantity: 1 + int64(i%3)})
	}
	b.ReportAllocs()
	for b.Loop() {
		Compute(in)
	}
}
