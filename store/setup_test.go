package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func openShop(t *testing.T, s *Store, in SetupInput) {
	t.Helper()
	in.Owner = StaffInput{Email: "li@example.com", Name: "Li", Password: "tea password 1"}
	if _, err := s.Setup(context.Background(), Actor{}, in); err != nil {
		t.Fatal(err)
	}
}

// TestSetupLeavesAShopThatSells: setup gives the shop a flat rate in its
// currency and local pickup, offers cash on delivery, keeps bank transfer
// off until it has bank details and pickup hidden until there is an
// address; a guest can then order at once.
func TestSetupLeavesAShopThatSells(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		currency, locale, flatName string
		price                      int64
	}{
		{"CNY", "zh", "标准配送", 1000},
		{"USD", "en", "Standard shipping", 500},
		{"JPY", "en", "Standard shipping", 600},
	} {
		s := newTestStore(t)
		openShop(t, s, SetupInput{StoreName: "Tea House", Currency: c.currency, Locale: c.locale})
		methods, err := s.ShippingMethods(ctx)
		if err != nil || len(methods) != 2 {
			t.Fatalf("%s: methods = %+v, %v", c.currency, methods, err)
		}
		if m := methods[0]; m.Kind != ShippingFlat || m.Price != c.price || m.Name.Default != c.flatName || !m.Active {
			t.Errorf("%s: flat method = %+v", c.currency, m)
		}
		if m := methods[1]; m.Kind != ShippingPickup || !m.Active {
			t.Errorf("%s: second method = %+v", c.currency, m)
		}
		if on, _ := s.PaymentMethodsOn(ctx); !slices.Equal(on, []string{PayCOD}) {
			t.Errorf("%s: payment methods = %v, want cash on delivery only (no bank details)", c.currency, on)
		}
		if page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionSetup}); page.Total != 1 ||
			!containsAll(page.Records[0].AfterJSON, `"shipping.flat"`, `"bank_transfer_enabled":"0"`) {
			t.Errorf("%s: setup audit = %+v", c.currency, page.Records)
		}
	}

	// A guest orders with what setup left: no pickup without an address.
	s := newTestStore(t)
	openShop(t, s, SetupInput{StoreName: "Tea House", Currency: "USD", Locale: "en",
		BankTransferInstructions: "Tea Bank · IBAN XX00"})
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "tea", Title: "Tea", Status: StatusActive,
		Variants: []VariantInput{{SKU: "TEA", Price: 1200, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
	tea, _ := s.ProductByHandle(ctx, "tea", false)
	cart, err := s.AddToCart(ctx, "", tea.Variants[0].ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	view, _ := s.CartView(ctx, cart.Token, "en")
	chosen, options, err := s.PriceCheckout(ctx, view, 0)
	if err != nil || len(options) != 1 || chosen.Method.Kind != ShippingFlat || chosen.Pricing.Total != 1700 {
		t.Fatalf("checkout without a shop address = %+v, %d options, %v", chosen, len(options), err)
	}
	if on, _ := s.PaymentMethodsOn(ctx); !slices.Equal(on, []string{PayBankTransfer, PayCOD}) {
		t.Errorf("payment methods with bank details = %v", on)
	}
	methods, _ := s.ShippingMethods(ctx)
	pickup := checkoutFor(cart.Token, methods[1].ID)
	if _, _, err := s.PlaceOrder(ctx, pickup); err == nil {
		t.Error("a pickup order was placed at a shop without an address")
	}
	if err := s.SetSetting(ctx, SettingAddress, "1 Tea Street"); err != nil {
		t.Fatal(err)
	}
	if _, options, _ := s.PriceCheckout(ctx, view, 0); len(options) != 2 {
		t.Errorf("options with a shop address = %d, want 2", len(options))
	}
	pickup.PaymentMethod = PayCOD
	o, _, err := s.PlaceOrder(ctx, pickup)
	if err != nil || o.ShippingKind != ShippingPickup || o.Total != 1200 {
		t.Fatalf("guest pickup order = %+v, %v", o, err)
	}
}

// TestFirstOwnerKeepsExistingShipping: a shop that already has methods
// (the demo's, or the owner's own) keeps exactly those, and later owners
// add nothing.
func TestFirstOwnerKeepsExistingShipping(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	flatShipping(t, s)
	if _, err := s.CreateOwnerIfNone(ctx, Actor{}, StaffInput{Email: "a@example.com", Password: "a long password"}); err != nil {
		t.Fatal(err)
	}
	if methods, _ := s.ShippingMethods(ctx); len(methods) != 1 || methods[0].Name.Default != "Standard" {
		t.Errorf("methods = %+v, want the shop's own one", methods)
	}
	empty := newTestStore(t)
	if _, err := empty.CreateOwnerIfNone(ctx, Actor{}, StaffInput{Email: "a@example.com", Password: "a long password"}); err != nil {
		t.Fatal(err)
	}
	if _, err := empty.CreateOwnerIfNone(ctx, Actor{}, StaffInput{Email: "b@example.com", Password: "a long password"}); !errors.Is(err, ErrConflict) {
		t.Fatalf("second owner: %v", err)
	}
	if methods, _ := empty.ShippingMethods(ctx); len(methods) != 2 {
		t.Errorf("methods after a first owner and a refused second = %d, want 2", len(methods))
	}
}

// TestNothingToShip: an order of digital items needs no method and no
// address; one physical line brings both back.
func TestNothingToShip(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	f.save(t, ProductInput{Handle: "ebook", Title: "Tea Book (PDF)", Status: StatusActive,
		Variants: []VariantInput{{SKU: "BOOK", Price: 900, Stock: 100, NoShipping: true}}})
	book, _ := f.s.ProductByHandle(ctx, "ebook", false)
	if !book.Variants[0].NoShipping {
		t.Fatal("variant lost its no-shipping flag")
	}
	token := f.add(t, "", book.Variants[0].ID, 2).Token
	view := f.view(t, token)
	if chosen, options, err := f.s.PriceCheckout(ctx, view, ship); err != nil || !chosen.NothingToShip ||
		len(options) != 0 || chosen.Pricing.Shipping != 0 || chosen.Pricing.Total != 1800 {
		t.Fatalf("digital checkout = %+v, %d options, %v", chosen, len(options), err)
	}
	in := CheckoutInput{CartToken: token, CheckoutToken: NewCheckoutToken(), PaymentMethod: PayBankTransfer,
		Address: Address{Email: "ana@example.com", Name: "Ana"}}
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if o.ShippingKind != ShippingNone || o.Shipping != 0 || o.Total != 1800 {
		t.Errorf("digital order = kind %q shipping %d total %d", o.ShippingKind, o.Shipping, o.Total)
	}

	// A form that still names a method (the cart held a shirt when the
	// page was drawn) asks for no address either, and ships nothing.
	token = f.add(t, "", book.Variants[0].ID, 1).Token
	in = CheckoutInput{CartToken: token, CheckoutToken: NewCheckoutToken(), PaymentMethod: PayBankTransfer,
		Address: Address{Email: "ana@example.com", Name: "Ana"}, ShippingMethodID: ship}
	if o, _, err = f.s.PlaceOrder(ctx, in); err != nil || o.ShippingKind != ShippingNone || o.Shipping != 0 {
		t.Fatalf("digital order from a form naming a method = %+v, %v", o, err)
	}

	// A shirt in the cart: a method and an address are needed again.
	token = f.add(t, "", book.Variants[0].ID, 1).Token
	f.add(t, token, f.big, 1)
	in = CheckoutInput{CartToken: token, CheckoutToken: NewCheckoutToken(), PaymentMethod: PayBankTransfer,
		Address: Address{Email: "ana@example.com", Name: "Ana"}}
	_, _, err = f.s.PlaceOrder(ctx, in)
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["shipping_method"] == "" {
		t.Fatalf("mixed cart without a method = %v", err)
	}
	in.ShippingMethodID = ship
	if _, _, err = f.s.PlaceOrder(ctx, in); !errors.As(err, &verr) || verr.Fields["address_line1"] == "" {
		t.Fatalf("mixed cart without an address = %v", err)
	}
}

// TestSetupGuide: each step ticks from the shop's data alone.
func TestSetupGuide(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	openShop(t, s, SetupInput{StoreName: "Tea House", Currency: "USD", Locale: "en", PublicURL: "http://shop.example"})
	done := func(facts SetupFacts) map[string]bool {
		t.Helper()
		g, err := s.SetupGuide(ctx, facts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, st := range g.Steps {
			m[st.Name] = st.Done
		}
		return m
	}
	for step, d := range done(SetupFacts{}) {
		if d {
			t.Errorf("step %s done on a new shop", step)
		}
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "tea", Title: "Tea", Status: StatusActive,
		Variants: []VariantInput{{Price: 100}}}); err != nil {
		t.Fatal(err)
	}
	methods, _ := s.ShippingMethods(ctx)
	if _, err := s.UpdateShippingMethod(ctx, Actor{}, methods[0].ID, methods[0].Version, ShippingMethodInput{
		Name: Plain("Post"), Kind: ShippingFlat, Price: 700, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordTestEmail(ctx); err != nil {
		t.Fatal(err)
	}
	got := done(SetupFacts{})
	for _, step := range []string{StepProducts, StepShipping, StepPayments, StepTestEmail} {
		if !got[step] {
			t.Errorf("step %s not done: %v", step, got)
		}
	}
	if got[StepPublicURL] || got[StepBackup] {
		t.Errorf("an http:// address or no backup ticked: %v", got)
	}
	if _, err := s.TakeBackup(ctx, Actor{}, true); err != nil {
		t.Fatal(err)
	}
	if got := done(SetupFacts{BaseURL: "https://shop.example"}); !got[StepPublicURL] || !got[StepBackup] {
		t.Errorf("https base URL and a backup: %v", got)
	}
	g, _ := s.SetupGuide(ctx, SetupFacts{})
	if !g.Shown() {
		t.Error("an unfinished guide is not shown")
	}
	if err := s.HideSetupGuide(ctx); err != nil {
		t.Fatal(err)
	}
	if g, _ := s.SetupGuide(ctx, SetupFacts{}); g.Shown() {
		t.Error("a dismissed guide is still shown")
	}
}

// TestLaunchSettings: the public address is a bare origin; closing the
// shop needs a password, which only it matches.
func TestLaunchSettings(t *testing.T) {
	for in, want := range map[string]string{
		"shop.example.com":           "https://shop.example.com",
		" HTTPS://Shop.Example.com/": "https://shop.example.com",
		"http://localhost:8080":      "http://localhost:8080",
		"":                           "",
	} {
		if got, ok := NormalizePublicURL(in); !ok || got != want {
			t.Errorf("NormalizePublicURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"ftp://shop.example", "https://shop.example/shop", "https://user@shop.example",
		"https://shop.example?x=1", "https://", "javascript:alert(1)"} {
		if got, ok := NormalizePublicURL(bad); ok {
			t.Errorf("NormalizePublicURL(%q) = %q, accepted", bad, got)
		}
	}

	ctx := context.Background()
	s := newTestStore(t)
	var verr *ValidationError
	err := s.SaveLaunchSettings(ctx, Actor{}, 1, LaunchSettings{PublicURL: "shop.example", Closed: true})
	if !errors.As(err, &verr) || verr.Fields[SettingShopPassword] != "setup.error.shop_password_needed" {
		t.Fatalf("closing without a password = %v", err)
	}
	if err := s.SaveLaunchSettings(ctx, Actor{}, 1, LaunchSettings{PublicURL: "shop.example", Closed: true, Password: "tea time"}); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(ctx)
	if !st.ShopClosed || st.PublicURL != "https://shop.example" {
		t.Errorf("settings = closed %v, url %q", st.ShopClosed, st.PublicURL)
	}
	for pw, want := range map[string]bool{"tea time": true, " tea time ": true, "tea": false, "": false} {
		if ok, _ := s.ShopPasswordMatches(ctx, pw); ok != want {
			t.Errorf("password %q matches = %v", pw, ok)
		}
	}
	// Saving again with the password left blank keeps it.
	if err := s.SaveLaunchSettings(ctx, Actor{}, st.Version(SectionLaunch), LaunchSettings{Closed: true}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.ShopPasswordMatches(ctx, "tea time"); !ok {
		t.Error("a blank password field dropped the stored one")
	}
	page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionSettingsUpdate})
	if page.Total == 0 {
		t.Fatal("launch settings were not audited")
	}
	for _, r := range page.Records {
		if containsAll(r.AfterJSON, "tea time") {
			t.Errorf("the audit log shows the shop password: %s", r.AfterJSON)
		}
	}
}
