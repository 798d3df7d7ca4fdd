package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Reasons a member of staff gives for changing a variant's stock.
const (
	StockReceived   = "received"
	StockCorrection = "correction"
	StockDamaged    = "damaged"
	StockReturned   = "returned"
	StockOther      = "other"
)

// StockReasons lists the reasons in the order forms offer them.
var StockReasons = []string{StockReceived, StockCorrection, StockDamaged, StockReturned, StockOther}

// Audited stock changes; their subject is the variant.
const (
	ActionStockAdjust    = "variant.stock_adjust"
	ActionStockThreshold = "variant.low_stock_threshold"
	EntityVariant        = "variant"
)

// Limits on stock figures and notes, so that a typo of many digits is
// refused instead of overflowing a sum.
const (
	MaxStock        = 1_000_000_000
	maxStockNoteLen = 500 // characters
)

// StockAdjustmentInput is one change of a variant's stock: either Delta
// (signed) or, when SetTo is not nil, the counted stock to set. Expected,
// when not nil with SetTo, is the stock the person saw before counting: if
// it has changed since (an order, another adjustment) the count is stale and
// the change is refused with ErrConflict instead of overwriting it.
type StockAdjustmentInput struct {
	VariantID int64
	Delta     int64
	SetTo     *int64
	Expected  *int64
	Reason    string
	Note      string
}

// Validate checks the input and trims the note in place.
func (in *StockAdjustmentInput) Validate() error {
	v := &ValidationError{}
	in.Note = TrimText(in.Note)
	switch {
	case in.SetTo != nil:
		if msg := stockLevelError(*in.SetTo); msg != "" {
			v.Add("set_to", msg)
		}
	case in.Delta == 0:
		v.Add("delta", "error.stock_change")
	case in.Delta < -MaxStock:
		// No stock is that large, so this would always go below zero.
		v.Add("delta", "error.stock_negative")
	case in.Delta > MaxStock:
		v.Add("delta", "error.stock_range")
	}
	if !slices.Contains(StockReasons, in.Reason) {
		v.Add("reason", "error.stock_reason")
	}
	if utf8.RuneCountInString(in.Note) > maxStockNoteLen {
		v.Add("note", "error.too_long")
	}
	return v.Err()
}

// stockLevelError is the message for a stock level (a count, a
// threshold) outside 0 to MaxStock, naming the end it passed; "" when it
// is inside.
func stockLevelError(n int64) string {
	switch {
	case n < 0:
		return "error.stock_below_zero"
	case n > MaxStock:
		return "error.stock_range"
	}
	return ""
}

// StockAdjustment is one row of a variant's stock history.
type StockAdjustment struct {
	ID         int64
	VariantID  int64
	Delta      int64
	StockAfter int64
	Reason     string
	Note       string
	StaffID    int64  // 0 for the command line
	StaffEmail string // "" for the command line
	CreatedAt  time.Time
}

// AdjustStock changes a variant's stock and records why, in one
// transaction with its audit entry. The update itself refuses to take stock
// below zero, so adjustments racing with each other or with checkout can
// never oversell; such a change is a ValidationError on the field it came
// from and leaves the stock as it was.
func (s *Store) AdjustStock(ctx context.Context, actor Actor, in StockAdjustmentInput) (StockAdjustment, error) {
	if err := in.Validate(); err != nil {
		return StockAdjustment{}, err
	}
	adj := StockAdjustment{VariantID: in.VariantID, Reason: in.Reason, Note: in.Note,
		StaffID: actor.StaffID, StaffEmail: actor.Email, CreatedAt: s.Now()}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var productID, before int64
		err := tx.QueryRowContext(ctx, `SELECT product_id, stock FROM variants WHERE id = ?`, in.VariantID).Scan(&productID, &before)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		field, delta := "delta", in.Delta
		if in.SetTo != nil {
			if in.Expected != nil && *in.Expected != before {
				return fmt.Errorf("stock is %d, not the %d counted from: %w", before, *in.Expected, ErrConflict)
			}
			// The write lock is held from BEGIN, so before is still the stock.
			field, delta = "set_to", *in.SetTo-before
		}
		err = tx.QueryRowContext(ctx, `
			UPDATE variants SET stock = stock + ?1 WHERE id = ?2 AND stock + ?1 >= 0 AND stock + ?1 <= ?3
			RETURNING stock`, delta, in.VariantID, MaxStock).Scan(&adj.StockAfter)
		if errors.Is(err, sql.ErrNoRows) {
			key := "error.stock_negative"
			if before+delta >= 0 {
				key = "error.stock_range"
			}
			return &ValidationError{Fields: map[string]string{field: key}}
		}
		if err != nil {
			return err
		}
		adj.Delta = delta
		if adj.ID, err = insertStockAdjustment(ctx, tx, adj); err != nil {
			return err
		}
		if err := refreshProduct(ctx, tx, productID); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStockAdjust, Entity: EntityVariant,
			EntityID: strconv.FormatInt(in.VariantID, 10),
			Before:   map[string]any{"stock": before},
			After:    map[string]any{"stock": adj.StockAfter, "delta": delta, "reason": in.Reason, "note": in.Note}})
	})
	if err != nil {
		return StockAdjustment{}, fmt.Errorf("adjust stock of variant %d: %w", in.VariantID, err)
	}
	s.bumpStock()
	return adj, nil
}

func insertStockAdjustment(ctx context.Context, tx *sql.Tx, a StockAdjustment) (int64, error) {
	var staffID sql.NullInt64
	if a.StaffID != 0 {
		staffID = sql.NullInt64{Int64: a.StaffID, Valid: true}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO stock_adjustments (variant_id, delta, stock_after, reason, note, staff_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.VariantID, a.Delta, a.StockAfter, a.Reason, a.Note, staffID, a.CreatedAt.Unix())
	if err != nil {
		return 0, fmt.Errorf("record stock adjustment: %w", err)
	}
	return res.LastInsertId()
}

// SetLowStockThreshold sets the stock level at or below which a variant is
// listed as low. was is the threshold the form showed: if it has changed
// since, the save is stale and refused with ErrConflict.
func (s *Store) SetLowStockThreshold(ctx context.Context, actor Actor, variantID, threshold, was int64) error {
	if msg := stockLevelError(threshold); msg != "" {
		return &ValidationError{Fields: map[string]string{"threshold": msg}}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE variants SET low_stock_threshold = ? WHERE id = ? AND low_stock_threshold = ?`,
			threshold, variantID, was)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return existsOrConflict(ctx, tx, `SELECT 1 FROM variants WHERE id = ?`, variantID)
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionStockThreshold, Entity: EntityVariant,
			EntityID: strconv.FormatInt(variantID, 10),
			Before:   map[string]any{"low_stock_threshold": was}, After: map[string]any{"low_stock_threshold": threshold}})
	})
	if err != nil {
		return fmt.Errorf("low-stock threshold of variant %d: %w", variantID, err)
	}
	s.bumpStock()
	return nil
}

// existsOrConflict explains a conditional update that changed nothing:
// ErrNotFound when the row is gone, else ErrConflict (it was changed).
func existsOrConflict(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	var one int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return ErrConflict
}

// VariantStock is a variant with its product and low-stock threshold: what
// the stock page of a variant shows, and a row of the low-stock list.
type VariantStock struct {
	ProductTitle  string
	ProductStatus string
	Variant       Variant
	Threshold     int64
}

const variantStockColumns = `v.id, v.product_id, p.title, p.status, v.position, v.sku, v.option1, v.option2, v.option3,
	v.price, v.stock, v.low_stock_threshold`

func scanVariantStock(row rowScanner) (VariantStock, error) {
	var l VariantStock
	v := &l.Variant
	err := row.Scan(&v.ID, &v.ProductID, &l.ProductTitle, &l.ProductStatus, &v.Position, &v.SKU,
		&v.Options[0], &v.Options[1], &v.Options[2], &v.Price, &v.Stock, &l.Threshold)
	return l, err
}

// VariantStockByID returns variant id with its product and threshold.
func (s *Store) VariantStockByID(ctx context.Context, id int64) (*VariantStock, error) {
	l, err := scanVariantStock(s.read.QueryRowContext(ctx, `SELECT `+variantStockColumns+`
		FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("variant %d: %w", id, err)
	}
	return &l, nil
}

// StockHistory is a page of a variant's adjustments, newest first.
type StockHistory struct {
	Adjustments []StockAdjustment
	Total       int
	Page        int
	PerPage     int
}

// Pages is the number of pages, at least 1.
func (h StockHistory) Pages() int { return pageCount(h.Total, h.PerPage) }

// StockAdjustments returns a page of variant's stock history.
func (s *Store) StockAdjustments(ctx context.Context, variantID int64, page, perPage int) (StockHistory, error) {
	h := StockHistory{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 50)}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM stock_adjustments WHERE variant_id = ?`, variantID).
		Scan(&h.Total); err != nil {
		return h, fmt.Errorf("stock history: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT a.id, a.variant_id, a.delta, a.stock_after, a.reason, a.note, coalesce(a.staff_id, 0),
			coalesce(st.email, ''), a.created_at
		FROM stock_adjustments a LEFT JOIN staff st ON st.id = a.staff_id
		WHERE a.variant_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?`, variantID, h.PerPage, (h.Page-1)*h.PerPage)
	if err != nil {
		return h, fmt.Errorf("stock history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a StockAdjustment
		var created int64
		if err := rows.Scan(&a.ID, &a.VariantID, &a.Delta, &a.StockAfter, &a.Reason, &a.Note, &a.StaffID,
			&a.StaffEmail, &created); err != nil {
			return h, fmt.Errorf("stock history: %w", err)
		}
		a.CreatedAt = time.Unix(created, 0)
		h.Adjustments = append(h.Adjustments, a)
	}
	return h, rows.Err()
}

// LowStockPage is a page of the variants at or below their threshold.
type LowStockPage struct {
	Variants []VariantStock
	Total    int
	Page     int
	PerPage  int
}

// Pages is the number of pages, at least 1.
func (p LowStockPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// lowStockFrom selects variants of draft and active products at or below
// their own threshold; its condition is the partial index's, so SQLite
// reads only that index.
const lowStockFrom = ` FROM variants v JOIN products p ON p.id = v.product_id
	WHERE v.stock <= v.low_stock_threshold AND p.status <> 'archived'`

// LowStock returns a page of the variants running low, the emptiest first.
func (s *Store) LowStock(ctx context.Context, page, perPage int) (LowStockPage, error) {
	p := LowStockPage{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 50)}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*)`+lowStockFrom).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("low stock: %w", err)
	}
	var err error
	p.Variants, err = s.lowStock(ctx, p.PerPage, (p.Page-1)*p.PerPage)
	return p, err
}

// LowStockVariants lists up to limit variants running low, the emptiest
// first, without counting them all: the admin home's attention list.
func (s *Store) LowStockVariants(ctx context.Context, limit int) ([]VariantStock, error) {
	return s.lowStock(ctx, perPageOr(limit, 50), 0)
}

func (s *Store) lowStock(ctx context.Context, limit, offset int) ([]VariantStock, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+variantStockColumns+lowStockFrom+`
		ORDER BY v.stock, p.title, v.position, v.id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("low stock: %w", err)
	}
	defer rows.Close()
	var out []VariantStock
	for rows.Next() {
		l, err := scanVariantStock(rows)
		if err != nil {
			return nil, fmt.Errorf("low stock: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func pageCount(total, perPage int) int {
	if perPage <= 0 || total == 0 {
		return 1
	}
	return (total + perPage - 1) / perPage
}

func perPageOr(n, def int) int {
	if n <= 0 || n > 200 {
		return def
	}
	return n
}
