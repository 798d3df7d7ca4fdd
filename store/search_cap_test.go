package store

import (
	"context"
	"testing"
)

// A common word's matches are counted and ranked only up to searchCap, the
// newest first; among them a title match ranks above a description one.
func TestSearchCapsCommonWords(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []struct{ handle, title, desc string }{
		{"old-linen", "Linen Napkin", ""},         // oldest: past the cap
		{"apron", "Apron", "Heavy linen, washed"}, // linen in the description only
		{"linen-shirt", "Linen Shirt", ""},
	} {
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: p.handle, Title: p.title, Description: p.desc,
			Status: StatusActive, Variants: []VariantInput{{Price: 100, Stock: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	defer func(c int) { searchCap = c }(searchCap)
	searchCap = 2
	res, err := s.search(ctx, "linen", "", "", 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || !res.More || len(res.Hits) != 2 {
		t.Fatalf("total %d, more %v, %d hits; want 2, true, 2", res.Total, res.More, len(res.Hits))
	}
	if res.Hits[0].Handle != "linen-shirt" || res.Hits[1].Handle != "apron" {
		t.Errorf("hits = %s, %s; want linen-shirt, apron", res.Hits[0].Handle, res.Hits[1].Handle)
	}
	searchCap = 3
	if res, _ := s.search(ctx, "linen", "", "", 1, 10); res.Total != 3 || res.More {
		t.Errorf("under the cap: total %d, more %v; want 3, false", res.Total, res.More)
	}
	if res, _ := s.search(ctx, "linen", "", "", 2, 2); len(res.Hits) != 1 || res.Hits[0].Handle != "apron" {
		t.Errorf("page 2 = %+v, want the apron alone", res.Hits)
	}
}
