package store

import "testing"

// pickerProduct is a shirt in S, M and L by White and Navy where S / Navy
// is not made and M / White is sold out.
func pickerProduct() *Product {
	p := &Product{OptionNames: []string{"Size", "Colour"}}
	for i, o := range []struct {
		size, colour string
		stock        int64
	}{{"S", "White", 2}, {"M", "White", 0}, {"M", "Navy", 4}, {"L", "White", 1}, {"L", "Navy", 0}} {
		p.Variants = append(p.Variants, Variant{ID: int64(i + 1), Options: [3]string{o.size, o.colour}, Stock: o.stock})
	}
	return p
}

func TestVariantForOptions(t *testing.T) {
	p := pickerProduct()
	for _, tc := range []struct {
		values [3]string
		want   int64 // 0: refused
	}{
		{[3]string{"M", "Navy"}, 3},
		{[3]string{"M", "White"}, 2},  // exact but sold out: shown as sold out
		{[3]string{"S", "Navy"}, 1},   // not made: the S in stock
		{[3]string{"L", ""}, 4},       // Colour not given: the L in stock
		{[3]string{"", "Navy"}, 3},    // Size not given: a Navy in stock
		{[3]string{"XL", "White"}, 0}, // no such size
		{[3]string{"M", "Red"}, 0},    // no such colour
		{[3]string{"M", "Navy", "Silk"}, 0},
	} {
		v, ok := p.VariantForOptions(tc.values)
		if got := map[bool]int64{true: v.ID}[ok]; got != tc.want {
			t.Errorf("VariantForOptions(%q) = %d (ok %v), want %d", tc.values, v.ID, ok, tc.want)
		}
	}
}

func TestOptionGroups(t *testing.T) {
	p := pickerProduct()
	describe := func(g OptionGroup) string {
		s := g.Name + ":"
		for _, c := range g.Choices {
			mark := "x" // not made
			switch {
			case c.Available:
				mark = "+"
			case c.Exists:
				mark = "-" // sold out
			}
			if c.Selected {
				mark = "[" + mark + "]"
			}
			s += " " + c.Value + mark
		}
		return s
	}
	for _, tc := range []struct {
		selected int
		want     string
	}{
		// Sizes are judged alone; colours in the light of the size.
		{1, "Size: S[+] M+ L+ | Colour: White[+] Navyx"},
		{2, "Size: S+ M[+] L+ | Colour: White[-] Navy+"},
		{5, "Size: S+ M+ L[+] | Colour: White+ Navy[-]"},
	} {
		groups := p.OptionGroups(p.Variants[tc.selected-1], nil)
		got := describe(groups[0]) + " | " + describe(groups[1])
		if got != tc.want {
			t.Errorf("selected %d:\n got %s\nwant %s", tc.selected, got, tc.want)
		}
	}

	single := &Product{Variants: []Variant{{ID: 1, Stock: 1}}}
	if g := single.OptionGroups(single.Variants[0], nil); g != nil {
		t.Errorf("a product without options has a picker: %v", g)
	}
	unnamed := &Product{Variants: []Variant{{ID: 1, Options: [3]string{"A", "1"}}, {ID: 2, Options: [3]string{"B", "1"}}}}
	if n := unnamed.OptionCount(); n != 2 {
		t.Errorf("unnamed options counted %d, want 2", n)
	}
	if g := unnamed.OptionGroups(unnamed.Variants[0], nil); len(g) != 2 || g[1].Name != "" || g[1].Index != 1 {
		t.Errorf("unnamed groups = %v", g)
	}
}

// TestOptionGroupsInAnotherLanguage: the shopper reads the translated
// names and values, while the picker submits the default language's, so a
// link means the same whichever language opens it.
func TestOptionGroupsInAnotherLanguage(t *testing.T) {
	p := pickerProduct()
	local := pickerProduct()
	local.OptionNames = []string{"尺码", "颜色"}
	for i := range local.Variants {
		local.Variants[i].Options[1] = map[string]string{"White": "白色", "Navy": "藏青"}[local.Variants[i].Options[1]]
	}
	g := p.OptionGroups(p.Variants[2], local)
	if g[1].Name != "颜色" || g[1].Choices[1].Value != "Navy" || g[1].Choices[1].Label != "藏青" || !g[1].Choices[1].Selected {
		t.Errorf("colour group in Chinese = %+v", g[1])
	}
}
