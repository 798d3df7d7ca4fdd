package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// TestStaleCartsJob runs the background job as serve does: at start it
// deletes carts untouched for 30 days, and stop waits for it.
func TestStaleCartsJob(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.addToCart("dragon-well-tea", v.Tea, "1")
	shop.Clock.Advance(store.CartLifetime + time.Hour)

	stop := shop.app.startJobs(context.Background())
	defer stop()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var n int
		shop.Store.DB().QueryRow(`SELECT count(*) FROM carts`).Scan(&n)
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the stale cart was not deleted")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	// The session still names the deleted cart: the page is empty, and the
	// next add starts a new cart.
	if shop.Get("/cart").Doc(t).Find(".cart-empty").Length() != 1 {
		t.Error("deleted cart still shown")
	}
	if res := shop.addToCart("dragon-well-tea", v.Tea, "1"); res.Status != http.StatusSeeOther || cartTotal(t, shop.Get("/cart")) != 2800 {
		t.Errorf("add after the cart expired = %d", res.Status)
	}
}

// Without a mail server the job does nothing: emails stay pending, untried.
func TestMailerWithoutSMTPLeavesEmailsPending(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en")
	o := orders[0]
	done := make(chan struct{})
	go func() { shop.app.runMailer(context.Background()); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("runMailer without SMTP did not return")
	}
	if e := shop.OrderEmail(o, store.EmailOrderConfirmation); e.Status != store.EmailPending || e.Attempts != 0 {
		t.Errorf("email = %s after %d attempts, want pending and untried", e.Status, e.Attempts)
	}
}

// The background job sends on start and stops when asked.
func TestMailJobSendsAndStops(t *testing.T) {
	shop, fake, orders := mailShop(t, "en")
	stop := shop.app.startJobs(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	for shop.OrderEmail(orders[0], store.EmailOrderConfirmation).Status != store.EmailSent {
		if time.Now().After(deadline) {
			stop()
			t.Fatal("the mail job did not send the confirmation")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if n := len(fake.received()); n != 1 {
		t.Errorf("server received %d messages, want 1", n)
	}
}
