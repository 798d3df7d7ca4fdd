package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"storefront/mail"
	"storefront/store"
	"storefront/store/payment"
)

// expiryBatch is how many due orders one run of the expiry job handles.
const expiryBatch = 100

// jobs are the shop's background work: stale carts, unpaid orders whose
// time ran out, and the outbox.
type jobs struct {
	store    *store.Store
	log      *slog.Logger
	emails   *mail.Sender
	payments *payment.Flows
}

// startJobs runs the shop's background jobs until ctx ends or stop is
// called. stop waits for a job that is running to finish, so the store can
// be closed after it.
func startJobs(ctx context.Context, st *store.Store, log *slog.Logger, emails *mail.Sender, payments *payment.Flows) (stop func()) {
	j := &jobs{store: st, log: log, emails: emails, payments: payments}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { runEvery(ctx, 24*time.Hour, j.deleteStaleCarts) })
	wg.Go(func() { runEvery(ctx, 24*time.Hour, j.forgetCreateTokens) })
	wg.Go(func() { runEvery(ctx, time.Minute, j.expireOrders) })
	wg.Go(func() { runEvery(ctx, time.Minute, j.backupIfDue) })
	wg.Go(func() { runEvery(ctx, time.Hour, j.settleMembership) })
	wg.Go(func() { runEvery(ctx, time.Hour, j.approveOverdueReturns) })
	if emails.Enabled() {
		wg.Go(func() { runEvery(ctx, mail.Interval, emails.SendDue) })
	} else {
		log.Info("no mail server configured: order emails wait in /admin/emails (set STOREFRONT_SMTP_ADDR)")
	}
	return func() {
		cancel()
		wg.Wait()
	}
}

// runEvery calls job at once and then every interval until ctx ends.
func runEvery(ctx context.Context, interval time.Duration, job func(context.Context)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		job(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// deleteStaleCarts removes carts nobody has touched for store.CartLifetime.
func (j *jobs) deleteStaleCarts(ctx context.Context) {
	n, err := j.store.DeleteStaleCarts(ctx, j.store.Now().Add(-store.CartLifetime))
	if err != nil {
		if ctx.Err() == nil {
			j.log.Error("delete stale carts", "err", err)
		}
		return
	}
	if n > 0 {
		j.log.Info("deleted stale carts", "count", n)
	}
}

// forgetCreateTokens deletes the admin's new-form tokens older than
// store.CreateTokenLifetime: a form submitted twice is submitted within
// moments, and the tokens would otherwise pile up.
func (j *jobs) forgetCreateTokens(ctx context.Context) {
	if _, err := j.store.ForgetCreateTokens(ctx, j.store.Now().Add(-store.CreateTokenLifetime)); err != nil && ctx.Err() == nil {
		j.log.Error("forget create tokens", "err", err)
	}
}

// settleMembership moves points whose return window has passed to
// available, expires lots past their date, lets spend older than 12
// months age out of tiers, issues birthday coupons and warns of points
// that expire within a month. An account and a checkout settle their own
// points when they are shown, so this only keeps the rest current.
func (j *jobs) settleMembership(ctx context.Context) {
	if err := j.store.SettlePoints(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("settle points", "err", err)
	}
	if err := j.store.RecalcTiers(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("recalculate tiers", "err", err)
	}
	if n, err := j.store.IssueBirthdayCoupons(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("birthday coupons", "err", err)
	} else if n > 0 {
		j.log.Info("issued birthday coupons", "count", n)
	}
	if _, err := j.store.WarnExpiringPoints(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("expiring points emails", "err", err)
	}
}

// approveOverdueReturns approves the return requests nobody answered in
// store.ReturnAnswerDays, as the seven-day rule asks.
func (j *jobs) approveOverdueReturns(ctx context.Context) {
	if n, err := j.store.ApproveOverdueReturns(ctx); err != nil && ctx.Err() == nil {
		j.log.Error("approve overdue returns", "err", err)
	} else if n > 0 {
		j.log.Info("approved unanswered returns", "count", n)
	}
}

// expireOrders cancels unpaid orders whose time ran out and gives their
// stock back (payment.Flows.ExpireDue); an order that cannot be settled
// now is left for the next run.
func (j *jobs) expireOrders(ctx context.Context) {
	err := j.payments.ExpireDue(ctx, expiryBatch, func(e store.ExpiringOrder, err error) {
		j.log.Warn("expire order: left for the next run", "order", e.Number, "err", err)
	})
	if err != nil && ctx.Err() == nil {
		j.log.Error("list due expiries", "err", err)
	}
}

// backupIfDue takes the day's backup once its hour has come, or at once
// when the shop was stopped at that hour (store.BackupIfDue). A failure
// is logged here and shown on the admin home until a backup succeeds.
func (j *jobs) backupIfDue(ctx context.Context) {
	rec, due, err := j.store.BackupIfDue(ctx)
	switch {
	case err != nil:
		if ctx.Err() == nil {
			j.log.Error("scheduled backup failed; retrying in an hour", "due", due, "err", err)
		}
	case rec == nil:
	default:
		if late := j.store.Now().Sub(due); late > time.Hour {
			j.log.Warn("scheduled backup is late (the shop was not running at its hour, or this is its first); taken now", "due", due, "late", late.Round(time.Minute))
		}
		j.log.Info("backup taken", "file", rec.Name, "bytes", rec.Size, "orders", rec.Orders, "took", rec.Duration.Round(time.Millisecond))
	}
}
