package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"storefront/store/pricing"
)

// growing are the tables that grow with the shop's life: orders and what
// hangs off them, carts, customers, the catalog. A statement a purchase
// runs must find their rows through an index, not read them all.
var growing = map[string]bool{"orders": true, "order_lines": true, "order_events": true, "order_discounts": true,
	"promotion_uses": true, "carts": true, "cart_lines": true, "customers": true, "points_ledger": true, "points_lots": true,
	"returns": true, "return_lines": true, "translations": true, "variants": true, "products": true, "images": true, "sessions": true, "outbox": true}

// tables maps the names q gives its tables (their aliases, and their own
// names) to the tables: a plan says "SCAN u" for "promotion_uses u".
func tables(q string) map[string]string {
	names := map[string]string{}
	for _, m := range fromTable.FindAllStringSubmatch(q, -1) {
		names[m[1]] = m[1]
		if m[2] != "" {
			names[m[2]] = m[1]
		}
	}
	return names
}

var (
	fromTable = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?`)
	scan      = regexp.MustCompile(`^SCAN (\w+)`)
)

// TestPurchaseStatementsUseIndexes plans every statement a purchase left
// prepared on the pools' connections (product page, cart, coupon, cart
// page, checkout, order) and fails on a full scan of a growing table. SQLite chooses plans
// without statistics here, as in a new shop: an OR across two indexed
// columns was planned as a scan of every order inside checkout's write
// transaction, and only a benchmark with one returning shopper showed it.
func TestPurchaseStatementsUseIndexes(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Spend more", "type": pricing.TypeLadder,
		"rules": `{"steps":[{"min":10000,"value":1000}]}`, "combines_coupons": 1, "combines_promotions": 1})
	addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TEN", "value": 1000,
		"combines_promotions": 1, "usage_limit": 5})
	if _, err := f.s.SaveCollection(ctx, CollectionInput{Handle: "tops", Title: "Tops"}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second time as a returning shopper
		p, err := f.s.ProductByHandle(ctx, "shirt", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.RelatedProducts(ctx, p, 4); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Collections(ctx, false); err != nil {
			t.Fatal(err)
		}
		token := f.add(t, "", f.big, 2).Token
		f.add(t, token, f.mug, 1)
		if err := f.s.ApplyCoupon(ctx, token, "TEN"); err != nil {
			t.Fatal(err)
		}
		v := f.view(t, token)
		if _, _, err := f.s.PriceCheckout(ctx, v, ship); err != nil {
			t.Fatal(err)
		}
		o, _, err := f.s.PlaceOrder(ctx, checkoutFor(token, ship))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.OrderByNumber(ctx, o.Number); err != nil {
			t.Fatal(err)
		}
	}

	planned := 0
	for _, db := range []*sql.DB{f.s.write, f.s.read} {
		eachPrepared(t, db, func(q string, plan []string) {
			planned++
			names := tables(q)
			for _, step := range plan {
				if m := scan.FindStringSubmatch(step); m != nil && growing[names[m[1]]] {
					t.Errorf("%s in:\n%s", step, q)
				}
			}
		})
	}
	if planned < 20 {
		t.Fatalf("only %d statements were prepared: the connections' cache is not what this test reads", planned)
	}
}

// eachPrepared calls fn with every reading statement db's connections
// keep prepared and its plan (queryPlan).
func eachPrepared(t *testing.T, db *sql.DB, fn func(q string, plan []string)) {
	t.Helper()
	for _, c := range openConns(t, db) {
		err := c.Raw(func(dc any) error {
			sc := dc.(*stmtConn)
			for q := range sc.stmts {
				if reads(q) {
					fn(q, queryPlan(t, sc, q))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
}

// openConns takes every connection db has open, so that each one's
// statements can be read.
func openConns(t *testing.T, db *sql.DB) []*sql.Conn {
	t.Helper()
	var conns []*sql.Conn
	for range db.Stats().OpenConnections {
		c, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	return conns
}

// reads reports whether q is a statement that finds rows: not a
// migration, and not an INSERT of values, whose plan with RETURNING lists
// the foreign-key checks a delete would make.
func reads(q string) bool {
	for strings.HasPrefix(strings.TrimSpace(q), "--") {
		_, q, _ = strings.Cut(strings.TrimSpace(q), "\n")
	}
	verb, _, _ := strings.Cut(strings.TrimSpace(q), " ")
	switch strings.ToUpper(verb) {
	case "SELECT", "WITH", "UPDATE", "DELETE":
		return true
	case "INSERT":
		return strings.Contains(q, "SELECT")
	}
	return false
}

// paramCount is how many parameters q takes: the highest ?N, else its
// question marks.
func paramCount(q string) int {
	n := 0
	for _, m := range numbered.FindAllStringSubmatch(q, -1) {
		k, _ := strconv.Atoi(m[1])
		n = max(n, k)
	}
	if n == 0 {
		n = strings.Count(q, "?")
	}
	return n
}

var numbered = regexp.MustCompile(`\?(\d+)`)

// planOf is the plan SQLite chooses for q with args on s's read pool, a
// step a line.
func planOf(t *testing.T, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}

// queryPlan is the steps of EXPLAIN QUERY PLAN for q, its parameters
// bound to NULL.
func queryPlan(t *testing.T, c *stmtConn, q string) []string {
	t.Helper()
	ctx := context.Background()
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, "EXPLAIN QUERY PLAN "+q)
	if err != nil {
		t.Fatalf("plan %s: %v", q, err)
	}
	defer st.Close()
	args := make([]driver.NamedValue, paramCount(q))
	for i := range args {
		args[i].Ordinal = i + 1
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		t.Fatalf("plan %s: %v", q, err)
	}
	defer rows.Close()
	var steps []string
	row := make([]driver.Value, len(rows.Columns()))
	for {
		if err := rows.Next(row); err == io.EOF {
			return steps
		} else if err != nil {
			t.Fatalf("plan %s: %v", q, err)
		}
		steps = append(steps, strings.TrimSpace(row[3].(string)))
	}
}
