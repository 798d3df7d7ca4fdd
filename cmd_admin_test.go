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
	shop := webtest.New(t)
	var dbPath string
	if err := shop.Store.DB().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&dbPath); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"admin", "create", "--email", "Boss@Example.com", "--password", "short", "--db", dbPath},
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
}
