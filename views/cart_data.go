package views

import (
	"context"
	"strconv"

	"storefront/i18n"
	"storefront/store"
)

// Notice kinds, each styled by its notice-<kind> class.
const (
	NoticeSuccess = "success"
	NoticeWarning = "warning"
	NoticeError   = "error"
)

// Notice is a message about what the shopper just did, already
// translated, with an optional link onward ("View cart") or back (to the
// product page).
type Notice struct {
	Text      string
	Kind      string // NoticeSuccess, NoticeWarning, NoticeError or "" for plain
	Link      string
	LinkLabel string
}

// CartPage is the cart with its lines, their flags and its totals.
type CartPage struct {
	Shell  Shell
	Cart   store.CartView
	Notice Notice
	Promo  Promo
}

// ItemName names a cart item as "Linen Shirt (M)", or just the title for a
// product without options.
func ItemName(ctx context.Context, title, variant string) string {
	if variant == "" {
		return title
	}
	return i18n.T(ctx, "cart.item_name", title, variant)
}

func noticeClass(kind string) string {
	if kind == "" {
		return "notice"
	}
	return "notice notice-" + kind
}

func noticeRole(kind string) string {
	if kind == NoticeError {
		return "alert"
	}
	return "status"
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// lastLines is the newest n lines of a cart, newest first: what the
// mini-cart shows after an add.
func lastLines(lines []store.CartLine, n int) []store.CartLine {
	out := make([]store.CartLine, 0, n)
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, lines[i])
	}
	return out
}
