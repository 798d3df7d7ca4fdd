package main

import (
	"context"
	"fmt"

	"storefront/store"
	"storefront/store/payment"
)

// expiryBatch is how many due orders one run of the expiry job handles.
const expiryBatch = 100

// expireOrders cancels unpaid orders whose time ran out and gives their
// stock back; startJobs runs it every minute.
func (a *app) expireOrders(ctx context.Context) {
	due, err := a.store.DueExpiries(ctx, a.store.Now(), expiryBatch)
	if err != nil {
		if ctx.Err() == nil {
			a.log.Error("list due expiries", "err", err)
		}
		return
	}
	for _, e := range due {
		if ctx.Err() != nil {
			return
		}
		if err := a.expireOrder(ctx, e); err != nil && ctx.Err() == nil {
			a.log.Warn("expire order: left for the next run", "order", e.Number, "err", err)
		}
	}
}

// expireOrder expires one due order. A Stripe order's session is expired
// at Stripe first, so that it can no longer be paid: if Stripe says it was
// paid after all, the order is marked paid instead; if Stripe cannot be
// asked, the order is left for the next run, because an order that might
// be paid is never cancelled.
func (a *app) expireOrder(ctx context.Context, e store.ExpiringOrder) error {
	if e.PaymentMethod == store.PayStripe && e.StripeSessionID != "" {
		p, err := a.stripeProvider(ctx)
		if err != nil {
			return err
		}
		sess, err := p.ExpireSession(ctx, e.StripeSessionID)
		if err != nil {
			return err
		}
		switch {
		case sess.Paid():
			_, err := a.store.StripePaid(ctx, "", store.StripeSession{ID: sess.ID, OrderNumber: e.Number, PaymentIntent: sess.PaymentIntent})
			return err
		case sess.Status == payment.SessionComplete:
			return fmt.Errorf("session %s is complete and a delayed payment is pending", sess.ID)
		}
	}
	_, err := a.store.ExpireOrder(ctx, e.ID, store.CancelExpired)
	return err
}
