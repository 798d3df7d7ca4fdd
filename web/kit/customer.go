package kit

import (
	"context"
	"errors"
	"net/http"

	"storefront/store"
)

// SignedInCustomer is the customer this browser is signed in as, or nil.
// The session holds the account's id and epoch; the store decides whether
// they still open it (deleted, or signed out everywhere by a new password).
func (d *Deps) SignedInCustomer(r *http.Request) *store.Customer {
	ctx := r.Context()
	id := d.Sessions.GetInt64(ctx, SessionCustomerID)
	if id == 0 {
		return nil
	}
	c, err := d.Store.CustomerSession(ctx, id, d.Sessions.GetInt64(ctx, SessionCustomerEpoch))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			d.Log.Error("customer session", "id", RequestID(ctx), "err", err)
		}
		return nil
	}
	return c
}

// WithCustomerHint returns ctx marked as coming from a browser whose
// session names a customer, so that the header can say "Account" rather
// than "Sign in" without a query on every page (the account pages check
// the session itself, SignedInCustomer).
func WithCustomerHint(ctx context.Context) context.Context {
	return context.WithValue(ctx, customerHintKey, true)
}

// CustomerHint reports whether WithCustomerHint marked ctx.
func CustomerHint(ctx context.Context) bool {
	v, _ := ctx.Value(customerHintKey).(bool)
	return v
}
