package shop_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestTagChipSearchReadsAsTheChip: on the Chinese page the tag
// "bestseller" reads 畅销. Clicking it searches for the tag itself (the
// index knows tags by their key), and the results page says 畅销 in its
// heading and search boxes, as the shopper clicked it; on the English
// page, and once switched to English, the same search says bestseller.
func TestTagChipSearchReadsAsTheChip(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "cashmere-scarf", Title: "Cashmere Scarf", Status: store.StatusActive, Tags: []string{"bestseller"},
		Tr:       store.Texts{}.Set(store.FieldTitle, "zh", "羊绒围巾").Set(store.TagField("bestseller"), "zh", "畅销"),
		Variants: []store.VariantInput{{SKU: "CS-1", Price: 9900, Stock: 5}},
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ prefix, label string }{{"/zh-cn", "畅销"}, {"", "bestseller"}} {
		chip := shop.Get(tt.prefix + "/products/cashmere-scarf").Doc(t).Find("a.tag")
		if got := strings.TrimSpace(chip.Text()); got != tt.label {
			t.Fatalf("%q: the chip reads %q, want %q", tt.prefix, got, tt.label)
		}
		href := chip.AttrOr("href", "")
		if !strings.HasPrefix(href, tt.prefix+"/search?q=bestseller") {
			t.Errorf("%q: the chip links to %q, want a search for the tag", tt.prefix, href)
		}
		doc := shop.Get(href).Doc(t)
		if got := doc.Find(".search-hit-title").Text(); !strings.Contains(got, "Cashmere Scarf") && !strings.Contains(got, "羊绒围巾") {
			t.Errorf("%s finds %q, want the scarf", href, got)
		}
		if got := doc.Find(".result-count").Text(); !strings.Contains(got, tt.label) {
			t.Errorf("%s: the heading says %q, want %q in it", href, got, tt.label)
		}
		for _, box := range []string{"#search-q", "#site-search"} {
			if got := doc.Find(box).AttrOr("value", ""); got != tt.label {
				t.Errorf("%s: the box %s holds %q, want %q", href, box, got, tt.label)
			}
		}
		if tt.prefix != "" {
			// The language switch keeps the query: in English it is the tag.
			en := shop.Get(strings.TrimPrefix(href, tt.prefix)).Doc(t)
			if got := en.Find("#search-q").AttrOr("value", ""); got != "bestseller" {
				t.Errorf("the same search in English holds %q, want bestseller", got)
			}
		}
	}
}
