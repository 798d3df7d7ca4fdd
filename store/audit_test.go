package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"
	"time"
)

// TestAuditCommitsWithItsChange checks the contract other store methods
// rely on: an audit row written in a transaction that fails is rolled back
// with it.
func TestAuditCommitsWithItsChange(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	boom := errors.New("boom")
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.audit(ctx, tx, AuditEntry{Action: "test.fail", Entity: "test"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if page, _ := s.AuditLog(ctx, AuditFilter{Action: "test.fail"}); page.Total != 0 {
		t.Errorf("rolled-back audit row was kept: %+v", page)
	}
	err = s.RecordAudit(ctx, AuditEntry{Actor: Actor{StaffID: 7, Email: "a@example.com", IP: "192.0.2.1"},
		Action: "test.ok", Entity: "product", EntityID: "12",
		Before: map[string]int{"price": 100}, After: map[string]int{"price": 120}})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.AuditLog(ctx, AuditFilter{Entity: "product", EntityID: "12"})
	if err != nil || page.Total != 1 {
		t.Fatalf("audit = %+v, %v", page, err)
	}
	r := page.Records[0]
	if r.StaffID != 7 || r.BeforeJSON != `{"price":100}` || r.AfterJSON != `{"price":120}` || r.IP != "192.0.2.1" {
		t.Errorf("record = %+v", r)
	}
}

func TestAuditLogFilterAndPages(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	start := time.Unix(1_700_000_000, 0)
	for i := range 30 {
		s.Now = func() time.Time { return start.Add(time.Duration(i) * time.Hour) }
		action := ActionLogin
		if i%3 == 0 {
			action = ActionLoginFailed
		}
		if err := s.RecordAudit(ctx, AuditEntry{Actor: Actor{StaffID: int64(1 + i%2)}, Action: action,
			Entity: EntityStaff, EntityID: strconv.Itoa(1 + i%2)}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    AuditFilter
		want int
	}{
		{"all", AuditFilter{}, 30},
		{"by action", AuditFilter{Action: ActionLoginFailed}, 10},
		{"by staff", AuditFilter{StaffID: 2}, 15},
		{"by staff and action", AuditFilter{StaffID: 2, Action: ActionLoginFailed}, 5},
		{"by time", AuditFilter{From: start.Add(10 * time.Hour), To: start.Add(20 * time.Hour)}, 10},
		{"by entity", AuditFilter{Entity: "product"}, 0},
	}
	for _, tt := range tests {
		page, err := s.AuditLog(ctx, tt.f)
		if err != nil || page.Total != tt.want {
			t.Errorf("%s: total = %d, %v; want %d", tt.name, page.Total, err, tt.want)
		}
	}
	page, _ := s.AuditLog(ctx, AuditFilter{PerPage: 7, Page: 5})
	if page.Pages() != 5 || len(page.Records) != 2 {
		t.Errorf("page 5 of 7-per-page: pages %d, %d records", page.Pages(), len(page.Records))
	}
	first, _ := s.AuditLog(ctx, AuditFilter{PerPage: 7})
	if first.Records[0].CreatedAt.Before(first.Records[6].CreatedAt) {
		t.Error("audit log is not newest first")
	}
	actions, entities, err := s.AuditFacets(ctx)
	if err != nil || len(actions) != 2 || len(entities) != 1 {
		t.Errorf("facets = %v %v %v", actions, entities, err)
	}
}

func TestLowStockVariants(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []ProductInput{
		{Handle: "mug", Title: "Mug", Status: StatusActive, OptionNames: []string{"Colour"}, Variants: []VariantInput{
			{SKU: "M-R", Options: [3]string{"Red"}, Price: 100, Stock: 2},
			{SKU: "M-B", Options: [3]string{"Blue"}, Price: 100, Stock: 40},
		}},
		{Handle: "cup", Title: "Cup", Status: StatusDraft, Variants: []VariantInput{{SKU: "C", Price: 100, Stock: 0}}},
		{Handle: "old", Title: "Old", Status: StatusArchived, Variants: []VariantInput{{SKU: "O", Price: 100, Stock: 0}}},
	} {
		if _, _, err := s.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	low, err := s.LowStockVariants(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(low) != 2 || low[0].Variant.SKU != "C" || low[1].Variant.SKU != "M-R" || low[1].Variant.Title() != "Red" {
		t.Errorf("low stock = %+v", low)
	}
	counts, err := s.ProductCounts(ctx)
	if err != nil || counts[StatusActive] != 1 || counts[StatusDraft] != 1 || counts[StatusArchived] != 1 {
		t.Errorf("counts = %v, %v", counts, err)
	}
}
