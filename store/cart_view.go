package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"storefront/store/pricing"
)

// LineProblem is why a cart line cannot be bought as it stands.
type LineProblem string

// Line problems, each shown beside its line. A line with a problem is
// left out of the cart's price until the shopper fixes or removes it.
const (
	ProblemNone        LineProblem = ""
	ProblemUnavailable LineProblem = "unavailable" // the product is no longer sold (draft, archived)
	ProblemSoldOut     LineProblem = "sold_out"    // no stock at all
	ProblemLowStock    LineProblem = "low_stock"   // fewer in stock than the line's quantity
)

// CartLine is one line of a cart as the catalog stands now: current
// titles, price, stock and image, re-read on every view.
type CartLine struct {
	ID            int64
	VariantID     int64
	ProductID     int64
	ProductHandle string
	ProductTitle  string
	VariantTitle  string // "M / White"; empty for a product without options
	SKU           string
	ImageID       int64 // the variant's image, else the product's cover; 0 for none
	Quantity      int64
	UnitPrice     int64 // the catalog's price now
	// CompareAt is the catalog's compare-at price now: above UnitPrice
	// when the variant is on sale (Variant.OnSale), else ignored.
	CompareAt   int64
	PriceSeen   int64 // the unit price the shopper was last shown
	Stock       int64
	WeightGrams int64
	NoShipping  bool // nothing to ship: a digital item or a service (Variant.NoShipping)
	AddedAt     time.Time
	// ReturnDays and NoReturnReason are the product's own return rules
	// (ProductReturnRules), which an order snapshots onto its line.
	ReturnDays     int64
	NoReturnReason string
	// Tr is the product's translations and options the variant's own
	// values, for In(locale).
	Tr      Texts
	options [3]string

	Problem LineProblem
	// PriceChanged is set when UnitPrice differs from PriceSeen: the page
	// says so until MarkPricesSeen records that the shopper has seen it.
	PriceChanged bool
	// Total is the line's price after discounts (pricing's Net); 0 for a
	// line with a Problem, which is not priced.
	Total int64
}

// Purchasable reports whether the line can be bought as it stands.
func (l CartLine) Purchasable() bool { return l.Problem == ProblemNone }

// Was is the line's unit price before any sale: its compare-at price when
// higher than its price, else its price.
func (l CartLine) Was() int64 { return max(l.CompareAt, l.UnitPrice) }

// compareSaving is what the compare-at price saves on the whole line; 0
// when the line cannot be bought.
func (l CartLine) compareSaving() int64 {
	if !l.Purchasable() {
		return 0
	}
	return (l.Was() - l.UnitPrice) * l.Quantity
}

// LineSaving is what the line saves against Was: the compare-at price's
// saving on every unit, and a flash sale's on the units at its price; 0
// when the line cannot be bought. Counting only the compare-at price,
// a line struck through at 128.00 and sold at 89.60 said "You save 32.00".
func (v CartView) LineSaving(l CartLine) int64 {
	if !l.Purchasable() {
		return 0
	}
	n := l.compareSaving()
	if s, ok := v.Promotions.Sales[l.ID]; ok && l.ID != 0 {
		n += (l.UnitPrice - s.UnitPrice) * s.Units
	}
	return max(n, 0)
}

// Savings is what the cart saves in all: what compare-at prices save and
// every discount (flash sales, promotions, the coupon). Sale prices alone,
// "You save" read less than the cart's own discounts line beside it.
func (v CartView) Savings() int64 {
	n := v.Pricing.Discount
	for _, l := range v.Lines {
		n += l.compareSaving()
	}
	return n
}

// CartView is a cart as the shopper sees it, priced by package pricing
// through priceCart, as checkout and the order are.
// Cart is nil when the session has no open cart: the view is then empty.
type CartView struct {
	Cart  *Cart
	Lines []CartLine
	// Count is the number of items, the sum of every line's quantity.
	Count int64
	// Pricing is the purchasable lines priced as checkout prices them
	// (priceCart), every discount taken, but without shipping or tax: its
	// Tax is 0, its Total is its Merchandise and each line's Paid its Net.
	// Checkout computes the full price from PricingInput.
	Pricing pricing.Result
	// Promotions is what the promotions give the cart (every discount by
	// promotion, flash-sale prices, gifts, the coupon's state, what is
	// nearly reached), worked out as of the view; the order works them out
	// again in its transaction, with the shopper's email.
	Promotions pricing.Outcome
	// Points is what a signed-in shopper may redeem and asked to, set by
	// the checkout (PointsToUse) before pricing it.
	Points PointsUse
	// ShipTo is the country the shopper's address is in, set by the
	// checkout before pricing it: only the methods delivering there are
	// offered. "" (not yet given) offers them all.
	ShipTo string
	// promotionNames are the promotions' names in every language.
	promotionNames map[int64]Text
	// couponTier is the name of the tier the coupon is for, when that is
	// why it does not apply.
	couponTier Text
}

// PromotionName is promotion id's name in locale.
func (v CartView) PromotionName(id int64, locale string) string {
	return v.promotionNames[id].In(locale)
}

// Empty reports whether the cart has no lines.
func (v CartView) Empty() bool { return len(v.Lines) == 0 }

// Ready reports whether the cart can go to checkout: it has lines and none
// has a problem. A changed price does not block (it is shown and priced
// at the new price), but checkout should show it too.
func (v CartView) Ready() bool {
	for _, l := range v.Lines {
		if !l.Purchasable() {
			return false
		}
	}
	return len(v.Lines) > 0
}

// PriceChanged reports whether any line's price changed since the shopper
// last saw it.
func (v CartView) PriceChanged() bool {
	for _, l := range v.Lines {
		if l.PriceChanged {
			return true
		}
	}
	return false
}

// NeedsShipping reports whether any line has something to ship; an order
// of digital items and services needs no shipping method and no address.
func (v CartView) NeedsShipping() bool { return linesNeedShipping(v.Lines) }

func linesNeedShipping(lines []CartLine) bool {
	for _, l := range lines {
		if !l.NoShipping {
			return true
		}
	}
	return false
}

// PricingInput is the cart's purchasable lines as pricing input, for
// priceCart to add discounts, shipping and tax to.
func (v CartView) PricingInput() pricing.Input {
	var in pricing.Input
	for _, l := range v.Lines {
		if l.Purchasable() {
			in.Lines = append(in.Lines, pricing.Line{ID: l.ID, UnitPrice: l.UnitPrice, Quantity: l.Quantity, WeightGrams: l.WeightGrams})
		}
	}
	return in
}

// CartView returns token's open cart with every line re-read from the
// catalog, its problems and price changes flagged, priced, in locale. No
// open cart is an empty view, not an error. It only reads: showing the
// view to the shopper is what MarkPricesSeen then records. A guest is
// nobody in particular here: limits per customer are taken as met.
func (s *Store) CartView(ctx context.Context, token, locale string) (CartView, error) {
	return s.CheckoutView(ctx, token, locale, "")
}

// CheckoutView is CartView priced for the shopper the checkout's email
// names, as placing the order will price it: a guest whose email has
// used a coupon, or a flash sale's units per customer, sees the total
// the order will have. Priced as a stranger, the page showed a total the
// order then refused as risen, again on every try.
func (s *Store) CheckoutView(ctx context.Context, token, locale, email string) (CartView, error) {
	var v CartView
	if token == "" {
		return v, nil
	}
	_, countGen, _ := s.cartCounts.get(token, time.Now())
	c := &Cart{}
	lines, err := openCartLines(ctx, s.query, token, c)
	if err != nil {
		return v, err
	}
	if len(lines) == 0 {
		// No open cart, or an open one with nothing in it.
		c, err = s.CartByToken(ctx, token)
		if errors.Is(err, ErrNotFound) || (err == nil && c.Status != CartOpen) {
			return v, nil
		}
		if err != nil {
			return v, err
		}
	}
	v.Cart, v.Lines = c, lines
	for _, l := range v.Lines {
		v.Count += l.Quantity
	}
	// The page's header shows the count too: it need not read it again.
	s.cartCounts.put(token, CartState{Count: v.Count, Coupon: len(lines) > 0 && c.Coupon != ""}, countGen, time.Now())
	st, err := s.Settings(ctx)
	if err != nil {
		return v, err
	}
	if locale != st.ContentLocale {
		if err := s.nameViewLines(ctx, s.query, v.Lines); err != nil {
			return v, err
		}
	}
	autos, err := s.livePromotions(ctx)
	if err != nil {
		return v, err
	}
	who := func(need shopperNeed) (pricing.Shopper, error) {
		return shopperFor(ctx, s.query, email, c.CustomerID, need)
	}
	pr, err := promote(ctx, s.query, autos, v.Lines, c.Coupon, who, st.Locale, s.Now())
	if err != nil {
		return v, err
	}
	v.Promotions, v.promotionNames, v.couponTier = pr.outcome, pr.names, pr.tier
	v.Pricing, _ = priceCart(v.PricingInput(), st, nil, forCart, v.Promotions, pointsDiscount{})
	totals := make(map[int64]int64, len(v.Pricing.Lines))
	for _, lr := range v.Pricing.Lines {
		totals[lr.ID] = lr.Net
	}
	for i := range v.Lines {
		v.Lines[i].Total = totals[v.Lines[i].ID]
	}
	return v.In(locale), nil
}

// lineColumns is what scanLines reads, from variants v and products p, after
// the cart line's own five columns.
const lineColumns = `p.id, p.handle, p.title, p.status, v.option1, v.option2, v.option3, v.sku,
	v.price, v.compare_at_price, v.stock, v.weight_grams, coalesce(v.image_id, p.cover_image_id, 0),
	NOT v.requires_shipping, coalesce(p.return_days, 0), p.no_return_reason`

// openCartLines reads the lines of token's open cart through query (the
// read pool's cached statements for a view, the transaction's connection
// when placing an order), and the cart itself into c from the same rows:
// one read rather than the cart's and then its lines'. No lines: no open
// cart, or an empty one, and c is left as it was. Their names in other
// languages are nameLines's to add.
func openCartLines(ctx context.Context, query queryFunc, token string, c *Cart) ([]CartLine, error) {
	rows, err := query(ctx, `
		SELECT c.id, c.token, c.status, c.coupon, coalesce(c.customer_id, 0), c.created_at, c.updated_at,
			l.id, l.variant_id, l.quantity, l.price_seen, l.added_at, `+lineColumns+`
		FROM carts c
		JOIN cart_lines l ON l.cart_id = c.id
		JOIN variants v ON v.id = l.variant_id
		JOIN products p ON p.id = v.product_id
		WHERE c.token = ? AND c.status = 'open'
		ORDER BY l.added_at, l.id`, token)
	if err != nil {
		return nil, fmt.Errorf("cart lines: %w", err)
	}
	var got Cart
	var created, updated int64
	lines, err := scanLines(rows, &got.ID, &got.Token, &got.Status, &got.Coupon, &got.CustomerID, &created, &updated)
	if err == nil && len(lines) > 0 {
		got.CreatedAt, got.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
		*c = got
	}
	return lines, err
}

// variantLines reads variants as lines of one unit each (ID 0, seen at
// their price): a gift, which is in no cart. Their names in other
// languages are nameLines's to add.
func variantLines(ctx context.Context, query queryFunc, variantIDs []int64) ([]CartLine, error) {
	in, ids := inList(variantIDs)
	rows, err := query(ctx, `
		SELECT 0, v.id, 1, v.price, 0, `+lineColumns+`
		FROM variants v JOIN products p ON p.id = v.product_id
		WHERE v.id IN `+in+`
		ORDER BY v.id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("variant lines: %w", err)
	}
	return scanLines(rows)
}

// scanLines reads rows of the line's five columns and lineColumns, with
// each line's problem, and closes them. Columns before those are scanned
// into lead, the same for every row.
func scanLines(rows *sql.Rows, lead ...any) ([]CartLine, error) {
	defer rows.Close()
	var lines []CartLine
	for rows.Next() {
		var l CartLine
		var added int64
		var status string
		var opts [3]string
		if err := rows.Scan(append(lead, &l.ID, &l.VariantID, &l.Quantity, &l.PriceSeen, &added,
			&l.ProductID, &l.ProductHandle, &l.ProductTitle, &status, &opts[0], &opts[1], &opts[2], &l.SKU,
			&l.UnitPrice, &l.CompareAt, &l.Stock, &l.WeightGrams, &l.ImageID, &l.NoShipping,
			&l.ReturnDays, &l.NoReturnReason)...); err != nil {
			return nil, fmt.Errorf("cart lines: %w", err)
		}
		l.AddedAt = time.Unix(added, 0)
		l.VariantTitle, l.options = Variant{Options: opts}.Title(), opts
		switch {
		case status != StatusActive:
			l.Problem = ProblemUnavailable
		case l.Stock <= 0:
			l.Problem = ProblemSoldOut
		case l.Stock < l.Quantity:
			l.Problem = ProblemLowStock
		}
		l.PriceChanged = l.Problem != ProblemUnavailable && l.UnitPrice != l.PriceSeen
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// nameLines loads the names of the lines' products in the shop's other
// languages. Lines shown or snapshotted in the shop's own language need
// none (its names are the products' own columns), and leaving them out
// saves a read on every cart and checkout page and order.
func nameLines(ctx context.Context, query queryFunc, lines []CartLine) error {
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	tr, err := loadProductNames(ctx, query, ids)
	if err != nil {
		return err
	}
	for i, l := range lines {
		lines[i].Tr = tr[l.ProductID]
	}
	return nil
}

// nameViewLines is nameLines for a cart view: a line whose product the
// memo holds (its page, which the shopper has usually just seen) takes the
// names from there, one whose names were read before from the shelves'
// memo (names change with the catalog, not with stock), and only the others
// are read, by query, and kept there. Reading them took a third of a cart
// view in the shop's other language. An order names its lines so too: a
// name edited meanwhile may be missed, as Store.tx allows, and the order
// keeps names in every language, so it reads them whatever the shopper's
// language; read there, they were read behind the single writer.
func (s *Store) nameViewLines(ctx context.Context, query queryFunc, lines []CartLine) error {
	var unread []int
	var ids []int64
	for i, l := range lines {
		if p, ok := memoPeek[*Product](s, s.productKey(l.ProductHandle)); ok && p.ID == l.ProductID {
			lines[i].Tr = p.Tr
			continue
		}
		if tr, ok := shelvesPeek[Texts](s, namesKey(l.ProductID)); ok {
			lines[i].Tr = tr
			continue
		}
		unread, ids = append(unread, i), append(ids, l.ProductID)
	}
	if len(unread) == 0 {
		return nil
	}
	version, at := s.shelves.Load(), s.Now()
	tr, err := loadProductNames(ctx, query, ids)
	if err != nil {
		return err
	}
	for _, i := range unread {
		id := lines[i].ProductID
		lines[i].Tr = tr[id]
		s.shelvesKeep(version, at, namesKey(id), tr[id])
	}
	return nil
}

func namesKey(productID int64) string { return "names:" + strconv.FormatInt(productID, 10) }

// MarkPricesSeen records that the shopper has been shown v: each changed
// line's price_seen becomes the price v showed, so the flag is shown once,
// on the page that told them. It writes the prices from v, not the
// catalog's, so a price that changed again since v was read is still
// flagged next time. A view without changes writes nothing.
func (s *Store) MarkPricesSeen(ctx context.Context, v CartView) error {
	if v.Cart == nil || !v.PriceChanged() {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, l := range v.Lines {
			if !l.PriceChanged {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE cart_lines SET price_seen = ? WHERE id = ? AND cart_id = ?`,
				l.UnitPrice, l.ID, v.Cart.ID); err != nil {
				return err
			}
		}
		return nil
	})
	s.cartCounts.forget(v.Cart.Token) // the page cached with the flag goes
	if err != nil {
		return fmt.Errorf("mark cart prices seen: %w", err)
	}
	return nil
}
