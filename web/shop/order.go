package shop

import (
	"context"
	"net/http"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// Order shows a guest's order page. It opens only with the order's key; a
// wrong or missing key answers exactly like an unknown number, so that
// numbers cannot be probed.
func (h *Handler) Order(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// The key is in the URL: no cache may keep the page, and no link on it
	// may carry the URL away in a Referer.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	o, err := h.keyedOrder(ctx, r.PathValue("number"), r.URL.Query().Get("key"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.renderOrder(w, r, o, false)
}

// renderOrder shows an order's page: the guest's, opened by its key, and
// the signed-in customer's (account_orders.go, inAccount), which leads
// back to the account's orders.
func (h *Handler) renderOrder(w http.ResponseWriter, r *http.Request, o *store.Order, inAccount bool) {
	r = kit.InOrderCurrency(r, o.Currency)
	ctx := r.Context()
	st, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	st = st.In(i18n.Locale(ctx))
	page := views.OrderPage{
		Order:            o,
		JustPlaced:       h.popOrderPlaced(w, r, o.Number),
		BankInstructions: st.BankTransferInstructions,
		CODInstructions:  st.CODInstructions,
		Pickup:           views.PickupPlaceIn(st, i18n.Locale(ctx)),
		MailEnabled:      h.Cfg.MailEnabled,
		InAccount:        inAccount,
	}
	// Only a shipped order has returns or can have them, and a cancelled
	// one the refund of its payment: the page a buyer sees on placing the
	// order does without the queries.
	if o.FulfillmentStatus != store.FulfillmentNone || o.Cancelled() {
		if page.Returns, err = h.Store.OrderReturns(ctx, o.ID); err != nil {
			h.ServerError(w, r, err)
			return
		}
		if !o.Cancelled() {
			opts, err := h.Store.ReturnOptionsOf(ctx, o)
			if err != nil {
				h.ServerError(w, r, err)
				return
			}
			page.ReturnOptions = &opts
		}
	}
	page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, "order.title", o.Number), NoIndex: true})
	h.Render(w, r, http.StatusOK, views.Order(page))
}

// keyedOrder is the order a guest link names, or ErrNotFound when the key
// does not open it: a wrong key and a wrong number look the same.
func (h *Handler) keyedOrder(ctx context.Context, number, key string) (*store.Order, error) {
	o, err := h.Store.OrderByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if !o.KeyMatches(key) {
		return nil, store.ErrNotFound
	}
	return o, nil
}

// popOrderPlaced reports whether number is the order this browser just
// placed, and forgets it: the thank-you shows once.
func (h *Handler) popOrderPlaced(w http.ResponseWriter, r *http.Request, number string) bool {
	if c, err := r.Cookie(placedCookie); err != nil || c.Value != number {
		return false
	}
	h.setPlaced(w, "", -1)
	return true
}

// setPlaced sets placedCookie to number for maxAge seconds (below zero:
// deletes it).
func (h *Handler) setPlaced(w http.ResponseWriter, number string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: placedCookie, Value: number, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.Cfg.SecureCookie, SameSite: http.SameSiteLaxMode,
	})
}
