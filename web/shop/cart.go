package shop

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// Cart shows the cart page, with the notice a redirect left for it.
func (h *Handler) Cart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	notice := views.Notice{Text: h.Sessions.PopString(ctx, kit.SessionCartNotice), Kind: h.Sessions.PopString(ctx, kit.SessionCartKind)}
	h.renderCart(w, r, http.StatusOK, notice)
}

// CartAdd adds a variant to the cart. The price is never read from the
// form: only variant_id and quantity are. Without JavaScript it answers 303
// to the cart; htmx gets a message for the product page and the header's
// Cart link. Bad input answers 422 with the message, on the cart page
// without JavaScript.
func (h *Handler) CartAdd(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	variantID, qty, problem := parseAddForm(r)
	var ch store.CartChange
	if problem == "" {
		var err error
		if options, ok := postedOptions(r); ok {
			variantID, err = h.Store.VariantForAdd(ctx, variantID, options)
		}
		if err == nil {
			ch, err = h.Store.AddToCart(ctx, kit.CartToken(ctx), variantID, qty)
		}
		if problem = validationKey(err); problem == "" && err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	if problem != "" {
		notice := views.Notice{Kind: views.NoticeError, Text: i18n.T(ctx, problem)}
		if kit.IsHTMX(r) {
			h.renderCartStatus(w, r, http.StatusUnprocessableEntity, notice, kit.CartToken(ctx))
			return
		}
		if notice.Link = productReferer(r); notice.Link != "" {
			notice.LinkLabel = i18n.T(ctx, "cart.back")
		}
		h.renderCart(w, r, http.StatusUnprocessableEntity, notice)
		return
	}
	if ch.Token != kit.CartToken(ctx) && kit.CustomerHint(ctx) {
		// A cart started signed in is the account's, found at the next sign-in.
		if err := h.Store.ClaimCart(ctx, h.signedInCustomerID(r), ch.Token); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	h.keepCartToken(ctx, ch.Token)
	notice := addedNotice(ctx, ch)
	if kit.IsHTMX(r) {
		notice.Link, notice.LinkLabel = "/cart", i18n.T(ctx, "cart.view")
		h.renderCartStatus(w, r, http.StatusOK, notice, ch.Token)
		return
	}
	h.flashCartNotice(ctx, notice)
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// CartUpdate sets a line's quantity; 0 removes it. A line that is not in
// this visitor's cart (another's, or already removed) is refused like bad
// input, with a message, and changes nothing.
func (h *Handler) CartUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lineID, qty, problem := parseUpdateForm(r)
	var ch store.CartChange
	if problem == "" {
		var err error
		ch, err = h.Store.UpdateCartLine(ctx, kit.CartToken(ctx), lineID, qty)
		switch {
		case errors.Is(err, store.ErrNotFound):
			problem = "cart.line_gone"
		case err != nil:
			if problem = validationKey(err); problem == "" {
				h.ServerError(w, r, err)
				return
			}
		}
	}
	if problem != "" {
		h.renderCart(w, r, http.StatusUnprocessableEntity, views.Notice{Kind: views.NoticeError, Text: i18n.T(ctx, problem)})
		return
	}
	notice := updatedNotice(ctx, ch)
	if kit.IsHTMX(r) {
		h.renderCart(w, r, http.StatusOK, notice)
		return
	}
	h.flashCartNotice(ctx, notice)
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// renderCart shows the cart as it stands: the whole page, or for htmx the
// Cart section and the header's cart link. Showing it is what tells the
// shopper about changed prices, so they are then recorded as seen.
func (h *Handler) renderCart(w http.ResponseWriter, r *http.Request, status int, notice views.Notice) {
	h.renderCartPage(w, r, status, notice, views.Promo{})
}

// renderCartPage is renderCart with the coupon form's code and message.
// Without a message of its own it says which items the cart lost because
// the shop stopped selling them, once.
func (h *Handler) renderCartPage(w http.ResponseWriter, r *http.Request, status int, notice views.Notice, promo views.Promo) {
	ctx := r.Context()
	view, err := h.Store.CartView(ctx, kit.CartToken(ctx), i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	var removed []store.CartLine
	if notice.Text == "" {
		if removed, err = h.Store.CartRemovals(ctx, view, i18n.Locale(ctx)); err != nil {
			h.ServerError(w, r, err)
			return
		}
		if len(removed) > 0 {
			notice = removedNotice(ctx, removed)
		}
	}
	promo, err = h.promoPage(ctx, view, promo)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	page := views.CartPage{Cart: view, Notice: notice, Promo: promo}
	if kit.IsHTMX(r) {
		h.Render(w, r, status, views.CartUpdated(page))
	} else {
		page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, "cart.title"), NoIndex: true})
		h.Render(w, r, status, views.Cart(page))
	}
	if err := h.Store.MarkPricesSeen(ctx, view); err != nil {
		h.Log.Error("mark cart prices seen", "id", kit.RequestID(ctx), "err", err)
	}
	if err := h.Store.ForgetCartRemovals(ctx, view, removed); err != nil {
		h.Log.Error("forget cart removals", "id", kit.RequestID(ctx), "err", err)
	}
}

// removedNotice names the items the cart lost because the shop no longer
// sells their variant.
func removedNotice(ctx context.Context, removed []store.CartLine) views.Notice {
	names := make([]string, len(removed))
	for i, l := range removed {
		names[i] = views.ItemName(ctx, l.ProductTitle, l.VariantTitle)
	}
	key := "cart.gone_one"
	if len(names) > 1 {
		key = "cart.gone_many"
	}
	return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, key, strings.Join(names, i18n.T(ctx, "cart.list_sep")))}
}

// renderCartStatus answers htmx on the product page: the message beside
// the add-to-cart button, and the header's cart link with its new count.
func (h *Handler) renderCartStatus(w http.ResponseWriter, r *http.Request, status int, notice views.Notice, token string) {
	cart, err := h.Store.CartView(r.Context(), token, i18n.Locale(r.Context()))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, status, views.CartStatus(notice, cart))
}

// keepCartToken remembers a new cart in the session; an unchanged token
// leaves the session unwritten.
func (h *Handler) keepCartToken(ctx context.Context, token string) {
	if h.Sessions.GetString(ctx, kit.SessionCart) != token {
		h.Sessions.Put(ctx, kit.SessionCart, token)
	}
}

func (h *Handler) flashCartNotice(ctx context.Context, n views.Notice) {
	h.Sessions.Put(ctx, kit.SessionCartNotice, n.Text)
	h.Sessions.Put(ctx, kit.SessionCartKind, n.Kind)
}

// parseAddForm reads /cart/add's two fields; a missing quantity is 1. The
// third result is the message key for bad input.
func parseAddForm(r *http.Request) (variantID, qty int64, problem string) {
	if strings.TrimSpace(r.PostFormValue("variant_id")) == "" {
		return 0, 0, "error.choose_variant"
	}
	variantID, ok := kit.FormInt(r, "variant_id")
	if !ok {
		return 0, 0, "error.variant_unavailable"
	}
	qty = 1
	if raw := r.PostFormValue("quantity"); raw != "" {
		if qty, ok = parseQuantity(raw, 1); !ok {
			return 0, 0, "error.quantity_range"
		}
	}
	return variantID, qty, ""
}

// postedOptions is the option values the add form posted (option1..3,
// the picker's radios), and whether it posted any: those win over its
// variant_id, which is the variant the page showed before the shopper
// changed a pill without JavaScript.
func postedOptions(r *http.Request) (values [3]string, ok bool) {
	for i, name := range views.OptionParams {
		if vals, has := r.PostForm[name]; has && len(vals) > 0 {
			values[i], ok = vals[0], true
		}
	}
	return values, ok
}

// parseUpdateForm reads /cart/update's line_id and quantity (0 removes).
func parseUpdateForm(r *http.Request) (lineID, qty int64, problem string) {
	lineID, ok := kit.FormInt(r, "line_id")
	if !ok {
		return 0, 0, "cart.line_gone"
	}
	qty, ok = parseQuantity(r.PostFormValue("quantity"), 0)
	if !ok {
		return 0, 0, "error.quantity_update_range"
	}
	return lineID, qty, ""
}

// parseQuantity accepts a whole number from lo to store.MaxLineQuantity:
// "1.5", "1e2", "abc", "-1" and "100" are all refused.
func parseQuantity(raw string, lo int64) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || n < lo || n > store.MaxLineQuantity {
		return 0, false
	}
	return n, true
}

// validationKey is the message of a store *ValidationError ("" for any
// other error): cart forms show one message at a time.
func validationKey(err error) string {
	var verr *store.ValidationError
	if !errors.As(err, &verr) {
		return ""
	}
	for _, field := range []string{"variant_id", "line_id", "quantity"} {
		if msg := verr.Fields[field]; msg != "" {
			return msg
		}
	}
	return "error.bad_request.msg"
}

// productReferer is the product page the form was posted from, for a
// "back" link beside a refusal: only a path on this shop under /products/,
// without its language prefix (the link gets the page's own).
func productReferer(r *http.Request) string {
	if p := kit.RefererPath(r, "/products"); strings.HasPrefix(p, "/products/") {
		return p
	}
	return ""
}

// addedNotice tells the shopper what an add did, including when the stock
// or the per-line limit held it back.
func addedNotice(ctx context.Context, ch store.CartChange) views.Notice {
	ch = ch.In(i18n.Locale(ctx))
	name := views.ItemName(ctx, ch.ProductTitle, ch.VariantTitle)
	switch {
	case ch.Limit == store.LimitMax:
		return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, "cart.added_max", store.MaxLineQuantity, name)}
	case ch.Limit == store.LimitStock && ch.Added <= 0:
		return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, "cart.already_all", ch.Quantity, name)}
	case ch.Limit == store.LimitStock:
		return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, "cart.added_stock", ch.Quantity, name)}
	default:
		return views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(ctx, "cart.added", ch.Added, name)}
	}
}

func updatedNotice(ctx context.Context, ch store.CartChange) views.Notice {
	ch = ch.In(i18n.Locale(ctx))
	name := views.ItemName(ctx, ch.ProductTitle, ch.VariantTitle)
	switch {
	case ch.Quantity == 0:
		return views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(ctx, "cart.removed", name)}
	case ch.Limit == store.LimitStock:
		return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, "cart.updated_stock", ch.Quantity, name)}
	default:
		return views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(ctx, "cart.updated", name, ch.Quantity)}
	}
}
