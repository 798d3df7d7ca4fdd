package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// stockProduct saves a product whose variants have the given stocks and
// returns their ids in order.
func stockProduct(t *testing.T, s *Store, handle string, stocks ...int64) []int64 {
	t.Helper()
	in := ProductInput{Handle: handle, Title: handle, Status: StatusActive, OptionNames: []string{"Size"}}
	for i, n := range stocks {
		in.Variants = append(in.Variants, VariantInput{SKU: handle + "-" + string(rune('a'+i)),
			Options: [3]string{string(rune('A' + i))}, Price: 1000, Stock: n})
	}
	if _, _, err := s.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductByHandle(context.Background(), handle, true)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, v := range p.Variants {
		ids = append(ids, v.ID)
	}
	return ids
}

func stockPtr(n int64) *int64 { return &n }

func TestAdjustStockRecordsHistoryAndAudit(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := stockProduct(t, s, "mug", 4)[0]
	actor := Actor{Email: "cli@example.com"}
	before := s.CatalogVersion()

	for _, in := range []StockAdjustmentInput{
		{VariantID: id, Delta: 5, Reason: StockReceived, Note: " delivery 42 "},
		{VariantID: id, Delta: -3, Reason: StockDamaged},
		{VariantID: id, SetTo: stockPtr(7), Expected: stockPtr(6), Reason: StockCorrection},
	} {
		if _, err := s.AdjustStock(ctx, actor, in); err != nil {
			t.Fatalf("adjust %+v: %v", in, err)
		}
	}
	if s.CatalogVersion() == before {
		t.Error("adjusting stock did not bump the catalog version")
	}
	p, _ := s.ProductByHandle(ctx, "mug", true)
	if p.Variants[0].Stock != 7 || p.StockTotal != 7 {
		t.Errorf("stock = %d, total %d; want 7, 7", p.Variants[0].Stock, p.StockTotal)
	}
	h, err := s.StockAdjustments(ctx, id, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		delta, after int64
		reason, note string
	}
	var got []row
	for _, a := range h.Adjustments {
		got = append(got, row{a.Delta, a.StockAfter, a.Reason, a.Note})
	}
	want := []row{{1, 7, StockCorrection, ""}, {-3, 6, StockDamaged, ""}, {5, 9, StockReceived, "delivery 42"}}
	if h.Total != 3 || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("history = %+v (total %d), want %+v", got, h.Total, want)
	}
	log, err := s.AuditLog(ctx, AuditFilter{Action: ActionStockAdjust})
	if err != nil || log.Total != 3 {
		t.Fatalf("audit = %d entries, %v", log.Total, err)
	}
	if r := log.Records[0]; r.Entity != EntityVariant || r.BeforeJSON != `{"stock":6}` ||
		r.AfterJSON != `{"delta":1,"note":"","reason":"correction","stock":7}` {
		t.Errorf("audit record = %+v", r)
	}
}

func TestAdjustStockRefusals(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := stockProduct(t, s, "mug", 2)[0]
	tests := []struct {
		name  string
		in    StockAdjustmentInput
		field string // "" for a non-validation error
		is    error
	}{
		{"below zero", StockAdjustmentInput{VariantID: id, Delta: -3, Reason: StockDamaged}, "delta", nil},
		{"zero change", StockAdjustmentInput{VariantID: id, Reason: StockOther}, "delta", nil},
		{"no reason", StockAdjustmentInput{VariantID: id, Delta: 1}, "reason", nil},
		{"unknown reason", StockAdjustmentInput{VariantID: id, Delta: 1, Reason: "stolen"}, "reason", nil},
		{"negative count", StockAdjustmentInput{VariantID: id, SetTo: stockPtr(-1), Reason: StockCorrection}, "set_to", nil},
		{"huge", StockAdjustmentInput{VariantID: id, Delta: MaxStock, Reason: StockReceived}, "delta", nil},
		{"stale count", StockAdjustmentInput{VariantID: id, SetTo: stockPtr(5), Expected: stockPtr(9), Reason: StockCorrection}, "", ErrConflict},
		{"no variant", StockAdjustmentInput{VariantID: 9999, Delta: 1, Reason: StockReceived}, "", ErrNotFound},
	}
	for _, tt := range tests {
		_, err := s.AdjustStock(ctx, Actor{}, tt.in)
		var verr *ValidationError
		switch {
		case tt.field != "" && (!errors.As(err, &verr) || verr.Fields[tt.field] == ""):
			t.Errorf("%s: err = %v, want a message for %s", tt.name, err, tt.field)
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.is)
		}
	}
	v, err := s.VariantStockByID(ctx, id)
	if err != nil || v.Variant.Stock != 2 {
		t.Errorf("stock after refusals = %+v, %v; want 2", v, err)
	}
	if h, _ := s.StockAdjustments(ctx, id, 1, 0); h.Total != 0 {
		t.Errorf("refused changes left %d history rows", h.Total)
	}
}

// TestConcurrentAdjustmentsNeverOversell: twenty people each take one from a
// stock of ten at once; exactly ten succeed and the stock ends at zero.
func TestConcurrentAdjustmentsNeverOversell(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := stockProduct(t, s, "mug", 10)[0]
	var ok, refused atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.AdjustStock(ctx, Actor{}, StockAdjustmentInput{VariantID: id, Delta: -1, Reason: StockDamaged})
			var verr *ValidationError
			switch {
			case err == nil:
				ok.Add(1)
			case errors.As(err, &verr) && verr.Fields["delta"] == "error.stock_negative":
				refused.Add(1)
			default:
				t.Errorf("adjust: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 10 || refused.Load() != 10 {
		t.Errorf("succeeded %d, refused %d; want 10 and 10", ok.Load(), refused.Load())
	}
	v, _ := s.VariantStockByID(ctx, id)
	h, _ := s.StockAdjustments(ctx, id, 1, 0)
	if v.Variant.Stock != 0 || h.Total != 10 {
		t.Errorf("stock = %d with %d history rows; want 0 and 10", v.Variant.Stock, h.Total)
	}
	var minAfter int64
	if err := s.read.QueryRow(`SELECT min(stock_after) FROM stock_adjustments`).Scan(&minAfter); err != nil || minAfter != 0 {
		t.Errorf("lowest stock_after = %d, %v", minAfter, err)
	}
}

func TestLowStockFollowsEachThreshold(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ids := stockProduct(t, s, "mug", 0, 3, 6, 20)
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "old", Title: "Old", Status: StatusArchived,
		Variants: []VariantInput{{SKU: "OLD", Price: 100, Stock: 0}}}); err != nil {
		t.Fatal(err)
	}
	skus := func() []string {
		t.Helper()
		p, err := s.LowStock(ctx, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range p.Variants {
			out = append(out, v.Variant.SKU)
		}
		if p.Total != len(out) {
			t.Errorf("total %d, listed %d", p.Total, len(out))
		}
		return out
	}
	// Default threshold 5: stock 0 and 3 are low; the archived product is left out.
	if got := skus(); len(got) != 2 || got[0] != "mug-a" || got[1] != "mug-b" {
		t.Fatalf("low stock = %v", got)
	}
	// The 6 goes low at 10, the 3 stops being low at 2, the 0 at 0 still is.
	for _, c := range []struct {
		id, to, was int64
	}{{ids[2], 10, 5}, {ids[1], 2, 5}, {ids[0], 0, 5}} {
		if err := s.SetLowStockThreshold(ctx, Actor{}, c.id, c.to, c.was); err != nil {
			t.Fatal(err)
		}
	}
	if got := skus(); len(got) != 2 || got[0] != "mug-a" || got[1] != "mug-c" {
		t.Errorf("low stock = %v, want [mug-a mug-c]", got)
	}
	dash, err := s.LowStockVariants(ctx, 10)
	if err != nil || len(dash) != 2 || dash[1].Threshold != 10 {
		t.Errorf("dashboard low stock = %+v, %v", dash, err)
	}
	// A stale threshold form is refused; a bad value is a field error.
	if err := s.SetLowStockThreshold(ctx, Actor{}, ids[2], 3, 5); !errors.Is(err, ErrConflict) {
		t.Errorf("stale threshold: %v", err)
	}
	var verr *ValidationError
	if err := s.SetLowStockThreshold(ctx, Actor{}, ids[2], -1, 10); !errors.As(err, &verr) {
		t.Errorf("negative threshold: %v", err)
	}
	if err := s.SetLowStockThreshold(ctx, Actor{}, 9999, 1, 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing variant: %v", err)
	}
	// A re-import keeps the merchant's thresholds.
	stockProduct(t, s, "mug", 0, 3, 6, 20)
	if v, _ := s.VariantStockByID(ctx, ids[2]); v.Threshold != 10 {
		t.Errorf("threshold after re-import = %d, want 10", v.Threshold)
	}
}

func TestLowStockUsesItsPartialIndex(t *testing.T) {
	s := newTestStore(t)
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN SELECT ` + variantStockColumns + lowStockFrom + ` ORDER BY v.stock`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "\n"
	}
	if !strings.Contains(plan, "variants_low_stock_idx") {
		t.Errorf("low-stock query does not use its index:\n%s", plan)
	}
}

// TestStockLimitMessages: each end of the allowed range has its own
// message, so that -1 is never called too large.
func TestStockLimitMessages(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := stockProduct(t, s, "mug", 2)[0]
	for _, tt := range []struct {
		name  string
		in    StockAdjustmentInput
		field string
		want  string
	}{
		{"negative count", StockAdjustmentInput{VariantID: id, SetTo: stockPtr(-1), Reason: StockCorrection}, "set_to", "error.stock_below_zero"},
		{"huge count", StockAdjustmentInput{VariantID: id, SetTo: stockPtr(MaxStock + 1), Reason: StockCorrection}, "set_to", "error.stock_range"},
		{"huge rise", StockAdjustmentInput{VariantID: id, Delta: MaxStock + 1, Reason: StockReceived}, "delta", "error.stock_range"},
		{"huge fall", StockAdjustmentInput{VariantID: id, Delta: -MaxStock - 1, Reason: StockDamaged}, "delta", "error.stock_negative"},
		{"rise past the limit", StockAdjustmentInput{VariantID: id, Delta: MaxStock, Reason: StockReceived}, "delta", "error.stock_range"},
	} {
		if _, err := s.AdjustStock(ctx, Actor{}, tt.in); fieldError(err, tt.field) != tt.want {
			t.Errorf("%s: %v, want %s %s", tt.name, err, tt.field, tt.want)
		}
	}
	for threshold, want := range map[int64]string{-3: "error.stock_below_zero", MaxStock + 1: "error.stock_range"} {
		if err := s.SetLowStockThreshold(ctx, Actor{}, id, threshold, 5); fieldError(err, "threshold") != want {
			t.Errorf("threshold %d: %v, want %s", threshold, err, want)
		}
	}
}
