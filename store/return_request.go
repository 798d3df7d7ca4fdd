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
	"unicode/utf8"
)

// Return statuses beyond the first ones (returns.go).
const (
	ReturnExchanged = "exchanged"
	ReturnCancelled = "cancelled"
)

// activeReturn is the SQL condition of a return that holds its units:
// neither rejected nor cancelled.
const activeReturn = `r.status NOT IN ('rejected', 'cancelled')`

// ReturnPolicy is the owner's return rules, kept in the settings table
// under "returns." keys; a key not set has its default.
type ReturnPolicy struct {
	WindowDays   int64 // counted from the day after delivery
	TransitDays  int64 // delivery is taken as the last parcel's day plus these, when not known
	Fee          int64 // a flat fee kept from a change-of-mind refund, minor units
	RestockingBP int64 // a share kept from a change-of-mind refund, basis points
}

func readReturnPolicy(ctx context.Context, query queryFunc) (ReturnPolicy, error) {
	p := ReturnPolicy{WindowDays: 7, TransitDays: 3}
	rows, err := query(ctx, `SELECT key, value FROM settings WHERE key >= 'returns.' AND key < 'returns/'`)
	if err != nil {
		return p, fmt.Errorf("return policy: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return p, err
		}
		n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil || n < 0 {
			continue
		}
		switch key {
		case "returns.window_days":
			p.WindowDays = min(n, 365)
		case "returns.transit_days":
			p.TransitDays = min(n, 60)
		case "returns.fee":
			p.Fee = n
		case "returns.restocking_bp":
			p.RestockingBP = min(n, 10000)
		}
	}
	return p, rows.Err()
}

// ReturnPolicyOf reads the return rules.
func (s *Store) ReturnPolicyOf(ctx context.Context) (ReturnPolicy, error) {
	return readReturnPolicy(ctx, s.query)
}

// SectionReturnPolicy is the return rules' settings section: its version
// (Settings.Version) is what the rules' form was opened at.
const SectionReturnPolicy = "return_policy"

// SetReturnPolicy saves the return rules as edited from version:
// ErrConflict when they were saved since (0 saves unchecked, see
// saveSectionVersion).
func (s *Store) SetReturnPolicy(ctx context.Context, version int64, p ReturnPolicy) error {
	v := &ValidationError{}
	if p.WindowDays < 0 || p.WindowDays > 365 {
		v.Add("window_days", "error.out_of_range")
	}
	if p.TransitDays < 0 || p.TransitDays > 60 {
		v.Add("transit_days", "error.out_of_range")
	}
	if p.Fee < 0 {
		v.Add("fee", "error.out_of_range")
	}
	if p.RestockingBP < 0 || p.RestockingBP > 10000 {
		v.Add("restocking", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := saveSectionVersion(ctx, tx, SectionReturnPolicy, version); err != nil {
			return err
		}
		for key, n := range map[string]int64{"returns.window_days": p.WindowDays, "returns.transit_days": p.TransitDays,
			"returns.fee": p.Fee, "returns.restocking_bp": p.RestockingBP} {
			if err := writeSetting(ctx, tx, key, strconv.FormatInt(n, 10)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save return policy: %w", err)
	}
	// The section's version is read from Settings.
	s.invalidateSettings()
	return nil
}

// ReturnableLine is an order line as the return form shows it: how many
// units can still be returned, or why none can (a catalog key).
type ReturnableLine struct {
	OrderLine
	Left int64
	Why  string
	// Note says a line confirmed at checkout as excluded from no-reason
	// returns goes back only for the shop's fault (a catalog key).
	Note string
}

// ReturnOptions is what a shopper may return of an order, and until when.
type ReturnOptions struct {
	Lines    []ReturnableLine
	Deadline time.Time // zero until the order has shipped
}

// Open reports whether any line can be returned.
func (o ReturnOptions) Open() bool {
	return slices.ContainsFunc(o.Lines, func(l ReturnableLine) bool { return l.Left > 0 })
}

// ReturnQuote is what a return would refund, worked out by the code that
// makes the refund: per line the share of what was paid; the fees kept
// (none for the shop's fault); the points the lines earned, taken back;
// and the redeemed points that paid them, given back to their lots.
type ReturnQuote struct {
	Lines      []ReturnLine
	LinesTotal int64
	// GiftKept is the value of a free gift the return takes the order
	// under the threshold of, kept from the refund unless the gift comes
	// back too; part of Deduction.
	GiftKept       int64
	Deduction      int64
	Total          int64
	PointsBack     int64
	PointsRestored int64
	ShopFault      bool // the reason is the shop's fault: no fees, and it pays the return shipping
	Exchange       bool // nothing refunded: the lines are exchanged
	Unshipped      bool // the shop cancelled units that never shipped: nothing travels back
	// Shipping is the shipping a cancelled order's refund gives back
	// (refundCancelled), part of Total; no line carries it.
	Shipping int64
}

// ReturnOptionsOf works out what the order's shopper may return now.
func (s *Store) ReturnOptionsOf(ctx context.Context, o *Order) (ReturnOptions, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return ReturnOptions{}, err
	}
	return returnOptions(ctx, s.query, o, s.Now(), st.Location())
}

// returnOptions works out the order's returnable lines at now; loc is the
// shop's time zone, whose midnights bound the window.
func returnOptions(ctx context.Context, query queryFunc, o *Order, now time.Time, loc *time.Location) (ReturnOptions, error) {
	var out ReturnOptions
	policy, err := readReturnPolicy(ctx, query)
	if err != nil {
		return out, err
	}
	var delivered, shipped sql.NullInt64
	if err := queryRowOf(ctx, query, `SELECT delivered_at, (SELECT max(created_at) FROM fulfillments WHERE order_id = o.id)
		FROM orders o WHERE o.id = ?`, o.ID).Scan(&delivered, &shipped); err != nil {
		return out, fmt.Errorf("return options: %w", err)
	}
	returned, err := returnedUnits(ctx, query, o.ID)
	if err != nil {
		return out, err
	}
	// A pickup set aside is not the shopper's until collected (delivered):
	// nothing of it can come back before, and its window runs from then.
	uncollected := o.ShippingKind == ShippingPickup && !delivered.Valid
	if (shipped.Valid || delivered.Valid) && !uncollected {
		transit := policy.TransitDays
		if o.ShippingKind == ShippingPickup {
			transit = 0 // set aside at the counter: nothing travels to the shopper
		}
		day := time.Unix(shipped.Int64, 0).AddDate(0, 0, int(transit))
		if delivered.Valid {
			day = time.Unix(delivered.Int64, 0)
		}
		// The window is whole days in the shop's zone, from the day after.
		y, m, d := day.In(loc).Date()
		out.Deadline = time.Date(y, m, d+1+int(policy.WindowDays), 0, 0, 0, 0, loc).Add(-time.Second)
	}
	for _, l := range o.Lines {
		rl := ReturnableLine{OrderLine: l, Left: l.FulfilledQuantity - returned[l.ID]}
		// A product with a longer window keeps its own deadline.
		deadline := out.Deadline
		if extra := l.ReturnDays - policy.WindowDays; extra > 0 && !deadline.IsZero() {
			deadline = deadline.AddDate(0, 0, int(extra))
		}
		switch {
		case o.Status == OrderCancelled:
			rl.Why = "returns.why.cancelled"
		case l.FulfilledQuantity == 0 && l.CancelledQuantity > 0:
			rl.Why = "returns.why.unshipped_cancelled"
		case l.FulfilledQuantity == 0:
			rl.Why = "returns.why.not_shipped"
		case uncollected:
			rl.Why = "returns.why.not_collected"
		case rl.Left <= 0:
			rl.Why = "returns.why.returned"
		case !now.Before(deadline.Add(time.Second)):
			rl.Why = "returns.why.window"
		}
		if rl.Why != "" {
			rl.Left = 0
		} else if l.NoReturnReason != "" && !l.NoReturnConfirmed.IsZero() {
			// Excluded from a change of mind, not from a fault.
			rl.Note = "returns.why.excluded." + l.NoReturnReason
		}
		out.Lines = append(out.Lines, rl)
	}
	return out, nil
}

// returnedUnits is how many shipped units of each of the order's lines
// returns that hold them (returns not rejected or cancelled) take; units
// cancelled before shipping are not among them.
func returnedUnits(ctx context.Context, query queryFunc, orderID int64) (map[int64]int64, error) {
	rows, err := query(ctx, `SELECT l.order_line_id, sum(l.quantity) FROM return_lines l JOIN returns r ON r.id = l.return_id
		WHERE r.order_id = ? AND r.kind = 'return' AND `+activeReturn+` GROUP BY l.order_line_id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("returned units: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// QuoteReturn is what returning ask (units by order line) for reason
// would refund now; asking for what cannot be returned is a
// ValidationError by field.
func (s *Store) QuoteReturn(ctx context.Context, o *Order, ask map[int64]int64, reason, resolution string) (ReturnQuote, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return ReturnQuote{}, err
	}
	return quoteReturn(ctx, s.query, o, ask, reason, resolution, s.Now(), st.Location())
}

// quoteReturn works out the quote; an exchange refunds nothing, keeps no
// fees and moves no points: the shopper keeps goods of the same product.
func quoteReturn(ctx context.Context, query queryFunc, o *Order, ask map[int64]int64, reason, resolution string, now time.Time,
	loc *time.Location) (ReturnQuote, error) {
	var q ReturnQuote
	if resolution != ResolutionRefund && resolution != ResolutionExchange {
		return q, &ValidationError{Fields: map[string]string{"resolution": "returns.error.resolution"}}
	}
	why, err := activeReturnReason(ctx, query, reason)
	if err != nil {
		return q, err
	}
	q.ShopFault, q.Exchange = why.ShopFault, resolution == ResolutionExchange
	opts, err := returnOptions(ctx, query, o, now, loc)
	if err != nil {
		return q, err
	}
	h, err := readHolds(ctx, query, o.ID)
	if err != nil {
		return q, err
	}
	if !why.ShopFault {
		v := &ValidationError{}
		for _, l := range opts.Lines {
			if l.Note != "" && ask[l.ID] > 0 {
				v.Add(ReturnQtyField(l.ID), l.Note)
			}
		}
		if err := v.Err(); err != nil {
			return q, err
		}
	}
	var lines []quotedLine
	for _, l := range opts.Lines {
		// A line that cannot be returned has nothing left to ask for.
		lines = append(lines, h.quoted(l.OrderLine, l.Left))
	}
	if q.Lines, err = quoteLines(lines, ask); err != nil {
		return q, err
	}
	if q.Exchange {
		for i := range q.Lines {
			q.Lines[i].Paid, q.Lines[i].PointsEarned, q.Lines[i].PointsPaid = 0, 0, 0
		}
		return q, nil
	}
	return q, refundOf(ctx, query, o, h, opts, ask, &q)
}

// giftKept is the value of the order's free gifts that this return (of
// lines worth refund) takes below their promotion's threshold, counting
// what earlier returns took back, unless the gift comes back too or an
// earlier return already kept its value.
func giftKept(ctx context.Context, query queryFunc, o *Order, opts ReturnOptions, ask map[int64]int64, refund int64) (int64, error) {
	var merchandise int64
	for _, l := range o.Lines {
		if l.GiftPromotionID == 0 {
			merchandise += l.Paid
		}
	}
	var returnedBefore, keptBefore int64
	if err := queryRowOf(ctx, query, `SELECT coalesce((SELECT sum(rl.refund_amount) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
			WHERE r.order_id = ?1 AND `+activeReturn+`), 0),
		coalesce((SELECT sum(r.gift_kept) FROM returns r WHERE r.order_id = ?1 AND `+activeReturn+`), 0)`, o.ID).
		Scan(&returnedBefore, &keptBefore); err != nil {
		return 0, fmt.Errorf("gift kept: %w", err)
	}
	var kept int64
	for _, l := range opts.Lines {
		if l.GiftPromotionID == 0 || keptBefore > 0 || (ask[l.ID] > 0 && ask[l.ID] == l.Left) || l.Left == 0 {
			continue
		}
		var threshold int64
		if err := queryRowOf(ctx, query, `SELECT coalesce((SELECT min_subtotal FROM promotions WHERE id = ?), 0)`,
			l.GiftPromotionID).Scan(&threshold); err != nil {
			return 0, err
		}
		if merchandise-returnedBefore-refund < threshold {
			kept += l.GiftValue
		}
	}
	return kept, nil
}

// ReturnInput is the return form as posted.
type ReturnInput struct {
	Ask        map[int64]int64 // qty_{order_line_id}
	Reason     string
	Resolution string
	Exchange   map[int64]int64 // for an exchange, the variant each asked line is exchanged for; ignored for a refund
	Note       string
	Photos     [][]byte // at most MaxReturnPhotos uploads, as sent
	// Token is the form's one-time token: a second request with it records
	// nothing and answers the first's id. Empty for none.
	Token string
}

// maxReturnNote bounds the shopper's note.
const maxReturnNote = 1000

// RequestReturn records the shopper's return of an order, with its quote
// worked out again inside the transaction (so two requests at once cannot
// both take the last unit), and returns its id.
func (s *Store) RequestReturn(ctx context.Context, o *Order, customerID int64, in ReturnInput) (int64, error) {
	in.Note = TrimText(in.Note)
	v := &ValidationError{}
	if utf8.RuneCountInString(in.Note) > maxReturnNote {
		v.Add("note", "error.too_long")
	}
	if len(in.Photos) > MaxReturnPhotos {
		v.Add("photos", "returns.error.photos_count")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	photos, err := processReturnPhotos(ctx, in.Photos)
	if err != nil {
		return 0, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	if !formTokenPattern.MatchString(in.Token) {
		in.Token = "" // not one the form gave: the request is recorded without one
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if in.Token != "" {
			err := tx.QueryRowContext(ctx, `SELECT id FROM returns WHERE order_id = ? AND request_token = ?`, o.ID, in.Token).Scan(&id)
			if !errors.Is(err, sql.ErrNoRows) {
				return err // nil: the same form again, answered with its return
			}
		}
		now := s.Now()
		q, err := quoteReturn(ctx, tx.QueryContext, o, in.Ask, in.Reason, in.Resolution, now, st.Location())
		if err != nil {
			return err
		}
		if q.Exchange {
			if err := checkExchange(ctx, tx, q.Lines, in.Exchange); err != nil {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO returns (order_id, customer_id, resolution, reason, shop_fault, note,
			lines_total, deduction, refund_total, points_back, points_restored, gift_kept, request_token, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			o.ID, nullIfZero(customerID), in.Resolution, in.Reason, q.ShopFault, in.Note, q.LinesTotal, q.Deduction, q.Total,
			q.PointsBack, q.PointsRestored, q.GiftKept, sql.NullString{String: in.Token, Valid: in.Token != ""}, now.Unix(), now.Unix()).Scan(&id)
		if err != nil {
			return fmt.Errorf("request return: %w", err)
		}
		for _, l := range q.Lines {
			// The form posts a variant for every line whatever the
			// resolution: a refund keeps none.
			var exchange int64
			if q.Exchange {
				exchange = in.Exchange[l.OrderLineID]
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO return_lines (return_id, order_line_id, quantity, refund_amount,
				points_earned, points_paid, exchange_variant_id) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, l.OrderLineID, l.Quantity, l.Paid,
				l.PointsEarned, l.PointsPaid, nullIfZero(exchange)); err != nil {
				return fmt.Errorf("request return: %w", err)
			}
		}
		if err := insertReturnPhotos(ctx, tx, id, photos); err != nil {
			return err
		}
		if err := addOrderEvent(ctx, tx, o.ID, EventReturnRequested, strconv.FormatInt(id, 10), Actor{}, now); err != nil {
			return err
		}
		return queueReturnEmail(ctx, tx, EmailReturnRequested, o.ID, id, now)
	})
	return id, err
}

// Return is one return of an order with its lines, as its page shows it.
type Return struct {
	ReturnRequest
	Quote        ReturnQuote
	ShopFault    bool
	Lines        []ReturnLine
	Instructions string // the owner's, on approving
	RejectReason string
	RefundRef    string
	Conditions   map[int64]string // by order line, once received
	// StandingInstructions are the shop's, shown when the approval gave
	// none of its own (InstructionsIn).
	StandingInstructions Text
	// ExchangeFor is, by order line, the variant an exchange sends
	// instead; ExchangeOrder the replacement order's number, once approved.
	ExchangeFor   map[int64]int64
	ExchangeOrder string
	Photos        int // how many photos the shopper sent
}

// InstructionsIn are the return instructions the shopper reads in locale.
func (r *Return) InstructionsIn(locale string) string {
	if r.Instructions != "" {
		return r.Instructions
	}
	return r.StandingInstructions.In(locale)
}

// ReturnByID is a return for the admin, whichever order it is of.
func (s *Store) ReturnByID(ctx context.Context, id int64) (*Return, error) {
	var orderID int64
	if err := s.queryRow(ctx, `SELECT order_id FROM returns WHERE id = ?`, id).Scan(&orderID); errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, fmt.Errorf("return: %w", err)
	}
	return s.OrderReturn(ctx, orderID, id)
}

// OrderReturn is the order's return id; ErrNotFound for another order's.
func (s *Store) OrderReturn(ctx context.Context, orderID, id int64) (*Return, error) {
	r := &Return{}
	var created, updated int64
	err := s.queryRow(ctx, `SELECT id, order_id, kind, status, resolution, reason, note, refund_amount, version, shop_fault,
			lines_total, deduction, refund_total, shipping_refund, points_back, points_restored, gift_kept, instructions, reject_reason,
			refund_method, refund_reference, refund_status, created_at, updated_at,
			coalesce((SELECT number FROM orders WHERE id = returns.exchange_order_id), ''),
			(SELECT count(*) FROM return_photos WHERE return_id = returns.id),
			(SELECT payment_status = 'paid' FROM orders WHERE id = returns.order_id)
		FROM returns WHERE id = ? AND order_id = ?`, id, orderID).Scan(&r.ID, &r.OrderID, &r.Kind, &r.Status, &r.Resolution, &r.Reason,
		&r.Note, &r.RefundAmount, &r.Version, &r.ShopFault, &r.Quote.LinesTotal, &r.Quote.Deduction, &r.Quote.Total,
		&r.Quote.Shipping, &r.Quote.PointsBack, &r.Quote.PointsRestored, &r.Quote.GiftKept, &r.Instructions, &r.RejectReason, &r.RefundMethod, &r.RefundRef,
		&r.RefundStatus, &created, &updated, &r.ExchangeOrder, &r.Photos, &r.OrderPaid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("return: %w", err)
	}
	r.CreatedAt, r.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	if _, r.StandingInstructions, err = s.ReturnTexts(ctx); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT order_line_id, quantity, refund_amount, points_earned, points_paid, condition,
			coalesce(exchange_variant_id, 0)
		FROM return_lines WHERE return_id = ? ORDER BY order_line_id`, id)
	if err != nil {
		return nil, fmt.Errorf("return lines: %w", err)
	}
	defer rows.Close()
	r.Conditions, r.ExchangeFor = map[int64]string{}, map[int64]int64{}
	for rows.Next() {
		var l ReturnLine
		var condition string
		var exchange int64
		if err := rows.Scan(&l.OrderLineID, &l.Quantity, &l.Paid, &l.PointsEarned, &l.PointsPaid, &condition, &exchange); err != nil {
			return nil, err
		}
		r.Conditions[l.OrderLineID] = condition
		// A refund recorded before only exchanges kept their variant
		// still has the one its form posted: it names nothing.
		if exchange != 0 && r.Resolution == ResolutionExchange {
			r.ExchangeFor[l.OrderLineID] = exchange
		}
		r.Lines = append(r.Lines, l)
		r.Items += l.Quantity
	}
	r.Quote.Lines, r.Quote.ShopFault, r.Quote.Exchange = r.Lines, r.ShopFault, r.Resolution == ResolutionExchange
	r.Quote.Unshipped = r.Unshipped()
	return r, rows.Err()
}

// CancelReturn is the shopper taking back a request the owner has not
// answered yet; any other state is ErrConflict.
func (s *Store) CancelReturn(ctx context.Context, orderID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		res, err := tx.ExecContext(ctx, `UPDATE returns SET status = 'cancelled', cancelled_at = ?, updated_at = ?,
			version = version + 1 WHERE id = ? AND order_id = ? AND status = 'requested'`, now.Unix(), now.Unix(), id, orderID)
		if err != nil {
			return fmt.Errorf("cancel return: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var status string
			if err := tx.QueryRowContext(ctx, `SELECT status FROM returns WHERE id = ? AND order_id = ?`, id, orderID).Scan(&status); err != nil {
				return ErrNotFound
			}
			return ErrConflict
		}
		return addOrderEvent(ctx, tx, orderID, EventReturnCancelled, strconv.FormatInt(id, 10), Actor{}, now)
	})
}
