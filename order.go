package main

import (
	"context"
	"net/http"
	"net/url"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// orderURL is the guest order page of o: its key is the credential.
func orderURL(o *store.Order) string {
	return "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
}

// order shows a guest's order page. It opens only with the order's key; a
// wrong or missing key answers exactly like an unknown number, so that
// numbers cannot be probed.
func (a *app) order(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// The key is in the URL: no cache may keep the page, and no link on it
	// may carry the URL away in a Referer.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	o, err := a.keyedOrder(ctx, r.PathValue("number"), r.URL.Query().Get("key"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	st, err := a.store.Settings(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	page := views.OrderPage{
		Order:            o,
		JustPlaced:       a.popOrderPlaced(r, o.Number),
		BankInstructions: st.BankTransferInstructions,
		CODInstructions:  st.CODInstructions,
		ShopAddress:      st.Address,
	}
	page.Shell = a.shell(r, views.Meta{Title: i18n.T(ctx, "order.title", o.Number), NoIndex: true})
	a.render(w, r, http.StatusOK, views.Order(page))
}

// keyedOrder is the order a guest link names, or ErrNotFound when the key
// does not open it: a wrong key and a wrong number look the same.
func (a *app) keyedOrder(ctx context.Context, number, key string) (*store.Order, error) {
	o, err := a.store.OrderByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if !o.KeyMatches(key) {
		return nil, store.ErrNotFound
	}
	return o, nil
}

// popOrderPlaced reports whether number is the order this session just
// placed, and forgets it: the thank-you shows once.
func (a *app) popOrderPlaced(r *http.Request, number string) bool {
	ctx := r.Context()
	if a.sessions.GetString(ctx, sessionOrderPlaced) != number {
		return false
	}
	a.sessions.Remove(ctx, sessionOrderPlaced)
	return true
}
