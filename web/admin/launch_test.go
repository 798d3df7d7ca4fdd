package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/mail"
	"storefront/store"
	"storefront/web/webtest"
)

// TestSetupOpensAShopThatSells is a new merchant's first hour: the setup
// page proposes the address it was opened at, the owner confirms it and
// gives the shop's address, adds a product, and a guest orders it with
// the default shipping at once.
func TestSetupOpensAShopThatSells(t *testing.T) {
	shop := webtest.New(t, webtest.Fresh())
	page := shop.Get("/admin/setup?token=" + shop.SetupToken).Doc(t)
	if got := page.Find(`input[name=public_url]`).AttrOr("value", ""); got != shop.Server.URL {
		t.Errorf("proposed public address = %q, want %q", got, shop.Server.URL)
	}
	form := setupForm(shop.SetupToken, "li@example.com")
	form.Set("public_url", "shop/path")
	if res := shop.Post("/admin/setup", form); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#public_url-error, .field-error").Length() == 0 {
		t.Fatalf("a public address with a path = %d", res.Status)
	}
	form.Set("public_url", "https://tea.example")
	form.Set("address", "1 Tea Street\nHangzhou")
	wantRedirect(t, shop.Post("/admin/setup", form), http.StatusSeeOther, "/admin")
	settings, _ := shop.Store.Settings(context.Background())
	if settings.PublicURL != "https://tea.example" || settings.Address != "1 Tea Street\nHangzhou" {
		t.Errorf("settings after setup: url %q, address %q", settings.PublicURL, settings.Address)
	}

	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{Handle: "tea", Title: "Tea",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "TEA", Price: 2800, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
	tea, _ := shop.Store.ProductByHandle(context.Background(), "tea", false)
	guest := shop.OtherBrowser()
	guest.AddToCart("tea", tea.Variants[0].ID, "1")
	checkout := guest.Get("/checkout").Doc(t)
	methods := checkout.Find(`input[name=shipping_method]`)
	payments := checkout.Find(`input[name=payment_method]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") })
	if methods.Length() != 2 || len(payments) != 1 || payments[0] != store.PayCOD {
		t.Fatalf("checkout offers %d shipping methods and payments %v", methods.Length(), payments)
	}
	res := guest.Post("/checkout", url.Values{
		"checkout_token": {checkout.Find(`input[name=checkout_token]`).AttrOr("value", "")},
		"email":          {"ana@example.com"}, "name": {"Ana"}, "address_line1": {"Rua Augusta 1"}, "city": {"Lisboa"},
		"postal_code": {"1100-048"}, "country": {"PT"}, "shipping_method": {methods.First().AttrOr("value", "")},
		"payment_method": {store.PayCOD},
	})
	wantRedirect(t, res, http.StatusSeeOther, "/orders/")
	// The confirmation email links to the confirmed public address.
	o := shop.Store
	list, _ := o.ListEmails(context.Background(), store.EmailFilter{})
	if len(list.Emails) != 1 {
		t.Fatalf("emails = %d", len(list.Emails))
	}
	msg, err := mail.NewSender(o, nil, mail.SMTP{}, "").Render(context.Background(), list.Emails[0])
	if err != nil || !strings.Contains(msg.HTML, "https://tea.example/orders/") {
		t.Errorf("email links do not use the public address: %v\n%s", err, msg.Text)
	}
}

// TestSetupGuideOnTheAdminHome: the owner sees the guide with each step
// linked, steps tick from the data, and the owner can hide it; other
// roles never see it.
func TestSetupGuideOnTheAdminHome(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	doc := shop.Get("/admin").Doc(t)
	steps := doc.Find("[data-setup-guide] [data-step]")
	if steps.Length() != 6 {
		t.Fatalf("guide steps = %d\n%s", steps.Length(), doc.Text())
	}
	for _, want := range []string{"products", "shipping", "payments", "public_url", "test_email", "backup"} {
		step := doc.Find(`[data-step="` + want + `"]`)
		if step.Find("a").AttrOr("href", "") == "" {
			t.Errorf("step %s has no link", want)
		}
	}
	// webtest's shop has bank details (payments done), nothing else.
	if got := doc.Find(`[data-step="products"]`).AttrOr("data-done", ""); got != "false" {
		t.Errorf("products step before any product: done=%s", got)
	}
	shop.SeedFixture()
	if got := shop.Get("/admin").Doc(t).Find(`[data-step="products"]`).AttrOr("data-done", ""); got != "true" {
		t.Errorf("products step with products: done=%s", got)
	}

	manager := shop.OtherBrowser()
	manager.LoginAs(store.RoleManager)
	if manager.Get("/admin").Doc(t).Find("[data-setup-guide]").Length() != 0 {
		t.Error("a manager sees the setup guide")
	}
	if res := manager.Post("/admin/setup-guide/hide", nil); res.Status != http.StatusForbidden {
		t.Errorf("manager hides the guide = %d", res.Status)
	}
	wantRedirect(t, shop.Post("/admin/setup-guide/hide", nil), http.StatusSeeOther, "/admin")
	if shop.Get("/admin").Doc(t).Find("[data-setup-guide]").Length() != 0 {
		t.Error("the hidden guide is still shown")
	}
}

// TestSetupGuidePaymentsNeedAWayToPay: the payments step is done only
// while checkout can take a payment. An owner who saves the payments
// section with every method off is not told they have chosen how they get
// paid.
func TestSetupGuidePaymentsNeedAWayToPay(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	step := func() *goquery.Selection {
		t.Helper()
		return shop.Get("/admin").Doc(t).Find(`[data-setup-guide] [data-step="payments"]`)
	}
	// webtest's shop has bank details and takes bank transfers.
	if got := step().AttrOr("data-done", ""); got != "true" {
		t.Fatalf("payments step with bank transfer on: done=%s", got)
	}
	off := url.Values{"stripe_expiry_minutes": {"30"}, "bank_transfer_expiry_hours": {"72"},
		"bank_transfer_instructions": {"IBAN DE00 0000"}}
	saveSettings(t, shop, "/admin/settings/payments", off)
	if st := step(); st.AttrOr("data-done", "") != "false" || strings.Contains(st.Text(), "(done)") {
		t.Errorf("payments step with every method off: done=%s, %q", st.AttrOr("data-done", ""), st.Text())
	}
	on := url.Values{"cod_enabled": {"1"}}
	for k, v := range off {
		on[k] = v
	}
	saveSettings(t, shop, "/admin/settings/payments", on)
	if got := step().AttrOr("data-done", ""); got != "true" {
		t.Errorf("payments step with cash on delivery chosen: done=%s", got)
	}
}

// TestSetupGuideProductsStepNamesTheImport: the admin has no upload form
// for a Shopify CSV, so the products step tells the owner, in either
// language, the command that imports one.
func TestSetupGuideProductsStepNamesTheImport(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	const command = "storefront import products FILE.csv --db PATH"
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin")
		hint := shop.Get("/admin").Doc(t).Find(`[data-step="products"] .setup-step-hint`)
		if got := hint.Find("code").Text(); got != command {
			t.Errorf("%s: products step says %q, want the command %q", lang, hint.Text(), command)
		}
	}
}

// TestTestEmail: the owner sends a test email through the mail server at
// once; a refusal shows the server's answer, a shop without a mail server
// says so plainly, and a success ticks the guide's email step.
func TestTestEmail(t *testing.T) {
	none := webtest.New(t)
	none.LoginAs(store.RoleOwner)
	if doc := none.Get("/admin/settings").Doc(t); doc.Find(`[data-test-email="no-server"]`).Length() != 1 {
		t.Error("settings without a mail server do not say so")
	}
	if res := none.Post("/admin/settings/test-email", nil); res.Status != http.StatusConflict ||
		res.Doc(t).Find(`[data-test-email="no-server"]`).Length() != 1 {
		t.Errorf("test email without a mail server = %d", res.Status)
	}

	ms := webtest.NewMailServer(t)
	shop := webtest.New(t, webtest.WithSMTP(mail.SMTP{Addr: ms.Addr, From: "shop@example.com"}))
	owner := shop.LoginAs(store.RoleOwner)
	ms.Fail("", "550 5.1.1 no such mailbox here")
	res := shop.Post("/admin/settings/test-email", nil)
	if res.Status != http.StatusBadGateway || !strings.Contains(res.Doc(t).Find(`[data-test-email="failed"]`).Text(), "no such mailbox") {
		t.Errorf("refused test email = %d\n%s", res.Status, res.Body)
	}
	ms.Fail("", "")
	wantRedirect(t, shop.Post("/admin/settings/test-email", nil), http.StatusSeeOther, "/admin/settings?saved=test-email")
	mails, _ := ms.Received()
	if len(mails) != 1 || !strings.Contains(mails[0].To, owner.Email) || !strings.Contains(mails[0].Data, "Test email") {
		t.Fatalf("mails = %+v", mails)
	}
	if shop.Get("/admin/settings?saved=test-email").Doc(t).Find(`[data-test-email="sent"]`).Length() != 1 {
		t.Error("the settings page does not say the test went out")
	}
	if got := shop.Get("/admin").Doc(t).Find(`[data-step="test_email"]`).AttrOr("data-done", ""); got != "true" {
		t.Errorf("test email step after a sent test: done=%s", got)
	}
	manager := shop.OtherBrowser()
	manager.LoginAs(store.RoleManager)
	if res := manager.Post("/admin/settings/test-email", nil); res.Status != http.StatusForbidden {
		t.Errorf("manager sends a test email = %d", res.Status)
	}
}

// TestProductFormNothingToShip: the product form's per-variant box marks
// a variant with nothing to ship, and shows it checked again.
func TestProductFormNothingToShip(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	form := scarfForm()
	form.Set("v1_no_shipping", "1")
	wantRedirect(t, shop.Post("/admin/products/new", form), http.StatusSeeOther, "/admin/products/")
	p, err := shop.Store.ProductByHandle(context.Background(), "silk-scarf", true)
	if err != nil {
		t.Fatal(err)
	}
	if p.Variants[0].NoShipping || !p.Variants[1].NoShipping {
		t.Errorf("no-shipping flags = %v, %v; want false, true", p.Variants[0].NoShipping, p.Variants[1].NoShipping)
	}
	edit := shop.Get("/admin/products/" + itoa(p.ID)).Doc(t)
	if edit.Find(`input[name=v1_no_shipping][checked]`).Length() != 1 || edit.Find(`input[name=v0_no_shipping][checked]`).Length() != 0 {
		t.Error("the form does not show the flags back")
	}
}
