package shop

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/views"
	"storefront/web/kit"
)

// placedCookie holds the number of the order just placed, so that its page
// says "thank you" once rather than every time the link is opened. It is a
// cookie rather than a session value: writing the session would make every
// checkout wait for a second commit after the order's, and what it decides
// is only a greeting (the order itself needs its key).
const placedCookie = "placed"

// Checkout shows the one-page checkout with a fresh one-time token.
func (h *Handler) Checkout(w http.ResponseWriter, r *http.Request) {
	form := views.CheckoutForm{Token: store.NewCheckoutToken()}
	if c := h.SignedInCustomer(r); c != nil {
		addr, err := h.Store.CustomerCheckoutAddress(r.Context(), c)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		form.Address = addr
	}
	h.renderCheckout(w, r, http.StatusOK, form, nil, views.Notice{})
}

// CheckoutSummary answers htmx when the shopper picks a shipping method:
// the summary priced with it.
func (h *Handler) CheckoutSummary(w http.ResponseWriter, r *http.Request) {
	// Anything but one of the methods on offer prices the first one.
	method, _ := strconv.ParseInt(strings.TrimSpace(r.URL.Query().Get("shipping_method")), 10, 64)
	points, _ := strconv.ParseInt(strings.TrimSpace(r.URL.Query().Get("redeem_points")), 10, 64)
	form := views.CheckoutForm{ShippingMethod: method, RedeemPoints: max(points, 0)}
	form.Address.Email = r.URL.Query().Get("email")
	page, err := h.checkoutPage(r, form)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.Promo, err = h.promoPage(r.Context(), page.Summary.Cart, views.Promo{}); err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, http.StatusOK, views.CheckoutSummaryUpdate(page))
}

// CheckoutSubmit places the order. Only the form's own fields are read:
// prices, totals and anything else posted are ignored, and a second
// submit of the same checkout_token lands on the first order.
func (h *Handler) CheckoutSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := parseCheckoutForm(r)
	if errs := pointsProblem(r, &form); errs != nil {
		h.renderCheckout(w, r, http.StatusUnprocessableEntity, form, errs, views.Notice{})
		return
	}
	placed, err := h.Store.Checkout(ctx, store.CheckoutInput{
		CartToken: kit.CartToken(ctx), CheckoutToken: form.Token, Address: form.Address,
		ShippingMethodID: form.ShippingMethod, PaymentMethod: form.PaymentMethod, Note: form.Note,
		Locale: i18n.Locale(ctx), ShownTotal: parseShownTotal(r), ShownGifts: parseShownGifts(r),
		CustomerID: h.signedInCustomerID(r), RedeemPoints: form.RedeemPoints, ExactPoints: true,
		ConfirmNoReturn: form.ConfirmNoReturn, ShownCurrency: strings.TrimSpace(r.PostFormValue("shown_currency")),
	})
	var verr *store.ValidationError
	var rose *store.PriceRoseError
	switch {
	case errors.As(err, &rose):
		h.renderCheckout(w, r, http.StatusConflict, form, nil, views.Notice{Kind: views.NoticeError, Text: priceRoseText(ctx, rose)})
		return
	case errors.As(err, &verr):
		if verr.Fields["checkout_token"] != "" {
			form.Token = store.NewCheckoutToken()
		}
		h.renderCheckout(w, r, http.StatusUnprocessableEntity, form, verr.Fields, views.Notice{})
		return
	case errors.Is(err, store.ErrCartChanged):
		h.renderCheckout(w, r, http.StatusConflict, form, nil, views.Notice{Kind: views.NoticeError, Text: cartChangedText(ctx, err)})
		return
	case errors.Is(err, store.ErrCartEmpty):
		h.checkoutEmpty(w, r)
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	h.setPlaced(w, placed.Number, 3600)
	if placed.PaymentMethod == store.PayStripe {
		o, err := h.Store.OrderByNumber(ctx, placed.Number)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		h.startStripe(w, r, o)
		return
	}
	http.Redirect(w, r, views.OrderPageURL(placed.Number, placed.AccessKey), http.StatusSeeOther)
}

// renderCheckout shows the checkout for the visitor's cart, or sends an
// empty cart back to the cart page. Like the cart page, showing changed
// prices is what records them as seen, and it names the items the cart
// lost because the shop stopped selling them, once: placing the order is
// refused until it has (store.ErrItemsRemoved).
func (h *Handler) renderCheckout(w http.ResponseWriter, r *http.Request, status int, form views.CheckoutForm, errs map[string]string, notice views.Notice) {
	ctx := r.Context()
	page, err := h.checkoutPage(r, form)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.Promo, err = h.promoPage(ctx, page.Summary.Cart, views.Promo{}); err != nil {
		h.ServerError(w, r, err)
		return
	}
	removed, err := h.Store.CartRemovals(ctx, page.Summary.Cart, i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.Summary.Cart.Empty() {
		if len(removed) > 0 {
			// The cart page names them, above the cart they emptied.
			http.Redirect(w, r, "/cart", http.StatusSeeOther)
			return
		}
		h.checkoutEmpty(w, r)
		return
	}
	if len(removed) > 0 {
		// An order refused (an error notice) was refused for them, or would
		// be next: they come first.
		notice = checkoutRemovedNotice(ctx, removed, notice.Kind == views.NoticeError)
	}
	page.Errors, page.Notice = errs, notice
	page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, "checkout.title"), NoIndex: true})
	page.Shell.Checkout = true
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, status, views.Checkout(page))
	if err := h.Store.MarkPricesSeen(ctx, page.Summary.Cart); err != nil {
		h.Log.Error("mark cart prices seen", "id", kit.RequestID(ctx), "err", err)
	}
	if err := h.Store.ForgetCartRemovals(ctx, page.Summary.Cart, removed); err != nil {
		h.Log.Error("forget cart removals", "id", kit.RequestID(ctx), "err", err)
	}
}

// checkoutRemovedNotice is the cart's notice of the items removed
// (removedNotice), saying too that the order was not placed when placing
// it was refused.
func checkoutRemovedNotice(ctx context.Context, removed []store.CartLine, refused bool) views.Notice {
	n := removedNotice(ctx, removed)
	if refused {
		n = views.Notice{Kind: views.NoticeError, Text: i18n.T(ctx, "checkout.items_removed", n.Text)}
	}
	return n
}

// checkoutEmpty sends a visitor with nothing to buy to the cart, which
// says so.
func (h *Handler) checkoutEmpty(w http.ResponseWriter, r *http.Request) {
	h.flashCartNotice(r.Context(), views.Notice{Kind: views.NoticeWarning, Text: i18n.T(r.Context(), "checkout.empty")})
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// checkoutPage gathers what the checkout shows: the cart, the shipping
// methods that can ship it with their prices, the payment methods switched
// on, and the summary priced with the chosen method (the first one until
// the shopper picks). Every price comes from store.PriceCheckout, which
// prices as PlaceOrder charges.
func (h *Handler) checkoutPage(r *http.Request, form views.CheckoutForm) (views.CheckoutPage, error) {
	ctx := r.Context()
	page := views.CheckoutPage{Form: form}
	cart, err := h.Store.CheckoutView(ctx, kit.CartToken(ctx), i18n.Locale(ctx), form.Address.Email)
	if err != nil {
		return page, err
	}
	if cart.Points, err = h.Store.PointsToUse(ctx, h.signedInCustomerID(r), form.RedeemPoints); err != nil {
		return page, err
	}
	if store.IsCountry(form.Address.Country) {
		cart.ShipTo = form.Address.Country
	}
	page.NoReturn = cart.NoReturn()
	summary, options, err := h.Store.PriceCheckout(ctx, cart, form.ShippingMethod)
	if err != nil {
		return page, err
	}
	page.Summary, page.Form.ShippingMethod = summary, 0
	// More points than the order takes are priced as the most it takes:
	// the field says so rather than keep a figure nobody is charged.
	if most := cart.Points.Max(cart.Pricing.Merchandise()); form.RedeemPoints > most {
		page.Form.RedeemPoints, page.PointsCapped = most, true
	}
	if summary.Method != nil {
		page.Form.ShippingMethod = summary.Method.ID
	}
	page.Shipping = make([]views.ShippingOption, 0, len(options))
	for _, o := range options {
		page.Shipping = append(page.Shipping, views.ShippingOption{Method: *o.Method, Price: o.Pricing.Shipping, FreeGap: o.FreeShippingGap()})
	}
	st, err := h.Store.Settings(ctx)
	if err != nil {
		return page, err
	}
	page.Pickup = views.PickupPlaceIn(st, i18n.Locale(ctx))
	on, err := h.Store.PaymentMethodsOn(ctx)
	if err != nil {
		return page, err
	}
	methods := make([]store.ShippingMethod, len(page.Shipping))
	for i, o := range page.Shipping {
		methods[i] = o.Method
	}
	page.Payments = store.PaymentsFor(on, methods)
	// A new form starts on the first payment the chosen method takes; a
	// refused one keeps the shopper's choice beside its message.
	if !slices.Contains(page.Payments, form.PaymentMethod) {
		page.Form.PaymentMethod = ""
		if i := slices.IndexFunc(page.Payments, func(pay string) bool { return summary.Method == nil || summary.Method.Takes(pay) }); i >= 0 {
			page.Form.PaymentMethod = page.Payments[i]
		}
	}
	page.Script = assets.Static.URL("checkout.js")
	return page, nil
}

// parseCheckoutForm reads the checkout's fields (the public contract,
// web/contract_test.go) and nothing else.
func parseCheckoutForm(r *http.Request) views.CheckoutForm {
	v := r.PostFormValue
	method, _ := kit.FormInt(r, "shipping_method") // the store refuses anything but a method's id
	points, _ := kit.FormInt(r, "redeem_points")   // pointsProblem says when it is no number of points
	return views.CheckoutForm{
		Token: v("checkout_token"),
		Address: store.Address{
			Email: v("email"), Name: v("name"), Phone: v("phone"),
			AddressLine1: v("address_line1"), AddressLine2: v("address_line2"), City: v("city"),
			Region: v("region"), PostalCode: v("postal_code"), Country: v("country"),
		},
		ShippingMethod:  method,
		PaymentMethod:   v("payment_method"),
		Note:            v("note"),
		RedeemPoints:    max(points, 0),
		ConfirmNoReturn: v("confirm_no_return") != "",
	}
}

// pointsProblem is the form's message for a redeem_points that is not a
// whole number of points, which it then keeps as typed; nil when it is one
// or empty. The points button and placing the order both ask, so that
// "250.7" or "-5" is never taken for none.
func pointsProblem(r *http.Request, form *views.CheckoutForm) map[string]string {
	raw := strings.TrimSpace(r.PostFormValue("redeem_points"))
	if raw == "" {
		return nil
	}
	if n, err := strconv.ParseInt(raw, 10, 64); err != nil || n < 0 {
		form.PointsTyped = raw
		return map[string]string{"redeem_points": "checkout.points.error.whole"}
	}
	return nil
}

// parseShownGifts reads the checkout's hidden shown_gift fields, the
// promotions whose gifts the page showed; what is not an id is no gift.
func parseShownGifts(r *http.Request) []int64 {
	var ids []int64
	for _, s := range r.PostForm["shown_gift"] {
		if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// cartChangedText says what changed in the cart since the checkout showed
// it: a price, a gift that ran out, or else the stock.
func cartChangedText(ctx context.Context, err error) string {
	switch {
	case errors.Is(err, store.ErrPriceChanged):
		return i18n.T(ctx, "checkout.price_changed")
	case errors.Is(err, store.ErrGiftGone):
		return i18n.T(ctx, "checkout.gift_gone", i18n.T(ctx, pricing.WhyGiftSoldOut))
	}
	return i18n.T(ctx, "checkout.cart_changed")
}

// CheckoutPoints prices the checkout with the points the shopper typed
// (the points fieldset's button): the page again, nothing placed.
func (h *Handler) CheckoutPoints(w http.ResponseWriter, r *http.Request) {
	form := parseCheckoutForm(r)
	// Priced with no points, "250.7" or "-5" would look taken.
	if errs := pointsProblem(r, &form); errs != nil {
		h.renderCheckout(w, r, http.StatusUnprocessableEntity, form, errs, views.Notice{})
		return
	}
	h.renderCheckout(w, r, http.StatusOK, form, nil, views.Notice{})
}
