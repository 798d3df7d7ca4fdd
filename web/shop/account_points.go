package shop

import (
	"net/http"
	"slices"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// ledgerRows is how many ledger rows the points page shows.
const ledgerRows = 200

// AccountPoints is the membership page: tier, balance, what expires when,
// and the ledger.
func (h *Handler) AccountPoints(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	p := views.AccountPointsPage{}
	var err error
	if p.Balance, err = h.Store.PointsBalance(ctx, c.ID); err == nil {
		if p.Tier, err = h.Store.CustomerTier(ctx, c.ID); err == nil {
			if p.Tiers, err = h.Store.Tiers(ctx); err == nil {
				if p.Rules, err = h.Store.Loyalty(ctx); err == nil {
					if p.Ledger, err = h.Store.PointsLedger(ctx, c.ID, ledgerRows); err == nil {
						p.Coupons, err = h.Store.MemberCoupons(ctx, c.ID)
					}
				}
			}
		}
	}
	if err == nil && len(p.Ledger) == 0 {
		p.PaidOrders, err = h.paidOrders(r, c.ID)
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	p.Shell = h.accountShell(r, "account.points.heading")
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, http.StatusOK, views.AccountPoints(p))
}

// membership is the overview's tier name and available points.
func (h *Handler) membership(r *http.Request, customerID int64) (string, int64, error) {
	ctx := r.Context()
	b, err := h.Store.PointsBalance(ctx, customerID)
	if err != nil {
		return "", 0, err
	}
	t, err := h.Store.CustomerTier(ctx, customerID)
	if err != nil {
		return "", 0, err
	}
	return t.Tier.Name.In(i18n.Locale(ctx)), b.Available, nil
}

// paidOrders reports whether any of the account's orders is paid.
func (h *Handler) paidOrders(r *http.Request, customerID int64) (bool, error) {
	orders, err := h.Store.CustomerOrders(r.Context(), customerID)
	return slices.ContainsFunc(orders, func(o store.CustomerOrderSummary) bool {
		return o.PaymentStatus == store.PaymentPaid
	}), err
}
