package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrTierInUse means a tier cannot be deleted yet; TierUses says why.
var ErrTierInUse = fmt.Errorf("tier in use: %w", ErrConflict)

// TierUses is what keeps a tier from being deleted.
type TierUses struct {
	// Lowest: the lowest tier is every member's floor, where anyone whose
	// spend earns no other tier is.
	Lowest bool
	// Promotions for the tier (promotions.tier) that may still apply,
	// archived and ended ones and the tier's own perks aside: once it is
	// gone they would apply to no one, without a word.
	Promotions []PromotionRef
	// PaidMembers is how many customers hold a paid membership of the tier
	// that has not ended: they paid for it.
	PaidMembers int
	// UnpaidOrders is how many orders that bought the tier (or, placed
	// before orders kept what they bought, buy its variant) await
	// payment: paid once it is gone, they would buy nothing.
	UnpaidOrders int
	// SoldBy is the product on sale (active) whose variant sells the tier
	// (SellTier), nil when none is: once the tier is gone, shoppers could
	// still buy its membership, and get nothing for it.
	SoldBy *ProductRef
	// Members is how many customers (accounts not deleted) are in the tier
	// now. They do not keep it: deleting it moves them, once the owner
	// knows how many (DeleteTier).
	Members int
}

// ProductRef names a product.
type ProductRef struct {
	ID    int64
	Title string
}

// InUse reports whether anything keeps the tier.
func (u TierUses) InUse() bool {
	return u.Lowest || len(u.Promotions) > 0 || u.PaidMembers > 0 || u.UnpaidOrders > 0 || u.SoldBy != nil
}

// TierUses tells what keeps tier id from being deleted; a tier unknown
// or deleted is ErrNotFound.
func (s *Store) TierUses(ctx context.Context, id int64) (TierUses, error) {
	return tierUses(ctx, s.query, id, s.Now())
}

func tierUses(ctx context.Context, query queryFunc, id int64, now time.Time) (TierUses, error) {
	var u TierUses
	var name string
	var lowest int64
	var perks [2]sql.NullInt64
	var sold, product sql.NullInt64
	var title string
	err := queryRowOf(ctx, query, `SELECT t.name, t.discount_promotion_id, t.shipping_promotion_id, t.sold_variant_id,
			(SELECT id FROM member_tiers WHERE deleted_at IS NULL ORDER BY threshold LIMIT 1), p.id, coalesce(p.title, '')
		FROM member_tiers t LEFT JOIN variants v ON v.id = t.sold_variant_id
			LEFT JOIN products p ON p.id = v.product_id AND p.status = 'active'
		WHERE t.id = ? AND t.deleted_at IS NULL`, id).Scan(&name, &perks[0], &perks[1], &sold, &lowest, &product, &title)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("tier %d uses: %w", id, err)
	}
	u.Lowest = id == lowest
	if product.Valid {
		u.SoldBy = &ProductRef{ID: product.Int64, Title: title}
	}
	u.Promotions, err = promotionRefs(ctx, query, `SELECT id, name FROM promotions WHERE tier = ? AND archived = 0
		AND (ends_at IS NULL OR ends_at > ?) AND id NOT IN (?, ?) ORDER BY id`,
		name, now.Unix(), perks[0].Int64, perks[1].Int64)
	if err != nil {
		return u, fmt.Errorf("tier %d promotions: %w", id, err)
	}
	err = queryRowOf(ctx, query, `SELECT
			(SELECT count(DISTINCT m.customer_id) FROM paid_memberships m JOIN customers c ON c.id = m.customer_id
				AND c.deleted_at IS NULL WHERE m.tier_id = ?1 AND m.cancelled_at IS NULL AND m.ends_at > ?2),
			(SELECT count(DISTINCT o.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
				WHERE (l.tier_id = ?1 OR (l.tier_months IS NULL AND l.variant_id = ?3)) AND o.customer_id IS NOT NULL
				AND o.payment_status = 'pending' AND o.status <> 'cancelled'),
			(SELECT count(*) FROM customers WHERE tier_id = ?1 AND deleted_at IS NULL)`,
		id, now.Unix(), sold).Scan(&u.PaidMembers, &u.UnpaidOrders, &u.Members)
	if err != nil {
		return u, fmt.Errorf("tier %d members: %w", id, err)
	}
	return u, nil
}

// DeleteTier deletes a tier that nothing keeps (ErrTierInUse otherwise; a
// tier already gone is ErrNotFound). In the same transaction its members
// move to the tier their spend earns, each with a history row; its member
// discount and free shipping are archived, as switching them off does;
// its variant, whose product is not on sale, no longer sells it; its
// translations go. The row stays, marked
// deleted, so that tier histories and paid memberships still name it.
// Its birthday coupon's promotion stays as it is: codes already sent
// keep working, as when a tier's birthday value changes. told is how
// many members the owner was told it has (TierUses.Members): a tier that
// has another count by then is *TierMoves (where they would go), nothing
// written, so that they are asked again. A negative told, from no form,
// is unchecked.
func (s *Store) DeleteTier(ctx context.Context, actor Actor, id int64, told int) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		// Checked again here: a promotion, a sale or the tier's product put
		// on sale may have come since the page was shown.
		uses, err := tierUses(ctx, tx.QueryContext, id, now)
		if err != nil {
			return err
		}
		if uses.InUse() {
			return ErrTierInUse
		}
		var mark int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM customer_tier_history`).Scan(&mark); err != nil {
			return err
		}
		var name string
		var threshold, members int64
		if err := tx.QueryRowContext(ctx, `UPDATE member_tiers SET deleted_at = ?1, sold_variant_id = NULL, updated_at = ?1
			WHERE id = ?2 RETURNING name, threshold, (SELECT count(*) FROM customers WHERE tier_id = ?2)`,
			now.Unix(), id).Scan(&name, &threshold, &members); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE promotions SET archived = 1, active = 0, updated_at = ?1, version = version + 1
			WHERE archived = 0 AND id IN (SELECT discount_promotion_id FROM member_tiers WHERE id = ?2
				UNION SELECT shipping_promotion_id FROM member_tiers WHERE id = ?2)`, now.Unix(), id); err != nil {
			return fmt.Errorf("tier perks: %w", err)
		}
		if err := deleteTranslations(ctx, tx, EntityTierText, id); err != nil {
			return err
		}
		// Deleted accounts too, so that no customer is left in a tier that
		// is gone.
		if err := recalcTiersOf(ctx, tx, "tier_deleted", now, `SELECT id FROM customers WHERE tier_id = ?`, id); err != nil {
			return err
		}
		if told >= 0 && uses.Members != told {
			m, err := movesSince(ctx, tx, mark)
			if err != nil {
				return err
			}
			return &m
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionTierDelete, Entity: EntityTierText, EntityID: fmt.Sprint(id),
			Before: map[string]any{"name": name, "threshold": threshold, "members": members}})
	})
	if err != nil {
		return fmt.Errorf("delete tier %d: %w", id, err)
	}
	s.promotionsChanged()
	return nil
}
