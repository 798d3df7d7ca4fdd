package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storefront/store/pricing"
)

// Placing an order can fail because of the cart rather than the form.
var (
	// ErrCartEmpty means there is nothing to buy: no open cart, or no line.
	ErrCartEmpty = errors.New("cart is empty")
	// ErrCartChanged means a line can no longer be bought as shown (sold
	// out, less stock, unavailable, a new price): the shopper must look
	// again. Another buyer taking the last unit ends here too.
	ErrCartChanged = errors.New("cart changed")
	// ErrPriceChanged is an ErrCartChanged whose cause is a line's new
	// price, told apart so the shopper hears that rather than of stock.
	ErrPriceChanged = fmt.Errorf("%w: a price changed", ErrCartChanged)
	// ErrGiftGone is an ErrCartChanged: a gift the checkout page showed
	// (CheckoutInput.ShownGifts) is no longer given, its last unit gone.
	// A gift costs nothing, so the total cannot tell; the shopper decides
	// whether to order without it.
	ErrGiftGone = fmt.Errorf("%w: a gift ran out", ErrCartChanged)
	// ErrItemsRemoved is an ErrCartChanged: the merchant removed a variant
	// the cart held, and the shopper has not been told (CartRemovals). The
	// cart no longer holds its line, so the order would be placed without
	// it, for less than the page showed: the total cannot tell.
	ErrItemsRemoved = fmt.Errorf("%w: an item was removed", ErrCartChanged)
)

// Checkout field limits, in characters.
const (
	maxCheckoutField = 200
	maxOrderNote     = 1000
)

// formTokenPattern is the shape of a form's one-time hidden token
// (NewCheckoutToken; the checkout's and the return form's): anything else
// is refused, or for a return ignored, before it reaches SQL.
var formTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// NewCheckoutToken returns the one-time token a checkout form carries.
func NewCheckoutToken() string { return rand.Text() }

// checkoutKey is what an order keeps as its checkout_token: the form's
// token, a colon (which no token holds) and a digest of the cart's token,
// the session's secret. PlaceOrder finds a used token by its prefix and
// returns its order only to the cart that placed it.
func (in *CheckoutInput) checkoutKey() string {
	sum := sha256.Sum256([]byte(in.CartToken))
	return in.CheckoutToken + ":" + hex.EncodeToString(sum[:16])
}

// CheckoutInput is the checkout form. Prices are not in it: they come from
// the database.
type CheckoutInput struct {
	CartToken     string
	CheckoutToken string
	Address
	ShippingMethodID int64
	PaymentMethod    string
	// ShownTotal is the total the checkout page showed (its hidden
	// shown_total field), 0 when unknown. It is only ever a ceiling: an
	// order that would cost more is refused (PriceRoseError), one that
	// costs less is charged less.
	ShownTotal int64
	// ShownGifts are the promotions whose free gifts the checkout page
	// showed (its hidden shown_gift fields), nil when unknown: an order
	// that would come without one of them is refused (ErrGiftGone).
	ShownGifts []int64
	// ShownCurrency is the currency the checkout page priced in (its hidden
	// shown_currency field), "" when unknown: the amounts are bare minor
	// units, so an order in another currency is refused (ErrPriceChanged)
	// rather than charged the same figures in it.
	ShownCurrency string
	Note          string
	Locale        string // the shopper's language, for the emails
	// CustomerID is the signed-in customer the order belongs to, 0 for a
	// guest; the session says so, never the form.
	CustomerID int64
	// RedeemPoints is the points the shopper asked to pay with (the
	// form's redeem_points); only a signed-in customer's count, capped by
	// their balance and the shop's limits inside the order's transaction.
	RedeemPoints int64
	// ExactPoints refuses more points than the order takes (a
	// ValidationError on redeem_points) instead of capping them: the
	// checkout form sets it, as the shopper who typed them would otherwise
	// pay another total than the one they asked for.
	ExactPoints bool
	// ConfirmNoReturn is the shopper's confirmation (confirm_no_return)
	// that the lines excluded from no-reason returns cannot be returned
	// without a reason; without it an order holding such a line is refused.
	ConfirmNoReturn bool

	// nothingToShip is set by validateCheckout when no line of the cart
	// needs shipping: then no method is asked for.
	nothingToShip bool
}

// Validate trims the fields in place (TrimText, so a name of invisible
// characters is no name), tidies the postal code (tidyPostalCode) and
// checks what does not need the database. Messages are catalog keys;
// fields are the form's names.
func (in *CheckoutInput) Validate() error {
	v := &ValidationError{}
	for _, f := range in.fields() {
		*f.value = TrimText(*f.value)
		switch {
		case *f.value == "" && f.required:
			v.Add(f.name, "checkout.error.required")
		case utf8.RuneCountInString(*f.value) > maxCheckoutField:
			v.Add(f.name, "checkout.error.too_long")
		}
	}
	in.PostalCode = tidyPostalCode(in.PostalCode)
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email {
			v.Add("email", "checkout.error.email")
		}
	}
	in.Note = TrimText(strings.ReplaceAll(in.Note, "\r\n", "\n"))
	if utf8.RuneCountInString(in.Note) > maxOrderNote {
		v.Add("note", "checkout.error.too_long")
	}
	// The country is a code from the list, or none (local pickup): the
	// shipping address and its label are written by it.
	if in.Country != "" && !IsCountry(in.Country) {
		v.Add("country", "checkout.error.country")
	}
	if in.RedeemPoints < 0 {
		v.Add("redeem_points", "checkout.points.error.whole")
	}
	if in.ShippingMethodID <= 0 && !in.nothingToShip {
		v.Add("shipping_method", "checkout.error.shipping_method")
	}
	if !slices.Contains(PaymentMethods, in.PaymentMethod) {
		v.Add("payment_method", "checkout.error.payment_method")
	}
	if !formTokenPattern.MatchString(in.CheckoutToken) {
		v.Add("checkout_token", "checkout.error.token")
	}
	return v.Err()
}

type checkoutField struct {
	name     string
	value    *string
	required bool
}

// fields lists the text fields; the address is required except for local
// pickup, which PlaceOrder checks once it knows the method.
func (in *CheckoutInput) fields() []checkoutField {
	return []checkoutField{
		{"email", &in.Email, true},
		{"name", &in.Name, true},
		{"phone", &in.Phone, false},
		{"address_line1", &in.AddressLine1, false},
		{"address_line2", &in.AddressLine2, false},
		{"city", &in.City, false},
		{"region", &in.Region, false},
		{"postal_code", &in.PostalCode, false},
		{"country", &in.Country, false},
	}
}

func (in *CheckoutInput) checkAddress(kind string) error {
	v := &ValidationError{}
	in.addressProblems(v, kind)
	return v.Err()
}

func (in *CheckoutInput) addressProblems(v *ValidationError, kind string) {
	if kind == ShippingPickup {
		return
	}
	for name, value := range map[string]string{"address_line1": in.AddressLine1, "city": in.City, "country": in.Country} {
		if value == "" {
			v.Add(name, "checkout.error.required")
		}
	}
	if msg := postalCodeProblem(in.Country, in.PostalCode); msg != "" {
		v.Add("postal_code", msg)
	}
}

// Checkout is what a checkout would cost with the given choices: the
// checkout page's summary, and exactly what PlaceOrder charges.
type Checkout struct {
	Cart     CartView
	Method   *ShippingMethod // nil when none is chosen or it cannot ship this cart
	Settings Settings
	Pricing  pricing.Result
	// NothingToShip is set when the cart holds only digital items and
	// services: no shipping method or address is asked for.
	NothingToShip bool
}

// PriceCheckout prices v for the checkout page with every active shipping
// method that can ship it (options, in the owner's order: the page hides
// those not delivering to v.ShipTo, and a script shows them when the
// shopper picks a country they do) and returns as chosen the option of
// methodID if it delivers to v.ShipTo (placing the order refuses the
// others): else the first that delivers there, and the price without
// shipping when none does. Local pickup is chosen only by the shopper, or
// when it is all the shop offers: in place of a delivery it would hide the
// address whose country they need to change. The settings and the methods
// are read once, however many methods there are.
func (s *Store) PriceCheckout(ctx context.Context, v CartView, methodID int64) (chosen Checkout, options []Checkout, err error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return chosen, nil, err
	}
	methods, err := s.ActiveShippingMethods(ctx)
	if err != nil {
		return chosen, nil, err
	}
	in := v.PricingInput()
	if len(v.Lines) > 0 && !v.NeedsShipping() {
		chosen = Checkout{Cart: v, Settings: st, NothingToShip: true}
		chosen.Pricing, _ = priceCart(in, st, nil, forOrder, v.Promotions, v.Points.discount())
		return chosen, nil, nil
	}
	options = make([]Checkout, 0, len(methods))
	for i := range methods {
		if !st.Offers(methods[i]) {
			continue
		}
		c := Checkout{Cart: v, Settings: st}
		if c.Pricing, c.Method = priceCart(in, st, &methods[i], forOrder, v.Promotions, v.Points.discount()); c.Method != nil {
			options = append(options, c)
		}
	}
	if i := slices.IndexFunc(options, func(c Checkout) bool { return c.Method.ID == methodID && c.Method.Serves(v.ShipTo) }); i >= 0 {
		return options[i], options, nil
	}
	if i := slices.IndexFunc(options, func(c Checkout) bool { return c.Method.Delivers(v.ShipTo) }); i >= 0 {
		return options[i], options, nil
	}
	// A shop with pickup alone leaves the shopper nothing else to choose.
	if len(options) > 0 && !slices.ContainsFunc(options, func(c Checkout) bool { return c.Method.Kind != ShippingPickup }) {
		return options[0], options, nil
	}
	chosen = Checkout{Cart: v, Settings: st}
	chosen.Pricing, _ = priceCart(in, st, nil, forOrder, v.Promotions, v.Points.discount())
	return chosen, options, nil
}

// pricedFor says what priceCart prices: the cart page's merchandise, or
// the whole order.
type pricedFor int

const (
	// forCart prices the merchandise after every discount, before shipping
	// and tax: the cart page's, whose Total is then its Merchandise. The
	// tax waits for checkout, where the shipping it is also due on is known.
	forCart pricedFor = iota
	// forOrder prices what the shopper pays: with the shop's tax settings
	// and the chosen method's shipping, for the checkout page and the order.
	forOrder
)

// priceCart is the one place the cart page, the checkout page and the
// order meet pricing.Compute, so that the promotions (worked out by
// pricing.Promote) reach all three alike; they differ only in what purpose
// leaves out. A method that cannot ship the cart comes back nil; the cart
// passes none. The lines are taken in ID order, so that the result does
// not depend on the order they came in.
func priceCart(in pricing.Input, st Settings, m *ShippingMethod, purpose pricedFor, promo pricing.Outcome,
	pts pointsDiscount) (pricing.Result, *ShippingMethod) {
	if purpose == forOrder {
		in.TaxRateBP, in.PricesIncludeTax = st.TaxRateBP, st.TaxInclusive
	}
	in.Lines = slices.SortedFunc(slices.Values(in.Lines), func(a, b pricing.Line) int { return cmp.Compare(a.ID, b.ID) })
	in.Discounts = promo.Discounts
	if m != nil || pts.Value > 0 {
		goods := pricing.Compute(in)
		if m != nil {
			price, ok := m.Quote(goods.Merchandise(), goods.WeightGrams)
			if !ok {
				m = nil
			}
			if promo.FreeShipping == 0 {
				in.Shipping = price
			}
		}
		// Points come last and pay merchandise only: the thresholds (free
		// shipping's too) are met or not before them.
		if amount := min(pts.Value, mulDiv(goods.Merchandise(), pts.Percent, 100)); amount > 0 {
			in.Discounts = append(slices.Clip(in.Discounts), pricing.Discount{Code: PointsCode, Amount: amount})
		}
	}
	return pricing.Compute(in), m
}

// PointsCode names the points a checkout redeems among its discounts.
const PointsCode = "POINTS"

// pointsDiscount is what points may pay of an order: Value at most, and at
// most Percent of the merchandise after the promotions.
type pointsDiscount struct{ Value, Percent int64 }

// PointsPaid is the amount the points pay of a priced checkout or order.
func PointsPaid(res pricing.Result) int64 {
	for _, d := range res.Discounts {
		if d.Code == PointsCode && d.PromotionID == 0 {
			return d.Amount
		}
	}
	return 0
}

// PlaceOrder is Checkout that then reads the order back whole, for
// callers that go on to use it (the demo, the tests).
func (s *Store) PlaceOrder(ctx context.Context, in CheckoutInput) (o *Order, created bool, err error) {
	p, err := s.Checkout(ctx, in)
	if err != nil {
		return nil, false, err
	}
	o, err = s.OrderByNumber(ctx, p.Number)
	return o, p.Created, err
}

// Placed is what Checkout tells the shopper's browser: where the order is.
// Created is false when the checkout token had placed it before.
type Placed struct {
	Number, AccessKey, PaymentMethod string
	Created                          bool
}

// Checkout turns the cart into an order in one transaction: the lines are
// re-read and re-priced, stock is taken with a conditional update (so two
// buyers can never both get the last unit), the order is written as a
// snapshot, its confirmation email queued and the cart closed. It does not
// read the order back: the checkout's redirect needs only its number and
// key, and reading it whole cost an eighth of placing it.
//
// It is idempotent by CheckoutToken: a second call with the same token
// and cart returns the first order with Created false, whatever the cart
// holds now. From another cart the used token is refused as an expired
// form: the token must not open someone else's order.
func (s *Store) Checkout(ctx context.Context, in CheckoutInput) (Placed, error) {
	if err := s.validateCheckout(ctx, &in); err != nil {
		return Placed{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Placed{}, err
	}
	var p Placed
	var shown orderShown
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var key string
		err := tx.QueryRowContext(ctx, `SELECT number, access_key, payment_method, checkout_token FROM orders
			WHERE checkout_token >= ? AND checkout_token < ?`,
			in.CheckoutToken+":", in.CheckoutToken+";").Scan(&p.Number, &p.AccessKey, &p.PaymentMethod, &key)
		if err == nil && key != in.checkoutKey() {
			return &ValidationError{Fields: map[string]string{"checkout_token": "checkout.error.token"}}
		}
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		p = Placed{AccessKey: rand.Text(), PaymentMethod: in.PaymentMethod, Created: true}
		p.Number, shown, err = s.placeOrder(ctx, tx, in, p.AccessKey, st)
		return err
	})
	s.cartCounts.forget(in.CartToken)
	if err != nil {
		return Placed{}, err
	}
	s.stockMarks.orders.Add(1)
	if shown.limitUsed {
		s.live.drop()
	}
	if shown.soldOut {
		s.bumpStock()
	} else {
		for _, handle := range shown.pages {
			s.stockMarks.bump(handle)
		}
	}
	return p, nil
}

// validateCheckout is Validate plus whether the shop takes the payment
// method. A form with a problem also hears which address fields its
// shipping method needs, so that the shopper learns of every problem in one
// round; a form without one leaves that to placeOrder, which checks the
// address against the method and the cart's lines anyway.
func (s *Store) validateCheckout(ctx context.Context, in *CheckoutInput) error {
	// A form that names a shipping method is checked as for a cart to
	// ship without reading the cart (a sixth of the request's time outside
	// the writer): placeOrder reads the lines anyway, and drops the method
	// and the address check when nothing needs shipping.
	if in.ShippingMethodID <= 0 {
		needs, err := s.cartNeedsShipping(ctx, in.CartToken)
		if err != nil {
			return err
		}
		in.nothingToShip = !needs
	}
	v := &ValidationError{}
	if err := in.Validate(); err != nil && !errors.As(err, &v) {
		return err
	}
	on, err := s.PaymentMethodsOn(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(on, in.PaymentMethod) {
		v.Add("payment_method", "checkout.error.payment_method")
	}
	if v.Err() == nil || in.ShippingMethodID <= 0 || in.nothingToShip {
		return v.Err()
	}
	m, err := s.ShippingMethod(ctx, in.ShippingMethodID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if m != nil {
		in.addressProblems(v, m.Kind)
		methods, err := s.ActiveShippingMethods(ctx)
		if err != nil {
			return err
		}
		st, err := s.Settings(ctx)
		if err != nil {
			return err
		}
		shippingCountryProblem(v, st, methods, *m, in.Country)
		paymentProblem(v, *m, in.PaymentMethod, in.Locale)
	}
	return v.Err()
}

// PaymentMethodsOn lists the payment methods the shop takes, in the order
// checkout offers them: the offline ones by their settings, Stripe once it
// has a secret key.
func (s *Store) PaymentMethodsOn(ctx context.Context) ([]string, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	sec, err := s.StripeSecrets(ctx)
	if err != nil {
		return nil, err
	}
	// Bank transfer needs the bank details: without them a shopper would
	// be told to pay into an account nobody named.
	on := map[string]bool{PayStripe: sec.SecretKey != "", PayCOD: st.CODEnabled,
		PayBankTransfer: st.BankTransferEnabled && strings.TrimSpace(st.BankTransferInstructions) != ""}
	var out []string
	for _, m := range PaymentMethods {
		if on[m] {
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *Store) placeOrder(ctx context.Context, tx *sql.Tx, in CheckoutInput, accessKey string, st Settings) (number string, shown orderShown, err error) {
	// The method as the checkout page offers it (the kept list: tx says
	// why an edit under way may not show yet); an inactive one is none.
	// Its address problems come before the cart's, as validateCheckout's
	// would.
	methods, err := s.ActiveShippingMethods(ctx)
	if err != nil {
		return "", shown, err
	}
	var m *ShippingMethod
	if i := slices.IndexFunc(methods, func(x ShippingMethod) bool { return x.ID == in.ShippingMethodID }); i >= 0 && st.Offers(methods[i]) {
		m = &methods[i]
	}
	var cart Cart
	lines, err := openCartLines(ctx, tx.QueryContext, in.CartToken, &cart)
	if err != nil {
		return "", shown, err
	}
	// Read in this transaction, so that a removal committed before it is
	// seen here and one after it finds the cart closed.
	removed, err := cartHasRemovals(ctx, tx, in.CartToken)
	if err != nil {
		return "", shown, err
	}
	if removed {
		return "", shown, ErrItemsRemoved
	}
	// An empty cart counts as needing shipping, as in cartNeedsShipping. A
	// cart with nothing to ship needs no address, whatever the form says
	// (validateCheckout did not read the cart when it named a method).
	needs := len(lines) == 0 || linesNeedShipping(lines)
	if m != nil && needs && !in.nothingToShip {
		if err := in.checkAddress(m.Kind); err != nil {
			return "", shown, err
		}
		// The method as it stands in this order's turn: one no longer
		// delivering to the address, or no longer collecting cash on
		// delivery, refuses it, as a new price is charged.
		v := &ValidationError{}
		shippingCountryProblem(v, st, methods, *m, in.Country)
		if paymentProblem(v, *m, in.PaymentMethod, in.Locale); v.Err() != nil {
			return "", shown, v
		}
	}
	if len(lines) == 0 {
		return "", shown, ErrCartEmpty
	}
	cartID, coupon := cart.ID, cart.Coupon
	locale := orderLocale(in, st)
	// Whatever the shopper's language: the order keeps its lines' names
	// in every language, for staff and exports (lineNames).
	if err := s.nameViewLines(ctx, tx.QueryContext, lines); err != nil {
		return "", shown, err
	}
	for _, l := range lines {
		if !l.Purchasable() {
			return "", shown, ErrCartChanged
		}
	}
	if slices.ContainsFunc(lines, func(l CartLine) bool { return l.PriceChanged }) ||
		(in.ShownCurrency != "" && in.ShownCurrency != st.Currency) {
		return "", shown, ErrPriceChanged
	}
	if needs && in.nothingToShip {
		// Something to ship was added since the form was checked, which
		// asked for no address: the shopper must look again.
		return "", shown, ErrCartChanged
	}
	if !needs {
		m = nil
	}
	if m != nil && m.Kind == ShippingPickup {
		// Collected at the shop: an address posted anyway (the page hides
		// it) is nowhere to ship, and the export would give it as one.
		in.Address = Address{Email: in.Email, Name: in.Name, Phone: in.Phone}
	}
	now := s.Now()
	pr, err := s.promoteOrder(ctx, tx, lines, coupon, in.Email, in.CustomerID, locale, now)
	if err != nil {
		return "", shown, err
	}
	for _, id := range in.ShownGifts {
		if !slices.ContainsFunc(pr.outcome.Gifts, func(g pricing.Gift) bool { return g.PromotionID == id }) {
			return "", shown, ErrGiftGone
		}
	}
	v := CartView{Lines: lines}
	var points PointsUse
	if in.RedeemPoints > 0 && in.CustomerID > 0 {
		if points, err = pointsToUse(ctx, tx, in.CustomerID, in.RedeemPoints, now); err != nil {
			return "", shown, err
		}
	}
	res, m := priceCart(v.PricingInput(), st, m, forOrder, pr.outcome, points.discount())
	if m == nil && needs {
		return "", shown, &ValidationError{Fields: map[string]string{"shipping_method": "checkout.error.shipping_method"}}
	}
	// The most the order takes is of the merchandise after the promotions
	// (the points come last), as on the checkout page.
	if in.ExactPoints && in.CustomerID > 0 && in.RedeemPoints > points.Max(res.Merchandise()+PointsPaid(res)) {
		return "", shown, &ValidationError{Fields: map[string]string{"redeem_points": "checkout.points.error.too_many"}}
	}
	if in.ShownTotal > 0 && res.Total > in.ShownTotal {
		return "", shown, &PriceRoseError{Shown: in.ShownTotal, Total: res.Total, Coupon: pr.outcome.Coupon, Passed: pr.outcome.Passed}
	}
	if !in.ConfirmNoReturn && len(v.NoReturn()) > 0 {
		return "", shown, &ValidationError{Fields: map[string]string{"confirm_no_return": "checkout.error.confirm_no_return"}}
	}
	if shown, err = takeStock(ctx, tx, lines); err != nil {
		return "", shown, err
	}
	orderID, number, err := insertOrder(ctx, tx, in, accessKey, st, m, res, now)
	if err != nil {
		return "", shown, err
	}
	var confirmedAt sql.NullInt64
	if in.ConfirmNoReturn {
		confirmedAt = sql.NullInt64{Int64: now.Unix(), Valid: true}
	}
	if err := insertOrderLines(ctx, tx, orderID, lines, res, locale, pointsShares(v, st, m, pr.outcome, res), confirmedAt); err != nil {
		return "", shown, err
	}
	redraw, limited, err := s.recordPromotions(ctx, tx, orderID, in.Email, coupon, pr, res, m, locale, in.ShownGifts)
	if err != nil {
		return "", shown, err
	}
	shown.soldOut, shown.limitUsed = shown.soldOut || redraw, limited
	if err := redeemPoints(ctx, tx, orderID, in.CustomerID, PointsPaid(res), points, now); err != nil {
		return "", shown, err
	}
	if err := addOrderEvent(ctx, tx, orderID, EventPlaced, in.PaymentMethod, Actor{}, now); err != nil {
		return "", shown, err
	}
	if err := enqueueEmail(ctx, tx, EmailOrderConfirmation, orderID, 0, in.Email, in.Locale, now); err != nil {
		return "", shown, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE carts SET status = 'closed', updated_at = ? WHERE id = ?`, now.Unix(), cartID)
	return number, shown, err
}

// cartNeedsShipping reports whether token's open cart holds anything to
// ship. An empty or missing cart counts as needing shipping, so that the
// form asks for everything and placeOrder reports the empty cart.
func (s *Store) cartNeedsShipping(ctx context.Context, token string) (bool, error) {
	var needs bool
	err := s.queryRow(ctx, `
		SELECT coalesce(max(v.requires_shipping), 1)
		FROM carts c JOIN cart_lines l ON l.cart_id = c.id JOIN variants v ON v.id = l.variant_id
		WHERE c.token = ? AND c.status = 'open'`, token).Scan(&needs)
	if err != nil {
		return false, fmt.Errorf("cart needs shipping: %w", err)
	}
	return needs, nil
}

// shippingName and shippingKind are what an order records of its method:
// ShippingNone for an order with nothing to ship. The name is the one the
// shopper chose, in the language they checked out in.
func shippingName(m *ShippingMethod, locale string) string {
	if m == nil {
		return ""
	}
	return m.Name.In(locale)
}

// shippingNames is the method's name in every language (Order.In).
func shippingNames(m *ShippingMethod) string {
	if m == nil {
		return ""
	}
	return keptNames(m.Name)
}

func shippingKind(m *ShippingMethod) string {
	if m == nil {
		return ShippingNone
	}
	return m.Kind
}

// FewLeft is the stock from which product pages say how many are left.
const FewLeft = 5

// orderShown is what an order changed that shoppers see: the stock it
// took, and the count of a limited promotion it used.
type orderShown struct {
	// pages are the products whose variant's stock is now one their page
	// shows (sold out, or FewLeft or fewer): only those pages change.
	pages []string
	// soldOut: a product has none left, which cards and listings show.
	soldOut bool
	// limitUsed: a limited promotion was used, whose count the live
	// promotions cached for pages hold.
	limitUsed bool
}

// takeUnits takes qty from a variant's stock and reports whether it had
// that many: the update is conditional on the stock, so two buyers can
// never both get the last unit. It returns nothing, as RETURNING goes
// through a temporary table.
func takeUnits(ctx context.Context, tx *sql.Tx, variantID, qty int64) (bool, error) {
	r, err := tx.ExecContext(ctx, `UPDATE variants SET stock = stock - ? WHERE id = ? AND stock >= ?`, qty, variantID, qty)
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n > 0, err
}

// takeStock decrements every line's variant, refusing (ErrCartChanged) when
// one has too little left, and reports what the shopper's pages show of
// it; above FewLeft a sale changes no page. The lines were read in the
// same transaction, one per variant, so what is left is their stock less
// their quantity.
func takeStock(ctx context.Context, tx *sql.Tx, lines []CartLine) (shown orderShown, err error) {
	for _, l := range lines {
		ok, err := takeUnits(ctx, tx, l.VariantID, l.Quantity)
		if err != nil {
			return shown, fmt.Errorf("take stock: %w", err)
		}
		if !ok {
			return shown, ErrCartChanged
		}
		if l.Stock-l.Quantity > FewLeft {
			continue
		}
		shown.pages = append(shown.pages, l.ProductHandle)
		var total int64 // moved by the variants_stock_total trigger
		if err := tx.QueryRowContext(ctx, `SELECT stock_total FROM products WHERE id = ?`, l.ProductID).Scan(&total); err != nil {
			return shown, fmt.Errorf("take stock: %w", err)
		}
		shown.soldOut = shown.soldOut || total <= 0
	}
	return shown, nil
}

// expiresAt is when an unpaid order by method is cancelled; zero for never.
func expiresAt(st Settings, method string, now time.Time) sql.NullInt64 {
	var d time.Duration
	switch method {
	case PayStripe:
		d = time.Duration(st.StripeExpiryMinutes) * time.Minute
	case PayBankTransfer:
		d = time.Duration(st.BankTransferExpiryHours) * time.Hour
	default:
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: now.Add(d).Unix(), Valid: true}
}

// insertOrder writes the order. The id comes from LastInsertId rather
// than RETURNING, which SQLite collects through a temporary table.
func insertOrder(ctx context.Context, tx *sql.Tx, in CheckoutInput, accessKey string, st Settings, m *ShippingMethod, res pricing.Result, now time.Time) (int64, string, error) {
	locale := orderLocale(in, st)
	var r sql.Result
	number, err := withOrderNumber(func(number string) (err error) {
		r, err = tx.ExecContext(ctx, `
			INSERT INTO orders (number, access_key, checkout_token, payment_method, email, name, phone,
				address_line1, address_line2, city, region, postal_code, country, note, locale,
				shipping_method, shipping_names, shipping_kind, currency, prices_include_tax, tax_rate_bp,
				subtotal, discount, shipping, tax, total, created_at, updated_at, expires_at, customer_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			number, accessKey, in.checkoutKey(), in.PaymentMethod, in.Email, in.Name, in.Phone,
			in.AddressLine1, in.AddressLine2, in.City, in.Region, in.PostalCode, in.Country, in.Note, locale,
			shippingName(m, locale), shippingNames(m), shippingKind(m), st.Currency, st.TaxInclusive, st.TaxRateBP,
			res.Subtotal, res.Discount, res.Shipping, res.Tax, res.Total, now.Unix(), now.Unix(),
			expiresAt(st, in.PaymentMethod, now), nullIfZero(in.CustomerID))
		return err
	})
	if err != nil {
		return 0, "", fmt.Errorf("insert order: %w", err)
	}
	id, err := r.LastInsertId()
	return id, number, err
}

// orderLocale is the language the shopper checked out in, the shop's when
// unknown: the order's emails and its lines' titles are in it.
func orderLocale(in CheckoutInput, st Settings) string {
	if in.Locale == "" {
		return st.Locale
	}
	return in.Locale
}

// pointsShares is what the points paid of each line (by cart line): the
// lines' discounts with the points less those without, since the points
// come last and change no other discount. Nil when no points were used.
func pointsShares(v CartView, st Settings, m *ShippingMethod, promo pricing.Outcome, res pricing.Result) map[int64]int64 {
	if PointsPaid(res) == 0 {
		return nil
	}
	without, _ := priceCart(v.PricingInput(), st, m, forOrder, promo, pointsDiscount{})
	out := map[int64]int64{}
	for i, l := range res.Lines {
		out[l.ID] = l.Discount - without.Lines[i].Discount
	}
	return out
}

// lineNames is l's titles in every language its product has them in, as
// kept JSON (keptNames): the product's own, in the shop's content
// language, and their translations. l is as read, not yet In a locale.
func lineNames(l CartLine) (product, variant string) {
	return keptNames(l.Tr.Text(FieldTitle, l.ProductTitle)), variantNames(l.Tr, l.options)
}

// variantNames is the title of the variant of options (in the shop's
// content language) in every language its product's translations tr have
// them in, as kept JSON.
func variantNames(tr Texts, options [3]string) string {
	v := Text{Default: Variant{Options: options}.Title()}
	for i, o := range options {
		for loc := range tr[OptionValueField(i, o)] {
			if v.Tr == nil {
				v.Tr = map[string]string{}
			}
			v.Tr[loc] = Variant{Options: localOptions(tr, options, loc)}.Title()
		}
	}
	return keptNames(v)
}

// insertOrderLines snapshots the lines, titles in locale (and in every
// language: lineNames), with what the points paid of each (pointsPaid, by
// cart line) and their products' return rules. An excluded line holds
// its exclusion only if the shopper confirmed it (confirmedAt, when they
// did). All lines go in one statement (a cart holds at most MaxCartLines),
// which behind the single writer costs less than one for each.
func insertOrderLines(ctx context.Context, tx *sql.Tx, orderID int64, lines []CartLine, res pricing.Result, locale string,
	pointsPaid map[int64]int64, confirmedAt sql.NullInt64) error {
	priced := make(map[int64]pricing.LineResult, len(res.Lines))
	for _, lr := range res.Lines {
		priced[lr.ID] = lr
	}
	var q strings.Builder
	args := make([]any, 0, 20*len(lines))
	for i, l := range lines {
		productNames, variantNames := lineNames(l)
		l = l.In(locale)
		p := priced[l.ID]
		confirmed := sql.NullInt64{}
		if l.NoReturnReason != "" {
			confirmed = confirmedAt
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, orderID, l.VariantID, l.ProductHandle, l.ProductTitle, l.VariantTitle, l.SKU,
			l.ImageID, p.UnitPrice, p.Quantity, l.WeightGrams, p.Gross, p.Discount, p.Tax, p.Paid, pointsPaid[l.ID],
			nullIfZero(l.ReturnDays), l.NoReturnReason, confirmed, productNames, variantNames)
	}
	insert := insertSoldLines(`order_id, variant_id, product_handle, product_title, variant_title, sku,
		image_id, unit_price, quantity, weight_grams, gross, discount, tax, paid, points_paid,
		return_days, no_return_reason, no_return_confirmed_at, product_names, variant_names`, q.String())
	if _, err := tx.ExecContext(ctx, insert, args...); err != nil {
		return fmt.Errorf("insert order lines: %w", err)
	}
	return nil
}

// orderNumberAlphabet leaves out 0, 1, I and O, which people misread.
const orderNumberAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// withOrderNumber calls insert with a new random order number such as
// "K7QM-4XR2", drawing again while the number's unique index refuses it,
// and returns the number it took. The index is the check: looking the
// number up first searched it once more on every order, behind the single
// writer. 40 random bits, so numbers say nothing about how many orders
// there are and the next one cannot be guessed; the key, not the number,
// opens the order.
func withOrderNumber(insert func(number string) error) (string, error) {
	b := make([]byte, 8)
	for range 10 {
		rand.Read(b)
		for i := range b {
			b[i] = orderNumberAlphabet[int(b[i])%len(orderNumberAlphabet)]
		}
		number := string(b[:4]) + "-" + string(b[4:])
		err := insert(number)
		if isUnique(err) && strings.Contains(err.Error(), "orders.number") {
			continue
		}
		return number, err
	}
	return "", errors.New("no free order number")
}

// normalizeOrderNumber accepts a number as a person types it: any case,
// with or without the dash.
func normalizeOrderNumber(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", ""))
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:]
}
