package store

import (
	"context"
	"slices"
	"testing"
)

// TestCustomerListCountsAsAMerchant: a guest who paid is found by the
// "12 months' spend at least" filter and shows that spend, the same figure
// a member's row shows; "Orders" leaves out a cancelled order and the free
// replacement an exchange sent.
func TestCustomerListCountsAsAMerchant(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	o := f.shippedOrder(t, nil, 2, 0) // a guest's, ana@example.com
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	cancelled := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 1)
	if err := f.s.CancelOrder(ctx, staffActor, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	var placed int
	if err := f.s.read.QueryRow(`SELECT count(*) FROM orders WHERE email = 'ana@example.com'`).Scan(&placed); err != nil || placed != 3 {
		t.Fatalf("ana placed %d orders (%v), want the paid one, its replacement and the cancelled one", placed, err)
	}
	merch := o.Total - o.Shipping
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 {
		t.Fatalf("rows = %+v", p.Rows)
	}
	if a := p.Rows[0]; a.AccountID != 0 || a.Orders != 1 || a.Spent != o.Total || a.Spend12 != merch {
		t.Errorf("ana = %+v, want 1 order, spent %d, merchandise in 12 months %d", a, o.Total, merch)
	}
	for _, c := range []struct {
		min  int64
		want []string
	}{{merch, []string{"ana@example.com"}}, {merch + 1, nil}} {
		p, err := f.s.ListCustomersBy(ctx, CustomerFilter{MinSpend: c.min}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := emails(p.Rows); !slices.Equal(got, c.want) || p.Total != len(c.want) {
			t.Errorf("spent at least %d: %v (total %d), want %v", c.min, got, p.Total, c.want)
		}
	}
}
