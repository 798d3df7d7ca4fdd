package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Order statuses. An order is open until it is cancelled; whether it is
// paid and shipped are separate questions (PaymentStatus, FulfillmentStatus)
// because cash on delivery ships before it is paid.
const (
	OrderOpen      = "open"
	OrderCancelled = "cancelled"

	PaymentPending = "pending"
	PaymentPaid    = "paid"

	FulfillmentNone    = "unfulfilled"
	FulfillmentPartial = "partial"
	FulfillmentDone    = "fulfilled"
)

// What refunds make of a paid order, as the admin shows its payment (the
// names are Shopify's financial statuses). They are never stored: a
// refunded order stays PaymentPaid, which the rules about paid orders
// (shipping, points, tiers, returns) key on.
const (
	PaymentPartlyRefunded = "partially_refunded"
	PaymentRefunded       = "refunded"
)

// FinancialStatus is an order's payment as a merchant reconciles it: its
// payment status, except that a paid order with refunds is partly
// refunded, or refunded once they add up to all it was paid. charged is
// what the shopper paid: the total less what was never charged
// (Uncollected), and refunded the money that went back (Refunded), so
// that items cancelled before the payment, which took nothing back, do
// not read as refunded.
func FinancialStatus(paymentStatus string, charged, refunded int64) string {
	switch {
	case paymentStatus != PaymentPaid || refunded <= 0:
		return paymentStatus
	case refunded >= charged:
		return PaymentRefunded
	}
	return PaymentPartlyRefunded
}

// Refunded is the money r gave back: its refund, or nothing for a
// cancellation settled as never charged (RefundNotCollected), which only
// took its items off what the shopper paid.
func (r ReturnRequest) Refunded() int64 {
	if r.RefundMethod == RefundNotCollected {
		return 0
	}
	return r.RefundAmount
}

// Payment methods, the checkout form's payment_method values.
const (
	PayStripe       = "stripe"
	PayBankTransfer = "bank_transfer"
	PayCOD          = "cod"
)

// PaymentMethods lists the methods in the order checkout offers them.
var PaymentMethods = []string{PayStripe, PayBankTransfer, PayCOD}

// Why an order was cancelled.
const (
	CancelExpired       = "expired"        // unpaid in time
	CancelStaff         = "staff"          // by a member of staff
	CancelStripe        = "stripe"         // the Stripe Checkout Session expired
	CancelPaymentFailed = "payment_failed" // a delayed Stripe payment (a bank debit) failed
)

// Order timeline event kinds.
const (
	EventPlaced    = "placed"
	EventPaid      = "paid"
	EventFulfilled = "fulfilled"
	EventCancelled = "cancelled"
	EventNote      = "note"
	EventEmail     = "email"   // an email was sent; detail is its kind
	EventPayment   = "payment" // a payment attempt started or failed; detail says which
	// Returns (return_request.go); detail is the return's id.
	EventReturnRequested = "return_requested"
	EventReturnCancelled = "return_cancelled"
)

// Order is a placed order: a snapshot of what was bought and charged.
type Order struct {
	ID                int64
	Number            string
	AccessKey         string
	Status            string
	PaymentStatus     string
	FulfillmentStatus string
	PaymentMethod     string
	CancelReason      string

	Address
	Note   string
	Locale string

	ShippingMethod   string
	ShippingKind     string
	Currency         string
	PricesIncludeTax bool
	TaxRateBP        int64
	Subtotal         int64
	Discount         int64
	Shipping         int64
	Tax              int64
	Total            int64

	StripeSessionID     string
	StripePaymentIntent string
	// DeliveredAt is when the owner marked the parcel delivered (the
	// return window runs from it); zero when not known.
	DeliveredAt time.Time

	CreatedAt   time.Time
	UpdatedAt   time.Time
	ExpiresAt   time.Time // zero when the order never expires
	PaidAt      time.Time
	CancelledAt time.Time
	// shippingNames is the method's name in every language, as kept
	// (keptNames; In).
	shippingNames string

	Lines        []OrderLine
	Discounts    []OrderDiscount
	Events       []OrderEvent
	Fulfillments []Fulfillment
}

// Address is who an order is for and where it goes.
type Address struct {
	Email        string `json:"email"`
	Name         string `json:"name"`
	Phone        string `json:"phone,omitempty"`
	AddressLine1 string `json:"address_line1"`
	AddressLine2 string `json:"address_line2,omitempty"`
	City         string `json:"city"`
	Region       string `json:"region,omitempty"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country"`
}

// OrderLine is one variant bought, as charged.
type OrderLine struct {
	ID                int64
	VariantID         int64 // 0 once the variant is deleted from the catalog
	ProductHandle     string
	ProductTitle      string
	VariantTitle      string
	SKU               string
	ImageID           int64
	UnitPrice         int64
	Quantity          int64
	WeightGrams       int64
	Gross             int64
	Discount          int64
	Tax               int64
	Paid              int64
	FulfilledQuantity int64
	// CancelledQuantity is the units staff cancelled before they shipped
	// (CancelUnshipped): never shipped, never returnable.
	CancelledQuantity int64
	// GiftPromotionID is the promotion that gave the line free (its
	// price is 0), 0 for a line bought; GiftValue is what it was worth.
	GiftPromotionID int64
	GiftValue       int64
	// The product's return rules as they stood when ordered: a longer
	// window (0: the shop's), and an exclusion from no-reason returns with
	// when the shopper confirmed it (zero: not confirmed, so it does not
	// hold).
	ReturnDays        int64
	NoReturnReason    string
	NoReturnConfirmed time.Time
	// productNames and variantNames are the titles in every language the
	// shop offered when the line was ordered, as kept (keptNames;
	// Order.In); the titles above are the shopper's. Strings, so that
	// lines compare.
	productNames, variantNames string
	// TierName and TierMonths are the membership tier the line sold and
	// the months each unit of it grants, as sold: "" and 0 for a line
	// that sold none. tierNames is that name in every language as kept
	// (keptNames; Order.In; insertSoldLines).
	TierName   string
	TierMonths int64
	tierNames  string
}

// Unfulfilled is how many of the line are still to ship: neither shipped
// nor cancelled.
func (l OrderLine) Unfulfilled() int64 { return l.Quantity - l.FulfilledQuantity - l.CancelledQuantity }

// OrderDiscount is a discount as charged.
type OrderDiscount struct {
	Code        string // the promotion's name in the order's language, or the coupon's code
	names       string // the promotion's name in every language, as kept (keptNames); "" for a coupon's code
	Amount      int64
	PromotionID int64 // 0 for none (a discount from before promotions, or one deleted)
	// Shipping is set for free shipping: Amount is the shipping saved,
	// which is not part of the order's Discount.
	Shipping bool
}

// MoneyOff is the order's discounts that are money off or free shipping,
// for its totals: a gift's promotion is recorded at 0 (a return reads it
// to know the gift's threshold), which read "Discount (Free cup) $0.00".
func (o *Order) MoneyOff() []OrderDiscount {
	var out []OrderDiscount
	for _, d := range o.Discounts {
		if d.Amount != 0 || d.Shipping {
			out = append(out, d)
		}
	}
	return out
}

// OrderEvent is one entry of an order's timeline.
type OrderEvent struct {
	ID         int64
	Kind       string
	Detail     string
	StaffEmail string // empty for the shopper and the shop itself
	CreatedAt  time.Time
}

// Fulfillment is a parcel sent.
type Fulfillment struct {
	ID             int64
	Carrier        string
	TrackingNumber string
	CreatedAt      time.Time
	Lines          []FulfillmentLine
}

// FulfillmentLine is how many of an order line went in a parcel.
type FulfillmentLine struct {
	OrderLineID int64
	Quantity    int64
}

// OrderRefund is money given back on an order: a refunded return's refund.
type OrderRefund struct {
	ReturnID int64
	Amount   int64
	Method   string // one of RefundMethods, or RefundStripe
	// Status is a Stripe refund's state (RefundPending, …); "" for one
	// made offline.
	Status string
	At     time.Time
}

// Cancelled reports whether the order was cancelled.
func (o *Order) Cancelled() bool { return o.Status == OrderCancelled }

// Paid reports whether the order has been paid.
func (o *Order) Paid() bool { return o.PaymentStatus == PaymentPaid }

// AwaitingPayment reports whether the shopper still has to pay.
func (o *Order) AwaitingPayment() bool {
	return o.Status == OrderOpen && o.PaymentStatus == PaymentPending
}

// KeyMatches reports whether key opens the order's guest page, in constant
// time so that the key cannot be guessed a character at a time.
func (o *Order) KeyMatches(key string) bool {
	return key != "" && subtle.ConstantTimeCompare([]byte(key), []byte(o.AccessKey)) == 1
}

const orderColumns = `id, number, access_key, status, payment_status, fulfillment_status, payment_method,
	cancel_reason, email, name, phone, address_line1, address_line2, city, region, postal_code, country,
	note, locale, shipping_method, shipping_kind, currency, prices_include_tax, tax_rate_bp, subtotal,
	discount, shipping, tax, total, stripe_session_id, stripe_payment_intent, created_at, updated_at,
	expires_at, paid_at, cancelled_at, delivered_at, shipping_names`

func scanOrder(row rowScanner) (*Order, error) {
	var o Order
	var created, updated int64
	var expires, paid, cancelled, delivered sql.NullInt64
	err := row.Scan(&o.ID, &o.Number, &o.AccessKey, &o.Status, &o.PaymentStatus, &o.FulfillmentStatus,
		&o.PaymentMethod, &o.CancelReason, &o.Email, &o.Name, &o.Phone, &o.AddressLine1, &o.AddressLine2,
		&o.City, &o.Region, &o.PostalCode, &o.Country, &o.Note, &o.Locale, &o.ShippingMethod, &o.ShippingKind,
		&o.Currency, &o.PricesIncludeTax, &o.TaxRateBP, &o.Subtotal, &o.Discount, &o.Shipping, &o.Tax, &o.Total,
		&o.StripeSessionID, &o.StripePaymentIntent, &created, &updated, &expires, &paid, &cancelled, &delivered, &o.shippingNames)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	o.ExpiresAt, o.PaidAt, o.CancelledAt = nullTime(expires), nullTime(paid), nullTime(cancelled)
	o.DeliveredAt = nullTime(delivered)
	return &o, nil
}

// In is the order as staff read it in locale: its lines', promotions' and
// shipping method's names in locale, or in the shop's content language
// where they have none in it, so that staff who read one language can
// pick every order. An order placed before names were kept in every
// language keeps the shopper's. The shopper's own pages and emails read
// the order as it is, in their language.
func (o *Order) In(locale string) *Order {
	out := *o
	out.ShippingMethod = keptIn(o.shippingNames, locale, o.ShippingMethod)
	out.Lines = slices.Clone(o.Lines)
	for i, l := range out.Lines {
		out.Lines[i].ProductTitle = keptIn(l.productNames, locale, l.ProductTitle)
		out.Lines[i].VariantTitle = keptIn(l.variantNames, locale, l.VariantTitle)
		out.Lines[i].TierName = keptIn(l.tierNames, locale, l.TierName)
	}
	out.Discounts = slices.Clone(o.Discounts)
	for i, d := range out.Discounts {
		out.Discounts[i].Code = keptIn(d.names, locale, d.Code)
	}
	return &out
}

// keptIn is the kept names (keptNames) in locale, or stored (the
// shopper's) when none were kept.
func keptIn(kept, locale, stored string) string {
	var t Text
	if kept == "" || json.Unmarshal([]byte(kept), &t) != nil || t.Default == "" {
		return stored
	}
	return t.In(locale)
}

// keptNames is how an order keeps a name in every language: the Text as
// JSON; "" for none (a coupon's code, nothing to ship) and for a name
// with no translation, which every language read as the shopper did.
func keptNames(t Text) string {
	if t.Default == "" || len(t.Tr) == 0 {
		return ""
	}
	b, err := json.Marshal(t)
	if err != nil {
		return ""
	}
	return string(b)
}

func nullTime(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0)
}

// OrderByNumber returns the order with its lines, discounts, timeline and
// parcels. The number is matched as typed and in upper case.
func (s *Store) OrderByNumber(ctx context.Context, number string) (*Order, error) {
	return s.fullOrder(ctx, `SELECT `+orderColumns+` FROM orders WHERE number = ?`, normalizeOrderNumber(number))
}

// OrderByID is OrderByNumber by row id, for the admin.
func (s *Store) OrderByID(ctx context.Context, id int64) (*Order, error) {
	return s.fullOrder(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ?`, id)
}

// fullOrder reads an order and everything hanging off it through the
// read pool's cached statements: the order page and the redirect after
// checkout read it at every order, and parsing the SQL each time cost more
// than running it.
func (s *Store) fullOrder(ctx context.Context, query string, arg any) (*Order, error) {
	o, err := scanOrder(s.queryRow(ctx, query, arg))
	if err != nil {
		return nil, err
	}
	if o.Lines, err = orderLines(ctx, s.query, o.ID); err != nil {
		return nil, err
	}
	if o.Discounts, err = orderDiscounts(ctx, s.query, o.ID); err != nil {
		return nil, err
	}
	if o.Events, err = orderEvents(ctx, s.query, o.ID); err != nil {
		return nil, err
	}
	if o.Fulfillments, err = orderFulfillments(ctx, s.query, o.ID); err != nil {
		return nil, err
	}
	return o, nil
}

func orderLines(ctx context.Context, query queryFunc, orderID int64) ([]OrderLine, error) {
	rows, err := query(ctx, `
		SELECT id, COALESCE(variant_id, 0), product_handle, product_title, variant_title, sku, image_id,
			unit_price, quantity, weight_grams, gross, discount, tax, paid, fulfilled_quantity, cancelled_quantity,
			coalesce(gift_promotion_id, 0), gift_value, coalesce(return_days, 0), no_return_reason,
			coalesce(no_return_confirmed_at, 0), product_names, variant_names,
			coalesce(tier_name, ''), coalesce(tier_months, 0), tier_names
		FROM order_lines WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []OrderLine
	for rows.Next() {
		var l OrderLine
		var confirmed int64
		if err := rows.Scan(&l.ID, &l.VariantID, &l.ProductHandle, &l.ProductTitle, &l.VariantTitle, &l.SKU,
			&l.ImageID, &l.UnitPrice, &l.Quantity, &l.WeightGrams, &l.Gross, &l.Discount, &l.Tax, &l.Paid,
			&l.FulfilledQuantity, &l.CancelledQuantity, &l.GiftPromotionID, &l.GiftValue, &l.ReturnDays, &l.NoReturnReason, &confirmed,
			&l.productNames, &l.variantNames, &l.TierName, &l.TierMonths, &l.tierNames); err != nil {
			return nil, err
		}
		if confirmed > 0 {
			l.NoReturnConfirmed = time.Unix(confirmed, 0)
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

func orderDiscounts(ctx context.Context, query queryFunc, orderID int64) ([]OrderDiscount, error) {
	rows, err := query(ctx, `SELECT code, amount, coalesce(promotion_id, 0), shipping, names
		FROM order_discounts WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []OrderDiscount
	for rows.Next() {
		var d OrderDiscount
		if err := rows.Scan(&d.Code, &d.Amount, &d.PromotionID, &d.Shipping, &d.names); err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

func orderEvents(ctx context.Context, query queryFunc, orderID int64) ([]OrderEvent, error) {
	rows, err := query(ctx, `
		SELECT id, kind, detail, staff_email, created_at FROM order_events WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []OrderEvent
	for rows.Next() {
		var e OrderEvent
		var at int64
		if err := rows.Scan(&e.ID, &e.Kind, &e.Detail, &e.StaffEmail, &at); err != nil {
			return nil, err
		}
		e.CreatedAt = time.Unix(at, 0)
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

func orderFulfillments(ctx context.Context, query queryFunc, orderID int64) ([]Fulfillment, error) {
	rows, err := query(ctx, `
		SELECT f.id, f.carrier, f.tracking_number, f.created_at, l.order_line_id, l.quantity
		FROM fulfillments f JOIN fulfillment_lines l ON l.fulfillment_id = f.id
		WHERE f.order_id = ? ORDER BY f.id, l.order_line_id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []Fulfillment
	for rows.Next() {
		var f Fulfillment
		var l FulfillmentLine
		var at int64
		if err := rows.Scan(&f.ID, &f.Carrier, &f.TrackingNumber, &at, &l.OrderLineID, &l.Quantity); err != nil {
			return nil, err
		}
		if n := len(fs); n > 0 && fs[n-1].ID == f.ID {
			fs[n-1].Lines = append(fs[n-1].Lines, l)
			continue
		}
		f.CreatedAt = time.Unix(at, 0)
		f.Lines = []FulfillmentLine{l}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// addOrderEvent writes one timeline entry inside tx. actor is the member of
// staff, or the zero Actor for the shopper and the shop.
func addOrderEvent(ctx context.Context, tx *sql.Tx, orderID int64, kind, detail string, actor Actor, now time.Time) error {
	var staffID sql.NullInt64
	if actor.StaffID != 0 {
		staffID = sql.NullInt64{Int64: actor.StaffID, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO order_events (order_id, kind, detail, staff_id, staff_email, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		orderID, kind, detail, staffID, actor.Email, now.Unix())
	if err != nil {
		return fmt.Errorf("order event: %w", err)
	}
	return nil
}
