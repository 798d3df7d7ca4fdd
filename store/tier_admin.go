package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TierInput is a tier's form as typed: money and percentages as text.
type TierInput struct {
	Name, Perks      Text
	BirthdayMessage  Text
	Threshold        string // money: 12 months' spend
	Multiplier       string // percent: 125 is ×1.25
	Discount         string // percent off for members
	FreeShippingOver string // money; empty for none
	BirthdayCoupon   string // money; empty for none
	EarlyAccess      string // minutes
	SoldSKU          string // the variant that sells the tier; empty for none
	SoldMonths       string
}

// SaveTier checks and saves a tier's form: its texts in every language,
// threshold (unique; the lowest tier's is 0), perks (run as the tier's
// promotions) and how it is sold.
func (s *Store) SaveTier(ctx context.Context, actor Actor, id int64, in TierInput) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	exp, ok := Currencies[st.Currency]
	if !ok {
		exp = 2
	}
	v := &ValidationError{}
	name := TrimText(in.Name.Default)
	switch {
	case name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(name) > 60:
		v.Add("name", "error.too_long")
	}
	if utf8.RuneCountInString(in.BirthdayMessage.Default) > 500 {
		v.Add("birthday_message", "error.too_long")
	}
	money := func(field, s string) int64 {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		n, err := ParseMoney(s, exp)
		if err != nil || n < 0 {
			v.Add(field, "admin.promotions.error.money")
		}
		return n
	}
	percent := func(field, s string, max int64) int64 {
		n, err := ParseMoney(strings.TrimSuffix(strings.TrimSpace(s), "%"), 2)
		if strings.TrimSpace(s) == "" {
			n, err = 0, nil
		}
		if err != nil || n < 0 || n > max {
			v.Add(field, "error.out_of_range")
		}
		return n
	}
	count := func(field, s string, def, max int64) int64 {
		if strings.TrimSpace(s) == "" {
			return def
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n < 0 || n > max {
			v.Add(field, "error.out_of_range")
		}
		return n
	}
	threshold := money("threshold", in.Threshold)
	multiplier := percent("multiplier", in.Multiplier, 100000)
	if strings.TrimSpace(in.Multiplier) == "" {
		multiplier = 10000
	}
	discount := percent("discount", in.Discount, 10000)
	freeOver := money("free_shipping_over", in.FreeShippingOver)
	birthday := money("birthday_coupon", in.BirthdayCoupon)
	early := count("early_access", in.EarlyAccess, 0, 7*24*60)
	months := count("sold_months", in.SoldMonths, 12, 120)
	if months < 1 {
		v.Add("sold_months", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var lowest, taken int64
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT id FROM member_tiers ORDER BY threshold LIMIT 1),
			(SELECT count(*) FROM member_tiers WHERE threshold = ? AND id <> ?)`, threshold, id).Scan(&lowest, &taken); err != nil {
			return err
		}
		switch {
		case taken > 0:
			return &ValidationError{Fields: map[string]string{"threshold": "admin.tiers.error.threshold_taken"}}
		case id == lowest && threshold != 0:
			return &ValidationError{Fields: map[string]string{"threshold": "admin.tiers.error.lowest"}}
		}
		res, err := tx.ExecContext(ctx, `UPDATE member_tiers SET name = ?, perks = ?, threshold = ?, points_multiplier_bp = ?,
			discount_bp = ?, free_shipping_over = ?, birthday_coupon = ?, birthday_message = ?, early_access_minutes = ?,
			sold_months = ?, updated_at = ? WHERE id = ?`, name, TrimText(in.Perks.Default), threshold, multiplier, discount,
			nullIfZero(freeOver), birthday, TrimText(in.BirthdayMessage.Default), early, months, now.Unix(), id)
		if err != nil {
			return fmt.Errorf("save tier: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if err := saveTranslations(ctx, tx, EntityTierText, id, map[string]Text{"name": in.Name, "perks": in.Perks,
			"birthday_message": in.BirthdayMessage}); err != nil {
			return err
		}
		if err := syncTierPerks(ctx, tx, id, now); err != nil {
			return err
		}
		if err := sellTier(ctx, tx, actor, id, TrimText(in.SoldSKU), months, s); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "tier.save", Entity: EntityTierText, EntityID: fmt.Sprint(id),
			After: map[string]any{"name": name, "threshold": threshold, "multiplier_bp": multiplier, "discount_bp": discount}})
	})
	if err != nil {
		return err
	}
	s.promotionsChanged()
	return nil
}

// TierSoldSKU is the SKU that sells the tier, "" for none.
func (s *Store) TierSoldSKU(ctx context.Context, id int64) (sku string, months int64, err error) {
	err = s.queryRow(ctx, `SELECT coalesce(v.sku, ''), t.sold_months FROM member_tiers t LEFT JOIN variants v ON v.id = t.sold_variant_id
		WHERE t.id = ?`, id).Scan(&sku, &months)
	return sku, months, err
}
