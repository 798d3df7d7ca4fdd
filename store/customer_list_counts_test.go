package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
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

// TestCustomerListCountsCancelsAndExchanges: customer_list.n, which the
// list shows as "Orders", drops an order as it is cancelled and leaves out
// the replacement an exchange sends, without waiting for the list to
// catch up.
func TestCustomerListCountsCancelsAndExchanges(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	o := f.shippedOrder(t, nil, 2, 0) // a guest's, ana@example.com
	other := f.placeFor(t, ship, "Ana@Example.com", "Ana Lima", f.mug, 1)
	checkCustomerList(t, f.s, "placed")
	n := func(step, want string) {
		t.Helper()
		if got := textRows(t, f.s, `SELECT n FROM customer_list WHERE k = 'ana@example.com'`); !slices.Equal(got, []string{want}) {
			t.Errorf("%s: n = %v, want %s", step, got, want)
		}
	}
	n("placed", "2")
	if err := f.s.CancelOrder(ctx, staffActor, other.ID); err != nil {
		t.Fatal(err)
	}
	n("cancelled", "1")
	exchange(t, f, o)
	n("exchanged", "1")
	checkCustomerList(t, f.s, "exchanged")
	// The link, undone and made again once the list has counted the
	// replacement: each change of it counts the order again.
	var ret, replacement int64
	if err := f.s.read.QueryRow(`SELECT id, exchange_order_id FROM returns`).Scan(&ret, &replacement); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		link any
		want string
	}{{nil, "2"}, {replacement, "1"}} {
		if _, err := f.s.write.Exec(`UPDATE returns SET exchange_order_id = ? WHERE id = ?`, c.link, ret); err != nil {
			t.Fatal(err)
		}
		n("linked to "+fmt.Sprint(c.link), c.want)
	}
	// The exchange done, its replacement still cannot be cancelled (the
	// shopper's item is back with the shop) and is still not counted.
	if err := f.s.ReceiveReturn(ctx, staffActor, ret, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CompleteExchange(ctx, staffActor, ret); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelOrder(ctx, staffActor, replacement); !errors.Is(err, ErrReplacementOrder) {
		t.Fatalf("cancel the replacement of a completed exchange: %v, want ErrReplacementOrder", err)
	}
	n("exchange completed", "1")
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].Orders != 1 {
		t.Errorf("rows = %+v, want ana with 1 order", p.Rows)
	}
}

// exchange asks for one of o's first line back in exchange for the small
// shirt, and approves it: the replacement is placed.
func exchange(t *testing.T, f *cartFixture, o *Order) error {
	t.Helper()
	ctx := context.Background()
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: f.small}})
	if err != nil {
		return err
	}
	return f.s.ApproveReturn(ctx, Actor{}, id, "")
}

// TestCustomerListMigrationRecountsOrders: a shop whose customer_list
// counted every order gets each row counted again by migration 0047. A
// guest whose only order was cancelled stays in the list with none.
func TestCustomerListMigrationRecountsOrders(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	if err := exchange(t, f, f.shippedOrder(t, nil, 2, 0)); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"ana@example.com", "bo@example.org"} {
		if err := f.s.CancelOrder(ctx, staffActor, f.placeFor(t, ship, email, "Buyer", f.mug, 1).ID); err != nil {
			t.Fatal(err)
		}
	}
	remakeCustomerList(t, f.s, customerListMigrations[:3]...)
	counts := func() []string { return textRows(t, f.s, `SELECT k, n FROM customer_list ORDER BY k`) }
	if got, want := counts(), []string{"ana@example.com|3", "bo@example.org|1"}; !slices.Equal(got, want) {
		t.Fatalf("before 0047: %v, want every order counted %v", got, want)
	}
	runMigration(t, f.s, customerListMigrations[3])
	if got, want := counts(), []string{"ana@example.com|1", "bo@example.org|0"}; !slices.Equal(got, want) {
		t.Errorf("after 0047: %v, want %v", got, want)
	}
	checkCustomerList(t, f.s, "recounted")
}

// TestCustomerListCountsMatchAnyHistory: after a random run of orders
// placed (emails in any letter case), paid, cancelled and exchanged, with
// the list read now and then, each customer's "Orders" is what counting
// their orders as a merchant does gives, and customer_list is what the
// orders make of it.
func TestCustomerListCountsMatchAnyHistory(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	if _, err := f.s.write.Exec(`UPDATE variants SET stock = 1000`); err != nil {
		t.Fatal(err)
	}
	emails := []string{"ana@example.com", "ANA@example.com", "bo@example.org", "cy@example.net"}
	var orders []int64
	// Refusals are part of the story: an order shipped, cancelled or
	// already exchanged refuses what no longer applies to it.
	refused := func(err error) bool {
		var verr *ValidationError
		return err == nil || errors.Is(err, ErrConflict) || errors.As(err, &verr)
	}
	read := func(step int) {
		t.Helper()
		checkCustomerList(t, f.s, "step "+itoa(int64(step)))
		p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			var want int
			if err := f.s.read.QueryRow(`SELECT count(*) FROM orders o WHERE o.email = ? COLLATE NOCASE AND `+merchantOrder,
				r.Email).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if r.Orders != want {
				t.Fatalf("step %d: %s has %d orders, want %d", step, r.Email, r.Orders, want)
			}
		}
	}
	for step := range 60 {
		if len(orders) == 0 {
			orders = append(orders, f.placeFor(t, ship, emails[0], "Ana", f.big, 1).ID)
		}
		id := orders[rng.IntN(len(orders))]
		var err error
		switch rng.IntN(6) {
		case 0, 1:
			orders = append(orders, f.placeFor(t, ship, emails[rng.IntN(len(emails))], "Buyer", f.big, 1).ID)
		case 2:
			_, err = f.s.MarkPaid(ctx, staffActor, id)
		case 3:
			err = f.s.CancelOrder(ctx, staffActor, id)
		case 4:
			if _, err = f.s.MarkPaid(ctx, staffActor, id); err != nil {
				break
			}
			if _, err = f.s.FulfillOrder(ctx, staffActor, id, nil, "", ""); err != nil && !refused(err) {
				break
			}
			var o *Order
			if o, err = f.s.OrderByID(ctx, id); err == nil {
				err = exchange(t, f, o)
			}
			if err == nil { // the replacement, to be paid or cancelled in turn
				var r int64
				if err = f.s.read.QueryRow(`SELECT max(exchange_order_id) FROM returns`).Scan(&r); err == nil {
					orders = append(orders, r)
				}
			}
		case 5:
			read(step)
		}
		if !refused(err) {
			t.Fatalf("step %d, order %d: %v", step, id, err)
		}
	}
	read(60)
}
