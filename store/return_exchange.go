package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Exchange events and email: the replacement order is created when the
// return is approved, and the return is done once the goods are back.
const (
	EventReturnExchanged = "return_exchanged"
	// EventExchangeOrder is on the replacement order's timeline; its
	// detail is the original order's number.
	EventExchangeOrder   = "exchange_order"
	EmailReturnExchanged = "return_exchanged"
)

// ExchangeField is the return form's field naming the variant an order
// line is exchanged for.
func ExchangeField(lineID int64) string { return "exchange_" + strconv.FormatInt(lineID, 10) }

// ExchangeableFor reports whether l may be exchanged for v: for its own
// variant (a damaged item swapped for a sound one), or for another whose
// price now is not above what l's unit cost when bought, before
// discounts. An exchange charges nothing, so a dearer variant would give
// the difference away.
func (l OrderLine) ExchangeableFor(v Variant) bool {
	return v.ID == l.VariantID || v.Price <= l.UnitPrice
}

// exchangeableSQL is ExchangeableFor over variants v and order_lines ol,
// for the checks inside the request's and the approval's transactions (a
// line whose variant was deleted has only the price to go by).
const exchangeableSQL = `coalesce(v.id = ol.variant_id OR v.price <= ol.unit_price, 0)`

// ExchangeChoices are, by order line, the variants of the line's product a
// shopper may exchange it for (ExchangeableFor: its own included), with
// their options in locale. A product no longer on sale has none.
func (s *Store) ExchangeChoices(ctx context.Context, o *Order, locale string) (map[int64][]Variant, error) {
	out := map[int64][]Variant{}
	products := map[int64]*Product{}
	for _, l := range o.Lines {
		p, err := s.productOfVariant(ctx, products, l.VariantID, locale)
		if err != nil {
			return nil, fmt.Errorf("exchange choices: %w", err)
		}
		if p == nil || p.Status != StatusActive {
			continue
		}
		for _, v := range p.Variants {
			if l.ExchangeableFor(v) {
				out[l.ID] = append(out[l.ID], v)
			}
		}
	}
	return out, nil
}

// ExchangeWanted is, by order line, the variant exchange r asks for as
// the catalog has it now: its options in locale, to name it, and its
// price today, for staff to compare with the item's. A variant deleted
// since is missing.
func (s *Store) ExchangeWanted(ctx context.Context, r *Return, locale string) (map[int64]Variant, error) {
	out := map[int64]Variant{}
	products := map[int64]*Product{}
	for line, id := range r.ExchangeFor {
		p, err := s.productOfVariant(ctx, products, id, locale)
		if err != nil {
			return nil, fmt.Errorf("exchange wanted: %w", err)
		}
		if p == nil {
			continue
		}
		for _, v := range p.Variants {
			if v.ID == id {
				out[line] = v
			}
		}
	}
	return out, nil
}

// productOfVariant is the product of variant id in locale, read once into
// cache; nil for a variant or product deleted.
func (s *Store) productOfVariant(ctx context.Context, cache map[int64]*Product, id int64, locale string) (*Product, error) {
	if id == 0 {
		return nil, nil
	}
	var productID int64
	err := s.queryRow(ctx, `SELECT product_id FROM variants WHERE id = ?`, id).Scan(&productID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if p, ok := cache[productID]; ok {
		return p, nil
	}
	p, err := s.ProductByID(ctx, productID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	cache[productID] = p.In(locale)
	return cache[productID], nil
}

// checkExchange checks, inside the request's transaction, that each
// returned line names a variant of its own product that is on sale, that
// the line may be exchanged for (ExchangeableFor) and that has the units
// in stock now; the stock is taken only on approval.
func checkExchange(ctx context.Context, tx *sql.Tx, lines []ReturnLine, choice map[int64]int64) error {
	v := &ValidationError{}
	for _, l := range lines {
		var stock int64
		var allowed bool
		err := tx.QueryRowContext(ctx, `SELECT v.stock, `+exchangeableSQL+`
			FROM variants v JOIN products p ON p.id = v.product_id JOIN order_lines ol ON ol.id = ?
			WHERE v.id = ? AND p.status = ? AND v.product_id = (SELECT w.product_id FROM variants w WHERE w.id = ol.variant_id)`,
			l.OrderLineID, choice[l.OrderLineID], StatusActive).Scan(&stock, &allowed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			v.Add(ExchangeField(l.OrderLineID), "returns.error.exchange_variant")
		case err != nil:
			return fmt.Errorf("check exchange: %w", err)
		case !allowed:
			v.Add(ExchangeField(l.OrderLineID), "returns.error.exchange_dearer")
		case stock < l.Quantity:
			v.Add(ExchangeField(l.OrderLineID), "returns.error.exchange_stock")
		}
	}
	return v.Err()
}

// createExchangeOrder makes the replacement order of an approved exchange,
// inside its transaction: the same shopper, address and shipping, the
// chosen variants (none dearer than what they replace: ExchangeableFor) at
// no charge (each line's price discounted in full), paid, and ready to
// ship. It takes the stock now, so the replacement cannot be sold to
// someone else while the goods travel back; without enough stock the
// approval fails and the owner restocks or rejects.
func createExchangeOrder(ctx context.Context, tx *sql.Tx, returnID, orderID int64, now time.Time) (int64, error) {
	// A line whose variant was deleted since the request has nothing to
	// send: without this, the replacement would be an empty order, paid.
	var gone int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM return_lines WHERE return_id = ? AND exchange_variant_id IS NULL`,
		returnID).Scan(&gone); err != nil {
		return 0, fmt.Errorf("exchange lines: %w", err)
	}
	if gone > 0 {
		return 0, &ValidationError{Fields: map[string]string{"exchange": "returns.error.exchange_variant_gone"}}
	}
	// A price raised since the request would make the free replacement
	// worth more than the item it replaces.
	var dearer int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM return_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id
		JOIN variants v ON v.id = rl.exchange_variant_id WHERE rl.return_id = ? AND NOT `+exchangeableSQL,
		returnID).Scan(&dearer); err != nil {
		return 0, fmt.Errorf("exchange prices: %w", err)
	}
	if dearer > 0 {
		return 0, &ValidationError{Fields: map[string]string{"exchange": "returns.error.exchange_dearer_approve"}}
	}
	var id int64
	var original, locale string
	_, err := withOrderNumber(func(number string) error {
		return tx.QueryRowContext(ctx, `INSERT INTO orders (number, access_key, checkout_token, payment_method, payment_status,
				email, name, phone, address_line1, address_line2, city, region, postal_code, country, locale,
				shipping_method, shipping_names, shipping_kind, currency, prices_include_tax, tax_rate_bp,
				subtotal, discount, shipping, tax, total, created_at, updated_at, paid_at, customer_id)
			SELECT ?, ?, ?, payment_method, 'paid', email, name, phone, address_line1, address_line2, city, region,
				postal_code, country, locale, shipping_method, shipping_names, shipping_kind, currency, prices_include_tax, tax_rate_bp,
				0, 0, 0, 0, 0, ?, ?, ?, customer_id
			FROM orders WHERE id = ? RETURNING id, locale`,
			number, rand.Text(), "exchange-"+strconv.FormatInt(returnID, 10), now.Unix(), now.Unix(), now.Unix(),
			orderID).Scan(&id, &locale)
	})
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT number FROM orders WHERE id = ?`, orderID).Scan(&original)
	}
	if err != nil {
		return 0, fmt.Errorf("exchange order: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT rl.quantity, ol.product_handle, ol.product_title, ol.product_names, ol.image_id,
			v.id, v.sku, v.option1, v.option2, v.option3, v.price, v.weight_grams, coalesce(v.image_id, 0), v.product_id
		FROM return_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id JOIN variants v ON v.id = rl.exchange_variant_id
		WHERE rl.return_id = ? ORDER BY rl.order_line_id`, returnID)
	if err != nil {
		return 0, fmt.Errorf("exchange lines: %w", err)
	}
	type line struct {
		qty, imageID, productID int64
		handle, title, names    string
		v                       Variant
	}
	var lines []line
	for rows.Next() {
		var l line
		var variantImage int64
		if err := rows.Scan(&l.qty, &l.handle, &l.title, &l.names, &l.imageID, &l.v.ID, &l.v.SKU, &l.v.Options[0], &l.v.Options[1],
			&l.v.Options[2], &l.v.Price, &l.v.WeightGrams, &variantImage, &l.productID); err != nil {
			rows.Close()
			return 0, err
		}
		if variantImage != 0 {
			l.imageID = variantImage
		}
		lines = append(lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.productID
	}
	tr, err := loadTranslations(ctx, tx.QueryContext, EntityProductText, ids)
	if err != nil {
		return 0, err
	}
	var subtotal int64
	for _, l := range lines {
		names := variantNames(Texts(tr[l.productID]), l.v.Options)
		l.v.Options = localOptions(Texts(tr[l.productID]), l.v.Options, locale)
		ok, err := takeUnits(ctx, tx, l.v.ID, l.qty)
		if err != nil {
			return 0, fmt.Errorf("exchange stock: %w", err)
		}
		if !ok {
			return 0, &ValidationError{Fields: map[string]string{"exchange": "returns.error.exchange_no_stock"}}
		}
		gross := l.v.Price * l.qty
		subtotal += gross
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, variant_id, product_handle, product_title,
				variant_title, sku, image_id, unit_price, quantity, weight_grams, gross, discount, tax, paid,
				product_names, variant_names)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`, id, l.v.ID, l.handle, l.title, l.v.Title(), l.v.SKU,
			l.imageID, l.v.Price, l.qty, l.v.WeightGrams*l.qty, gross, gross, l.names, names); err != nil {
			return 0, fmt.Errorf("exchange line: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET subtotal = ?, discount = ? WHERE id = ?`, subtotal, subtotal, id); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE returns SET exchange_order_id = ? WHERE id = ?`, id, returnID); err != nil {
		return 0, err
	}
	return id, addOrderEvent(ctx, tx, id, EventExchangeOrder, original, Actor{}, now)
}

// CompleteExchange closes a received exchange: the goods are back and the
// replacement order carries on like any other, shipped from the orders
// list, except that it can no longer be cancelled (checkNotReplacement).
// It need not have shipped: the shopper is told the goods arrived and
// which order brings the replacement, and a pickup's replacement may wait
// days to be collected.
func (s *Store) CompleteExchange(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		// A refund is not completed as an exchange (onlyFor).
		orderID, _, err := moveReturn(ctx, tx, id, ReturnReceived, ReturnExchanged, EventReturnExchanged, actor, now, "")
		if err != nil {
			return err
		}
		if err := s.auditReturn(ctx, tx, actor, ActionReturnExchange, id, ReturnReceived, ReturnExchanged, nil); err != nil {
			return err
		}
		return queueReturnEmail(ctx, tx, EmailReturnExchanged, orderID, id, now)
	})
}

// ExchangeReplaced is the order whose exchange order orderID sends the
// replacement of (its ID and number); 0 and "" for an order that
// replaces nothing. Staff are told, and not offered a cancel that
// checkNotReplacement would refuse.
func (s *Store) ExchangeReplaced(ctx context.Context, orderID int64) (id int64, number string, err error) {
	err = s.queryRow(ctx, `SELECT o.id, o.number FROM returns r JOIN orders o ON o.id = r.order_id
		WHERE r.exchange_order_id = ? ORDER BY r.id LIMIT 1`, orderID).Scan(&id, &number)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("exchange replaced: %w", err)
	}
	return id, number, nil
}
