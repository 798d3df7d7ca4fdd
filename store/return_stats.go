package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// ReturnStats is how returns went over the last Days: the share of
// shipped orders that came back, the refunds, how long refunds took, and
// the reasons and products returned most.
type ReturnStats struct {
	Days    int
	Shipped int // orders with a parcel sent in the period
	// Returned is the orders with a return asked for in the period that
	// the shop did not decline and the shopper did not cancel: an order
	// returned twice is one, and a declined request returned nothing.
	Returned      int
	Refunded      int64   // refunded in the period
	AvgRefundDays float64 // from request to refund, of those refunded in the period
	ByReason      []ReasonCount
	ByProduct     []ProductReturns // the most returned first, at most 5
}

// ReasonCount is how many returns gave a reason.
type ReasonCount struct {
	Reason string
	Count  int
}

// ProductReturns is one product's units returned against units shipped.
type ProductReturns struct {
	Title    string // as one of its shoppers read it; In names it in staff's language
	Returned int64
	Shipped  int64
	names    string // the title in every language, as kept on the order line (keptNames)
}

// In is the figures as staff read them in locale: the products' titles
// in locale (as Order.In), whatever language their shoppers read, and
// products returned as often in the order of those titles.
func (s ReturnStats) In(locale string) ReturnStats {
	s.ByProduct = slices.Clone(s.ByProduct)
	for i, p := range s.ByProduct {
		s.ByProduct[i].Title = keptIn(p.names, locale, p.Title)
	}
	slices.SortStableFunc(s.ByProduct, func(a, b ProductReturns) int {
		return cmp.Or(cmp.Compare(b.Returned, a.Returned), strings.Compare(a.Title, b.Title))
	})
	return s
}

// Rate is the share of shipped orders returned, in per cent.
func (s ReturnStats) Rate() float64 {
	if s.Shipped == 0 {
		return 0
	}
	return 100 * float64(s.Returned) / float64(s.Shipped)
}

// ReturnStatsOf works out the returns of the last days. Units the shop
// cancelled before they shipped (ReturnKindUnshipped) are no return:
// nothing came back, and the shopper did not ask.
func (s *Store) ReturnStatsOf(ctx context.Context, days int) (ReturnStats, error) {
	st := ReturnStats{Days: days}
	since := s.Now().AddDate(0, 0, -days).Unix()
	err := s.queryRow(ctx, `SELECT
		(SELECT count(DISTINCT order_id) FROM fulfillments WHERE created_at >= ?1),
		(SELECT count(DISTINCT order_id) FROM returns r WHERE created_at >= ?1 AND `+activeReturn+` AND kind = 'return'),
		(SELECT coalesce(sum(refund_amount), 0) FROM returns WHERE refunded_at >= ?1 AND kind = 'return'),
		(SELECT coalesce(avg((refunded_at - created_at) / 86400.0), 0) FROM returns WHERE refunded_at >= ?1 AND kind = 'return')`, since).
		Scan(&st.Shipped, &st.Returned, &st.Refunded, &st.AvgRefundDays)
	if err != nil {
		return st, fmt.Errorf("return stats: %w", err)
	}
	rows, err := s.query(ctx, `SELECT reason, count(*) FROM returns r WHERE created_at >= ? AND `+activeReturn+`
		AND kind = 'return' GROUP BY reason ORDER BY count(*) DESC, reason`, since)
	if err != nil {
		return st, fmt.Errorf("return stats: %w", err)
	}
	for rows.Next() {
		var rc ReasonCount
		if err := rows.Scan(&rc.Reason, &rc.Count); err != nil {
			rows.Close()
			return st, err
		}
		st.ByReason = append(st.ByReason, rc)
	}
	rows.Close()
	// The title and the names come from the same line of the product
	// (SQLite's bare columns of a group are one row's). Ties are cut by
	// handle, the same in every language; In orders them by the titles
	// staff read.
	rows, err = s.query(ctx, `SELECT ol.product_title, ol.product_names, sum(rl.quantity),
			(SELECT coalesce(sum(fl.quantity), 0) FROM fulfillment_lines fl JOIN order_lines x ON x.id = fl.order_line_id
				JOIN fulfillments f ON f.id = fl.fulfillment_id
				WHERE x.product_handle = ol.product_handle AND f.created_at >= ?1)
		FROM return_lines rl JOIN returns r ON r.id = rl.return_id JOIN order_lines ol ON ol.id = rl.order_line_id
		WHERE r.created_at >= ?1 AND `+activeReturn+` AND r.kind = 'return'
		GROUP BY ol.product_handle ORDER BY sum(rl.quantity) DESC, ol.product_handle LIMIT 5`, since)
	if err != nil {
		return st, fmt.Errorf("return stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p ProductReturns
		if err := rows.Scan(&p.Title, &p.names, &p.Returned, &p.Shipped); err != nil {
			return st, err
		}
		st.ByProduct = append(st.ByProduct, p)
	}
	return st, rows.Err()
}
