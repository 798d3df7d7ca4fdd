package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/web/webtest"
)

// TestAdminCreateCommand creates an account from the shell on a running
// shop's database, then signs in with it.
func TestAdminCreateCommand(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	dbPath, err := shop.Store.Path(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"admin", "create", "--email", "Boss@Example.com", "--password", "short", "--db", dbPath},
		getenv, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "--password") {
		t.Errorf("short password: err = %v", err)
	}
	err = run(context.Background(), []string{"admin", "create", "--email", "Boss@Example.com", "--password", "boss password 1",
		"--name", "Boss", "--db", dbPath}, getenv, &out, &errOut)
	if err != nil {
		t.Fatalf("admin create: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "boss@example.com") {
		t.Errorf("output = %q", out.String())
	}
	shop.Login("boss@example.com", "boss password 1")
	if res := shop.Get("/admin/audit"); res.Status != http.StatusOK {
		t.Errorf("new owner on /admin/audit = %d", res.Status)
	}
	if err := run(context.Background(), []string{"admin", "delete"}, getenv, &out, &errOut); err == nil {
		t.Error("unknown admin subcommand accepted")
	}
	// The first owner opened the shop as the setup page does: it can ship
	// and be paid, and a second account adds nothing.
	for i := range 2 {
		if methods, _ := shop.Store.ShippingMethods(context.Background()); len(methods) != 2 {
			t.Errorf("shipping methods after %d owners = %d, want the two defaults", i+1, len(methods))
		}
		if on, _ := shop.Store.PaymentMethodsOn(context.Background()); len(on) == 0 {
			t.Error("no payment method after admin create")
		}
		if i == 0 {
			if err := run(context.Background(), []string{"admin", "create", "--email", "boss2@example.com",
				"--password", "boss password 2", "--db", dbPath}, getenv, &out, &errOut); err != nil {
				t.Fatalf("second owner: %v", err)
			}
		}
	}
}
