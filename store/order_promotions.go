package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"storefront/store/pricing"
)

// PriceRoseError refuses an order that would cost more than the checkout
// page showed: a coupon stopped applying (its last use went to another
// order, the shopper's email has used it), a flash sale sold out or ended.
// Coupon says why when the coupon is the cause, Passed the automatic
// promotions not kept, each with why. A price that fell is charged as it
// is.
type PriceRoseError struct {
	Shown, Total int64
	Coupon       *pricing.CouponState
	Passed       []pricing.Passed
}

func (e *PriceRoseError) Error() string {
	return fmt.Sprintf("price rose from %d to %d", e.Shown, e.Total)
}

// customerKey is who an order's promotion uses count against: the email,
// lower-cased.
func customerKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// promoteOrder works out the order's promotions inside its transaction:
// the promotions and their counts as no other order can change them now,
// and the shopper as their email and account make them known.
func (s *Store) promoteOrder(ctx context.Context, tx *sql.Tx, lines []CartLine, coupon, email string, customerID int64,
	locale string, now time.Time) (promoted, error) {
	autos, err := s.txLivePromotions(ctx, tx)
	if err != nil {
		return promoted{}, err
	}
	who := func(need shopperNeed) (pricing.Shopper, error) {
		return shopperFor(ctx, tx.QueryContext, email, customerID, need)
	}
	return promote(ctx, tx.QueryContext, autos, lines, coupon, who, locale, now)
}

// shopperNeed says what promotions consult of a shopper's earlier orders:
// whether this is their first (a first-order-only promotion), and what
// they used of each promotion (a per-customer limit). Neither consulted,
// neither is read: two searches of the orders, inside checkout's write
// transaction, and on every page of a signed-in customer.
type shopperNeed struct{ firstOrder, uses bool }

// needOf is what autos and coupon (nil for none) consult.
func needOf(autos []Promotion, coupon *Promotion) shopperNeed {
	var need shopperNeed
	for _, p := range autos {
		need.firstOrder = need.firstOrder || p.FirstOrderOnly
		need.uses = need.uses || p.CustomerLimit > 0
	}
	if coupon != nil {
		need.firstOrder = need.firstOrder || coupon.FirstOrderOnly
		need.uses = need.uses || coupon.CustomerLimit > 0
	}
	return need
}

// shopperFor is what promotions know of a shopper: by their email (a
// guest at checkout) and, when signed in (customerID > 0), by their
// account too, whose earlier orders count whatever email they gave, and
// whose tier promotions may be for. With neither, the shopper is unknown
// (a guest's cart). Their earlier orders are read only as need says:
// what is not read is left as a first order with no uses, which no
// promotion then consults.
func shopperFor(ctx context.Context, query queryFunc, email string, customerID int64, need shopperNeed) (pricing.Shopper, error) {
	email = strings.TrimSpace(email)
	if email == "" && customerID <= 0 {
		return pricing.Shopper{}, nil
	}
	who := pricing.Shopper{Known: true, FirstOrder: true, Uses: map[int64]int64{}}
	// Both reads run inside checkout's write transaction, so each side of
	// "email or account" is its own indexed search: joined by OR, SQLite
	// scanned every order and every use. This one stops at one order.
	if need.firstOrder {
		if err := queryRowOf(ctx, query, `SELECT
			NOT EXISTS (SELECT 1 FROM orders WHERE ?1 <> '' AND email = ?1 COLLATE NOCASE AND status <> 'cancelled') AND
			NOT EXISTS (SELECT 1 FROM orders WHERE ?2 > 0 AND customer_id = ?2 AND status <> 'cancelled')`,
			email, customerID).Scan(&who.FirstOrder); err != nil {
			return who, fmt.Errorf("first order: %w", err)
		}
	}
	if need.uses {
		if err := shopperUses(ctx, query, email, customerID, who.Uses); err != nil {
			return who, err
		}
	}
	if customerID > 0 {
		// No tier yet is the lowest.
		var minutes int64
		err := queryRowOf(ctx, query, `SELECT t.name, t.early_access_minutes FROM member_tiers t
			WHERE t.id = coalesce((SELECT tier_id FROM customers WHERE id = ?), (SELECT id FROM member_tiers ORDER BY threshold LIMIT 1))`,
			customerID).Scan(&who.Tier, &minutes)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return who, fmt.Errorf("shopper tier: %w", err)
		}
		who.EarlyAccess = time.Duration(minutes) * time.Minute
	}
	return who, nil
}

// shopperUses adds to uses what the shopper's orders that stand took of
// each promotion, by their email and their account: UNION counts a use
// both sides find once.
func shopperUses(ctx context.Context, query queryFunc, email string, customerID int64, uses map[int64]int64) error {
	rows, err := query(ctx, `SELECT x.promotion_id, sum(x.quantity) FROM (
			SELECT promotion_id, order_id, quantity FROM promotion_uses WHERE ?1 <> '' AND customer = ?1
			UNION
			SELECT u.promotion_id, u.order_id, u.quantity FROM orders o JOIN promotion_uses u ON u.order_id = o.id
			WHERE ?2 > 0 AND o.customer_id = ?2
		) x JOIN orders o ON o.id = x.order_id AND o.status <> 'cancelled' GROUP BY x.promotion_id`, customerKey(email), customerID)
	if err != nil {
		return fmt.Errorf("promotion uses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		uses[id] = n
	}
	return rows.Err()
}

// recordPromotions writes what the order took of its promotions: one
// discount row per promotion (as charged, from res), its uses (counted
// against every limit with a conditional update), a generated code marked
// used, and the gift lines with their stock. It reports whether a product
// page must be redrawn (a gift's stock ran low, a flash sale sold out),
// and whether a limited automatic promotion was used (limited): the live
// promotions cached for pages then hold an old count, and are to be
// dropped once the order is committed. Dropped before, a page could read
// the old count in between and keep it. A coupon is not among them (its
// code is looked up when entered), so using one drops nothing. shownGifts
// are the checkout's (CheckoutInput.ShownGifts), for addGiftLines.
func (s *Store) recordPromotions(ctx context.Context, tx *sql.Tx, orderID int64, email, coupon string,
	pr promoted, res pricing.Result, m *ShippingMethod, locale string, shownGifts []int64) (redraw, limited bool, err error) {
	o := pr.outcome
	taken := map[int64]int64{}
	for _, d := range res.Discounts {
		taken[d.PromotionID] += d.Amount
	}
	for _, a := range o.Applied {
		amount, shipping := taken[a.PromotionID], false
		if a.Shipping {
			amount, shipping = shippingSaved(m, res), true
		}
		if amount == 0 && a.Stage != pricing.StageOrder {
			continue
		}
		// A coupon's label is its code, the same in every language.
		names := ""
		if !a.Coupon {
			names = keptNames(pr.names[a.PromotionID])
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_discounts (order_id, code, amount, promotion_id, shipping, names)
			VALUES (?, ?, ?, ?, ?, ?)`, orderID, a.Label, amount, a.PromotionID, shipping, names); err != nil {
			return false, false, fmt.Errorf("order discount: %w", err)
		}
	}
	for _, u := range o.Uses {
		var count int64
		var limit sql.NullInt64
		err := tx.QueryRowContext(ctx, `UPDATE promotions SET usage_count = usage_count + ?1
			WHERE id = ?2 AND (usage_limit IS NULL OR usage_count + ?1 <= usage_limit)
			RETURNING usage_count, usage_limit`, u.Quantity, u.PromotionID).Scan(&count, &limit)
		if errors.Is(err, sql.ErrNoRows) {
			// The engine read the counts in this transaction: only a bug
			// gets here, and the order must not take what is not there.
			return false, false, ErrCartChanged
		}
		if err != nil {
			return false, false, fmt.Errorf("promotion use: %w", err)
		}
		if limit.Valid {
			limited = limited || o.Coupon == nil || u.PromotionID != o.Coupon.PromotionID
			redraw = redraw || count >= limit.Int64
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO promotion_uses (promotion_id, order_id, customer, quantity)
			VALUES (?, ?, ?, ?)`, u.PromotionID, orderID, customerKey(email), u.Quantity); err != nil {
			return false, false, fmt.Errorf("promotion use: %w", err)
		}
	}
	if c := o.Coupon; c != nil && c.Applied {
		if _, err := tx.ExecContext(ctx, `UPDATE promotion_codes SET order_id = ? WHERE code = ? AND order_id IS NULL`,
			orderID, NormalizeCode(coupon)); err != nil {
			return false, false, fmt.Errorf("coupon code: %w", err)
		}
	}
	shown, err := addGiftLines(ctx, tx, orderID, o.Gifts, shownGifts, locale)
	return redraw || shown, limited, err
}

// shippingSaved is what free shipping saved: the method's price for the
// order's goods.
func shippingSaved(m *ShippingMethod, res pricing.Result) int64 {
	if m == nil {
		return 0
	}
	price, _ := m.Quote(res.Merchandise(), res.WeightGrams)
	return price
}

// addGiftLines adds a free line per gift, taking one from its stock. The
// engine checked the stock in this transaction, but the cart's lines took
// theirs since, which may have been the same variant's last units. A gift
// the checkout showed (shownGifts) that is then gone refuses the order
// (ErrGiftGone), since the shopper counted on it; one it did not show is
// left out. Each is read again for that reason, with its names in every
// language, as for the cart's lines (lineNames).
func addGiftLines(ctx context.Context, tx *sql.Tx, orderID int64, gifts []pricing.Gift, shownGifts []int64,
	locale string) (shown bool, err error) {
	for _, g := range gifts {
		lines, err := variantLines(ctx, tx.QueryContext, []int64{g.VariantID})
		if err != nil || len(lines) == 0 {
			return shown, err
		}
		if err := nameLines(ctx, tx.QueryContext, lines); err != nil {
			return shown, err
		}
		l := lines[0]
		l.Quantity = 1
		taken, err := takeStock(ctx, tx, []CartLine{l})
		if errors.Is(err, ErrCartChanged) && slices.Contains(shownGifts, g.PromotionID) {
			return shown, ErrGiftGone
		}
		if errors.Is(err, ErrCartChanged) {
			continue
		}
		if err != nil {
			return shown, err
		}
		shown = shown || len(taken.pages) > 0
		productNames, variantNames := lineNames(l)
		l = l.In(locale)
		_, err = tx.ExecContext(ctx, insertSoldLines(`order_id, variant_id, product_handle, product_title, variant_title, sku,
				image_id, unit_price, quantity, weight_grams, gross, discount, tax, paid, gift_promotion_id, gift_value,
				product_names, variant_names`, `(?, ?, ?, ?, ?, ?, ?, 0, 1, ?, 0, 0, 0, 0, ?, ?, ?, ?)`),
			orderID, l.VariantID, l.ProductHandle, l.ProductTitle, l.VariantTitle, l.SKU, l.ImageID, l.WeightGrams,
			g.PromotionID, l.UnitPrice, productNames, variantNames)
		if err != nil {
			return shown, fmt.Errorf("gift line: %w", err)
		}
	}
	return shown, nil
}

// releasePromotions gives back what a cancelled order took of its
// promotions' limits: the uses, and a generated code.
func releasePromotions(ctx context.Context, tx *sql.Tx, orderID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE promotions SET usage_count = usage_count -
		(SELECT quantity FROM promotion_uses u WHERE u.promotion_id = promotions.id AND u.order_id = ?1)
		WHERE id IN (SELECT promotion_id FROM promotion_uses WHERE order_id = ?1)`, orderID); err != nil {
		return fmt.Errorf("release promotions: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE promotion_codes SET order_id = NULL WHERE order_id = ?`, orderID); err != nil {
		return fmt.Errorf("release promotions: %w", err)
	}
	return nil
}
