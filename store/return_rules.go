package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// NoReturnReasons are why a product may be excluded from no-reason
// returns; the shopper must confirm it at checkout for it to hold.
var NoReturnReasons = []string{"made_to_order", "perishable", "digital", "hygiene", "final_sale"}

// ProductReturnRules is a product's own return rules: a window longer
// than the shop's (0: the shop's), and why it cannot be returned without
// a reason ("" for no exclusion).
type ProductReturnRules struct {
	Days           int64
	NoReturnReason string
}

// ProductReturnRulesOf reads a product's return rules.
func (s *Store) ProductReturnRulesOf(ctx context.Context, productID int64) (ProductReturnRules, error) {
	var r ProductReturnRules
	err := s.queryRow(ctx, `SELECT coalesce(return_days, 0), no_return_reason FROM products WHERE id = ?`, productID).
		Scan(&r.Days, &r.NoReturnReason)
	return r, notFound(err)
}

// SetProductReturnRules saves a product's return rules.
func (s *Store) SetProductReturnRules(ctx context.Context, actor Actor, productID int64, r ProductReturnRules) error {
	v := &ValidationError{}
	if r.Days < 0 || r.Days > 365 {
		v.Add("return_days", "error.out_of_range")
	}
	if r.NoReturnReason != "" && !slices.Contains(NoReturnReasons, r.NoReturnReason) {
		v.Add("no_return_reason", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE products SET return_days = ?, no_return_reason = ?, updated_at = ? WHERE id = ?`,
			nullIfZero(r.Days), r.NoReturnReason, s.Now().Unix(), productID)
		if err != nil {
			return fmt.Errorf("product return rules: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "product.returns", Entity: "product",
			EntityID: fmt.Sprint(productID), After: map[string]any{"return_days": r.Days, "no_return_reason": r.NoReturnReason}})
	})
}

// NoReturn is the cart's lines that a shopper must confirm cannot be
// returned without a reason: variant id → the product's reason.
func (v CartView) NoReturn() map[int64]string {
	out := map[int64]string{}
	for _, l := range v.Lines {
		if l.NoReturnReason != "" {
			out[l.VariantID] = l.NoReturnReason
		}
	}
	return out
}
