package views

import (
	"net/url"
	"strconv"

	"storefront/store"
)

// ReturnFormPage is the return request form of an order, with the quote
// when the shopper asked for a preview.
type ReturnFormPage struct {
	Shell    Shell
	Order    *store.Order
	Key      string // the guest's order key, carried in the form's URL
	Options  store.ReturnOptions
	Ask      map[int64]int64 // as typed
	Reason   string
	Note     string
	Quote    *store.ReturnQuote
	Errors   map[string]string
	Returns  []store.ReturnRequest // the order's earlier returns
	PostPath string
}

// ReturnPage is one return as its shopper follows it.
type ReturnPage struct {
	Shell  Shell
	Order  *store.Order
	Return *store.Return
	Key    string
	Path   string // the page's path, with the key
}

// RefundShown is the page's data-refund-total: the quote until refunded,
// then what was refunded.
func (p ReturnPage) RefundShown() string {
	if p.Return.Status == store.ReturnRefunded || p.Return.Status == store.ReturnClosed {
		return strconv.FormatInt(p.Return.RefundAmount, 10)
	}
	return strconv.FormatInt(p.Return.Quote.Total, 10)
}

// lineByID is the order line id of o.
func lineByID(o *store.Order, id int64) store.OrderLine {
	for _, l := range o.Lines {
		if l.ID == id {
			return l
		}
	}
	return store.OrderLine{}
}

// qtyOptions are the quantities a line's select offers: 0 to left.
func qtyOptions(left int64) []int64 {
	out := make([]int64, 0, left+1)
	for n := int64(0); n <= left; n++ {
		out = append(out, n)
	}
	return out
}

// KeyQuery is "?key=…" for a guest's order key, "" for a signed-in
// customer's order.
func KeyQuery(key string) string {
	if key == "" {
		return ""
	}
	return "?key=" + url.QueryEscape(key)
}
