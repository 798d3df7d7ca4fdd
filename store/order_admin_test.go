package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// placeFor places a bank-transfer order for name <email> of the given
// variants and quantities (pairs).
func (f *cartFixture) placeFor(t testing.TB, ship int64, email, name string, items ...int64) *Order {
	t.Helper()
	token := ""
	for i := 0; i+1 < len(items); i += 2 {
		token = f.add(t, token, items[i], items[i+1]).Token
	}
	in := checkoutFor(token, ship)
	in.Email, in.Name = email, name
	o, _, err := f.s.PlaceOrder(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func numbers(p OrderListPage) []string {
	var out []string
	for _, r := range p.Rows {
		out = append(out, r.Number)
	}
	return out
}

func TestListOrdersFiltersAndSearch(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	ana := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.small, 1, f.mug, 2)
	f.clockOffset = 48 * time.Hour
	bo := f.placeFor(t, ship, "bo@example.org", "Bo Chen", f.big, 1)
	f.clockOffset = 96 * time.Hour
	cy := f.placeFor(t, ship, "cy@example.net", "Cy Twombly", f.mug, 1)
	if _, err := f.s.MarkPaid(ctx, staffActor, bo.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelOrder(ctx, staffActor, cy.ID); err != nil {
		t.Fatal(err)
	}

	all, err := f.s.ListOrders(ctx, OrderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(numbers(all), " "); all.Total != 3 || got != cy.Number+" "+bo.Number+" "+ana.Number {
		t.Fatalf("all orders = %d %q, want newest first", all.Total, got)
	}
	if r := all.Rows[2]; r.Items != 3 || r.Name != "Ana Lima" || r.Total != ana.Total || r.PaymentMethod != PayBankTransfer {
		t.Errorf("ana's row = %+v", r)
	}
	dash := ana.Number
	tests := []struct {
		name string
		f    OrderFilter
		want []string
	}{
		{"open", OrderFilter{Status: OrderOpen}, []string{bo.Number, ana.Number}},
		{"cancelled", OrderFilter{Status: OrderCancelled}, []string{cy.Number}},
		{"paid", OrderFilter{Payment: PaymentPaid}, []string{bo.Number}},
		{"pending and open", OrderFilter{Status: OrderOpen, Payment: PaymentPending}, []string{ana.Number}},
		{"to ship", OrderFilter{Fulfillment: FulfillmentToShip}, []string{bo.Number}},
		{"unfulfilled", OrderFilter{Fulfillment: FulfillmentNone}, []string{cy.Number, bo.Number, ana.Number}},
		{"number lower case without dash", OrderFilter{Query: strings.ToLower(dash[:4] + dash[5:])}, []string{ana.Number}},
		{"number as typed", OrderFilter{Query: " " + dash + " "}, []string{ana.Number}},
		{"number's first part", OrderFilter{Query: strings.ToLower(dash[:4])}, []string{ana.Number}},
		{"number spaced as on a bank statement", OrderFilter{Query: dash[:4] + " " + dash[5:]}, []string{ana.Number}},
		{"number's middle", OrderFilter{Query: dash[2:4] + dash[5:7]}, []string{ana.Number}},
		{"email part", OrderFilter{Query: "EXAMPLE.ORG"}, []string{bo.Number}},
		{"name part", OrderFilter{Query: "twomb"}, []string{cy.Number}},
		{"like is literal", OrderFilter{Query: "%"}, nil},
		{"from", OrderFilter{From: f.s.Now().Add(-time.Hour)}, []string{cy.Number}},
		{"to", OrderFilter{To: f.s.Now().Add(-60 * time.Hour)}, []string{ana.Number}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := f.s.ListOrders(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbers(p); strings.Join(got, " ") != strings.Join(tt.want, " ") || p.Total != len(tt.want) {
				t.Errorf("got %v (total %d), want %v", got, p.Total, tt.want)
			}
		})
	}
	page2, _ := f.s.ListOrders(ctx, OrderFilter{Page: 2, PerPage: 2})
	if page2.Total != 3 || page2.Pages() != 2 || len(page2.Rows) != 1 || page2.Rows[0].ID != ana.ID {
		t.Errorf("page 2 of 2 = %+v", page2)
	}
	counts, err := f.s.CountOrders(ctx)
	if err != nil || counts.ToShip != 1 || counts.AwaitingPayment != 1 {
		t.Errorf("CountOrders = %+v, %v; want 1 to ship, 1 awaiting payment", counts, err)
	}
}

// TestListOrdersManyOrders lists a shop with thousands of orders: the
// default list walks the created_at index instead of sorting the table,
// and counts and pages stay right.
func TestListOrdersManyOrders(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	first := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 1)
	const copies = 3000
	_, err := f.s.write.Exec(`
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO orders (number, access_key, checkout_token, status, payment_status, payment_method, email, name,
			shipping_method, shipping_kind, currency, prices_include_tax, tax_rate_bp, subtotal, discount, shipping,
			tax, total, created_at, updated_at)
		SELECT printf('T%03d-%04d', i / 10000, i % 10000), 'k', 'tok' || i,
			CASE WHEN i % 5 = 0 THEN 'cancelled' ELSE 'open' END, CASE WHEN i % 2 = 0 THEN 'paid' ELSE 'pending' END,
			'cod', 'buyer' || (i % 100) || '@example.com', 'Buyer ' || i, 'Standard', 'flat', 'USD', 1, 0,
			1000, 0, 0, 0, 1000, o.created_at - i, o.created_at - i
		FROM n, orders o WHERE o.id = ?`, copies, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.s.ListOrders(ctx, OrderFilter{Page: 3, PerPage: 50})
	if err != nil || p.Total != copies+1 || len(p.Rows) != 50 || p.Pages() != 61 {
		t.Fatalf("page 3 = %d rows of %d, %d pages, %v", len(p.Rows), p.Total, p.Pages(), err)
	}
	if p.Rows[0].CreatedAt.After(p.Rows[49].CreatedAt) == false {
		t.Error("page not newest first")
	}
	open, _ := f.s.ListOrders(ctx, OrderFilter{Status: OrderOpen, Payment: PaymentPaid})
	if want := copies/2 - copies/10; open.Total != want {
		t.Errorf("open and paid = %d, want %d", open.Total, want)
	}
	cond, args, _ := OrderFilter{Status: OrderOpen}.where()
	plan := planOf(t, f.s, `SELECT o.id FROM orders o`+cond+` ORDER BY o.created_at DESC, o.id DESC LIMIT 50`, args...)
	if !strings.Contains(plan, "orders_created_idx") || strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("the list sorts instead of walking the index:\n%s", plan)
	}
	byNumber, _ := f.s.ListOrders(ctx, OrderFilter{Query: "t000-0042"})
	if byNumber.Total != 1 || byNumber.Rows[0].Number != "T000-0042" {
		t.Errorf("search by number among many = %v", numbers(byNumber))
	}
}

func outboxCount(t *testing.T, s *Store, orderID int64, kind string) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, orderID, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFulfillPartlyThenTheRest(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	o := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.small, 2, f.mug, 1)
	shirt, mug := o.Lines[0], o.Lines[1]

	var ve *ValidationError
	_, err := f.s.FulfillOrder(ctx, staffActor, o.ID, map[int64]int64{shirt.ID: 3}, "", "")
	if !errors.As(err, &ve) || ve.Fields[FulfilQtyField(shirt.ID)] != "error.fulfil_too_many" {
		t.Fatalf("over-fulfil = %v", err)
	}
	_, err = f.s.FulfillOrder(ctx, staffActor, o.ID, map[int64]int64{shirt.ID: 0, mug.ID: 0}, "", "")
	if !errors.As(err, &ve) || ve.Fields["lines"] == "" {
		t.Fatalf("empty parcel = %v", err)
	}
	if _, err = f.s.FulfillOrder(ctx, staffActor, o.ID, map[int64]int64{999: 1}, "", ""); !errors.As(err, &ve) {
		t.Fatalf("a line of another order = %v", err)
	}
	first, err := f.s.FulfillOrder(ctx, staffActor, o.ID, map[int64]int64{shirt.ID: 1}, "DHL", " JD0001 ")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.OrderByID(ctx, o.ID)
	if got.FulfillmentStatus != FulfillmentPartial || got.Lines[0].FulfilledQuantity != 1 || got.Lines[1].FulfilledQuantity != 0 {
		t.Fatalf("after the first parcel: %s, lines %+v", got.FulfillmentStatus, got.Lines)
	}
	if len(got.Fulfillments) != 1 || got.Fulfillments[0].TrackingNumber != "JD0001" || got.Fulfillments[0].Carrier != "DHL" {
		t.Errorf("parcels = %+v", got.Fulfillments)
	}
	var ref int64
	f.s.read.QueryRow(`SELECT ref_id FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, EmailShipped).Scan(&ref)
	if ref != first {
		t.Errorf("shipped email ref = %d, want fulfillment %d", ref, first)
	}

	// The rest, with nil meaning everything left.
	if _, err := f.s.FulfillOrder(ctx, staffActor, o.ID, nil, "DHL", "JD0002"); err != nil {
		t.Fatal(err)
	}
	got, _ = f.s.OrderByID(ctx, o.ID)
	if got.FulfillmentStatus != FulfillmentDone || got.Lines[0].Unfulfilled() != 0 || got.Lines[1].Unfulfilled() != 0 {
		t.Fatalf("after the rest: %s, lines %+v", got.FulfillmentStatus, got.Lines)
	}
	if n := outboxCount(t, f.s, o.ID, EmailShipped); n != 2 {
		t.Errorf("shipped emails = %d, want 2", n)
	}
	if len(got.Fulfillments) != 2 || len(got.Fulfillments[1].Lines) != 2 {
		t.Errorf("second parcel = %+v", got.Fulfillments)
	}
	if last := got.Events[len(got.Events)-1]; last.Kind != EventFulfilled || last.Detail != "DHL JD0002" || last.StaffEmail != staffActor.Email {
		t.Errorf("last event = %+v", last)
	}
	if _, err := f.s.FulfillOrder(ctx, staffActor, o.ID, nil, "", ""); !errors.As(err, &ve) || ve.Fields["lines"] == "" {
		t.Errorf("fulfilling a shipped order = %v", err)
	}
	if err := f.s.CancelOrder(ctx, staffActor, o.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("cancel a shipped order = %v, want ErrConflict", err)
	}
	log, _ := f.s.AuditLog(ctx, AuditFilter{Action: ActionOrderFulfil})
	if log.Total != 2 {
		t.Errorf("fulfil audit entries = %d, want 2", log.Total)
	}

	cancelled := f.placeFor(t, ship, "bo@example.org", "Bo", f.mug, 1)
	f.s.CancelOrder(ctx, staffActor, cancelled.ID)
	if _, err := f.s.FulfillOrder(ctx, staffActor, cancelled.ID, nil, "", ""); !errors.Is(err, ErrConflict) {
		t.Errorf("fulfil a cancelled order = %v, want ErrConflict", err)
	}
	if _, err := f.s.FulfillOrder(ctx, staffActor, 9999, nil, "", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("fulfil no order = %v", err)
	}
	if _, err := f.s.FulfillOrder(ctx, staffActor, o.ID, nil, strings.Repeat("x", 201), ""); !errors.As(err, &ve) || ve.Fields["carrier"] == "" {
		t.Errorf("long carrier = %v", err)
	}
}

// TestFulfilTwiceAtOnce: two people press "fulfil all" together; one
// parcel is made and nothing ships twice.
func TestFulfilTwiceAtOnce(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	o := f.placeFor(t, ship, "ana@example.com", "Ana", f.big, 3)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = f.s.FulfillOrder(context.Background(), staffActor, o.ID, nil, "", "") })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		var ve *ValidationError
		switch {
		case err == nil:
			ok++
		case !errors.As(err, &ve):
			t.Errorf("unexpected error %v", err)
		}
	}
	got, _ := f.s.OrderByID(context.Background(), o.ID)
	if ok != 1 || len(got.Fulfillments) != 1 || got.Lines[0].FulfilledQuantity != 3 {
		t.Errorf("%d parcels made, %d recorded, fulfilled %d", ok, len(got.Fulfillments), got.Lines[0].FulfilledQuantity)
	}
}

func TestAddOrderNote(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	o := f.placeFor(t, ship, "ana@example.com", "Ana", f.mug, 1)
	var ve *ValidationError
	if err := f.s.AddOrderNote(ctx, staffActor, o.ID, "  \r\n "); !errors.As(err, &ve) {
		t.Errorf("empty note = %v", err)
	}
	if err := f.s.AddOrderNote(ctx, staffActor, o.ID, strings.Repeat("é", 2001)); !errors.As(err, &ve) {
		t.Errorf("long note = %v", err)
	}
	if err := f.s.AddOrderNote(ctx, staffActor, 999, "hello"); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on no order = %v", err)
	}
	if err := f.s.AddOrderNote(ctx, staffActor, o.ID, " Called the customer.\r\nWill pay Friday. "); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.OrderByID(ctx, o.ID)
	last := got.Events[len(got.Events)-1]
	if last.Kind != EventNote || last.Detail != "Called the customer.\nWill pay Friday." || last.StaffEmail != staffActor.Email {
		t.Errorf("note event = %+v", last)
	}
	if log, _ := f.s.AuditLog(ctx, AuditFilter{Action: ActionOrderNote}); log.Total != 1 {
		t.Errorf("note audit entries = %d", log.Total)
	}
}

func TestOrdersCSV(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	two := f.placeFor(t, ship, "ana@example.com", "Ana, \"the buyer\"", f.small, 2, f.mug, 1)
	f.clockOffset = time.Hour
	one := f.placeFor(t, ship, "bo@example.org", "Bo", f.mug, 3)
	f.s.CancelOrder(ctx, staffActor, one.ID)

	var buf bytes.Buffer
	if err := f.s.OrdersCSV(ctx, OrderFilter{}, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+3 {
		t.Fatalf("%d records, want a header and 3 lines", len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	bo, ana1, ana2 := recs[1], recs[2], recs[3]
	if bo[col["Name"]] != one.Number || bo[col["Total"]] != "55.00" || bo[col["Cancelled at"]] == "" || bo[col["Lineitem quantity"]] != "3" {
		t.Errorf("bo's row = %v", bo)
	}
	if ana1[col["Name"]] != two.Number || ana1[col["Lineitem name"]] != "Shirt - S" || ana1[col["Lineitem price"]] != "49.00" ||
		ana1[col["Lineitem sku"]] != "SH-S" || ana1[col["Total"]] != "123.00" || ana1[col["Shipping Name"]] != "Ana, \"the buyer\"" ||
		ana1[col["Financial Status"]] != "pending" || ana1[col["Payment Method"]] != PayBankTransfer {
		t.Errorf("ana's first row = %v", ana1)
	}
	if ana2[col["Name"]] != two.Number || ana2[col["Total"]] != "" || ana2[col["Lineitem sku"]] != "MUG" || ana2[col["Email"]] != "ana@example.com" {
		t.Errorf("ana's second row = %v", ana2)
	}

	buf.Reset()
	if err := f.s.OrdersCSV(ctx, OrderFilter{Status: OrderCancelled}, &buf); err != nil {
		t.Fatal(err)
	}
	if recs, _ := csv.NewReader(&buf).ReadAll(); len(recs) != 2 {
		t.Errorf("cancelled only: %d records, want 2", len(recs))
	}
}

func TestListCustomersGroupsByEmail(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	a1 := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 1)
	f.clockOffset = time.Hour
	a2 := f.placeFor(t, ship, "Ana@Example.com", "Ana L. Souza", f.mug, 2)
	f.clockOffset = 2 * time.Hour
	a3 := f.placeFor(t, ship, "ana@example.com", "Ana Lima", f.mug, 1)
	f.clockOffset = 3 * time.Hour
	f.placeFor(t, ship, "bo@example.org", "Bo", f.big, 1)
	f.s.MarkPaid(ctx, staffActor, a1.ID)
	f.s.MarkPaid(ctx, staffActor, a2.ID)
	f.s.MarkPaid(ctx, staffActor, a3.ID)
	f.s.CancelOrder(ctx, staffActor, a3.ID)

	p, err := f.s.ListCustomers(ctx, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 2 || len(p.Rows) != 2 {
		t.Fatalf("customers = %+v", p)
	}
	bo, ana := p.Rows[0], p.Rows[1]
	if bo.Email != "bo@example.org" || bo.Orders != 1 || bo.Spent != 0 {
		t.Errorf("bo = %+v", bo)
	}
	// The cancelled order is not among the orders, but is still the latest.
	if ana.Orders != 2 || ana.Spent != a1.Total+a2.Total || ana.Name != "Ana Lima" || !ana.LastOrder.Equal(a3.CreatedAt) {
		t.Errorf("ana = %+v, want 2 orders, spent %d", ana, a1.Total+a2.Total)
	}
	// A search by an older name still finds the whole customer.
	found, _ := f.s.ListCustomers(ctx, "souza", 1)
	if found.Total != 1 || found.Rows[0].Orders != 2 {
		t.Errorf("search souza = %+v", found)
	}
	if none, _ := f.s.ListCustomers(ctx, "nobody", 1); none.Total != 0 || len(none.Rows) != 0 {
		t.Errorf("search nobody = %+v", none)
	}
}

func TestFinancialStatus(t *testing.T) {
	for _, tt := range []struct {
		payment         string
		total, refunded int64
		want            string
	}{
		{PaymentPending, 25300, 0, PaymentPending},
		{PaymentPaid, 25300, 0, PaymentPaid},
		{PaymentPaid, 25300, 17476, PaymentPartlyRefunded},
		{PaymentPaid, 25300, 25300, PaymentRefunded},
		{PaymentPaid, 0, 0, PaymentPaid}, // a free order
	} {
		if got := FinancialStatus(tt.payment, tt.total, tt.refunded); got != tt.want {
			t.Errorf("FinancialStatus(%s, %d, %d) = %s, want %s", tt.payment, tt.total, tt.refunded, got, tt.want)
		}
	}
}

// TestOrderListAndExportCarryRefunds: a paid order whose return was
// refunded is still paid (PaymentStatus), but its list row and export
// carry what went back, and OrderRefunds says how and when, so that the
// admin can show what the order netted.
func TestOrderListAndExportCarryRefunds(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 3, 0)
	f.clockOffset = time.Hour
	kept := f.shippedOrder(t, nil, 1, 0)
	var refunds []int64
	for range 2 {
		id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
			Reason: "damaged", Resolution: ResolutionRefund})
		if err != nil {
			t.Fatal(err)
		}
		f.clockOffset += time.Hour
		refundWhole(t, f.s, id)
		refunds = append(refunds, id)
	}

	returns, err := f.s.OrderReturns(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := OrderRefunds(returns)
	var refunded int64
	for i, r := range got {
		refunded += r.Amount
		if r.ReturnID != refunds[i] || r.Amount <= 0 || r.Method != "bank_transfer" || r.At.IsZero() {
			t.Errorf("refund %d = %+v", i, r)
		}
	}
	if len(got) != 2 || !got[0].At.Before(got[1].At) || refunded >= o.Total {
		t.Fatalf("refunds = %+v of an order of %d", got, o.Total)
	}
	if returns, err := f.s.OrderReturns(ctx, kept.ID); err != nil || len(OrderRefunds(returns)) != 0 {
		t.Errorf("an order without returns has refunds %+v, %v", OrderRefunds(returns), err)
	}

	list, err := f.s.ListOrders(ctx, OrderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int64]OrderRow{}
	for _, r := range list.Rows {
		rows[r.ID] = r
	}
	if r := rows[o.ID]; r.Refunded != refunded || r.PaymentStatus != PaymentPaid || r.FinancialStatus() != PaymentPartlyRefunded {
		t.Errorf("the refunded order's row = %+v (%s), want %d refunded", r, r.FinancialStatus(), refunded)
	}
	if r := rows[kept.ID]; r.Refunded != 0 || r.FinancialStatus() != PaymentPaid {
		t.Errorf("the kept order's row = %+v (%s)", r, r.FinancialStatus())
	}
	// The payment filter lists what the badge says.
	for payment, want := range map[string]int64{PaymentPartlyRefunded: o.ID, PaymentPaid: kept.ID} {
		page, err := f.s.ListOrders(ctx, OrderFilter{Payment: payment})
		if err != nil || len(page.Rows) != 1 || page.Rows[0].ID != want {
			t.Errorf("payment %s lists %+v, %v; want order %d alone", payment, page.Rows, err, want)
		}
	}
	if page, _ := f.s.ListOrders(ctx, OrderFilter{Payment: PaymentRefunded}); len(page.Rows) != 0 {
		t.Errorf("refunded in full lists %+v", page.Rows)
	}

	var buf bytes.Buffer
	if err := f.s.OrdersCSV(ctx, OrderFilter{}, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[string]string{kept.Number: "0.00", o.Number: FormatDecimal(refunded, 2)}
	for _, rec := range recs[1:] {
		if got := rec[col["Refunded Amount"]]; got != want[rec[col["Name"]]] || rec[col["Financial Status"]] != PaymentPaid {
			t.Errorf("%s: Refunded Amount %q, Financial Status %q; want %q, paid", rec[col["Name"]], got,
				rec[col["Financial Status"]], want[rec[col["Name"]]])
		}
	}
}
