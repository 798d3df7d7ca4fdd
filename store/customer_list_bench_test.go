package store

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkListCustomers reads the admin's customer list of a shop with
// 10,000 guests and 30,000 orders (one in ten cancelled, one in fifteen
// an exchange's replacement): its first page, and every row as the CSV
// export reads them:
//
//	go test -run '^$' -bench ListCustomers ./store
func BenchmarkListCustomers(b *testing.B) {
	const customers, orders = 10_000, 30_000
	f := newBenchCartFixture(b)
	ship := flatShipping(b, f.s)
	ctx := context.Background()
	tpl := f.placeFor(b, ship, "c0@example.com", "Customer 0", f.big, 1)
	// The orders are copies of one placed order: placing 30,000 would take
	// minutes, and the list reads only the orders' own columns.
	cols := textColumns(b, f.s, `SELECT name FROM pragma_table_info('orders') WHERE name <> 'id'`)
	set := map[string]string{
		"number": `'B' || i`, "checkout_token": `'bench-' || i`, "email": `'c' || (i % ` + itoa(customers) + `) || '@example.com'`,
		"name": `'Customer ' || (i % 97)`, "created_at": `created_at - i * 60`,
		"status": `CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE status END`,
		"total":  `CASE WHEN i % 15 = 1 THEN 0 ELSE total END`,
	}
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = c
		if e, ok := set[c]; ok {
			sel[i] = e
		}
	}
	if _, err := f.s.write.Exec(`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		INSERT INTO orders (`+strings.Join(cols, ", ")+`) SELECT `+strings.Join(sel, ", ")+`
		FROM seq, orders WHERE orders.id = ?`, orders, tpl.ID); err != nil {
		b.Fatal(err)
	}
	// Each order of 0 is an exchange's replacement, named by a return on
	// the template order.
	if _, err := f.s.write.Exec(`INSERT INTO returns (order_id, resolution, reason, status, created_at, updated_at, exchange_order_id)
		SELECT ?1, 'exchange', 'too_large', 'approved', created_at, created_at, id FROM orders WHERE total = 0 AND id <> ?1`, tpl.ID); err != nil {
		b.Fatal(err)
	}
	var listed int
	if err := f.s.catchUpCustomerList(ctx); err != nil {
		b.Fatal(err)
	}
	if err := f.s.read.QueryRow(`SELECT count(*) FROM customer_list`).Scan(&listed); err != nil || listed != customers {
		b.Fatalf("%d customers listed (%v), want %d", listed, err, customers)
	}
	b.Run("page", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			if err := f.s.CustomersCSV(ctx, CustomerFilter{}, 2, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// textColumns is the first column of query's rows.
func textColumns(tb testing.TB, s *Store, query string) []string {
	tb.Helper()
	rows, err := s.read.Query(query)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			tb.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
