package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// EntityTierText is a tier's translated name and perks.
const EntityTierText = "tier"

// Tier is a membership tier: earned by paid spend over a rolling 12
// months (Threshold, minor units), with its perks.
type Tier struct {
	ID               int64
	Name             Text
	Perks            Text
	Threshold        int64
	DiscountBP       int64 // member discount, basis points
	MultiplierBP     int64 // points multiplier: 10000 is ×1
	FreeShippingOver int64 // 0: no lower free-shipping threshold
	EarlyAccess      time.Duration
	BirthdayCoupon   int64
	BirthdayMessage  Text  // the birthday email's words; empty for the shop's default
	Version          int64 // what the tier's form was opened at
}

// TierWindow is how far back spend counts toward a tier.
const tierWindowMonths = 12

// Tiers are the shop's tiers, lowest threshold first; deleted ones are
// gone.
func (s *Store) Tiers(ctx context.Context) ([]Tier, error) {
	return readTiers(ctx, s.query)
}

func readTiers(ctx context.Context, query queryFunc) ([]Tier, error) {
	rows, err := query(ctx, `SELECT id, name, perks, threshold, discount_bp, points_multiplier_bp,
		coalesce(free_shipping_over, 0), early_access_minutes, birthday_coupon, birthday_message, version
		FROM member_tiers WHERE deleted_at IS NULL ORDER BY threshold`)
	if err != nil {
		return nil, fmt.Errorf("tiers: %w", err)
	}
	var out []Tier
	for rows.Next() {
		var t Tier
		var minutes int64
		if err := rows.Scan(&t.ID, &t.Name.Default, &t.Perks.Default, &t.Threshold, &t.DiscountBP, &t.MultiplierBP,
			&t.FreeShippingOver, &minutes, &t.BirthdayCoupon, &t.BirthdayMessage.Default, &t.Version); err != nil {
			rows.Close()
			return nil, err
		}
		t.EarlyAccess = time.Duration(minutes) * time.Minute
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tr, err := loadTranslations(ctx, query, EntityTierText, nil)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Name = tr.text(out[i].ID, "name", out[i].Name.Default)
		out[i].Perks = tr.text(out[i].ID, "perks", out[i].Perks.Default)
		out[i].BirthdayMessage = tr.text(out[i].ID, "birthday_message", out[i].BirthdayMessage.Default)
	}
	return out, nil
}

// orderSpend is what an order of spendOrders (o) counts toward a tier:
// its merchandise, shipping and refunds out.
const orderSpend = `o.total - o.shipping - coalesce((SELECT sum(r.refund_amount) FROM returns r WHERE r.order_id = o.id), 0)`

// spendOrders are a customer's (the first argument) orders whose spend
// counts, paid from the second argument (Unix seconds) on.
const spendOrders = `FROM orders o WHERE o.customer_id = ? AND o.payment_status = 'paid' AND o.status <> 'cancelled' AND o.paid_at >= ?`

// spendSince is the customer's paid spend on merchandise (shipping out,
// refunds out) of orders paid from since: what tiers are earned by.
func spendSince(ctx context.Context, query queryFunc, customerID int64, since time.Time) (int64, error) {
	var spend int64
	err := queryRowOf(ctx, query, `SELECT coalesce(sum(`+orderSpend+`), 0) `+spendOrders,
		customerID, since.Unix()).Scan(&spend)
	if err != nil {
		return 0, fmt.Errorf("spend: %w", err)
	}
	return max(spend, 0), nil
}

// queryRowOf is QueryRow through a queryFunc: the first row's scan.
func queryRowOf(ctx context.Context, query queryFunc, q string, args ...any) rowOf {
	rows, err := query(ctx, q, args...)
	return rowOf{rows, err}
}

type rowOf struct {
	rows *sql.Rows
	err  error
}

func (r rowOf) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	return r.rows.Scan(dest...)
}

// earnedTier is the highest tier whose threshold spend reaches.
func earnedTier(tiers []Tier, spend int64) Tier {
	var best Tier
	for _, t := range tiers {
		if spend >= t.Threshold {
			best = t
		}
	}
	return best
}

// recalcTier works the customer's tier out again from their spend (a paid
// membership still running holds its tier if higher) and records a change
// with its reason.
func recalcTier(ctx context.Context, tx *sql.Tx, customerID int64, reason string, orderID int64, now time.Time) error {
	tiers, err := readTiers(ctx, tx.QueryContext)
	if err != nil || len(tiers) == 0 {
		return err
	}
	spend, err := spendSince(ctx, tx.QueryContext, customerID, now.AddDate(0, -tierWindowMonths, 0))
	if err != nil {
		return err
	}
	var current sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT tier_id FROM customers WHERE id = ?`, customerID).Scan(&current); err != nil {
		return fmt.Errorf("tier: %w", err)
	}
	next := earnedTier(tiers, spend)
	paid, _, err := paidTier(ctx, tx.QueryContext, customerID, now)
	if err != nil {
		return err
	}
	for _, t := range tiers {
		if t.ID == paid && t.Threshold > next.Threshold {
			next = t
		}
	}
	// No tier yet is the lowest.
	if (current.Valid && current.Int64 == next.ID) || (!current.Valid && next.ID == tiers[0].ID) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customers SET tier_id = ? WHERE id = ?`, next.ID, customerID); err != nil {
		return fmt.Errorf("tier: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO customer_tier_history (customer_id, from_tier_id, to_tier_id, spend, reason, order_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, customerID, current, next.ID, spend, reason, nullIfZero(orderID), now.Unix())
	return err
}

// recalcOrderTier is recalcTier for the order's customer, if it has one.
func recalcOrderTier(ctx context.Context, tx *sql.Tx, orderID int64, reason string, now time.Time) error {
	var customerID sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT customer_id FROM orders WHERE id = ?`, orderID).Scan(&customerID); err != nil {
		return fmt.Errorf("tier: %w", err)
	}
	if !customerID.Valid {
		return nil
	}
	return recalcTier(ctx, tx, customerID.Int64, reason, orderID, now)
}

// RecalcTiers is the daily pass that lets spend age out of the 12 months
// (and paid memberships end): every customer with a tier above the lowest,
// or with spend in the window, is worked out again.
func (s *Store) RecalcTiers(ctx context.Context) error {
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error { return recalcEveryTier(ctx, tx, "ageing", now) })
}

// recalcEveryTier is RecalcTiers inside tx, each change recorded with
// reason.
func recalcEveryTier(ctx context.Context, tx *sql.Tx, reason string, now time.Time) error {
	return recalcTiersOf(ctx, tx, reason, now, `SELECT id FROM customers WHERE deleted_at IS NULL AND (tier_id IS NOT NULL
		OR id IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND paid_at >= ?))`,
		now.AddDate(0, -tierWindowMonths, 0).Unix())
}

// recalcTiersOf works out again the tier of each customer whose id query
// selects.
func recalcTiersOf(ctx context.Context, tx *sql.Tx, reason string, now time.Time, query string, args ...any) error {
	ids, err := queryIDs(ctx, tx, query, args...)
	if err != nil {
		return fmt.Errorf("recalc tiers: %w", err)
	}
	for _, id := range ids {
		if err := recalcTier(ctx, tx, id, reason, 0, now); err != nil {
			return err
		}
	}
	return nil
}

// tierMultiplier is the points multiplier of the customer's tier.
func tierMultiplier(ctx context.Context, tx *sql.Tx, customerID int64, now time.Time) (int64, error) {
	var bp int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT t.points_multiplier_bp FROM customers c
		JOIN member_tiers t ON t.id = c.tier_id WHERE c.id = ?), 10000)`, customerID).Scan(&bp)
	return bp, err
}

// TierStatus is where a customer stands: their tier, their spend in the
// window, and what the next tier needs (or what keeps the current one).
type TierStatus struct {
	Tier  Tier
	Spend int64
	// Next is the tier above, and More the spend it still needs; zero
	// when at the top.
	Next Tier
	More int64
	// Keep is the spend that must be added by KeepBy's day to keep Tier
	// once the window's orders leaving by that day's end are gone (KeepBy
	// is when the first that takes spend below Tier leaves); 0 when it is
	// safe.
	Keep   int64
	KeepBy time.Time
	// PaidUntil is when a paid membership ends; zero for none.
	PaidUntil time.Time
}

// CustomerTier is where the customer stands today.
func (s *Store) CustomerTier(ctx context.Context, customerID int64) (TierStatus, error) {
	tiers, err := s.Tiers(ctx)
	if err != nil {
		return TierStatus{}, err
	}
	return s.customerTier(ctx, tiers, customerID)
}

// customerTier is CustomerTier among tiers, the shop's (Tiers).
func (s *Store) customerTier(ctx context.Context, tiers []Tier, customerID int64) (TierStatus, error) {
	var st TierStatus
	if len(tiers) == 0 {
		return st, nil
	}
	now := s.Now()
	since := now.AddDate(0, -tierWindowMonths, 0)
	var err error
	if st.Spend, err = spendSince(ctx, s.query, customerID, since); err != nil {
		return st, err
	}
	var tierID sql.NullInt64
	if err := s.queryRow(ctx, `SELECT tier_id FROM customers WHERE id = ?`, customerID).Scan(&tierID); err != nil {
		return st, fmt.Errorf("customer tier: %w", err)
	}
	paid, until, err := paidTier(ctx, s.query, customerID, now)
	if err != nil {
		return st, err
	}
	st.Tier = tiers[0]
	for _, t := range tiers {
		if tierID.Valid && t.ID == tierID.Int64 {
			st.Tier = t
		}
	}
	for _, t := range tiers {
		if t.Threshold > max(st.Spend, st.Tier.Threshold) && st.Next.ID == 0 {
			st.Next, st.More = t, t.Threshold-st.Spend
		}
	}
	if paid == st.Tier.ID {
		st.PaidUntil = until
	}
	if st.Tier.Threshold > 0 && st.PaidUntil.IsZero() {
		if st.Keep, st.KeepBy, err = s.keepTier(ctx, customerID, st.Tier.Threshold, since); err != nil {
			return st, err
		}
	}
	return st, nil
}

// keepTier is what the customer must spend to keep a tier of threshold as
// the orders paid since leave the window, and by when: the moment the
// first order whose leaving takes the rest below the threshold leaves.
// Every order that leaves on that day (in the shop's time zone) counts as
// gone, minutes apart or not: a shopper told a day cannot be expected to
// act before a given minute of it. 0 when what stays keeps the tier.
func (s *Store) keepTier(ctx context.Context, customerID, threshold int64, since time.Time) (int64, time.Time, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	rows, err := s.query(ctx, `SELECT o.paid_at, `+orderSpend+` `+spendOrders+` ORDER BY o.paid_at`, customerID, since.Unix())
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("keep tier: %w", err)
	}
	type paid struct{ at, spend int64 }
	var orders []paid
	var left int64
	for rows.Next() {
		var o paid
		if err := rows.Scan(&o.at, &o.spend); err != nil {
			rows.Close()
			return 0, time.Time{}, err
		}
		orders, left = append(orders, o), left+o.spend
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, time.Time{}, err
	}
	for i, o := range orders {
		left -= o.spend
		if max(left, 0) >= threshold {
			continue
		}
		falls := time.Unix(o.at, 0).AddDate(0, tierWindowMonths, 0)
		y, m, d := falls.In(st.Location()).Date()
		gone := time.Date(y, m, d+1, 0, 0, 0, 0, st.Location()).AddDate(0, -tierWindowMonths, 0).Unix()
		for _, later := range orders[i+1:] {
			if later.at < gone {
				left -= later.spend
			}
		}
		return threshold - max(left, 0), falls, nil
	}
	return 0, time.Time{}, nil
}

// paidTier is the highest tier a paid membership of the customer's holds
// at now, and until when: the end of the last of that tier's memberships,
// which follow on from the one running (grantPaidTiers,
// closeUpPaidTiers); 0 for none.
func paidTier(ctx context.Context, query queryFunc, customerID int64, now time.Time) (int64, time.Time, error) {
	var tier, until int64
	err := queryRowOf(ctx, query, `SELECT m.tier_id, (SELECT max(n.ends_at) FROM paid_memberships n
			WHERE n.customer_id = m.customer_id AND n.tier_id = m.tier_id AND n.cancelled_at IS NULL)
		FROM paid_memberships m JOIN member_tiers t ON t.id = m.tier_id
		WHERE m.customer_id = ?1 AND m.cancelled_at IS NULL AND m.starts_at <= ?2 AND m.ends_at > ?2
		ORDER BY t.threshold DESC LIMIT 1`, customerID, now.Unix()).Scan(&tier, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("paid tier: %w", err)
	}
	return tier, time.Unix(until, 0), nil
}

// insertSoldLines is the INSERT of order lines of columns (order_id and
// variant_id first) whose rows are values, each line with the tier its
// variant sells (member_tiers.sold_variant_id), as it is sold now: the
// tier, its name (and in every language, as kept names: keptNames) and
// its months (0 for a line that sells none). Payment grants that, so that
// months changed while the order awaits payment do not change what the
// shopper bought, and the order names the tier as sold. One join for all
// the lines: a statement of its own took a fourteenth of placing an
// order, and a subquery for each column looked the tier up once more per
// line, all behind the single writer.
func insertSoldLines(columns, values string) string {
	return `INSERT INTO order_lines (` + columns + `, tier_id, tier_name, tier_months, tier_names)
		SELECT v.*, t.id, t.name, coalesce(t.sold_months, 0), CASE WHEN t.id IS NULL THEN '' ELSE coalesce((
				SELECT json_object('Default', t.name, 'Tr', json_group_object(tr.locale, tr.value)) FROM translations tr
				WHERE tr.entity = '` + EntityTierText + `' AND tr.entity_id = t.id AND tr.field = 'name' HAVING count(*) > 0), '') END
		FROM (VALUES ` + values + `) v
			LEFT JOIN member_tiers t ON t.sold_variant_id = v.column2 AND t.deleted_at IS NULL`
}

// tierGrant is months of a tier (paidTierMonths).
type tierGrant struct{ tier, months int64 }

// paidTierMonths is what order orderID pays for of each tier its lines
// sell (insertSoldLines), tier by tier: each unit the months it was sold
// with, or, on a line from before the snapshot (tier_months NULL), what
// its variant sells now. A unit cancelled before it shipped, returned and
// refunded, or in a cancelled order pays for none, and a line sold at 0,
// a promotion's free gift, pays for nothing: a tier is earned or bought,
// never handed out by a promotion.
func paidTierMonths(ctx context.Context, tx *sql.Tx, orderID int64) ([]tierGrant, error) {
	rows, err := tx.QueryContext(ctx, `SELECT coalesce(l.tier_id, t.id), sum(CASE WHEN o.status = 'cancelled' THEN 0
			ELSE coalesce(l.tier_months, t.sold_months) * (l.quantity - l.cancelled_quantity - coalesce((
				SELECT sum(rl.quantity) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
				WHERE rl.order_line_id = l.id AND r.kind <> ? AND r.status = ?), 0)) END)
		FROM orders o JOIN order_lines l ON l.order_id = o.id
			LEFT JOIN member_tiers t ON l.tier_months IS NULL AND t.sold_variant_id = l.variant_id
		WHERE o.id = ? AND l.unit_price > 0 AND coalesce(l.tier_id, t.id) IS NOT NULL
		GROUP BY 1 ORDER BY 1`, ReturnKindUnshipped, ReturnRefunded, orderID)
	if err != nil {
		return nil, fmt.Errorf("paid membership: %w", err)
	}
	defer rows.Close()
	var out []tierGrant
	for rows.Next() {
		var g tierGrant
		if err := rows.Scan(&g.tier, &g.months); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// grantPaidTiers gives the customer of a paid order the tiers its lines
// bought (paidTierMonths): that many months, from now or from the end of
// the same tier still running.
func grantPaidTiers(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) error {
	var customer sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT customer_id FROM orders WHERE id = ? AND status <> 'cancelled'`, orderID).Scan(&customer)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !customer.Valid) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("paid membership: %w", err)
	}
	grants, err := paidTierMonths(ctx, tx, orderID)
	if err != nil {
		return err
	}
	for _, g := range grants {
		if g.months <= 0 {
			continue
		}
		var from int64
		if err := tx.QueryRowContext(ctx, `SELECT max(?, coalesce(max(ends_at), 0)) FROM paid_memberships
			WHERE customer_id = ? AND tier_id = ? AND cancelled_at IS NULL`, now.Unix(), customer.Int64, g.tier).Scan(&from); err != nil {
			return err
		}
		start := time.Unix(from, 0)
		if _, err := tx.ExecContext(ctx, `INSERT INTO paid_memberships (customer_id, order_id, tier_id, starts_at, ends_at)
			VALUES (?, ?, ?, ?, ?)`, customer.Int64, orderID, g.tier, from, start.AddDate(0, int(g.months), 0).Unix()); err != nil {
			return fmt.Errorf("paid membership: %w", err)
		}
	}
	return nil
}

// fitPaidTiers fits what order orderID's memberships granted to what the
// order still pays for (paidTierMonths), after the whole order or some of
// its units were cancelled or refunded: a tier no unit pays for any more
// is cancelled now, one that fewer units pay for is shortened from its
// start. The customer's later memberships of the tier then move up
// (closeUpPaidTiers), so that the time paid for stays continuous.
func fitPaidTiers(ctx context.Context, tx *sql.Tx, orderID int64, now time.Time) error {
	var customer sql.NullInt64
	var cancelled bool
	if err := tx.QueryRowContext(ctx, `SELECT customer_id, status = 'cancelled' FROM orders WHERE id = ?`,
		orderID).Scan(&customer, &cancelled); err != nil {
		return fmt.Errorf("fit membership: %w", err)
	}
	owed, err := paidTierMonths(ctx, tx, orderID)
	if err != nil || !customer.Valid {
		return err
	}
	months := map[int64]int64{}
	for _, g := range owed {
		months[g.tier] = g.months
	}
	tiers, err := queryIDs(ctx, tx, `SELECT DISTINCT tier_id FROM paid_memberships WHERE order_id = ? AND cancelled_at IS NULL`, orderID)
	if err != nil {
		return fmt.Errorf("fit membership: %w", err)
	}
	for _, tier := range tiers {
		m, ok := months[tier]
		// A line from before the snapshot whose variant no longer sells
		// the tier cannot say what it paid for: only cancelling ends it.
		if !ok && !cancelled {
			continue
		}
		if err := fitPaidTier(ctx, tx, orderID, tier, m, now); err != nil {
			return err
		}
		if err := closeUpPaidTiers(ctx, tx, customer.Int64, tier, now); err != nil {
			return err
		}
	}
	return nil
}

// fitPaidTier makes what order orderID granted of tier months long from
// its start, never longer than it was; 0 cancels it. An order's grants of
// one tier follow one another (grantPaidTiers), so they are kept as the
// first, stretched over what is left.
func fitPaidTier(ctx context.Context, tx *sql.Tx, orderID, tier, months int64, now time.Time) error {
	var first, starts, ends int64
	err := tx.QueryRowContext(ctx, `SELECT min(id), min(starts_at), max(ends_at) FROM paid_memberships
		WHERE order_id = ? AND tier_id = ? AND cancelled_at IS NULL`, orderID, tier).Scan(&first, &starts, &ends)
	if err != nil {
		return fmt.Errorf("fit membership: %w", err)
	}
	end := time.Unix(starts, 0).AddDate(0, int(months), 0).Unix()
	if months > 0 && end >= ends {
		return nil
	}
	if months > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE paid_memberships SET starts_at = ?, ends_at = ? WHERE id = ?`,
			starts, end, first); err != nil {
			return fmt.Errorf("fit membership: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE paid_memberships SET cancelled_at = ?
		WHERE order_id = ? AND tier_id = ? AND cancelled_at IS NULL AND (? = 0 OR id <> ?)`, now.Unix(), orderID, tier, months, first)
	if err != nil {
		return fmt.Errorf("fit membership: %w", err)
	}
	return nil
}

// closeUpPaidTiers moves each of the customer's memberships of tier that
// has not started to start when the one before it ends, or now if that
// has ended, keeping its length: once one before it is cancelled or
// shortened, what is still paid for follows on without a gap, as
// grantPaidTiers stacked it, and paidTier, which counts only one started,
// finds it. One already started keeps its dates.
func closeUpPaidTiers(ctx context.Context, tx *sql.Tx, customerID, tier int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, starts_at, ends_at FROM paid_memberships
		WHERE customer_id = ? AND tier_id = ? AND cancelled_at IS NULL AND ends_at > ? ORDER BY starts_at, id`,
		customerID, tier, now.Unix())
	if err != nil {
		return fmt.Errorf("close up memberships: %w", err)
	}
	type membership struct{ id, starts, ends int64 }
	var all []membership
	for rows.Next() {
		var m membership
		if err := rows.Scan(&m.id, &m.starts, &m.ends); err != nil {
			rows.Close()
			return err
		}
		all = append(all, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	prev := now.Unix()
	for _, m := range all {
		if start := max(prev, now.Unix()); m.starts > start {
			m.starts, m.ends = start, movedEnd(start, m.starts, m.ends)
			if _, err := tx.ExecContext(ctx, `UPDATE paid_memberships SET starts_at = ?, ends_at = ? WHERE id = ?`,
				m.starts, m.ends, m.id); err != nil {
				return fmt.Errorf("close up memberships: %w", err)
			}
		}
		prev = max(prev, m.ends)
	}
	return nil
}

// movedEnd is where a membership from starts to ends ends once it starts
// at start instead: as many calendar months on as it was long, as
// grantPaidTiers counts them, so that a year moved past a 29 February is
// still a year; one not a whole number of months keeps its seconds.
func movedEnd(start, starts, ends int64) int64 {
	from, to := time.Unix(starts, 0), time.Unix(ends, 0)
	months := (to.Year()-from.Year())*12 + int(to.Month()-from.Month())
	if from.AddDate(0, months, 0).Unix() == ends {
		return time.Unix(start, 0).AddDate(0, months, 0).Unix()
	}
	return start + ends - starts
}

// endPaidUnits ends what order orderID's units cancelled before shipping
// or refunded paid for of a tier (fitPaidTiers) and works the customer's
// tier out again at once, recording reason, as cancelling the whole
// order does.
func endPaidUnits(ctx context.Context, tx *sql.Tx, orderID int64, reason string, now time.Time) error {
	if err := fitPaidTiers(ctx, tx, orderID, now); err != nil {
		return err
	}
	return recalcOrderTier(ctx, tx, orderID, reason, now)
}

// ErrTierStillSold means a tier's variant cannot stop selling it yet:
// its product is on sale, or orders for it await payment (TierUses
// SoldBy, UnpaidOrders). Paid, they would buy a membership of nothing,
// since payment grants the tier its variant sells then.
var ErrTierStillSold = fmt.Errorf("tier still sold: %w", ErrConflict)

// SellTier makes a variant (by SKU) the way to buy tierID for months; an
// empty SKU stops selling it. Moving off a variant still sold is
// ErrTierStillSold.
func (s *Store) SellTier(ctx context.Context, actor Actor, tierID int64, sku string, months int64) error {
	sku = TrimText(sku)
	v := &ValidationError{}
	if months < 1 || months > 120 {
		v.Add("sold_months", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return sellTier(ctx, tx, actor, tierID, sku, months, s) })
}

// sellTier is SellTier inside tx. The write transaction orders it with
// checkouts: an order for the old variant placed first keeps it selling
// the tier; one placed after finds its product off sale.
func sellTier(ctx context.Context, tx *sql.Tx, actor Actor, tierID int64, sku string, months int64, s *Store) error {
	var variant sql.NullInt64
	if sku != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM variants WHERE sku = ? AND sku <> ''`, sku).Scan(&variant)
		if errors.Is(err, sql.ErrNoRows) {
			return &ValidationError{Fields: map[string]string{"sold_sku": "admin.promotions.error.unknown_variant"}}
		}
		if err != nil {
			return err
		}
		// A gift of the variant is a 0.00 line, which grants no tier
		// (paidTierMonths): the shopper would be handed a membership
		// product that makes them no member.
		var gift string
		err = tx.QueryRowContext(ctx, `SELECT name FROM promotions WHERE type = 'gift' AND archived = 0
			AND (ends_at IS NULL OR ends_at > ?) AND json_extract(rules, '$.gift_variant') = ? LIMIT 1`,
			s.Now().Unix(), variant.Int64).Scan(&gift)
		if err == nil {
			return &ValidationError{Fields: map[string]string{"sold_sku": "admin.tiers.error.sku_gift"}}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	var was sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT sold_variant_id FROM member_tiers WHERE id = ? AND deleted_at IS NULL`, tierID).Scan(&was)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if was.Valid && was != variant {
		uses, err := tierUses(ctx, tx.QueryContext, tierID, s.Now())
		if err != nil {
			return err
		}
		if uses.SoldBy != nil || uses.UnpaidOrders > 0 {
			return ErrTierStillSold
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE member_tiers SET sold_variant_id = ?, sold_months = ?, updated_at = ? WHERE id = ?`,
		variant, months, s.Now().Unix(), tierID)
	if isUnique(err) {
		return &ValidationError{Fields: map[string]string{"sold_sku": "admin.tiers.error.sku_taken"}}
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "tier.sell", Entity: EntityTierText,
		EntityID: fmt.Sprint(tierID), After: map[string]any{"sku": sku, "months": months}})
}
