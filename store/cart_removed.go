package store

import (
	"context"
	"database/sql"
	"fmt"
)

// CartRemovals returns the items v's cart lost because the merchant
// removed their variant (the notes migration 0032's trigger leaves), in
// locale, named as they were when removed: ProductID, ProductTitle and
// VariantTitle are set, and ID is the note's. None for a view without a
// cart.
func (s *Store) CartRemovals(ctx context.Context, v CartView, locale string) ([]CartLine, error) {
	if v.Cart == nil {
		return nil, nil
	}
	rows, err := s.query(ctx, `
		SELECT id, product_id, product_title, option1, option2, option3
		FROM cart_lines_gone WHERE cart_id = ? ORDER BY id`, v.Cart.ID)
	if err != nil {
		return nil, fmt.Errorf("cart removals: %w", err)
	}
	defer rows.Close()
	var lines []CartLine
	for rows.Next() {
		var l CartLine
		if err := rows.Scan(&l.ID, &l.ProductID, &l.ProductTitle, &l.options[0], &l.options[1], &l.options[2]); err != nil {
			return nil, fmt.Errorf("cart removals: %w", err)
		}
		l.VariantTitle = Variant{Options: l.options}.Title()
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil || len(lines) == 0 {
		return nil, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if locale != st.ContentLocale {
		if err := nameLines(ctx, s.query, lines); err != nil {
			return nil, err
		}
	}
	for i := range lines {
		lines[i] = lines[i].In(locale)
	}
	return lines, nil
}

// ForgetCartRemovals records that the shopper has been told of removed
// (CartRemovals of v): their notes go, so the cart or the checkout says
// so once, and the order can be placed (placeOrder refuses it while a note
// is left). Notes left since are kept for the next view.
func (s *Store) ForgetCartRemovals(ctx context.Context, v CartView, removed []CartLine) error {
	if v.Cart == nil || len(removed) == 0 {
		return nil
	}
	// removed is in id order, and notes left since have larger ids.
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM cart_lines_gone WHERE cart_id = ? AND id <= ?`,
			v.Cart.ID, removed[len(removed)-1].ID)
		return err
	})
	s.cartCounts.forget(v.Cart.Token) // the page cached with the notice goes
	if err != nil {
		return fmt.Errorf("forget cart removals: %w", err)
	}
	return nil
}

// cartHasRemovals reports whether token's open cart holds notes of items
// removed (CartRemovals) that the shopper has not been shown yet: shown,
// they are forgotten. It asks by token, as a cart the removal emptied
// has no line to name it by.
func cartHasRemovals(ctx context.Context, tx *sql.Tx, token string) (bool, error) {
	var removed bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cart_lines_gone g JOIN carts c ON c.id = g.cart_id
		WHERE c.token = ? AND c.status = 'open')`, token).Scan(&removed)
	if err != nil {
		return false, fmt.Errorf("cart removals: %w", err)
	}
	return removed, nil
}
