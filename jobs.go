package main

import (
	"context"
	"sync"
	"time"

	"storefront/store"
)

// startJobs runs the shop's background jobs until ctx ends or stop is
// called. stop waits for a job that is running to finish, so the store can
// be closed after it.
func (a *app) startJobs(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { runEvery(ctx, 24*time.Hour, a.deleteStaleCarts) })
	wg.Go(func() { runEvery(ctx, time.Minute, a.expireOrders) }) // order_expiry.go
	wg.Go(func() { a.runMailer(ctx) })
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
func (a *app) deleteStaleCarts(ctx context.Context) {
	n, err := a.store.DeleteStaleCarts(ctx, a.store.Now().Add(-store.CartLifetime))
	if err != nil {
		if ctx.Err() == nil {
			a.log.Error("delete stale carts", "err", err)
		}
		return
	}
	if n > 0 {
		a.log.Info("deleted stale carts", "count", n)
	}
}
