package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// CustomerRow is one customer in the admin's list. Until shoppers have
// accounts a customer is an email address: every order placed with it, in
// any letter case.
type CustomerRow struct {
	Email     string // as typed on the latest order
	Name      string // from the latest order
	Orders    int
	Spent     int64 // paid orders that were not cancelled
	LastOrder time.Time
	// AccountID is the account registered with the email, 0 for a guest;
	// Tier and Points (available) are the account's.
	AccountID int64
	Tier      string
	Points    int64
}

// CustomerPage is one page of the customer list, most recent buyer first.
type CustomerPage struct {
	Rows    []CustomerRow
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p CustomerPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// customerPerPage is the customer list's page size.
const customerPerPage = 50

// ListCustomers returns a page of the people who have ordered, grouped by
// email address; query, when given, keeps those with an order whose email
// or name contains it.
func (s *Store) ListCustomers(ctx context.Context, query string, page int) (CustomerPage, error) {
	p := CustomerPage{Page: min(max(page, 1), MaxPage), PerPage: customerPerPage}
	cond, args := "", []any(nil)
	if q := strings.TrimSpace(query); q != "" {
		pattern := "%" + likeEscaper.Replace(q) + "%"
		// The whole customer matches, not just the matching orders, so that
		// their count and total stay whole.
		cond = ` WHERE lower(email) IN (SELECT lower(email) FROM orders WHERE email LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\')`
		args = []any{pattern, pattern}
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(DISTINCT lower(email)) FROM orders`+cond, args...).
		Scan(&p.Total); err != nil {
		return p, fmt.Errorf("list customers: %w", err)
	}
	// SQLite takes the bare columns email and name from the row that holds
	// max(created_at): the latest order's.
	rows, err := s.read.QueryContext(ctx, `
		SELECT g.email, g.name, g.last, g.n, g.spent, coalesce(a.id, 0),
			CASE WHEN a.id IS NULL THEN '' ELSE coalesce(t.name, (SELECT name FROM member_tiers ORDER BY threshold LIMIT 1), '') END,
			coalesce((SELECT sum(points) FROM points_ledger WHERE customer_id = a.id AND pending = 0), 0)
		FROM (SELECT email, name, max(created_at) AS last, count(*) AS n,
				coalesce(sum(CASE WHEN payment_status = 'paid' AND status <> 'cancelled' THEN total ELSE 0 END), 0) AS spent
			FROM orders`+cond+`
			GROUP BY lower(email) ORDER BY max(created_at) DESC, lower(email) LIMIT ? OFFSET ?) g
		LEFT JOIN customers a ON a.email = g.email AND a.deleted_at IS NULL
		LEFT JOIN member_tiers t ON t.id = a.tier_id
		ORDER BY g.last DESC, lower(g.email)`,
		append(args, p.PerPage, (p.Page-1)*p.PerPage)...)
	if err != nil {
		return p, fmt.Errorf("list customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c CustomerRow
		var last int64
		if err := rows.Scan(&c.Email, &c.Name, &last, &c.Orders, &c.Spent, &c.AccountID, &c.Tier, &c.Points); err != nil {
			return p, fmt.Errorf("list customers: %w", err)
		}
		c.LastOrder = time.Unix(last, 0)
		p.Rows = append(p.Rows, c)
	}
	return p, rows.Err()
}
