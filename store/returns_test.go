package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// placedOrder places a bank-transfer order of two large shirts for email.
func (f *cartFixture) placedOrder(t *testing.T, ship int64, email, name string) *Order {
	t.Helper()
	ch := f.add(t, "", f.big, 2)
	in := checkoutFor(ch.Token, ship)
	in.Email, in.Name = email, name
	o, _, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// insertReturn asks to return qty of the order's first line, as the
// returns feature will, and returns the return's id.
func insertReturn(t testing.TB, s *Store, o *Order, status string, qty int64, created time.Time) int64 {
	t.Helper()
	res, err := s.DB().Exec(`INSERT INTO returns (order_id, status, resolution, reason, created_at, updated_at)
		VALUES (?, ?, 'refund', 'Too small', ?, ?)`, o.ID, status, created.Unix(), created.Unix())
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	if _, err := s.DB().Exec(`INSERT INTO return_lines (return_id, order_line_id, quantity) VALUES (?, ?, ?)`,
		id, o.Lines[0].ID, qty); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestListReturnsFiltersAndCounts(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	ana := f.placedOrder(t, ship, "ana@example.com", "Ana Lima")
	bo := f.placedOrder(t, ship, "bo@example.com", "Bo Chen")
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	insertReturn(t, f.s, ana, ReturnRequested, 1, base)
	insertReturn(t, f.s, bo, ReturnApproved, 2, base.Add(time.Hour))
	insertReturn(t, f.s, bo, ReturnRequested, 1, base.Add(2*time.Hour))

	all, err := f.s.ListReturns(ctx, ReturnFilter{}, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 3 || len(all.Rows) != 3 {
		t.Fatalf("all = %d rows, total %d", len(all.Rows), all.Total)
	}
	newest := all.Rows[0]
	if newest.OrderNumber != bo.Number || newest.Email != "bo@example.com" || newest.Name != "Bo Chen" ||
		newest.Status != ReturnRequested || newest.Resolution != ResolutionRefund || newest.Items != 1 ||
		newest.Reason != "Too small" || !newest.CreatedAt.Equal(base.Add(2*time.Hour)) {
		t.Errorf("newest = %+v", newest)
	}

	for _, tc := range []struct {
		name   string
		filter ReturnFilter
		want   []string // order numbers, newest first
	}{
		{"requested", ReturnFilter{Status: ReturnRequested}, []string{bo.Number, ana.Number}},
		{"approved", ReturnFilter{Status: ReturnApproved}, []string{bo.Number}},
		{"by email", ReturnFilter{Query: "ANA@example"}, []string{ana.Number}},
		{"by name", ReturnFilter{Query: "chen"}, []string{bo.Number, bo.Number}},
		{"by number", ReturnFilter{Query: ana.Number}, []string{ana.Number}},
		{"by number typed loosely", ReturnFilter{Query: " " + ana.Number[:4] + ana.Number[5:] + " "}, []string{ana.Number}},
		{"status and query", ReturnFilter{Status: ReturnApproved, Query: "ana"}, nil},
		{"nothing", ReturnFilter{Status: ReturnRefunded}, nil},
	} {
		page, err := f.s.ListReturns(ctx, tc.filter, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range page.Rows {
			got = append(got, r.OrderNumber)
		}
		if !slices.Equal(got, tc.want) || page.Total != len(tc.want) {
			t.Errorf("%s = %v (total %d), want %v", tc.name, got, page.Total, tc.want)
		}
	}

	second, err := f.s.ListReturns(ctx, ReturnFilter{}, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if second.Pages() != 2 || len(second.Rows) != 1 || second.Rows[0].OrderNumber != ana.Number {
		t.Errorf("page 2 of 2 = pages %d rows %+v", second.Pages(), second.Rows)
	}

	if n, err := f.s.CountReturnsToReview(ctx); err != nil || n != 2 {
		t.Errorf("returns to review = %d, %v; want 2", n, err)
	}
}

// TestReturnsSchemaRefusesNonsense checks the tables' constraints, the last
// line of defence behind the returns feature's validation.
func TestReturnsSchemaRefusesNonsense(t *testing.T) {
	f := newCartFixture(t)
	o := f.placedOrder(t, flatShipping(t, f.s), "ana@example.com", "Ana Lima")
	id := insertReturn(t, f.s, o, ReturnRequested, 1, time.Now())
	insert := `INSERT INTO returns (order_id, status, resolution, reason, refund_amount, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 0, 0)`
	for _, tc := range []struct {
		name string
		args []any
	}{
		{"unknown status", []any{o.ID, "lost", ResolutionRefund, "x", 0}},
		{"unknown resolution", []any{o.ID, ReturnRequested, "store credit", "x", 0}},
		{"no reason", []any{o.ID, ReturnRequested, ResolutionRefund, "  ", 0}},
		{"refund before refunding", []any{o.ID, ReturnApproved, ResolutionRefund, "x", 100}},
		{"no such order", []any{o.ID + 99, ReturnRequested, ResolutionRefund, "x", 0}},
	} {
		if _, err := f.s.DB().Exec(insert, tc.args...); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	if _, err := f.s.DB().Exec(`INSERT INTO return_lines (return_id, order_line_id, quantity) VALUES (?, ?, 0)`,
		id, o.Lines[0].ID); err == nil {
		t.Error("a return line of nothing was accepted")
	}
	if _, err := f.s.DB().Exec(`DELETE FROM orders WHERE id = ?`, o.ID); err == nil {
		t.Error("an order with a return was deleted")
	}
}
