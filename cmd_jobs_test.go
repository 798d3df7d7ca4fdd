package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestStaleCartsJob runs the background job as serve does: at start it
// deletes carts untouched for 30 days, and stop waits for it.
func TestStaleCartsJob(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddToCart("dragon-well-tea", v.Tea, "1")
	shop.Clock.Advance(store.CartLifetime + time.Hour)

	stop := startJobs(context.Background(), shop.Store, discardLog(), shop.Emails, shop.Payments)
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
	if res := shop.AddToCart("dragon-well-tea", v.Tea, "1"); res.Status != http.StatusSeeOther || shop.Get("/cart").CartTotal(t) != 2800 {
		t.Errorf("add after the cart expired = %d", res.Status)
	}
}

// TestCreateTokensJob: at start the daily job forgets the admin's form
// tokens older than a day, and keeps the others.
func TestCreateTokensJob(t *testing.T) {
	shop := webtest.New(t)
	for _, name := range []string{"Old", "New"} {
		if _, err := shop.Store.CreateShippingMethod(context.Background(), store.Actor{}, store.ShippingMethodInput{
			Name: store.Plain(name), Kind: store.ShippingFlat, Active: true, CreateToken: store.NewCreateToken()}); err != nil {
			t.Fatal(err)
		}
		shop.Clock.Advance(store.CreateTokenLifetime)
	}
	stop := startJobs(context.Background(), shop.Store, discardLog(), shop.Emails, shop.Payments)
	defer stop()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var n int
		shop.Store.DB().QueryRow(`SELECT count(*) FROM create_tokens`).Scan(&n)
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d tokens kept, want 1", n)
		}
	}
}

// Without a mail server there is no mail job: emails stay pending, untried.
func TestMailerWithoutSMTPLeavesEmailsPending(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en")
	o := orders[0]
	if shop.Emails.Enabled() {
		t.Fatal("the shop has a mail server")
	}
	stop := startJobs(context.Background(), shop.Store, discardLog(), shop.Emails, shop.Payments)
	// Each job runs once at start: a mail job would try the email at once.
	time.Sleep(100 * time.Millisecond)
	done := make(chan struct{})
	go func() { stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the jobs without SMTP did not stop")
	}
	if e := shop.OrderEmail(o, store.EmailOrderConfirmation); e.Status != store.EmailPending || e.Attempts != 0 {
		t.Errorf("email = %s after %d attempts, want pending and untried", e.Status, e.Attempts)
	}
}

// The background job sends on start and stops when asked.
func TestMailJobSendsAndStops(t *testing.T) {
	fake := webtest.NewMailServer(t)
	shop := webtest.New(t, webtest.WithSMTP(mail.SMTP{Addr: fake.Addr, User: "shop", Password: "s3cret", From: "orders@shop.example"}))
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	stop := startJobs(context.Background(), shop.Store, discardLog(), shop.Emails, shop.Payments)
	deadline := time.Now().Add(10 * time.Second)
	for shop.OrderEmail(o, store.EmailOrderConfirmation).Status != store.EmailSent {
		if time.Now().After(deadline) {
			stop()
			t.Fatal("the mail job did not send the confirmation")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if mails, _ := fake.Received(); len(mails) != 1 {
		t.Errorf("server received %d messages, want 1", len(mails))
	}
}
