package store

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CustomerRow is one customer in the admin's list: an account, or a guest
// who is an email address — every order placed with it, in any letter
// case. An account's orders are those placed with its email.
type CustomerRow struct {
	Email string // the account's, or as typed on the latest order
	Name  string // the account's, or from the latest order
	// Orders counts the orders a merchant counts: not cancelled ones, nor
	// the free replacements that exchanges send (customer_list.n, kept by
	// migration 0047's triggers).
	Orders int
	// Spent is everything paid, shipping included: paid orders that were
	// not cancelled, less their refunds, since the first order.
	Spent     int64
	LastOrder time.Time // zero when there is none
	// Spend12 is what tiers count (orderSpend: merchandise, without
	// shipping, less refunds) of the orders paid in the last 12 months:
	// a member's by their account, as their tier, a guest's by email.
	Spend12 int64
	// AccountID is the account registered with the email, 0 for a guest;
	// the rest is the account's: its tier, available points, when it
	// registered and the owner's tags.
	AccountID int64
	TierID    int64
	Tier      Text
	Points    int64
	Since     time.Time
	Tags      []string
}

// CustomerFilter selects customers in the admin's list.
type CustomerFilter struct {
	Q string // in an email or a name, the account's or an order's
	// Tier is "" for anyone, CustomerGuests for those without an
	// account, or a tier's id.
	Tier string
	Tag  string // an owner's tag, any letter case
	// MinSpend keeps customers, members and guests, whose Spend12 is at
	// least this much; MinPoints members with at least this many points
	// available; OrderedDays those who ordered within that many days. 0
	// for any.
	MinSpend, MinPoints int64
	OrderedDays         int
	now                 int64 // the store's clock, for the windows
}

// CustomerGuests is the tier filter for customers without an account.
const CustomerGuests = "guest"

// CustomerPage is one page of the customer list, most recent buyer first.
type CustomerPage struct {
	Rows    []CustomerRow
	Total   int
	Page    int
	PerPage int
	Tiers   []Tier   // for the filter and the rows' tier names
	Tags    []string // every tag in use, for the filter
}

// Pages is the number of pages, at least 1.
func (p CustomerPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// customerPerPage is the customer list's page size.
const customerPerPage = 50

// ListCustomers returns a page of customers whose email or name contains
// query (all when it is empty).
func (s *Store) ListCustomers(ctx context.Context, query string, page int) (CustomerPage, error) {
	return s.ListCustomersBy(ctx, CustomerFilter{Q: query}, page)
}

// ListCustomersBy returns a page of the customers f selects: accounts,
// with or without orders, and guests, latest activity (an order, or the
// account's registration) first.
func (s *Store) ListCustomersBy(ctx context.Context, f CustomerFilter, page int) (CustomerPage, error) {
	p := CustomerPage{Page: min(max(page, 1), MaxPage), PerPage: customerPerPage}
	var err error
	if p.Tiers, err = s.Tiers(ctx); err != nil {
		return p, err
	}
	if p.Tags, err = s.CustomerTags(ctx); err != nil {
		return p, err
	}
	set, err := s.selectCustomers(ctx, f)
	if err != nil {
		return p, err
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) `+customerFrom+set.cond, set.args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("list customers: %w", err)
	}
	p.Rows, err = s.customerRows(ctx, set, p.Tiers, p.PerPage, (p.Page-1)*p.PerPage)
	return p, err
}

// customerSet is the customers a filter selects: conditions (cond, args)
// on customerFrom, as of now.
type customerSet struct {
	cond string
	args []any
	now  time.Time
}

// selectCustomers is the customers f selects, with customer_list caught up
// with the orders first.
func (s *Store) selectCustomers(ctx context.Context, f CustomerFilter) (customerSet, error) {
	if err := s.catchUpCustomerList(ctx); err != nil {
		return customerSet{}, err
	}
	set := customerSet{now: s.Now()}
	f.now = set.now.Unix()
	var err error
	set.cond, set.args, err = f.where()
	return set, err
}

// customerFrom is every customer, with their orders' figures (p, from
// customer_list: selectCustomers catches it up) and their account (a), and
// customerOrder the list's order. Account emails are stored lowercased.
const (
	customerFrom = `
	FROM customer_list p LEFT JOIN customers a ON a.email = p.k AND a.deleted_at IS NULL`
	customerOrder = `
	ORDER BY p.active DESC, p.k`
)

// catchUpCustomerList adds the orders placed since it last ran to
// customer_list (the triggers of migration 0025 and after follow every
// other change).
// The orders are added when the list is read rather than as they are
// placed, to keep the purchase's writes few; customerListBatch at a time,
// so that purchases meanwhile wait for one batch, not for a day's orders.
func (s *Store) catchUpCustomerList(ctx context.Context) error {
	const behind = `SELECT coalesce((SELECT max(id) FROM orders), 0) > order_id FROM customer_list_upto`
	var more bool
	if err := s.read.QueryRowContext(ctx, behind).Scan(&more); err != nil {
		return fmt.Errorf("customer list: %w", err)
	}
	for more {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var upto int64
			if err := tx.QueryRowContext(ctx, `SELECT order_id FROM customer_list_upto`).Scan(&upto); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_list_stale (k)
				SELECT DISTINCT lower(email) FROM orders WHERE id > ?1 AND id <= ?2`, upto, upto+customerListBatch); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE customer_list_upto
				SET order_id = min(coalesce((SELECT max(id) FROM orders), 0), ?)`, upto+customerListBatch); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, behind).Scan(&more)
		})
		if err != nil {
			return fmt.Errorf("customer list: %w", err)
		}
	}
	return nil
}

// customerListBatch is how many orders catchUpCustomerList adds in one
// transaction: 20-35 ms of the writer's time.
var customerListBatch int64 = 1000

// where is f as SQL conditions on customerFrom.
func (f CustomerFilter) where() (string, []any, error) {
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Q); q != "" {
		pattern, err := containsPattern(q)
		if err != nil {
			return "", nil, err
		}
		args = append(args, pattern)
		// Any of the customer's orders' emails (which k is, in any letter
		// case, as LIKE is) or names, or the account's name.
		conds = append(conds, strings.ReplaceAll(`(p.k LIKE ?1 ESCAPE '\' OR p.names LIKE ?1 ESCAPE '\'
			OR a.name LIKE ?1 ESCAPE '\')`, "?1", lastParam(args)))
	}
	switch f.Tier {
	case "":
	case CustomerGuests:
		conds = append(conds, `a.id IS NULL`)
	default:
		// An account with no tier worked out yet is in the lowest.
		id, _ := strconv.ParseInt(f.Tier, 10, 64)
		args = append(args, id)
		conds = append(conds, `coalesce(a.tier_id, (SELECT id FROM member_tiers ORDER BY threshold LIMIT 1)) = `+lastParam(args))
		conds = append(conds, `a.id IS NOT NULL`)
	}
	if f.MinSpend > 0 {
		args = append(args, spend12Since(time.Unix(f.now, 0)), f.MinSpend)
		conds = append(conds, customerSpend12(lastParam(args[:len(args)-1]))+` >= `+lastParam(args))
	}
	if f.MinPoints > 0 {
		args = append(args, f.MinPoints)
		conds = append(conds, `a.id IS NOT NULL AND (SELECT coalesce(sum(points), 0) FROM points_ledger
			WHERE customer_id = a.id AND pending = 0) >= `+lastParam(args))
	}
	if f.OrderedDays > 0 {
		args = append(args, f.now-int64(f.OrderedDays)*86400)
		conds = append(conds, `p.last >= `+lastParam(args))
	}
	if f.Tag != "" {
		args = append(args, f.Tag)
		conds = append(conds, `a.id IN (SELECT customer_id FROM customer_tags WHERE tag = `+lastParam(args)+`)`)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// customerSpend12 is the SQL of a customer's Spend12 (on customerFrom),
// counting orders paid from the parameter since (spend12Since): the list's
// column and its filter are the same figure.
func customerSpend12(since string) string {
	counts := ` AND o.payment_status = 'paid' AND o.status <> 'cancelled' AND o.paid_at >= ` + since + `), 0)`
	return `max(CASE WHEN a.id IS NULL
		THEN coalesce((SELECT sum(` + orderSpend + `) FROM orders o WHERE o.email = p.k COLLATE NOCASE` + counts + `
		ELSE coalesce((SELECT sum(` + orderSpend + `) FROM orders o WHERE o.customer_id = a.id` + counts + ` END, 0)`
}

// spend12Since is when the 12 months of Spend12 began, at now: the tiers'
// window.
func spend12Since(now time.Time) int64 { return now.AddDate(0, -tierWindowMonths, 0).Unix() }

// lastParam is the SQL parameter of the last of args.
func lastParam(args []any) string { return "?" + strconv.Itoa(len(args)) }

// customerRows reads the customers of set, limit from offset (limit
// -1: all of them).
func (s *Store) customerRows(ctx context.Context, set customerSet, tiers []Tier, limit, offset int) ([]CustomerRow, error) {
	args := append(slices.Clone(set.args), set.now.Unix(), spend12Since(set.now), limit, offset)
	at, since := "?"+strconv.Itoa(len(args)-3), "?"+strconv.Itoa(len(args)-2)
	// Points are counted as the daily settling would leave them now: a
	// lot past its expiry has none, a pending one past its release date
	// is available.
	rows, err := s.read.QueryContext(ctx, `
		SELECT coalesce(a.email, p.email), CASE WHEN coalesce(a.name, '') <> '' THEN a.name ELSE p.name END,
			coalesce(p.last, 0), p.n, p.spent, `+customerSpend12(since)+`, coalesce(a.id, 0), coalesce(a.tier_id, 0),
			coalesce(a.created_at, 0),
			CASE WHEN a.id IS NULL THEN 0 ELSE coalesce((SELECT sum(e.points) FROM points_ledger e JOIN points_lots l ON l.id = e.lot_id
				WHERE e.customer_id = a.id AND l.expires_at > `+at+` AND (e.pending = 0 OR l.available_at <= `+at+`)), 0) END,
			CASE WHEN a.id IS NULL THEN '' ELSE coalesce((SELECT group_concat(tag, char(31)) FROM customer_tags WHERE customer_id = a.id), '') END
		`+customerFrom+set.cond+customerOrder+`
		LIMIT ?`+strconv.Itoa(len(args)-1)+` OFFSET ?`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	var out []CustomerRow
	for rows.Next() {
		var c CustomerRow
		var last, since int64
		var tags string
		if err := rows.Scan(&c.Email, &c.Name, &last, &c.Orders, &c.Spent, &c.Spend12, &c.AccountID, &c.TierID, &since, &c.Points, &tags); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list customers: %w", err)
		}
		if last != 0 {
			c.LastOrder = time.Unix(last, 0)
		}
		if c.AccountID != 0 {
			c.Since = time.Unix(since, 0)
			c.Tags = strings.Split(tags, "\x1f")
			if tags == "" {
				c.Tags = nil
			}
			slices.Sort(c.Tags)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	// A member's tier is worked out as their account page works it out.
	for i := range out {
		c := &out[i]
		if c.AccountID == 0 || len(tiers) == 0 {
			continue
		}
		c.Tier = tiers[0].Name
		for _, t := range tiers {
			if t.ID == c.TierID {
				c.Tier = t.Name
			}
		}
	}
	return out, nil
}

// customerCSVHeader is the customers CSV's first line.
var customerCSVHeader = []string{"Email", "Name", "Account", "Tier", "Spend 12 months", "Points", "Orders", "Spent",
	"Last order", "Registered", "Tags"}

// CustomersCSV writes every customer f selects to w as CSV; money in the
// shop's currency units (exp decimals), tier names in the shop's language.
func (s *Store) CustomersCSV(ctx context.Context, f CustomerFilter, exp int, w io.Writer) error {
	tiers, err := s.Tiers(ctx)
	if err != nil {
		return err
	}
	set, err := s.selectCustomers(ctx, f)
	if err != nil {
		return err
	}
	rows, err := s.customerRows(ctx, set, tiers, -1, 0)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(customerCSVHeader); err != nil {
		return err
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(csvTime)
	}
	for _, c := range rows {
		account, points := "no", ""
		if c.AccountID != 0 {
			account, points = "yes", strconv.FormatInt(c.Points, 10)
		}
		// Names, emails and tags are typed by shoppers and staff.
		if err := cw.Write(EscapeCSVRecord([]string{c.Email, c.Name, account, c.Tier.Default, FormatDecimal(c.Spend12, exp), points,
			strconv.Itoa(c.Orders), FormatDecimal(c.Spent, exp), day(c.LastOrder), day(c.Since),
			strings.Join(c.Tags, ", ")})); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
