package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

func TestAdjustPrice(t *testing.T) {
	tests := []struct {
		price, bp, want int64
	}{
		{1999, -1000, 1799}, // 1799.1
		{1999, 500, 2099},   // 2098.95 rounds up
		{1000, -1250, 875},
		{5, -1000, 5}, // 4.5 rounds half away from zero
		{4, -1000, 4}, // 3.6
		{1, -5000, 1}, // 0.5
		{1999, -9900, 20},
		{49, -9900, 1}, // 0.49 rounds to 0, but a cut never makes an item free
		{0, -9900, 0},
		{0, 2500, 0},
		{100, 100000, 1100},
	}
	for _, tt := range tests {
		if got, err := AdjustPrice(tt.price, tt.bp); err != nil || got != tt.want {
			t.Errorf("AdjustPrice(%d, %d) = %d, %v; want %d", tt.price, tt.bp, got, err, tt.want)
		}
	}
	if _, err := AdjustPrice(1999, -10000); fieldError(err, "percent") == "" {
		t.Errorf("-100%%: %v", err)
	}
	if _, err := AdjustPrice(1<<62, 100000); fieldError(err, "percent") == "" {
		t.Errorf("overflow: %v", err)
	}
}

func TestBulkStatusAndPrices(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "A", Status: StatusDraft,
		Variants: []VariantInput{{Price: 1999, CompareAtPrice: 2500}}})
	b, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "B", Status: StatusActive,
		Variants: []VariantInput{{Price: 1000}}})

	n, err := s.SetProductsStatus(ctx, staffActor, []int64{a, b, a}, StatusActive)
	if err != nil || n != 1 {
		t.Fatalf("publish = %d, %v", n, err)
	}
	if res, _ := s.Search(ctx, "A", 1, 10); res.Total != 1 {
		t.Errorf("published product not searchable: %d", res.Total)
	}
	before, _ := s.ProductByID(ctx, a)
	if err := s.AdjustPrices(ctx, staffActor, []int64{a, b, b}, -1000, true); err != nil {
		t.Fatal(err)
	}
	pa, _ := s.ProductByID(ctx, a)
	pb, _ := s.ProductByID(ctx, b)
	if v := pa.Variants[0]; v.Price != 1799 || v.CompareAtPrice != 2500 || pa.PriceMin != 1799 || pa.Version != before.Version+1 {
		t.Errorf("A after -10%% = %+v (version %d); its higher compare-at price stays", v, pa.Version)
	}
	if v := pb.Variants[0]; v.Price != 900 || v.CompareAtPrice != 1000 {
		t.Errorf("B after -10%%, counted once = %+v", v)
	}
	if err := s.AdjustPrices(ctx, staffActor, []int64{b}, 500, true); err != nil {
		t.Fatal(err)
	}
	if pb, _ = s.ProductByID(ctx, b); pb.Variants[0].Price != 945 || pb.Variants[0].CompareAtPrice != 1000 {
		t.Errorf("B after +5%% = %+v; a rise keeps the compare-at price", pb.Variants[0])
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Action: ActionProductPrice})
	if log.Total != 3 {
		t.Fatalf("price audit rows = %d, want 3", log.Total)
	}
	var after struct {
		Variants []priceRow `json:"variants"`
	}
	if err := json.Unmarshal([]byte(log.Records[0].AfterJSON), &after); err != nil || after.Variants[0].Price != 945 {
		t.Errorf("audit after = %s (%v)", log.Records[0].AfterJSON, err)
	}

	// One missing product rolls the whole change back.
	if _, err := s.SetProductsStatus(ctx, staffActor, []int64{a, 9999}, StatusArchived); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing product: %v", err)
	}
	if pa, _ = s.ProductByID(ctx, a); pa.Status != StatusActive {
		t.Errorf("status after failed bulk = %s", pa.Status)
	}
	for _, bad := range []struct {
		err   error
		field string
	}{
		{s.AdjustPrices(ctx, staffActor, []int64{a}, 0, false), "percent"},
		{s.AdjustPrices(ctx, staffActor, []int64{a}, -10001, false), "percent"},
		{s.AdjustPrices(ctx, staffActor, []int64{a}, -10000, true), "percent"},
		{s.AdjustPrices(ctx, staffActor, nil, -1000, false), "product_id"},
	} {
		if fieldError(bad.err, bad.field) == "" {
			t.Errorf("want a %s error, got %v", bad.field, bad.err)
		}
	}
}

// TestRepeatedCutsKeepTheOriginalPrice: a second sale on top of the first
// strikes through the price before both, and a variant whose compare-at
// price was already higher than its price keeps it.
func TestRepeatedCutsKeepTheOriginalPrice(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Tea Set", Status: StatusActive, OptionNames: []string{"Size"},
		Variants: []VariantInput{{Options: [3]string{"S"}, Price: 1600}, {Options: [3]string{"L"}, Price: 6800, CompareAtPrice: 8800}}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.AdjustPrices(ctx, staffActor, []int64{id}, -1000, true); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := s.ProductByID(ctx, id)
	for i, want := range []struct{ price, compareAt int64 }{{1296, 1600}, {5508, 8800}} {
		if v := p.Variants[i]; v.Price != want.price || v.CompareAtPrice != want.compareAt {
			t.Errorf("variant %s after -10%% twice = %d struck-through %d, want %d struck-through %d",
				v.Options[0], v.Price, v.CompareAtPrice, want.price, want.compareAt)
		}
	}
}
