package store

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"time"
)

// orderCSVHeader is the header of the orders CSV: the columns of Shopify's
// order export that this shop has, under Shopify's names, so that
// spreadsheets and accounting imports made for Shopify read it.
var orderCSVHeader = []string{
	"Name", "Email", "Financial Status", "Fulfillment Status", "Created at", "Currency",
	"Subtotal", "Shipping", "Taxes", "Total", "Discount Amount", "Shipping Method",
	"Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku",
	"Shipping Name", "Shipping Address1", "Shipping Address2", "Shipping City", "Shipping Zip",
	"Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Payment Method", "Cancelled at",
	"Refunded Amount",
}

// csvTime is how the export writes a time, as Shopify does.
const csvTime = "2006-01-02 15:04:05 -0700"

// OrdersCSV writes the orders f selects (every page of them, newest first)
// to w as CSV, one row per order line. As in Shopify's export, the order's
// amounts, address and note are on its first row only, so that summing a
// column adds each order once; the order's name, email, statuses and date
// are on every row so that any row can be filtered on. What the order's
// returns refunded is an amount like the others, "Refunded Amount" as
// Shopify names it, last so that columns read by position keep their
// place; Financial Status stays the payment status (paid or pending) that
// filters on it expect, and Total less Refunded Amount is what the order
// netted. Lines and shipping methods are named in the shop's content
// language whatever the shopper's, so that grouping by either keeps each
// together (an order from before names were kept in every language has
// only the shopper's).
func (s *Store) OrdersCSV(ctx context.Context, f OrderFilter, w io.Writer) error {
	cond, args, err := f.where()
	if err != nil {
		return err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT o.id, o.number, o.email, o.payment_status, o.fulfillment_status, o.created_at, o.currency,
			o.subtotal, o.shipping, o.tax, o.total, o.discount, o.shipping_method,
			l.quantity, l.product_title, l.variant_title, l.unit_price, l.sku,
			o.name, o.address_line1, o.address_line2, o.city, o.postal_code, o.region, o.country, o.phone,
			o.note, o.payment_method, o.cancelled_at,
			(SELECT coalesce(sum(r.refund_amount), 0) FROM returns r WHERE r.order_id = o.id),
			o.shipping_names, l.product_names, l.variant_names
		FROM orders o JOIN order_lines l ON l.order_id = o.id`+cond+`
		ORDER BY o.created_at DESC, o.id DESC, l.id`, args...)
	if err != nil {
		return fmt.Errorf("orders csv: %w", err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	if err := cw.Write(orderCSVHeader); err != nil {
		return err
	}
	var last int64
	for rows.Next() {
		var r orderCSVRow
		if err := r.scan(rows); err != nil {
			return fmt.Errorf("orders csv: %w", err)
		}
		r.method = keptIn(r.methodNames, st.ContentLocale, r.method)
		r.title = keptIn(r.titleNames, st.ContentLocale, r.title)
		r.variant = keptIn(r.variantNames, st.ContentLocale, r.variant)
		// Names, addresses, notes and titles are typed by shoppers and staff.
		if err := cw.Write(EscapeCSVRecord(r.record(r.id != last))); err != nil {
			return err
		}
		last = r.id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("orders csv: %w", err)
	}
	cw.Flush()
	return cw.Error()
}

type orderCSVRow struct {
	id                                           int64
	number, email, payment, fulfillment          string
	created                                      int64
	currency                                     string
	subtotal, shipping, tax, total, discount     int64
	method                                       string
	qty                                          int64
	title, variant                               string
	price                                        int64
	sku, name, line1, line2, city, zip, province string
	country, phone, note, payMethod              string
	cancelled                                    sql.NullInt64
	refunded                                     int64
	methodNames, titleNames, variantNames        string // as kept (keptNames)
}

func (r *orderCSVRow) scan(rows *sql.Rows) error {
	return rows.Scan(&r.id, &r.number, &r.email, &r.payment, &r.fulfillment, &r.created, &r.currency,
		&r.subtotal, &r.shipping, &r.tax, &r.total, &r.discount, &r.method,
		&r.qty, &r.title, &r.variant, &r.price, &r.sku,
		&r.name, &r.line1, &r.line2, &r.city, &r.zip, &r.province, &r.country, &r.phone,
		&r.note, &r.payMethod, &r.cancelled, &r.refunded, &r.methodNames, &r.titleNames, &r.variantNames)
}

// record is the row's CSV fields; first says it is the order's first line,
// which carries the order-level columns.
func (r *orderCSVRow) record(first bool) []string {
	exp, ok := Currencies[r.currency]
	if !ok {
		exp = 2
	}
	money := func(n int64) string { return FormatDecimal(n, exp) }
	item := r.title
	if r.variant != "" {
		item += " - " + r.variant
	}
	rec := []string{
		r.number, r.email, r.payment, r.fulfillment, time.Unix(r.created, 0).Format(csvTime), r.currency,
		"", "", "", "", "", "",
		fmt.Sprint(r.qty), item, money(r.price), r.sku,
		"", "", "", "", "", "", "", "", "", "", "", "",
	}
	if first {
		copy(rec[6:12], []string{money(r.subtotal), money(r.shipping), money(r.tax), money(r.total),
			money(r.discount), r.method})
		cancelled := ""
		if r.cancelled.Valid {
			cancelled = time.Unix(r.cancelled.Int64, 0).Format(csvTime)
		}
		copy(rec[16:], []string{r.name, r.line1, r.line2, r.city, r.zip, r.province, r.country, r.phone,
			r.note, r.payMethod, cancelled, money(r.refunded)})
	}
	return rec
}
