package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"storefront/store/pricing"
)

// Membership emails: they name a customer, not an order (IsAccountEmail),
// and link to the account's points page, which shows what they announce.
const (
	EmailAccountBirthday       = "account_birthday"        // this year's birthday coupon was issued
	EmailAccountPointsExpiring = "account_points_expiring" // a lot expires within PointsWarnDays
)

// PointsWarnDays is how long before a lot expires its customer is told.
const PointsWarnDays = 30

// birthdayName is the birthday coupon's name in every language; it is
// shop content the owner may rename in the admin like any promotion.
var birthdayName = Text{Default: "Birthday gift", Tr: map[string]string{"zh": "生日礼"}}

// MemberCoupon is a coupon issued to one customer.
type MemberCoupon struct {
	Code  string `json:"code"`
	Value int64  `json:"value"`
	Year  int    `json:"year"`
	Used  bool   `json:"used"`
}

// IssueBirthdayCoupons gives every member whose birthday month it is (in
// the shop's time zone) the birthday coupon of their tier, once per
// calendar year however often the birthday changes, and emails them. It
// returns how many it issued.
func (s *Store) IssueBirthdayCoupons(ctx context.Context) (int, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	local := now.In(st.Location())
	issued := 0
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.email, coalesce(c.tier_id, (SELECT id FROM member_tiers ORDER BY threshold LIMIT 1)),
				coalesce((SELECT locale FROM orders WHERE customer_id = c.id ORDER BY id DESC LIMIT 1), ?)
			FROM customers c WHERE c.deleted_at IS NULL AND substr(c.birthday, 6, 2) = ?
			AND NOT EXISTS (SELECT 1 FROM birthday_coupons b WHERE b.customer_id = c.id AND b.year = ?)`,
			st.Locale, fmt.Sprintf("%02d", int(local.Month())), local.Year())
		if err != nil {
			return fmt.Errorf("birthdays: %w", err)
		}
		type member struct {
			id, tier      int64
			email, locale string
		}
		var due []member
		for rows.Next() {
			var m member
			if err := rows.Scan(&m.id, &m.email, &m.tier, &m.locale); err != nil {
				rows.Close()
				return err
			}
			due = append(due, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range due {
			ok, err := issueBirthdayCoupon(ctx, tx, m.id, m.tier, local.Year(), now)
			if err != nil {
				return err
			}
			if ok {
				issued++
				if err := enqueueAccountEmail(ctx, tx, EmailAccountBirthday, m.id, m.email, m.locale, "", now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return issued, err
}

// issueBirthdayCoupon makes the customer's code of this year from their
// tier's birthday coupon; a tier without a gift issues nothing.
func issueBirthdayCoupon(ctx context.Context, tx *sql.Tx, customerID, tierID int64, year int, now time.Time) (bool, error) {
	var value int64
	var promo sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT birthday_coupon, birthday_promotion_id FROM member_tiers WHERE id = ?`, tierID).
		Scan(&value, &promo); err != nil {
		return false, fmt.Errorf("birthday coupon: %w", err)
	}
	if value == 0 {
		return false, nil
	}
	var current int64
	if promo.Valid {
		if err := tx.QueryRowContext(ctx, `SELECT value FROM promotions WHERE id = ?`, promo.Int64).Scan(&current); err != nil {
			return false, fmt.Errorf("birthday coupon: %w", err)
		}
	}
	if !promo.Valid || current != value {
		// A new value is a new coupon: codes already sent keep theirs.
		err := tx.QueryRowContext(ctx, `INSERT INTO promotions (name, kind, code, type, value, rules, combines_promotions,
			created_at, updated_at) VALUES (?, 'coupon', '', ?, ?, '{}', 1, ?, ?) RETURNING id`,
			birthdayName.Default, pricing.TypeFixed, value, now.Unix(), now.Unix()).Scan(&promo.Int64)
		if err != nil {
			return false, fmt.Errorf("birthday coupon: %w", err)
		}
		if err := saveTranslations(ctx, tx, EntityPromotion, promo.Int64, map[string]Text{FieldName: birthdayName}); err != nil {
			return false, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE member_tiers SET birthday_promotion_id = ? WHERE id = ?`, promo.Int64, tierID); err != nil {
			return false, err
		}
	}
	code := "BDAY-" + randomCode(8)
	if _, err := tx.ExecContext(ctx, `INSERT INTO promotion_codes (code, promotion_id, created_at) VALUES (?, ?, ?)`,
		code, promo.Int64, now.Unix()); err != nil {
		return false, fmt.Errorf("birthday coupon: %w", err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO birthday_coupons (customer_id, year, code, value, created_at) VALUES (?, ?, ?, ?, ?)`,
		customerID, year, code, value, now.Unix())
	return err == nil, err
}

// MemberCoupons are the coupons issued to the customer, newest first.
func (s *Store) MemberCoupons(ctx context.Context, customerID int64) ([]MemberCoupon, error) {
	rows, err := s.query(ctx, `SELECT b.code, b.value, b.year, c.order_id IS NOT NULL FROM birthday_coupons b
		JOIN promotion_codes c ON c.code = b.code WHERE b.customer_id = ? ORDER BY b.year DESC`, customerID)
	if err != nil {
		return nil, fmt.Errorf("member coupons: %w", err)
	}
	defer rows.Close()
	var out []MemberCoupon
	for rows.Next() {
		var c MemberCoupon
		if err := rows.Scan(&c.Code, &c.Value, &c.Year, &c.Used); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// WarnExpiringPoints emails each customer with points that expire within
// PointsWarnDays, once per lot, and returns how many it emailed.
func (s *Store) WarnExpiringPoints(ctx context.Context) (int, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	warned := 0
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := settlePoints(ctx, tx, 0, now); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT l.id, c.id, c.email,
				coalesce((SELECT locale FROM orders WHERE customer_id = c.id ORDER BY id DESC LIMIT 1), ?)
			FROM points_lots l JOIN customers c ON c.id = l.customer_id AND c.deleted_at IS NULL
			WHERE l.warned_at IS NULL AND l.expires_at > ?2 AND l.expires_at <= ?3
			AND (SELECT sum(points) FROM points_ledger e WHERE e.lot_id = l.id AND e.pending = 0) > 0
			ORDER BY c.id`, st.Locale, now.Unix(), now.AddDate(0, 0, PointsWarnDays).Unix())
		if err != nil {
			return fmt.Errorf("expiring points: %w", err)
		}
		type lot struct {
			id, customer  int64
			email, locale string
		}
		var lots []lot
		for rows.Next() {
			var l lot
			if err := rows.Scan(&l.id, &l.customer, &l.email, &l.locale); err != nil {
				rows.Close()
				return err
			}
			lots = append(lots, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, l := range lots {
			if _, err := tx.ExecContext(ctx, `UPDATE points_lots SET warned_at = ? WHERE id = ?`, now.Unix(), l.id); err != nil {
				return err
			}
			// One email per customer a pass: it lists every lot that expires.
			if i > 0 && lots[i-1].customer == l.customer {
				continue
			}
			if err := enqueueAccountEmail(ctx, tx, EmailAccountPointsExpiring, l.customer, l.email, l.locale, "", now); err != nil {
				return err
			}
			warned++
		}
		return nil
	})
	return warned, err
}
