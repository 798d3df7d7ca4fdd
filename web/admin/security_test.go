package admin_test

import (
	"context"
	"encoding/csv"
	"image/color"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestOrdersCSVNeutralisesFormulas: what a shopper types at checkout
// reaches the orders export; a cell a spreadsheet would run as a formula
// (OWASP's CSV injection) is written behind a single quote, while the
// amounts stay numbers.
func TestOrdersCSVNeutralisesFormulas(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	ctx := context.Background()
	cart, err := shop.Store.AddToCart(ctx, "", shop.Variants().Tea, 1)
	if err != nil {
		t.Fatal(err)
	}
	pay, err := shop.Store.PaymentMethodsOn(ctx)
	if err != nil || len(pay) == 0 {
		t.Fatalf("payment methods %v, %v", pay, err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "eve@example.com", Name: `=HYPERLINK("http://evil.example","Click")`,
			Phone: "+1 555 0100", AddressLine1: "@SUM(1+1)*cmd|' /C calc'!A0", City: "-2+3",
			PostalCode: "12345", Country: "US"},
		ShippingMethodID: flat, PaymentMethod: pay[0], Note: "=1+1", Locale: "en",
	})
	if err != nil {
		t.Fatal(err)
	}
	res := shop.Get("/admin/orders.csv")
	if res.Status != http.StatusOK {
		t.Fatalf("export = %d", res.Status)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("export: %v %v", err, recs)
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for col, want := range map[string]string{
		"Name": o.Number, "Shipping Name": `'=HYPERLINK("http://evil.example","Click")`, "Shipping Phone": "'+1 555 0100",
		"Shipping Address1": "'@SUM(1+1)*cmd|' /C calc'!A0", "Shipping City": "'-2+3", "Notes": "'=1+1",
		"Shipping Zip": "12345", "Total": "38.00", "Lineitem quantity": "1",
	} {
		if row[col] != want {
			t.Errorf("%s = %q, want %q", col, row[col], want)
		}
	}
	for col, cell := range row {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && cell != row["Created at"] {
			t.Errorf("%s = %q starts a formula", col, cell)
		}
	}
}

// TestAdminFormsReadOnlyText: the admin's forms refuse bytes that are not
// UTF-8 text with 422 (the product form, its image upload, the login), and
// a required field of nothing but invisible characters is empty.
func TestAdminFormsReadOnlyText(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	owner := shop.LoginAs(store.RoleOwner)
	unreadable := i18n.TL("en", "error.form_text.title")

	form := scarfForm()
	form.Set("title", "Silk \xff Scarf")
	res := shop.Post("/admin/products/new", form)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, unreadable) {
		t.Errorf("title with invalid UTF-8 = %d, want 422 saying so", res.Status)
	}
	form = scarfForm()
	form.Set("v0_sku", "SC\x00R")
	if res := shop.Post("/admin/products/new", form); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("SKU with a NUL = %d, want 422", res.Status)
	}
	form = scarfForm()
	form.Set("title", "\u200b\u3164\u202e \u2066")
	res = shop.Post("/admin/products/new", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invisible title = %d, want 422", res.Status)
	}
	if got := res.Doc(t).Find("#title-error").Text(); got != i18n.TL("en", "error.required") {
		t.Errorf("invisible title: message %q", got)
	}
	if _, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true); err == nil {
		t.Fatal("a refused form created a product")
	}

	// Invisible characters around a title, and a direction override inside
	// it, are not kept.
	form = scarfForm()
	form.Set("title", "\u200b\u202eSilk Scarf\u200f")
	form.Set("vendor", "\u3164")
	if res := shop.Post("/admin/products/new", form); res.Status != http.StatusSeeOther {
		t.Fatalf("title with invisible edges = %d\n%s", res.Status, res.Body)
	}
	p, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true)
	if err != nil || p.Title != "Silk Scarf" || p.Vendor != "" {
		t.Fatalf("stored %+v, %v; want the title Silk Scarf and no vendor", p, err)
	}

	// A multipart form is read by its handler, and checked there.
	res = upload(shop, "/admin/products/"+itoa(p.ID)+"/images", "a.png", webtest.PNG(t, color.White), "red \xfe")
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, unreadable) {
		t.Errorf("upload with an invalid alt = %d, want 422", res.Status)
	}

	anon := shop.OtherBrowser()
	anon.ForgetCookies()
	for _, f := range []url.Values{
		{"email": {"owner\xff@example.com"}, "password": {webtest.Password}},
		{"email": {owner.Email}, "password": {webtest.Password + "\x00"}},
	} {
		if res := anon.Post("/admin/login", f); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, unreadable) {
			t.Errorf("login %q = %d, want 422", f, res.Status)
		}
	}
	anon.Login(owner.Email, webtest.Password) // and the account is not held back by them
}
