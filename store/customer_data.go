package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// CustomerOrderSummary is one row of the account's order list.
type CustomerOrderSummary struct {
	Number            string
	Status            string
	PaymentStatus     string
	FulfillmentStatus string
	PaymentMethod     string
	ShippingKind      string // the shipping method's kind: a pickup is paid on collection
	Currency          string
	Total             int64
	CreatedAt         time.Time
}

// CustomerOrders lists the account's orders, newest first.
func (s *Store) CustomerOrders(ctx context.Context, customerID int64) ([]CustomerOrderSummary, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT number, status, payment_status, fulfillment_status, payment_method, shipping_kind, currency, total, created_at
		FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC`, customerID)
	if err != nil {
		return nil, fmt.Errorf("customer orders: %w", err)
	}
	defer rows.Close()
	var out []CustomerOrderSummary
	for rows.Next() {
		var o CustomerOrderSummary
		var created int64
		if err := rows.Scan(&o.Number, &o.Status, &o.PaymentStatus, &o.FulfillmentStatus, &o.PaymentMethod, &o.ShippingKind, &o.Currency, &o.Total, &created); err != nil {
			return nil, fmt.Errorf("customer orders: %w", err)
		}
		o.CreatedAt = time.Unix(created, 0)
		out = append(out, o)
	}
	return out, rows.Err()
}

// CustomerOrder returns the account's order with number; another's order,
// or a guest order not claimed, is ErrNotFound.
func (s *Store) CustomerOrder(ctx context.Context, customerID int64, number string) (*Order, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT id FROM orders WHERE number = ? AND customer_id = ?`,
		normalizeOrderNumber(number), customerID).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("customer order %s: %w", number, notFound(err))
	}
	return s.OrderByID(ctx, id)
}

// SignInCart is the cart the browser should hold after customerID signs in
// with a guest cart of guestToken ("" for none): the guest's lines join
// the account's open cart, quantities adding up and capped by stock and
// MaxLineQuantity as in AddToCart (sold-out or unlisted items are left
// out), and the guest cart is gone. With no account cart the guest cart
// becomes the account's. It returns the token to keep, "" for no cart.
func (s *Store) SignInCart(ctx context.Context, customerID int64, guestToken string) (string, error) {
	var token string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var accountID, guestID int64
		err := tx.QueryRowContext(ctx, `SELECT id, token FROM carts WHERE customer_id = ? AND status = 'open'
			ORDER BY updated_at DESC, id DESC LIMIT 1`, customerID).Scan(&accountID, &token)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT id FROM carts WHERE token = ? AND status = 'open'
			AND (customer_id IS NULL OR customer_id = ?)`, guestToken, customerID).Scan(&guestID)
		switch {
		case errors.Is(err, sql.ErrNoRows) || guestID == accountID:
			return nil
		case err != nil:
			return err
		case accountID == 0:
			token = guestToken
			_, err = tx.ExecContext(ctx, `UPDATE carts SET customer_id = ? WHERE id = ?`, customerID, guestID)
			return err
		}
		return mergeCarts(ctx, tx, guestID, accountID, s.Now())
	})
	s.cartCounts.forget(guestToken, token)
	if err != nil {
		return "", fmt.Errorf("sign-in cart of customer %d: %w", customerID, err)
	}
	return token, nil
}

// mergeCarts moves the guest cart's lines into the account's and deletes
// it; the account keeps its coupon, or takes the guest's when it has none.
func mergeCarts(ctx context.Context, tx *sql.Tx, guestID, accountID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO cart_lines (cart_id, variant_id, quantity, price_seen, added_at)
		SELECT ?1, g.variant_id, min(g.quantity, v.stock, ?2), g.price_seen, g.added_at
		FROM cart_lines g JOIN variants v ON v.id = g.variant_id JOIN products p ON p.id = v.product_id
		WHERE g.cart_id = ?3 AND v.stock > 0 AND p.status = ?4
		ON CONFLICT (cart_id, variant_id) DO UPDATE SET
			quantity = min(cart_lines.quantity + excluded.quantity,
				(SELECT stock FROM variants WHERE id = excluded.variant_id), ?2)`,
		accountID, MaxLineQuantity, guestID, StatusActive)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE carts SET coupon = (SELECT coupon FROM carts WHERE id = ?1)
		WHERE id = ?2 AND coupon = ''`, guestID, accountID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM carts WHERE id = ?`, guestID); err != nil {
		return err
	}
	return touchCart(ctx, tx, accountID, now)
}

// ClaimCart makes the browser's open cart the account's, so that a cart
// started while signed in is found again at the next sign-in anywhere.
func (s *Store) ClaimCart(ctx context.Context, customerID int64, token string) error {
	if customerID <= 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE carts SET customer_id = ? WHERE token = ? AND status = 'open'
			AND customer_id IS NULL`, customerID, token)
		return err
	})
	s.cartCounts.forget(token)
	if err != nil {
		return fmt.Errorf("claim cart: %w", err)
	}
	return nil
}

// CustomerExport is everything the shop keeps about a customer, for the
// account's data download.
type CustomerExport struct {
	Account   CustomerExportAccount `json:"account"`
	Addresses []CustomerAddress     `json:"addresses"`
	Orders    []*Order              `json:"orders"`
	Tier      string                `json:"tier"`
	Points    PointsBalance         `json:"points"`
	Ledger    []PointsEntry         `json:"points_ledger"`
	Coupons   []MemberCoupon        `json:"coupons"`
}

// CustomerExportAccount is the account part of the download.
type CustomerExportAccount struct {
	Email            string     `json:"email"`
	Name             string     `json:"name"`
	Birthday         string     `json:"birthday,omitempty"`
	EmailConfirmedAt *time.Time `json:"email_confirmed_at,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
}

// ExportCustomer gathers the account, its address book, its orders, its
// tier, points ledger and coupons.
func (s *Store) ExportCustomer(ctx context.Context, c *Customer) (*CustomerExport, error) {
	out := &CustomerExport{Account: CustomerExportAccount{Email: c.Email, Name: c.Name, Birthday: c.Birthday,
		CreatedAt: c.CreatedAt}}
	if c.EmailConfirmed() {
		t := c.EmailConfirmedAt
		out.Account.EmailConfirmedAt = &t
	}
	var err error
	if out.Addresses, err = s.CustomerAddresses(ctx, c.ID); err != nil {
		return nil, err
	}
	orders, err := s.CustomerOrders(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out.Orders = []*Order{}
	for _, sum := range orders {
		o, err := s.CustomerOrder(ctx, c.ID, sum.Number)
		if err != nil {
			return nil, err
		}
		o.AccessKey = "" // a key to the guest page, not the customer's data
		out.Orders = append(out.Orders, o)
	}
	tier, err := s.CustomerTier(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out.Tier = tier.Tier.Name.Default
	if out.Points, err = s.PointsBalance(ctx, c.ID); err != nil {
		return nil, err
	}
	if out.Ledger, err = s.PointsLedger(ctx, c.ID, 100000); err != nil {
		return nil, err
	}
	if out.Coupons, err = s.MemberCoupons(ctx, c.ID); err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteCustomer deletes the account after checking its password. Its
// orders stay for the books, with the contact and address wiped; the
// account row stays too, emptied, so that they still point at one
// customer; its address book, links, carts and unsent emails go.
func (s *Store) DeleteCustomer(ctx context.Context, id int64, password string) error {
	v := &ValidationError{}
	if err := s.checkCurrentPassword(ctx, id, password, v); err != nil {
		return fmt.Errorf("delete customer: %w", err)
	}
	if err := v.Err(); err != nil {
		return err
	}
	now := s.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		anon := "deleted-" + strconv.FormatInt(id, 10) + "@invalid"
		for _, st := range []struct {
			q    string
			args []any
		}{
			{`DELETE FROM outbox WHERE status = 'pending' AND (customer_id = ?1
				OR order_id IN (SELECT id FROM orders WHERE customer_id = ?1))`, []any{id}},
			{`UPDATE orders SET email = '', name = '', phone = '', address_line1 = '', address_line2 = '', city = '',
				region = '', postal_code = '', note = '' WHERE customer_id = ?`, []any{id}},
			{`DELETE FROM customer_addresses WHERE customer_id = ?`, []any{id}},
			{`DELETE FROM customer_tags WHERE customer_id = ?`, []any{id}},
			{`DELETE FROM customer_tokens WHERE customer_id = ?`, []any{id}},
			{`DELETE FROM carts WHERE customer_id = ?`, []any{id}},
			{`UPDATE customers SET email = ?, name = '', password_hash = '', birthday = NULL, notes = '',
				session_epoch = session_epoch + 1, deleted_at = ?, updated_at = ? WHERE id = ?`,
				[]any{anon, now.Unix(), now.Unix(), id}},
		} {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return err
			}
		}
		return nil
	})
	s.cartCounts.forget()
	if err != nil {
		return fmt.Errorf("delete customer %d: %w", id, err)
	}
	return nil
}
