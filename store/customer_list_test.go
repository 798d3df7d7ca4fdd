package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCustomerListHasAccountsAndGuests: the list holds accounts without
// orders as well as guests; a member's row has their tier, 12 months'
// spend and available points; filters by tier, guests and tag; the search
// finds an account by its name.
func TestCustomerListHasAccountsAndGuests(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.clockOffset = time.Hour
	bo := f.placeFor(t, ship, "bo@example.org", "Bo", f.mug, 1)
	f.clockOffset = 2 * time.Hour
	paid := f.placeFor(t, ship, "ANA@example.com", "Ana at checkout", f.mug, 2)
	// Ana placed it signed in.
	if _, err := f.s.write.Exec(`UPDATE orders SET customer_id = ? WHERE id = ?`, ana.ID, paid.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, staffActor, paid.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.AdjustPoints(ctx, staffActor, ana.ID, 120, "welcome"); err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 90 * time.Minute // registered between the two orders
	cy := registerCustomer(t, f.s, "cy@example.net")
	if err := f.s.SaveCustomerNotes(ctx, staffActor, cy.ID, "Prefers email", "VIP, wholesale"); err != nil {
		t.Fatal(err)
	}

	all, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := emails(all.Rows), []string{"ana@example.com", "cy@example.net", "bo@example.org"}; !slices.Equal(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	a := all.Rows[0]
	merch := paid.Total - paid.Shipping
	if a.AccountID != ana.ID || a.Orders != 1 || a.Spent != paid.Total || a.Spend12 != merch || a.Points != 120 ||
		a.Name != "Ana Lima" || a.Tier.Default != "Standard" || !a.LastOrder.Equal(paid.CreatedAt) {
		t.Errorf("ana = %+v (merchandise %d)", a, merch)
	}
	if c := all.Rows[1]; c.AccountID != cy.ID || c.Orders != 0 || !c.LastOrder.IsZero() || !slices.Equal(c.Tags, []string{"VIP", "wholesale"}) {
		t.Errorf("cy = %+v", c)
	}
	if b := all.Rows[2]; b.AccountID != 0 || b.Name != "Bo" || b.Orders != 1 || !b.LastOrder.Equal(bo.CreatedAt) {
		t.Errorf("bo = %+v", b)
	}
	if !slices.Equal(all.Tags, []string{"VIP", "wholesale"}) || len(all.Tiers) != 3 {
		t.Errorf("filters: tags %v, %d tiers", all.Tags, len(all.Tiers))
	}

	standard := strconv.FormatInt(all.Tiers[0].ID, 10)
	silver := strconv.FormatInt(all.Tiers[1].ID, 10)
	for _, c := range []struct {
		f    CustomerFilter
		want []string
	}{
		{CustomerFilter{Tier: CustomerGuests}, []string{"bo@example.org"}},
		{CustomerFilter{Tier: standard}, []string{"ana@example.com", "cy@example.net"}},
		{CustomerFilter{Tier: silver}, nil},
		{CustomerFilter{Tag: "vip"}, []string{"cy@example.net"}},
		{CustomerFilter{Q: "lima"}, []string{"ana@example.com", "cy@example.net"}},
		{CustomerFilter{Q: "checkout"}, []string{"ana@example.com"}},
		{CustomerFilter{Q: "lima", Tag: "wholesale"}, []string{"cy@example.net"}},
		{CustomerFilter{Q: "100%"}, nil},
		// Conditions on the orders' figures.
		{CustomerFilter{OrderedDays: 30}, []string{"ana@example.com", "bo@example.org"}},
		{CustomerFilter{OrderedDays: 30, Tag: "vip"}, nil},
		{CustomerFilter{MinSpend: 1}, []string{"ana@example.com"}},
	} {
		p, err := f.s.ListCustomersBy(ctx, c.f, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := emails(p.Rows); !slices.Equal(got, c.want) || p.Total != len(c.want) {
			t.Errorf("%+v: %v (total %d), want %v", c.f, got, p.Total, c.want)
		}
	}
}

// TestCustomerListFollowsOrdersAndAccounts: the list's table of customers
// (migrations 0025 and 0026), once caught up, is what the orders and
// accounts make of it after each change that moves it: orders placed in
// any letter case, one dated earlier than the latest, paid and cancelled,
// one paid before the list counted it; an account registered with a
// guest's email and one without orders; an email confirmed to a new
// address; an account deleted, its orders wiped. A shop from before the
// table gets it filled when it opens, and a page reads the table in its
// order.
func TestCustomerListFollowsOrdersAndAccounts(t *testing.T) {
	defer func(n int64) { customerListBatch = n }(customerListBatch)
	customerListBatch = 2 // the four orders below are caught up in two batches
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	check := func(step string) { t.Helper(); checkCustomerList(t, f.s, step) }

	bo := f.placeFor(t, ship, "Bo@Example.org", "Bo", f.mug, 1)
	f.clockOffset = time.Hour
	f.placeFor(t, ship, "bo@example.ORG", "Bo Two", f.mug, 2)
	f.clockOffset = -time.Hour // placed last, dated first
	f.placeFor(t, ship, "BO@example.org", "Bo Early", f.mug, 1)
	f.placeFor(t, ship, "dee@example.com", "Dee", f.mug, 1)
	// Placing an order does not write the table: the list catches up.
	if rows := textRows(t, f.s, `SELECT count(*) FROM customer_list`); rows[0] != "0" {
		t.Errorf("placing orders wrote %s rows", rows[0])
	}
	check("placed")
	// The search finds a customer by any order's name, not only the
	// latest's, and by email in any letter case.
	for q, want := range map[string][]string{
		// Bo's row shows the email of his latest order, Bo Two's.
		"early": {"bo@example.ORG"}, "bo two": {"bo@example.ORG"}, "EXAMPLE.org": {"bo@example.ORG"},
		"dee@": {"dee@example.com"}, "example": {"bo@example.ORG", "dee@example.com"}, "zed": nil,
	} {
		p, err := f.s.ListCustomersBy(ctx, CustomerFilter{Q: q}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := emails(p.Rows); !slices.Equal(got, want) || p.Total != len(want) {
			t.Errorf("search %q = %v (%d), want %v", q, got, p.Total, want)
		}
	}
	if _, err := f.s.MarkPaid(ctx, staffActor, bo.ID); err != nil {
		t.Fatal(err)
	}
	check("paid")
	if err := f.s.CancelOrder(ctx, staffActor, bo.ID); err != nil {
		t.Fatal(err)
	}
	check("cancelled")
	// Paid before the list has counted it: Bo's row takes the payment at
	// once and the order when the list catches up, once each.
	late := f.placeFor(t, ship, "bo@example.org", "Bo", f.mug, 1)
	if _, err := f.s.MarkPaid(ctx, staffActor, late.ID); err != nil {
		t.Fatal(err)
	}
	check("paid before counted")

	f.clockOffset = 2 * time.Hour
	guest := f.placeFor(t, ship, "ana@example.com", "Ana as a guest", f.mug, 1)
	ana := registerCustomer(t, f.s, "ana@example.com")
	registerCustomer(t, f.s, "cy@example.net")
	check("registered")
	if rows := textRows(t, f.s, `SELECT k, active FROM customer_list WHERE k = 'ana@example.com'`); len(rows) != 1 ||
		rows[0] != "ana@example.com|"+strconv.FormatInt(guest.CreatedAt.Unix(), 10) {
		t.Errorf("an account with orders is as active as its latest order: %v", rows)
	}

	if err := f.s.tx(ctx, func(tx *sql.Tx) error {
		_, err := confirmEmail(ctx, tx, ana.ID, "ana@example.net", f.s.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	check("email changed")
	if _, err := f.s.write.Exec(`UPDATE orders SET customer_id = ? WHERE id = ?`, ana.ID, guest.ID); err != nil {
		t.Fatal(err)
	}
	// An unpaid order holds the deletion back (TestDeleteCustomerWaitsForOrdersUnderWay).
	if err := f.s.CancelOrder(ctx, staffActor, guest.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteCustomer(ctx, ana.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	check("deleted")

	// Ana's orders, wiped, are no one's: the list showed them as a customer
	// without a name or an email.
	if got := textRows(t, f.s, `SELECT k FROM customer_list ORDER BY k`); !slices.Equal(got, []string{"bo@example.org", "cy@example.net", "dee@example.com"}) {
		t.Errorf("customers = %q, want Bo, Cy and Dee", got)
	}

	// A page of the list reads its rows in the table's order, not every
	// customer sorted.
	if plan := planOf(t, f.s, `SELECT p.k `+customerFrom+customerOrder+` LIMIT 50`); strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("a page of customers sorts them all:\n%s", plan)
	}

	remakeCustomerList(t, f.s, customerListMigrations...)
	check("migrated")
}

// TestCustomerListSpentIsNetOfRefunds: what a customer spent is what they
// paid less what their returns refunded, as their 12 months' spend counts
// it; an order that stops counting takes its refunds with it. A shop from
// before migration 0028 gets its refunded customers' rows worked out again.
func TestCustomerListSpentIsNetOfRefunds(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	eve := registerCustomer(t, f.s, "eve@example.com")
	o := f.shippedOrder(t, eve, 2, 0)
	id, err := f.s.RequestReturn(ctx, o, eve.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	checkCustomerList(t, f.s, "before the refund") // the list has Eve's row
	refundWhole(t, f.s, id)
	var refunded int64
	if err := f.s.read.QueryRow(`SELECT refund_amount FROM returns WHERE id = ?`, id).Scan(&refunded); err != nil || refunded == 0 {
		t.Fatalf("refunded %d: %v", refunded, err)
	}
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{Q: "eve@"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].Spent != o.Total-refunded || p.Rows[0].Spend12 != o.Total-o.Shipping-refunded {
		t.Fatalf("eve = %+v, want spent %d (paid %d, refunded %d)", p.Rows, o.Total-refunded, o.Total, refunded)
	}
	checkCustomerList(t, f.s, "refunded")
	for _, status := range []string{"cancelled", "open"} {
		if _, err := f.s.write.Exec(`UPDATE orders SET status = ? WHERE id = ?`, status, o.ID); err != nil {
			t.Fatal(err)
		}
		checkCustomerList(t, f.s, status)
	}

	// The list as migrations 0025 and 0026 left it, refunds counted as spent.
	remakeCustomerList(t, f.s, customerListMigrations[:2]...)
	if got := textRows(t, f.s, `SELECT spent FROM customer_list WHERE k = 'eve@example.com'`); got[0] != strconv.FormatInt(o.Total, 10) {
		t.Fatalf("before 0028 eve spent %s, want %d", got[0], o.Total)
	}
	for _, m := range customerListMigrations[2:] {
		runMigration(t, f.s, m)
	}
	checkCustomerList(t, f.s, "migrated")
}

// TestCustomerListCatchesUpWhileOrdersArePlaced: buyers place orders while
// staff read the list and its CSV over and over, each read catching up in
// small batches; no order is left out or counted twice.
func TestCustomerListCatchesUpWhileOrdersArePlaced(t *testing.T) {
	defer func(n int64) { customerListBatch = n }(customerListBatch)
	customerListBatch = 3
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	const buyers, each = 4, 8
	if _, err := f.s.write.Exec(`UPDATE variants SET stock = 1000 WHERE id = ?`, f.mug); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, buyers+3)
	for b := range buyers {
		wg.Go(func() {
			for i := range each {
				ch, err := f.s.AddToCart(ctx, "", f.mug, 1)
				if err == nil {
					in := checkoutFor(ch.Token, ship)
					// Two buyers share each email, in different letter cases.
					in.Email, in.Name = fmt.Sprintf("Buyer%d@example.com", b%2), fmt.Sprintf("Buyer %d/%d", b, i)
					if b >= 2 {
						in.Email = strings.ToLower(in.Email)
					}
					_, _, err = f.s.PlaceOrder(ctx, in)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	// Two of the owner's staff read the list, one the CSV.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for _, read := range []func() error{
		func() error { _, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1); return err },
		func() error { _, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 2); return err },
		func() error { return f.s.CustomersCSV(ctx, CustomerFilter{}, 2, io.Discard) },
	} {
		readers.Go(func() {
			for {
				if err := read(); err != nil {
					errs <- err
					return
				}
				select {
				case <-stop:
					return
				default:
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkCustomerList(t, f.s, "after the rush")
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 2 || p.Rows[0].Orders+p.Rows[1].Orders != buyers*each {
		t.Errorf("rows %+v, want two customers with %d orders", p.Rows, buyers*each)
	}
}

// checkCustomerList fails t unless customer_list is what the orders and
// accounts make of it once it has caught up with the orders.
func checkCustomerList(t *testing.T, s *Store, step string) {
	t.Helper()
	if err := s.catchUpCustomerList(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := textRows(t, s, `SELECT k, email, name, last, n, spent, active, names FROM customer_list ORDER BY k`)
	want := textRows(t, s, customerListFromScratch)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: customer_list\n%s\nwant\n%s", step, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// customerListMigrations make customer_list, in order.
var customerListMigrations = []string{"0025_customer_list.sql", "0026_customer_list_spent.sql",
	"0028_customer_list_refunds.sql", "0047_customer_list_orders.sql"}

// remakeCustomerList drops customer_list, its view, its triggers and the
// index made for it (the table's own go with it), then runs migrations: a
// shop from before them, once they land.
func remakeCustomerList(t *testing.T, s *Store, migrations ...string) {
	t.Helper()
	for _, obj := range textRows(t, s, `SELECT type, name FROM sqlite_schema
		WHERE name LIKE 'customer_list%' AND type IN ('table', 'view', 'trigger')
			OR name = 'returns_exchange_order_idx' ORDER BY type <> 'trigger'`) {
		typ, name, _ := strings.Cut(obj, "|")
		if _, err := s.write.Exec(`DROP ` + typ + ` ` + name); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range migrations {
		runMigration(t, s, m)
	}
}

// merchantOrder is the condition on orders o of an order a merchant
// counts: not cancelled, nor an exchange's replacement (an order of 0
// that a return names). The list once counted it for each row it read.
const merchantOrder = `o.status <> 'cancelled'
	AND NOT (o.total = 0 AND EXISTS (SELECT 1 FROM returns r WHERE r.exchange_order_id = o.id))`

// customerListFromScratch is customer_list worked out from every order and
// account, as the list once did on each view.
const customerListFromScratch = `
	WITH keys AS (SELECT lower(email) AS k FROM orders UNION SELECT lower(email) FROM customers WHERE deleted_at IS NULL),
	g AS (SELECT lower(email) AS k, max(created_at) AS last, count(*) FILTER (WHERE ` + merchantOrder + `) AS n,
		sum(CASE WHEN payment_status = 'paid' AND status <> 'cancelled'
			THEN total - (SELECT coalesce(sum(refund_amount), 0) FROM returns WHERE order_id = o.id) ELSE 0 END) AS spent
		FROM orders o GROUP BY lower(email)),
	l AS (SELECT lower(email) AS k, email, name,
		row_number() OVER (PARTITION BY lower(email) ORDER BY created_at DESC, id DESC) AS r FROM orders),
	names AS (SELECT k, group_concat(name, char(31) ORDER BY name) AS names
		FROM (SELECT DISTINCT lower(email) AS k, name FROM orders) GROUP BY k)
	SELECT keys.k, coalesce(l.email, ''), coalesce(l.name, ''), g.last, coalesce(g.n, 0), coalesce(g.spent, 0),
		coalesce(g.last, a.created_at), coalesce(names.names, '')
	FROM keys LEFT JOIN g ON g.k = keys.k LEFT JOIN l ON l.k = keys.k AND l.r = 1
		LEFT JOIN names ON names.k = keys.k
		LEFT JOIN customers a ON a.email = keys.k AND a.deleted_at IS NULL
	WHERE keys.k <> ''
	ORDER BY keys.k`

// textRows are query's rows, each its columns joined by "|".
func textRows(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.read.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			if !v.Valid {
				v.String = "NULL"
			}
			parts = append(parts, v.String)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func emails(rows []CustomerRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Email)
	}
	return out
}

// TestCustomerListPointsAsSettled: the list counts points as the daily
// settling would leave them, without waiting for it: an expired lot has
// none left.
func TestCustomerListPointsAsSettled(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ana := registerCustomer(t, f.s, "ana@example.com")
	if err := f.s.AdjustPoints(ctx, staffActor, ana.ID, 50, "goodwill"); err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 13 * 30 * 24 * time.Hour // past the default 12 months
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].Points != 0 {
		t.Errorf("rows = %+v, want 0 points", p.Rows)
	}
}

// TestCustomersCSVIsFormulaSafe: the export has every selected customer,
// and a name a spreadsheet would run as a formula is written as text.
func TestCustomersCSVIsFormulaSafe(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	f.placeFor(t, ship, "evil@example.com", "=HYPERLINK(\"http://x\")", f.mug, 1)
	registerCustomer(t, f.s, "ana@example.com")
	var buf bytes.Buffer
	if err := f.s.CustomersCSV(ctx, CustomerFilter{}, 2, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0], customerCSVHeader) {
		t.Fatalf("records = %q", recs)
	}
	byEmail := map[string][]string{}
	for _, r := range recs[1:] {
		byEmail[r[0]] = r
	}
	if got := byEmail["evil@example.com"][1]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula name written as %q", got)
	}
	if r := byEmail["ana@example.com"]; r[2] != "yes" || r[3] != "Standard" || r[5] != "0" || r[6] != "0" {
		t.Errorf("ana = %q", r)
	}
	buf.Reset()
	if err := f.s.CustomersCSV(ctx, CustomerFilter{Tier: CustomerGuests}, 2, &buf); err != nil {
		t.Fatal(err)
	}
	if recs, _ := csv.NewReader(&buf).ReadAll(); len(recs) != 2 {
		t.Errorf("guests only: %d records, want 2", len(recs))
	}
}

// TestCustomerNotesAndTags: notes and tags are saved, tags once each in
// any letter case; too long or too many is refused with nothing saved; a
// deleted account's are wiped and it can no longer be noted.
func TestCustomerNotesAndTags(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ana := registerCustomer(t, s, "ana@example.com")
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "  Allergic to wool  ", "vip，VIP, wholesale,, "); err != nil {
		t.Fatal(err)
	}
	notes, tags, err := customerNotes(ctx, s.query, ana.ID)
	if err != nil || notes != "Allergic to wool" || !slices.Equal(tags, []string{"vip", "wholesale"}) {
		t.Fatalf("notes %q, tags %q, %v", notes, tags, err)
	}
	var verr *ValidationError
	err = s.SaveCustomerNotes(ctx, staffActor, ana.ID, strings.Repeat("x", customerNotesMax+1), strings.Repeat("t,", 2))
	if !errors.As(err, &verr) || verr.Fields["notes"] == "" {
		t.Errorf("long notes: %v", err)
	}
	err = s.SaveCustomerNotes(ctx, staffActor, ana.ID, "", strings.Repeat("x", customerTagMax+1))
	if !errors.As(err, &verr) || verr.Fields["tags"] == "" {
		t.Errorf("long tag: %v", err)
	}
	many := make([]string, customerTagsMax+1)
	for i := range many {
		many[i] = "t" + strconv.Itoa(i)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "", strings.Join(many, ",")); !errors.As(err, &verr) || verr.Fields["tags"] == "" {
		t.Errorf("too many tags: %v", err)
	}
	if notes, tags, _ := customerNotes(ctx, s.query, ana.ID); notes != "Allergic to wool" || len(tags) != 2 {
		t.Errorf("a refused save changed them: %q %q", notes, tags)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, 9999, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
	if err := s.DeleteCustomer(ctx, ana.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if notes, tags, _ := customerNotes(ctx, s.query, ana.ID); notes != "" || len(tags) != 0 {
		t.Errorf("deleted account keeps notes %q and tags %q", notes, tags)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted account: %v", err)
	}
}
