package main

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// sessionOrderPlaced holds the number of the order just placed, so that its
// page says "thank you" once rather than every time the link is opened.
const sessionOrderPlaced = "order_placed"

// checkout shows the one-page checkout with a fresh one-time token.
func (a *app) checkout(w http.ResponseWriter, r *http.Request) {
	form := views.CheckoutForm{Token: store.NewCheckoutToken()}
	a.renderCheckout(w, r, http.StatusOK, form, nil, views.Notice{})
}

// checkoutSummary answers htmx when the shopper picks a shipping method:
// the summary priced with it.
func (a *app) checkoutSummary(w http.ResponseWriter, r *http.Request) {
	// Anything but one of the methods on offer prices the first one.
	method, _ := strconv.ParseInt(strings.TrimSpace(r.URL.Query().Get("shipping_method")), 10, 64)
	form := views.CheckoutForm{ShippingMethod: method}
	page, err := a.checkoutPage(r.Context(), form)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, r, http.StatusOK, views.CheckoutSummary(page))
}

// checkoutSubmit places the order. Only the form's own fields are read:
// prices, totals and anything else posted are ignored, and a second
// submit of the same checkout_token lands on the first order.
func (a *app) checkoutSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := parseCheckoutForm(r)
	o, _, err := a.store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cartToken(ctx), CheckoutToken: form.Token, Address: form.Address,
		ShippingMethodID: form.ShippingMethod, PaymentMethod: form.PaymentMethod, Note: form.Note,
		Locale: i18n.Locale(ctx),
	})
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		if verr.Fields["checkout_token"] != "" {
			form.Token = store.NewCheckoutToken()
		}
		a.renderCheckout(w, r, http.StatusUnprocessableEntity, form, verr.Fields, views.Notice{})
		return
	case errors.Is(err, store.ErrCartChanged):
		a.renderCheckout(w, r, http.StatusConflict, form, nil,
			views.Notice{Kind: views.NoticeError, Text: i18n.T(ctx, "checkout.cart_changed")})
		return
	case errors.Is(err, store.ErrCartEmpty):
		a.checkoutEmpty(w, r)
		return
	case err != nil:
		a.serverError(w, r, err)
		return
	}
	a.sessions.Put(ctx, sessionOrderPlaced, o.Number)
	if o.PaymentMethod == store.PayStripe {
		a.startStripe(w, r, o)
		return
	}
	http.Redirect(w, r, orderURL(o), http.StatusSeeOther)
}

// renderCheckout shows the checkout for the visitor's cart, or sends an
// empty cart back to the cart page. Like the cart page, showing changed
// prices is what records them as seen.
func (a *app) renderCheckout(w http.ResponseWriter, r *http.Request, status int, form views.CheckoutForm, errs map[string]string, notice views.Notice) {
	ctx := r.Context()
	page, err := a.checkoutPage(ctx, form)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if page.Summary.Cart.Empty() {
		a.checkoutEmpty(w, r)
		return
	}
	page.Errors, page.Notice = errs, notice
	page.Shell = a.shell(r, views.Meta{Title: i18n.T(ctx, "checkout.title"), NoIndex: true})
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, r, status, views.Checkout(page))
	if err := a.store.MarkPricesSeen(ctx, page.Summary.Cart); err != nil {
		a.log.Error("mark cart prices seen", "id", requestID(ctx), "err", err)
	}
}

// checkoutEmpty sends a visitor with nothing to buy to the cart, which
// says so.
func (a *app) checkoutEmpty(w http.ResponseWriter, r *http.Request) {
	a.flashCartNotice(r.Context(), views.Notice{Kind: views.NoticeWarning, Text: i18n.T(r.Context(), "checkout.empty")})
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// checkoutPage gathers what the checkout shows: the cart, the shipping
// methods that can ship it with their prices, the payment methods switched
// on, and the summary priced with the chosen method (the first one until
// the shopper picks). Every price comes from store.PriceCheckout, which
// prices as PlaceOrder charges.
func (a *app) checkoutPage(ctx context.Context, form views.CheckoutForm) (views.CheckoutPage, error) {
	page := views.CheckoutPage{Form: form}
	cart, err := a.store.CartView(ctx, cartToken(ctx))
	if err != nil {
		return page, err
	}
	summary, options, err := a.store.PriceCheckout(ctx, cart, form.ShippingMethod)
	if err != nil {
		return page, err
	}
	page.Summary, page.Form.ShippingMethod = summary, 0
	if summary.Method != nil {
		page.Form.ShippingMethod = summary.Method.ID
	}
	for _, o := range options {
		page.Shipping = append(page.Shipping, views.ShippingOption{Method: *o.Method, Price: o.Pricing.Shipping})
	}
	if page.Payments, err = a.store.PaymentMethodsOn(ctx); err != nil {
		return page, err
	}
	if !slices.Contains(page.Payments, form.PaymentMethod) && len(page.Payments) > 0 {
		page.Form.PaymentMethod = page.Payments[0]
	}
	return page, nil
}

// parseCheckoutForm reads the checkout's fields (DESIGN.md) and nothing
// else. redeem_points waits for the membership work.
func parseCheckoutForm(r *http.Request) views.CheckoutForm {
	v := r.PostFormValue
	method, _ := formInt(r, "shipping_method") // the store refuses anything but a method's id
	return views.CheckoutForm{
		Token: v("checkout_token"),
		Address: store.Address{
			Email: v("email"), Name: v("name"), Phone: v("phone"),
			AddressLine1: v("address_line1"), AddressLine2: v("address_line2"), City: v("city"),
			Region: v("region"), PostalCode: v("postal_code"), Country: v("country"),
		},
		ShippingMethod: method,
		PaymentMethod:  v("payment_method"),
		Note:           v("note"),
	}
}
