package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Cart statuses. Placing an order closes the cart; a closed cart is never
// reopened, and the shopper's next add starts a new one.
const (
	CartOpen   = "open"
	CartClosed = "closed"
)

// Cart limits.
const (
	// MaxLineQuantity caps one line: more than this of one thing is a
	// wholesale order or a typo.
	MaxLineQuantity = 99
	// MaxCartLines bounds the number of different items in a cart, and so
	// the cost of showing and pricing it.
	MaxCartLines = 100
	// CartLifetime is how long a cart lives untouched before
	// DeleteStaleCarts removes it.
	CartLifetime = 30 * 24 * time.Hour
)

// Cart is a shopper's cart. Token is the random id the shopper's session
// holds; the row id is never shown.
type Cart struct {
	ID     int64
	Token  string
	Status string
	Coupon string // the code the shopper entered, applied or not
	// CustomerID is the account the cart belongs to (signed in when it was
	// started, or since: SignInCart, ClaimCart); 0 for a guest's.
	CustomerID int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// CartLimit says why a line holds less than the shopper asked for.
type CartLimit string

// Cart limits a change can run into.
const (
	LimitNone  CartLimit = ""
	LimitStock CartLimit = "stock" // only so many are in stock
	LimitMax   CartLimit = "max"   // MaxLineQuantity per line
)

// CartChange reports what AddToCart or UpdateCartLine did, so the shopper
// can be told: "added 2", "only 3 left, your cart has 3", "removed".
type CartChange struct {
	Token        string // the cart's token: a new one when the cart was created
	LineID       int64
	VariantID    int64
	ProductTitle string
	VariantTitle string
	Requested    int64 // the quantity asked to add (AddToCart) or to set (UpdateCartLine)
	Quantity     int64 // the line's quantity now; 0 when removed
	Added        int64 // how much the line's quantity changed; negative when lowered
	Stock        int64
	Limit        CartLimit
	Tr           Texts // the product's translations, for In
	options      [3]string
}

// In is the change with its titles in locale.
func (ch CartChange) In(locale string) CartChange {
	l := CartLine{ProductTitle: ch.ProductTitle, Tr: ch.Tr, options: ch.options}.In(locale)
	ch.ProductTitle, ch.VariantTitle = l.ProductTitle, l.VariantTitle
	return ch
}

// cartItem is what adding or updating needs to know of a variant.
type cartItem struct {
	productID    int64
	productTitle string
	status       string
	options      [3]string
	stock        int64
}

func (it cartItem) check() error {
	if it.status != StatusActive {
		return &ValidationError{Fields: map[string]string{"variant_id": "error.variant_unavailable"}}
	}
	if it.stock <= 0 {
		return &ValidationError{Fields: map[string]string{"variant_id": "error.sold_out"}}
	}
	return nil
}

// describe fills in ch's titles, translations included (read through tx).
func (it cartItem) describe(ctx context.Context, tx *sql.Tx, ch *CartChange) error {
	ch.ProductTitle, ch.VariantTitle, ch.Stock = it.productTitle, Variant{Options: it.options}.Title(), it.stock
	ch.options = it.options
	tr, err := loadProductNames(ctx, tx.QueryContext, []int64{it.productID})
	ch.Tr = tr[it.productID]
	return err
}

// CartByToken returns the cart the session's token names, open or closed.
func (s *Store) CartByToken(ctx context.Context, token string) (*Cart, error) {
	if token == "" {
		return nil, ErrNotFound
	}
	c := &Cart{}
	var created, updated int64
	err := s.queryRow(ctx, `SELECT id, token, status, coupon, coalesce(customer_id, 0), created_at, updated_at
		FROM carts WHERE token = ?`, token).Scan(&c.ID, &c.Token, &c.Status, &c.Coupon, &c.CustomerID, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cart: %w", err)
	}
	c.CreatedAt, c.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	return c, nil
}

// AddToCart adds qty of a variant to the open cart that token names,
// starting a new cart (with a new token, reported in the change) when there
// is none. Adding a variant already in the cart adds to its line. The line
// is capped at the variant's stock and at MaxLineQuantity, and the change
// says so. The price is always the catalog's, never the form's. A new line
// remembers it as the price the shopper saw (the product page showed it);
// adding to a line keeps the price it remembered, so a change since the
// shopper first added it is still flagged on the cart page.
//
// A quantity outside 1..MaxLineQuantity, a variant that does not exist or
// whose product is not active, a sold-out variant and a full cart are
// *ValidationError, and nothing is added.
func (s *Store) AddToCart(ctx context.Context, token string, variantID, qty int64) (CartChange, error) {
	ch := CartChange{VariantID: variantID, Requested: qty}
	if qty < 1 || qty > MaxLineQuantity {
		return ch, &ValidationError{Fields: map[string]string{"quantity": "error.quantity_range"}}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, err := variantForCart(ctx, tx, variantID)
		if err != nil {
			return err
		}
		if err := it.check(); err != nil {
			return err
		}
		if err := it.describe(ctx, tx, &ch); err != nil {
			return err
		}
		cartID, started, err := s.openCart(ctx, tx, token, &ch.Token)
		if err != nil {
			return err
		}
		// A cart started here is empty: no line to add to, and room. A
		// new buyer's first add is the common case, behind the single writer.
		var before int64
		if !started {
			err = tx.QueryRowContext(ctx, `SELECT quantity FROM cart_lines WHERE cart_id = ? AND variant_id = ?`,
				cartID, variantID).Scan(&before)
			if errors.Is(err, sql.ErrNoRows) {
				err = checkCartRoom(ctx, tx, cartID)
			}
			if err != nil {
				return err
			}
		}
		// The cap is applied by the upsert itself, against the stock as it
		// is inside this transaction.
		err = tx.QueryRowContext(ctx, `
			INSERT INTO cart_lines (cart_id, variant_id, quantity, price_seen, added_at)
			SELECT ?1, v.id, min(?3, v.stock, ?5), v.price, ?4 FROM variants v WHERE v.id = ?2
			ON CONFLICT (cart_id, variant_id) DO UPDATE SET
				quantity = min(cart_lines.quantity + ?3, (SELECT stock FROM variants WHERE id = ?2), ?5)
			RETURNING id, quantity`, cartID, variantID, qty, s.Now().Unix(), MaxLineQuantity).Scan(&ch.LineID, &ch.Quantity)
		if err != nil {
			return err
		}
		ch.Added = ch.Quantity - before
		ch.Limit = cartLimit(before+qty, ch.Quantity, it.stock)
		return nil
	})
	s.cartCounts.forget(token, ch.Token)
	if err != nil {
		return ch, fmt.Errorf("add variant %d to cart: %w", variantID, err)
	}
	return ch, nil
}

// UpdateCartLine sets the quantity of one line of token's open cart; 0
// removes it. A line that is not in that cart is ErrNotFound. The quantity
// is capped as in AddToCart; raising or keeping the quantity of an item
// that is sold out or no longer sold is a *ValidationError (removing it
// always works).
func (s *Store) UpdateCartLine(ctx context.Context, token string, lineID, qty int64) (CartChange, error) {
	ch := CartChange{LineID: lineID, Requested: qty}
	if qty < 0 || qty > MaxLineQuantity {
		return ch, &ValidationError{Fields: map[string]string{"quantity": "error.quantity_update_range"}}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var it cartItem
		var cartID, before int64
		err := tx.QueryRowContext(ctx, `
			SELECT l.cart_id, l.variant_id, l.quantity, p.id, p.title, p.status, v.option1, v.option2, v.option3, v.stock
			FROM cart_lines l
			JOIN carts c ON c.id = l.cart_id
			JOIN variants v ON v.id = l.variant_id
			JOIN products p ON p.id = v.product_id
			WHERE l.id = ? AND c.token = ? AND c.status = 'open'`, lineID, token).Scan(
			&cartID, &ch.VariantID, &before, &it.productID, &it.productTitle, &it.status, &it.options[0], &it.options[1], &it.options[2], &it.stock)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := it.describe(ctx, tx, &ch); err != nil {
			return err
		}
		ch.Token = token
		if qty == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE id = ?`, lineID)
		} else if err = it.check(); err == nil {
			err = tx.QueryRowContext(ctx, `
				UPDATE cart_lines SET quantity = min(?, (SELECT stock FROM variants WHERE id = cart_lines.variant_id), ?)
				WHERE id = ? RETURNING quantity`, qty, MaxLineQuantity, lineID).Scan(&ch.Quantity)
		}
		if err != nil {
			return err
		}
		ch.Added = ch.Quantity - before
		ch.Limit = cartLimit(qty, ch.Quantity, it.stock)
		return touchCart(ctx, tx, cartID, s.Now())
	})
	s.cartCounts.forget(token)
	if err != nil {
		return ch, fmt.Errorf("update cart line %d: %w", lineID, err)
	}
	return ch, nil
}

// DeleteStaleCarts deletes every cart (and its lines) last changed before
// before, and reports how many went. The shop calls it daily with
// CartLifetime ago.
func (s *Store) DeleteStaleCarts(ctx context.Context, before time.Time) (int64, error) {
	n, err := s.deleteCounted(ctx, `DELETE FROM carts WHERE updated_at < ?`, before.Unix())
	s.cartCounts.forget()
	if err != nil {
		return 0, fmt.Errorf("delete stale carts: %w", err)
	}
	return n, nil
}

// deleteCounted runs a DELETE in its own transaction and reports how many
// rows went: the daily clean-ups.
func (s *Store) deleteCounted(ctx context.Context, query string, args ...any) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// variantForCart reads what adding needs to know of a variant; a variant
// that does not exist is a validation error like one no longer sold, since
// the shopper can do the same about both.
func variantForCart(ctx context.Context, tx *sql.Tx, variantID int64) (cartItem, error) {
	var it cartItem
	err := tx.QueryRowContext(ctx, `
		SELECT p.id, p.title, p.status, v.option1, v.option2, v.option3, v.stock
		FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?`, variantID).Scan(
		&it.productID, &it.productTitle, &it.status, &it.options[0], &it.options[1], &it.options[2], &it.stock)
	if errors.Is(err, sql.ErrNoRows) {
		return it, &ValidationError{Fields: map[string]string{"variant_id": "error.variant_unavailable"}}
	}
	return it, err
}

// openCart finds token's open cart and marks it as just used, or starts a
// new cart with a fresh random token when token is empty, unknown (deleted
// as stale) or names a closed cart, and says so (started). A token the
// client brought is never adopted for a new cart. *newToken is set to the
// cart's token. The new cart's id comes from LastInsertId rather than
// RETURNING, which SQLite collects through a temporary table.
func (s *Store) openCart(ctx context.Context, tx *sql.Tx, token string, newToken *string) (id int64, started bool, err error) {
	now := s.Now()
	if token != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM carts WHERE token = ? AND status = 'open'`, token).Scan(&id)
		if err == nil {
			*newToken = token
			return id, false, touchCart(ctx, tx, id, now)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
	}
	*newToken = rand.Text() // 26 base32 characters: 130 random bits
	r, err := tx.ExecContext(ctx, `INSERT INTO carts (token, status, created_at, updated_at) VALUES (?, 'open', ?, ?)`,
		*newToken, now.Unix(), now.Unix())
	if err != nil {
		return 0, false, err
	}
	id, err = r.LastInsertId()
	return id, true, err
}

func touchCart(ctx context.Context, tx *sql.Tx, cartID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE carts SET updated_at = ? WHERE id = ?`, now.Unix(), cartID)
	return err
}

func checkCartRoom(ctx context.Context, tx *sql.Tx, cartID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cart_lines WHERE cart_id = ?`, cartID).Scan(&n); err != nil {
		return err
	}
	if n >= MaxCartLines {
		return &ValidationError{Fields: map[string]string{"variant_id": "error.cart_full"}}
	}
	return nil
}

// cartLimit names what held a line at got when want was asked for.
func cartLimit(want, got, stock int64) CartLimit {
	switch {
	case got >= want:
		return LimitNone
	case got == MaxLineQuantity && stock >= MaxLineQuantity:
		return LimitMax
	default:
		return LimitStock
	}
}
