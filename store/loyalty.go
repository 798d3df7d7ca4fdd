package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Loyalty is the owner's rules for points, kept in the settings table
// under "loyalty." keys; a key not set has its default.
type Loyalty struct {
	// EarnPerUnit is the points earned per whole currency unit (1.00)
	// paid for merchandise, before the tier's multiplier; 0 stops earning.
	EarnPerUnit int64
	// RedeemPoints points pay RedeemValue minor units at checkout; either
	// 0 stops points paying (Redeems).
	RedeemPoints, RedeemValue int64
	// ExpiryMonths is how long a lot lasts from when it was earned: at
	// least a month, as a lot that expired as it was earned would be lost.
	ExpiryMonths int64
	// ReturnDays is the return window after fulfilment, MarginDays the
	// owner's margin after it: a lot is pending until both have passed.
	ReturnDays, MarginDays int64
	// MaxPerOrder caps the points one order redeems (0: no cap);
	// MaxPercent caps their value at a share of the merchandise.
	MaxPerOrder, MaxPercent int64
}

// loyaltyKeys are the settings keys of Loyalty's fields, with defaults.
var loyaltyKeys = []struct {
	key           string
	def, min, max int64
	get           func(*Loyalty) *int64
}{
	{"loyalty.earn_per_unit", 1, 0, 1000, func(l *Loyalty) *int64 { return &l.EarnPerUnit }},
	{"loyalty.redeem_points", 100, 0, 1_000_000, func(l *Loyalty) *int64 { return &l.RedeemPoints }},
	{"loyalty.redeem_value", 100, 0, 1_000_000, func(l *Loyalty) *int64 { return &l.RedeemValue }},
	{"loyalty.expiry_months", 12, 1, 120, func(l *Loyalty) *int64 { return &l.ExpiryMonths }},
	{"loyalty.return_days", 7, 0, 365, func(l *Loyalty) *int64 { return &l.ReturnDays }},
	{"loyalty.margin_days", 3, 0, 365, func(l *Loyalty) *int64 { return &l.MarginDays }},
	{"loyalty.max_per_order", 0, 0, 100_000_000, func(l *Loyalty) *int64 { return &l.MaxPerOrder }},
	{"loyalty.max_percent", 50, 0, 100, func(l *Loyalty) *int64 { return &l.MaxPercent }},
}

// loyaltyRangeKey is the message for a rule out of its bounds: the
// months' own, which says why a lot must last.
func loyaltyRangeKey(key string) string {
	if key == "loyalty.expiry_months" {
		return "admin.membership.error.expiry_months"
	}
	return "error.out_of_range"
}

// Loyalty reads the points rules.
func (s *Store) Loyalty(ctx context.Context) (Loyalty, error) {
	return readLoyalty(ctx, s.query)
}

func readLoyalty(ctx context.Context, query queryFunc) (Loyalty, error) {
	var l Loyalty
	for _, k := range loyaltyKeys {
		*k.get(&l) = k.def
	}
	rows, err := query(ctx, `SELECT key, value FROM settings WHERE key >= 'loyalty.' AND key < 'loyalty/'`)
	if err != nil {
		return l, fmt.Errorf("loyalty: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return l, err
		}
		for _, k := range loyaltyKeys {
			if n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); k.key == key && err == nil && n >= k.min && n <= k.max {
				*k.get(&l) = n
			}
		}
	}
	return l, rows.Err()
}

// SectionLoyalty is the points rules' settings section: its version
// (Settings.Version) is what the rules' form was opened at.
const SectionLoyalty = "loyalty"

// SetLoyalty saves the points rules, each within its bounds, as edited
// from version: ErrConflict when they were saved since (0 saves unchecked,
// see saveSectionVersion).
func (s *Store) SetLoyalty(ctx context.Context, version int64, l Loyalty) error {
	v := &ValidationError{}
	for _, k := range loyaltyKeys {
		if n := *k.get(&l); n < k.min || n > k.max {
			v.Add(strings.TrimPrefix(k.key, "loyalty."), loyaltyRangeKey(k.key))
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	// These keys are read by readLoyalty, not by Settings: no spec. The
	// section's version is in Settings, hence the invalidation.
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := saveSectionVersion(ctx, tx, SectionLoyalty, version); err != nil {
			return err
		}
		for _, k := range loyaltyKeys {
			if err := writeSetting(ctx, tx, k.key, strconv.FormatInt(*k.get(&l), 10)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save points rules: %w", err)
	}
	s.invalidateSettings()
	return nil
}

// Redeems reports whether points pay at checkout: the owner switches it
// off with a 0 on either side of "points that pay this much".
func (l Loyalty) Redeems() bool { return l.RedeemPoints > 0 && l.RedeemValue > 0 }

// Value is what points pay, in minor units, rounded down.
func (l Loyalty) Value(points int64) int64 {
	return mulDiv(max(points, 0), l.RedeemValue, l.RedeemPoints)
}

// PointsFor is the fewest whole points that pay amount (rounded up).
func (l Loyalty) PointsFor(amount int64) int64 {
	if !l.Redeems() {
		return 0
	}
	return (max(amount, 0)*l.RedeemPoints + l.RedeemValue - 1) / l.RedeemValue
}

// Earned is the points a line's merchandise paid (minor units, tax out)
// earns at the tier's multiplier (basis points), rounded down; exp is the
// currency's number of decimals.
func (l Loyalty) Earned(paid, multiplierBP int64, exp int) int64 {
	unit := int64(1)
	for range exp {
		unit *= 10
	}
	return mulDiv(max(paid, 0)*l.EarnPerUnit, multiplierBP, unit*10000)
}

// mulDiv is a*b/c rounded down for non-negative figures, without
// overflowing in between.
func mulDiv(a, b, c int64) int64 {
	if c <= 0 || a <= 0 || b <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(min(q, math.MaxInt64))
}
