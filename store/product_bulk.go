package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Bounds of a bulk price change in basis points (1% = 100): from -99% to
// +1000%. A cut of 100% would give the products away, which is no
// percentage sale.
const (
	MinPriceChangeBP   = -9900
	MaxPriceChangeBP   = 100000
	maxProductsPerBulk = 500
)

// SetProductsStatus publishes, archives or drafts the products ids in one
// transaction, with one audit entry per product whose status changes. It
// returns how many changed.
func (s *Store) SetProductsStatus(ctx context.Context, actor Actor, ids []int64, status string) (int, error) {
	switch status {
	case StatusDraft, StatusActive, StatusArchived:
	default:
		return 0, &ValidationError{Fields: map[string]string{"status": "error.status"}}
	}
	ids, err := bulkIDs(ids)
	if err != nil {
		return 0, err
	}
	changed := 0
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			var old string
			err := tx.QueryRowContext(ctx, `SELECT status FROM products WHERE id = ?`, id).Scan(&old)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("product %d: %w", id, ErrNotFound)
			}
			if err != nil {
				return err
			}
			if old == status {
				continue
			}
			// The version moves so that a form opened before this change
			// cannot put the old status back unnoticed.
			if _, err := tx.ExecContext(ctx, `UPDATE products SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
				status, s.Now().Unix(), id); err != nil {
				return err
			}
			if err := refreshSearch(ctx, tx, id); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionProductStatus, Entity: EntityProduct,
				EntityID: strconv.FormatInt(id, 10), Before: map[string]string{"status": old},
				After: map[string]string{"status": status}}); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("set status %s: %w", status, err)
	}
	s.bumpCatalog()
	return changed, nil
}

// AdjustPrices changes the price of every variant of the products ids by
// bp basis points (-1000 is -10%), rounded to the minor unit, in one
// transaction with one audit entry per product. With setCompareAt, a
// variant whose price goes down shows its old price as the compare-at
// price, so the change reads as a sale; a higher compare-at price it
// already had is kept. A variant whose new price reaches or passes its
// compare-at price loses the compare-at price: the sale is over.
func (s *Store) AdjustPrices(ctx context.Context, actor Actor, ids []int64, bp int64, setCompareAt bool) error {
	if bp == 0 || bp < MinPriceChangeBP || bp > MaxPriceChangeBP {
		return &ValidationError{Fields: map[string]string{"percent": "error.product_percent"}}
	}
	ids, err := bulkIDs(ids)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if err := s.adjustProductPrices(ctx, tx, actor, id, bp, setCompareAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("adjust prices: %w", err)
	}
	s.bumpCatalog()
	return nil
}

// priceRow is one variant's prices, as a bulk price change reads and
// audits them.
type priceRow struct {
	ID        int64 `json:"id"`
	Price     int64 `json:"price"`
	CompareAt int64 `json:"compare_at"`
}

func (s *Store) adjustProductPrices(ctx context.Context, tx *sql.Tx, actor Actor, id, bp int64, setCompareAt bool) error {
	var before string
	err := tx.QueryRowContext(ctx, `
		SELECT coalesce((SELECT json_group_array(json_object('id', id, 'price', price, 'compare_at', compare_at_price))
			FROM (SELECT * FROM variants WHERE product_id = p.id ORDER BY position, id)), '[]')
		FROM products p WHERE p.id = ?`, id).Scan(&before)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("product %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return err
	}
	var rows []priceRow
	if err := json.Unmarshal([]byte(before), &rows); err != nil {
		return err
	}
	after := make([]priceRow, len(rows))
	for i, r := range rows {
		price, err := AdjustPrice(r.Price, bp)
		if err != nil {
			return err
		}
		after[i] = priceRow{ID: r.ID, Price: price, CompareAt: r.CompareAt}
		if setCompareAt && price < r.Price {
			// A second cut must not strike through the first cut's price:
			// the original price is the highest one, however many cuts ago.
			after[i].CompareAt = max(r.CompareAt, r.Price)
		}
		if !(VariantInput{Price: price, CompareAtPrice: after[i].CompareAt}).CompareAtShown() {
			// A rise that reaches the compare-at price ends the sale: kept,
			// it would never be shown, and the product form would refuse
			// to save the product until someone cleared it.
			after[i].CompareAt = 0
		}
		if _, err := tx.ExecContext(ctx, `UPDATE variants SET price = ?, compare_at_price = ? WHERE id = ?`,
			after[i].Price, after[i].CompareAt, r.ID); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE products SET updated_at = ?, version = version + 1 WHERE id = ?`, s.Now().Unix(), id); err != nil {
		return err
	}
	if err := refreshProduct(ctx, tx, id); err != nil {
		return err
	}
	return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionProductPrice, Entity: EntityProduct,
		EntityID: strconv.FormatInt(id, 10), Before: map[string]any{"variants": json.RawMessage(before)},
		After: map[string]any{"variants": after, "change_bp": bp, "compare_at": setCompareAt}})
}

// AdjustPrice changes price (minor units) by bp basis points, rounding
// half away from zero to the minor unit: 1999 at -10% (-1000) is 1799,
// 1999 at +5% is 2099. A priced item keeps at least one minor unit, so
// that no cut makes it free: 49 at -99% is 1, not 0.
func AdjustPrice(price, bp int64) (int64, error) {
	if price < 0 {
		return 0, fmt.Errorf("negative price %d", price)
	}
	if bp < MinPriceChangeBP {
		return 0, &ValidationError{Fields: map[string]string{"percent": "error.product_percent"}}
	}
	factor := 10000 + bp
	if price > (math.MaxInt64-5000)/factor {
		return 0, &ValidationError{Fields: map[string]string{"percent": "error.product_price_overflow"}}
	}
	adjusted := (price*factor + 5000) / 10000
	if price > 0 && adjusted == 0 {
		adjusted = 1
	}
	return adjusted, nil
}

// bulkIDs drops repeated ids (a price change must not apply twice) and
// refuses an empty or oversized selection.
func bulkIDs(ids []int64) ([]int64, error) {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil, &ValidationError{Fields: map[string]string{"product_id": "error.product_none_selected"}}
	}
	if len(out) > maxProductsPerBulk {
		return nil, &ValidationError{Fields: map[string]string{"product_id": "error.product_too_many_selected"}}
	}
	return out, nil
}
