package store

import (
	"context"
	"testing"
)

// TestReadsRunToTheirEndWhenTheCallerLeaves: a shopper's reads finish even
// when the shopper has gone (the request's context is cancelled), so that
// no goroutine watches each statement for them (stmt.go).
func TestReadsRunToTheirEndWhenTheCallerLeaves(t *testing.T) {
	s := newTestStore(t)
	if _, _, err := s.SaveProduct(context.Background(), ProductInput{Handle: "kettle", Title: "Cast Iron Kettle",
		Status: StatusActive, Variants: []VariantInput{{SKU: "K", Price: 100, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	// A product's page reads in one snapshot (inSnapshot); a search
	// through the read pool (query).
	if p, err := s.ProductByHandle(gone, "kettle", false); err != nil || p.Title != "Cast Iron Kettle" {
		t.Errorf("product read for a shopper who left = %v, %v", p, err)
	}
	if res, err := s.Search(gone, "kettle", 1, 24); err != nil || res.Total != 1 {
		t.Errorf("search for a shopper who left = %d hits, %v", res.Total, err)
	}
}
