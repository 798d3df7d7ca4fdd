package views

import (
	"context"
	"net/url"
	"strconv"

	"storefront/i18n"
	"storefront/store"
)

// ReturnFormPage is the return request form of an order, with the quote
// when the shopper asked for a preview.
type ReturnFormPage struct {
	Shell      Shell
	Order      *store.Order
	Key        string // the guest's order key, carried in the form's URL
	Options    store.ReturnOptions
	Ask        map[int64]int64 // as typed
	Reason     string
	Resolution string
	Exchange   map[int64]int64 // as chosen: the variant for each line, for an exchange
	Note       string
	Token      string // the form's one-time token (store.ReturnInput.Token)
	Quote      *store.ReturnQuote
	Reasons    []store.ReturnReason
	Choices    map[int64][]store.Variant // what each line may be exchanged for
	Policy     string                    // the shop's return policy, in the shopper's language
	Errors     map[string]string
	PostPath   string
}

// ReturnPage is one return as its shopper follows it.
type ReturnPage struct {
	Shell   Shell
	Order   *store.Order
	Return  *store.Return
	Key     string
	Path    string // the page's path, without the key
	Reasons []store.ReturnReason
	Wanted  map[int64]store.Variant // by order line, what an exchange asks for (store.ExchangeWanted)
	// Conflict says the shopper asked to cancel after the shop had moved
	// the return on.
	Conflict bool
	// Pickup is where and when a pickup's items are brought back.
	Pickup PickupPlace
}

// BringsBack reports whether the page tells where to bring the items: an
// approved return of a pickup, whose shopper brings them to the shop.
func (p ReturnPage) BringsBack() bool {
	return p.Return.Status == store.ReturnApproved && p.Order.ShippingKind == store.ShippingPickup && p.Pickup.Address != ""
}

// TitleKey heads the page: a return, the shop's cancellation of what had
// not shipped, or the refund of a cancelled order's payment.
func (p ReturnPage) TitleKey() string {
	switch {
	case p.Return.CancelsOrder():
		return "returns.order_cancelled.page_title"
	case p.Return.Unshipped():
		return "returns.unshipped.page_title"
	}
	return "returns.page_title"
}

// ExchangeOffered reports whether the form offers an exchange: some line
// that can go back has variants to exchange it for.
func (p ReturnFormPage) ExchangeOffered() bool {
	for _, l := range p.Options.Lines {
		if l.Left > 0 && len(p.Choices[l.ID]) > 0 {
			return true
		}
	}
	return false
}

// orderBack is the order page the return pages lead back to: the one its
// key opens, or without a key, the signed-in customer's own.
func orderBack(number, key string) string {
	if key == "" {
		return "/account/orders/" + number
	}
	return OrderPageURL(number, key)
}

// Stopped reports whether the shop declined the return or the shopper
// cancelled it: it takes nothing back and refunds nothing.
func (p ReturnPage) Stopped() bool {
	return p.Return.Status == store.ReturnRejected || p.Return.Status == store.ReturnCancelled
}

// ReasonLabel is a return reason's title in the shopper's language: the
// owner's, or for a built-in reason they left as it is, the catalog's.
func ReasonLabel(ctx context.Context, reasons []store.ReturnReason, code string) string {
	for _, r := range reasons {
		if r.Code == code {
			if t := r.TitleIn(i18n.Locale(ctx)); t != "" {
				return t
			}
			break
		}
	}
	return i18n.T(ctx, "returns.reason."+code)
}

// photoNumbers are 1..n, the return's photos.
func photoNumbers(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// RefundShown is the page's data-refund-total: the quote until refunded,
// then what was refunded (nothing, for a return declined or cancelled).
func (p ReturnPage) RefundShown() string {
	if p.Stopped() || p.Return.Status == store.ReturnRefunded || p.Return.Status == store.ReturnClosed {
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
