package main

import (
	"bytes"
	"strings"
	"testing"

	"storefront/web/webtest"
)

func TestEmailBaseURL(t *testing.T) {
	for _, c := range []struct{ base, addr, want string }{
		{"https://shop.example/", ":8080", "https://shop.example"},
		{"", ":8080", "http://localhost:8080"},
		{"", "0.0.0.0:9000", "http://localhost:9000"},
		{"", "", "http://localhost"},
	} {
		if got := emailBaseURL(c.base, c.addr); got != c.want {
			t.Errorf("emailBaseURL(%q, %q) = %q, want %q", c.base, c.addr, got, c.want)
		}
	}
}

func TestDemoOwnerAndSetupLinkArePrinted(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	ctx := t.Context()
	var out bytes.Buffer
	if err := printAdminAccess(ctx, shop.Store, &out, "http://localhost:8080/", shop.SetupToken, ""); err != nil {
		t.Fatal(err)
	}
	if want := "http://localhost:8080/admin/setup?token=" + shop.SetupToken; !strings.Contains(out.String(), want) {
		t.Errorf("fresh shop prints %q, want the setup link %s", out.String(), want)
	}

	pw, err := ensureDemoOwner(ctx, shop.Store)
	if err != nil || pw == "" {
		t.Fatalf("ensureDemoOwner = %q, %v", pw, err)
	}
	out.Reset()
	printAdminAccess(ctx, shop.Store, &out, "http://localhost:8080", shop.SetupToken, pw)
	if !strings.Contains(out.String(), demoOwnerEmail) || !strings.Contains(out.String(), pw) {
		t.Errorf("demo prints %q", out.String())
	}
	shop.Login(demoOwnerEmail, pw)
	// A reused demo database gets a fresh password, and the old one stops working.
	pw2, err := ensureDemoOwner(ctx, shop.Store)
	if err != nil || pw2 == pw {
		t.Fatalf("second ensureDemoOwner = %q, %v", pw2, err)
	}
	if _, err := shop.Store.AuthenticateStaff(ctx, demoOwnerEmail, pw2); err != nil {
		t.Errorf("new demo password: %v", err)
	}
	out.Reset()
	printAdminAccess(ctx, shop.Store, &out, "http://localhost:8080", shop.SetupToken, "")
	if out.Len() != 0 {
		t.Errorf("a shop with staff prints %q", out.String())
	}
}
