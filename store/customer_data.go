package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	DeliveredAt       time.Time // delivered, or for a pickup collected; zero until staff mark it
}

// CustomerOrders lists the account's orders, newest first.
func (s *Store) CustomerOrders(ctx context.Context, customerID int64) ([]CustomerOrderSummary, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT number, status, payment_status, fulfillment_status, payment_method, shipping_kind, currency, total, created_at, delivered_at
		FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC`, customerID)
	if err != nil {
		return nil, fmt.Errorf("customer orders: %w", err)
	}
	defer rows.Close()
	var out []CustomerOrderSummary
	for rows.Next() {
		var o CustomerOrderSummary
		var created int64
		var delivered sql.NullInt64
		if err := rows.Scan(&o.Number, &o.Status, &o.PaymentStatus, &o.FulfillmentStatus, &o.PaymentMethod, &o.ShippingKind, &o.Currency, &o.Total, &created, &delivered); err != nil {
			return nil, fmt.Errorf("customer orders: %w", err)
		}
		o.CreatedAt, o.DeliveredAt = time.Unix(created, 0), nullTime(delivered)
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
// account's data download: what the customer can see in their account,
// never the shop's own notes, staff or internal ids.
type CustomerExport struct {
	Account   CustomerExportAccount `json:"account"`
	Addresses []CustomerAddress     `json:"addresses"`
	Orders    []CustomerExportOrder `json:"orders"`
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

// CustomerExportOrder is an order as its page shows it to the customer.
type CustomerExportOrder struct {
	Number            string    `json:"number"`
	PlacedAt          time.Time `json:"placed_at"`
	Status            string    `json:"status"`
	PaymentStatus     string    `json:"payment_status"`
	FulfillmentStatus string    `json:"fulfillment_status"`
	PaymentMethod     string    `json:"payment_method"`
	ShippingMethod    string    `json:"shipping_method"`
	Address
	Note      string                   `json:"note,omitempty"`
	Currency  string                   `json:"currency"`
	Subtotal  int64                    `json:"subtotal"`
	Discounts []CustomerExportDiscount `json:"discounts"`
	Shipping  int64                    `json:"shipping"`
	Tax       int64                    `json:"tax"`
	Total     int64                    `json:"total"`
	Lines     []CustomerExportLine     `json:"lines"`
	Parcels   []CustomerExportParcel   `json:"parcels"`
	Timeline  []CustomerExportEvent    `json:"timeline"`
	Returns   []CustomerExportReturn   `json:"returns"`
}

// CustomerExportReturn is a return of an order, or the shop's cancellation
// of what it had not shipped, as its page shows it to the shopper: what
// was asked and why, in their words, and where it stands.
type CustomerExportReturn struct {
	Kind       string    `json:"kind"`
	AskedAt    time.Time `json:"asked_at"`
	Items      int64     `json:"items"`
	Resolution string    `json:"resolution"`
	Reason     string    `json:"reason"`
	Note       string    `json:"note,omitempty"`
	Status     string    `json:"status"`
	Refunded   int64     `json:"refunded"`
	NotCharged bool      `json:"not_charged,omitempty"`
}

// CustomerExportDiscount is a discount of an order, money off or free
// shipping.
type CustomerExportDiscount struct {
	Name         string `json:"name"`
	Amount       int64  `json:"amount"`
	FreeShipping bool   `json:"free_shipping,omitempty"`
}

// CustomerExportLine is an item of an order, as charged.
type CustomerExportLine struct {
	Product   string `json:"product"`
	Variant   string `json:"variant,omitempty"`
	Quantity  int64  `json:"quantity"`
	UnitPrice int64  `json:"unit_price"`
	Amount    int64  `json:"amount"`
	Shipped   int64  `json:"shipped"`
	Cancelled int64  `json:"cancelled,omitempty"`
	Gift      bool   `json:"gift,omitempty"`
}

// CustomerExportParcel is a parcel sent, with what was in it.
type CustomerExportParcel struct {
	SentAt         time.Time            `json:"sent_at"`
	Carrier        string               `json:"carrier,omitempty"`
	TrackingNumber string               `json:"tracking_number,omitempty"`
	Items          []CustomerExportItem `json:"items"`
}

// CustomerExportItem is how many of a product went in a parcel.
type CustomerExportItem struct {
	Product  string `json:"product"`
	Variant  string `json:"variant,omitempty"`
	Quantity int64  `json:"quantity"`
}

// CustomerExportEvent is an entry of an order's timeline as the shopper
// sees it (Order.ShopperEvents).
type CustomerExportEvent struct {
	At     time.Time `json:"at"`
	Event  string    `json:"event"`
	Detail string    `json:"detail,omitempty"`
}

// shopperEmails are the emails about an order that its timeline shows
// the shopper.
var shopperEmails = []string{EmailOrderConfirmation, EmailPaymentReceived, EmailShipped, EmailCancelled}

// ShopperEvents is the order's timeline as the shopper is shown it, on
// the order's page and in the account's data download. Staff notes and
// payment attempts are the shop's business, a return's steps are on the
// return's own page, and who on the staff did something is never told;
// a detail is kept only where it is the shopper's to read: why the order
// was cancelled, how many items were cancelled, which email was sent.
func (o *Order) ShopperEvents() []OrderEvent {
	var out []OrderEvent
	for _, e := range o.Events {
		detail := ""
		switch e.Kind {
		case EventPlaced, EventPaid, EventFulfilled, EventDelivered:
		case EventCancelled, EventUnshippedCancelled:
			detail = e.Detail
		case EventEmail:
			if !slices.Contains(shopperEmails, e.Detail) {
				continue
			}
			detail = e.Detail
		default:
			continue
		}
		out = append(out, OrderEvent{Kind: e.Kind, Detail: detail, CreatedAt: e.CreatedAt})
	}
	return out
}

// exportOrder is o as CustomerExportOrder.
func exportOrder(o *Order) CustomerExportOrder {
	out := CustomerExportOrder{Number: o.Number, PlacedAt: o.CreatedAt, Status: o.Status, PaymentStatus: o.PaymentStatus,
		FulfillmentStatus: o.FulfillmentStatus, PaymentMethod: o.PaymentMethod, ShippingMethod: o.ShippingMethod,
		Address: o.Address, Note: o.Note,
		Currency: o.Currency, Subtotal: o.Subtotal, Shipping: o.Shipping, Tax: o.Tax, Total: o.Total,
		Discounts: []CustomerExportDiscount{}, Lines: []CustomerExportLine{}, Parcels: []CustomerExportParcel{},
		Timeline: []CustomerExportEvent{}}
	for _, d := range o.MoneyOff() {
		out.Discounts = append(out.Discounts, CustomerExportDiscount{Name: d.Code, Amount: d.Amount, FreeShipping: d.Shipping})
	}
	lines := map[int64]OrderLine{}
	for _, l := range o.Lines {
		lines[l.ID] = l
		out.Lines = append(out.Lines, CustomerExportLine{Product: l.ProductTitle, Variant: l.VariantTitle,
			Quantity: l.Quantity, UnitPrice: l.UnitPrice, Amount: l.Gross, Shipped: l.FulfilledQuantity,
			Cancelled: l.CancelledQuantity, Gift: l.GiftPromotionID != 0})
	}
	for _, f := range o.Fulfillments {
		p := CustomerExportParcel{SentAt: f.CreatedAt, Carrier: f.Carrier, TrackingNumber: f.TrackingNumber}
		for _, fl := range f.Lines {
			l := lines[fl.OrderLineID]
			p.Items = append(p.Items, CustomerExportItem{Product: l.ProductTitle, Variant: l.VariantTitle, Quantity: fl.Quantity})
		}
		out.Parcels = append(out.Parcels, p)
	}
	for _, e := range o.ShopperEvents() {
		out.Timeline = append(out.Timeline, CustomerExportEvent{At: e.CreatedAt, Event: e.Kind, Detail: e.Detail})
	}
	return out
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
	out.Orders = []CustomerExportOrder{}
	for _, sum := range orders {
		o, err := s.CustomerOrder(ctx, c.ID, sum.Number)
		if err != nil {
			return nil, err
		}
		eo := exportOrder(o)
		returns, err := s.OrderReturns(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		eo.Returns = []CustomerExportReturn{}
		for _, r := range returns {
			eo.Returns = append(eo.Returns, CustomerExportReturn{Kind: r.Kind, AskedAt: r.CreatedAt, Items: r.Items,
				Resolution: r.Resolution, Reason: r.Reason, Note: r.Note, Status: r.Status, Refunded: r.RefundAmount,
				NotCharged: r.RefundMethod == RefundNotCollected})
		}
		out.Orders = append(out.Orders, eo)
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

// OpenOrdersError refuses to delete an account while some of its orders
// are under way: deleting wipes the name, address and email the shop
// needs to deliver them, take them back or refund them. It is an
// ErrConflict.
type OpenOrdersError struct {
	Numbers []string // the orders under way, oldest first
}

func (e *OpenOrdersError) Error() string {
	return "orders under way: " + strings.Join(e.Numbers, ", ")
}

func (e *OpenOrdersError) Unwrap() error { return ErrConflict }

// unfinishedOrder is the SQL condition, on orders aliased o, of an order
// the shop still has to do something about: not paid (and not
// cancelled), paid and not all shipped, or with a return still open.
const unfinishedOrder = `((o.status = 'open' AND (o.payment_status <> 'paid' OR o.fulfillment_status <> 'fulfilled'))
	OR EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.id
		AND r.status NOT IN ('refunded', 'exchanged', 'closed', 'rejected', 'cancelled')))`

// UnfinishedOrders is the numbers of the account's orders under way,
// oldest first: while there are any, the account cannot be deleted.
func (s *Store) UnfinishedOrders(ctx context.Context, customerID int64) ([]string, error) {
	return unfinishedOrders(ctx, s.query, customerID)
}

func unfinishedOrders(ctx context.Context, query queryFunc, customerID int64) ([]string, error) {
	rows, err := query(ctx, `SELECT o.number FROM orders o WHERE o.customer_id = ? AND `+unfinishedOrder+`
		ORDER BY o.created_at, o.id`, customerID)
	if err != nil {
		return nil, fmt.Errorf("unfinished orders: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("unfinished orders: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// DeleteCustomer deletes the account after checking its password. Its
// orders stay for the books, with the contact and address wiped; the
// account row stays too, emptied, so that they still point at one
// customer; its address book, links, carts and unsent emails go. While
// an order is under way (UnfinishedOrders) it is refused with an
// *OpenOrdersError: its parcel, return or refund still needs them.
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
		open, err := unfinishedOrders(ctx, tx.QueryContext, id)
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return &OpenOrdersError{Numbers: open}
		}
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
