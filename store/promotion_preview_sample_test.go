package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"storefront/store/pricing"
)

// TestPreviewSampleIsDrawnFromWhatThePromotionCovers: in a shop whose
// cheapest 200 variants are all cheap socks, a promotion on the 128.00
// scarf (by product, collection or tag, or cart-wide with the socks left
// out) still gets the scarf as its sample cart; a cart-wide one gets the
// cheapest products, and one covering only what is out of stock none.
func TestPreviewSampleIsDrawnFromWhatThePromotionCovers(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for i := range 205 {
		in := ProductInput{Handle: fmt.Sprintf("sock-%d", i), Title: "Sock", Status: StatusActive, Tags: []string{"socks"},
			Variants: []VariantInput{{SKU: fmt.Sprintf("SOCK-%d", i), Price: 500 + int64(i), Stock: 10}}}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range []ProductInput{
		{Handle: "scarf", Title: "Scarf", Status: StatusActive, Tags: []string{"winter"}, Collections: []string{"knitwear"},
			Variants: []VariantInput{{SKU: "SCARF", Price: 12800, Stock: 4}}},
		{Handle: "hat", Title: "Hat", Status: StatusActive, Tags: []string{"winter"}, Collections: []string{"knitwear"},
			Variants: []VariantInput{{SKU: "HAT", Price: 100, Stock: 0}}},
	} {
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	scarf, err := s.ProductByHandle(ctx, "scarf", true)
	if err != nil {
		t.Fatal(err)
	}
	hat, err := s.ProductByHandle(ctx, "hat", true)
	if err != nil {
		t.Fatal(err)
	}
	var knitwear int64
	if err := s.DB().QueryRow(`SELECT id FROM collections WHERE handle = 'knitwear'`).Scan(&knitwear); err != nil {
		t.Fatal(err)
	}
	flash := func(r pricing.Rules) Promotion {
		return Promotion{Kind: PromoAutomatic, Name: Text{Default: "Scarf sale"},
			Promotion: pricing.Promotion{ID: -1, Type: pricing.TypeFlash, Value: 5000, Rules: r}}
	}
	sock := func(i int) string { return fmt.Sprintf("sock-%d", i) }
	for _, tc := range []struct {
		name string
		p    Promotion
		want []string // handles of the sample cart's products
	}{
		{"product", flash(pricing.Rules{Products: []int64{scarf.ID}}), []string{"scarf"}},
		{"variant", flash(pricing.Rules{Variants: []int64{scarf.Variants[0].ID}}), []string{"scarf"}},
		{"collection", flash(pricing.Rules{Collections: []int64{knitwear}}), []string{"scarf"}},
		{"tag", flash(pricing.Rules{Tags: []string{"winter"}}), []string{"scarf"}},
		{"cart-wide", flash(pricing.Rules{}), []string{sock(0), sock(1), sock(2)}},
		{"cart-wide without the socks", flash(pricing.Rules{ExcludeTags: []string{"socks"}}), []string{"scarf"}},
		{"nothing in stock", flash(pricing.Rules{Products: []int64{hat.ID}}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			preview, err := s.PreviewPromotion(ctx, tc.p, nil, "en")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range preview.Lines {
				got = append(got, l.ProductHandle)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("sample cart = %v, want %v", got, tc.want)
			}
			if len(tc.want) > 0 && !preview.Sample.Applies {
				t.Error("the promotion does not apply to its own sample cart")
			}
			// A targeted promotion's sample reads its own products, not
			// the whole catalog.
			if r := tc.p.Rules; len(r.Products)+len(r.Variants)+len(r.Collections)+len(r.Tags) > 0 {
				q, args := tc.p.sampleSQL()
				if plan := planOf(t, s, q, args...); strings.Contains(plan, "SCAN ") || strings.Contains(plan, "(status=?)") {
					t.Errorf("the sample reads the whole catalog:\n%s", plan)
				}
			}
		})
	}
}
