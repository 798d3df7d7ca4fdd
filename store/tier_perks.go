package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"storefront/store/pricing"
)

// tierPerk is one perk of a tier run as an automatic promotion for it.
type tierPerk struct {
	column string // member_tiers' column holding the promotion's id
	typ    string
	name   Text // %s is the tier's name
	on     func(value, over int64) bool
}

var tierPerks = []tierPerk{
	{"discount_promotion_id", pricing.TypePercent,
		Text{Default: "Member discount (%s)", Tr: map[string]string{"zh": "会员折扣（%s）"}},
		func(bp, _ int64) bool { return bp > 0 }},
	{"shipping_promotion_id", pricing.TypeFreeShipping,
		Text{Default: "Member free shipping (%s)", Tr: map[string]string{"zh": "会员包邮（%s）"}},
		func(_, over int64) bool { return over > 0 }},
}

// syncTierPerks makes the tier's member discount and free shipping the
// automatic promotions for the tier that they describe: created when first
// set, kept in step with the tier's values and name, archived when turned
// off. Call it in the transaction that changes a tier.
func syncTierPerks(ctx context.Context, tx *sql.Tx, tierID int64, now time.Time) error {
	var name string
	var bp, over int64
	var ids [2]sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT name, discount_bp, coalesce(free_shipping_over, 0), discount_promotion_id,
		shipping_promotion_id FROM member_tiers WHERE id = ?`, tierID).Scan(&name, &bp, &over, &ids[0], &ids[1]); err != nil {
		return fmt.Errorf("tier perks: %w", err)
	}
	tr, err := loadTranslations(ctx, tx.QueryContext, EntityTierText, []int64{tierID})
	if err != nil {
		return err
	}
	tierName := tr.text(tierID, "name", name)
	for i, perk := range tierPerks {
		on := perk.on(bp, over)
		value, minSubtotal := bp, int64(0)
		if perk.typ == pricing.TypeFreeShipping {
			value, minSubtotal = 0, over
		}
		label := Text{Default: fmt.Sprintf(perk.name.Default, tierName.Default), Tr: map[string]string{}}
		for l, f := range perk.name.Tr {
			label.Tr[l] = fmt.Sprintf(f, tierName.In(l))
		}
		switch {
		case ids[i].Valid:
			// Turned off, it keeps its last values: archived as it ran.
			if _, err := tx.ExecContext(ctx, `UPDATE promotions SET name = ?1, value = CASE WHEN ?6 THEN ?2 ELSE value END,
				min_subtotal = CASE WHEN ?6 THEN ?3 ELSE min_subtotal END, tier = ?4, archived = NOT ?6, updated_at = ?5,
				version = version + 1 WHERE id = ?7`,
				label.Default, value, minSubtotal, name, now.Unix(), on, ids[i].Int64); err != nil {
				return fmt.Errorf("tier perks: %w", err)
			}
		case on:
			err := tx.QueryRowContext(ctx, `INSERT INTO promotions (name, kind, code, type, value, rules, min_subtotal, tier,
				combines_promotions, combines_coupons, sale_items, created_at, updated_at)
				VALUES (?, 'automatic', '', ?, ?, '{}', ?, ?, 1, 1, 1, ?, ?) RETURNING id`,
				label.Default, perk.typ, value, minSubtotal, name, now.Unix(), now.Unix()).Scan(&ids[i].Int64)
			if err != nil {
				return fmt.Errorf("tier perks: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE member_tiers SET `+perk.column+` = ? WHERE id = ?`, ids[i].Int64, tierID); err != nil {
				return err
			}
		default:
			continue
		}
		if err := saveTranslations(ctx, tx, EntityPromotion, ids[i].Int64, map[string]Text{FieldName: label}); err != nil {
			return err
		}
	}
	return nil
}

// SetTierPerks sets a tier's member discount (basis points) and the
// merchandise from which its members ship free (0: no lower threshold),
// and runs them as the tier's promotions.
func (s *Store) SetTierPerks(ctx context.Context, actor Actor, tierID, discountBP, freeShippingOver int64) error {
	v := &ValidationError{}
	if discountBP < 0 || discountBP > 10000 {
		v.Add("discount", "error.out_of_range")
	}
	if freeShippingOver < 0 {
		v.Add("free_shipping_over", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		res, err := tx.ExecContext(ctx, `UPDATE member_tiers SET discount_bp = ?, free_shipping_over = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
			discountBP, nullIfZero(freeShippingOver), now.Unix(), tierID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if err := syncTierPerks(ctx, tx, tierID, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "tier.perks", Entity: EntityTierText, EntityID: fmt.Sprint(tierID),
			After: map[string]any{"discount_bp": discountBP, "free_shipping_over": freeShippingOver}})
	})
	if err == nil {
		s.promotionsChanged()
	}
	return err
}
