package main

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
)

// placeOrderForReturns places a bank-transfer order of two large linen
// shirts (seedFixture's) for email, straight through the store.
func (s *testShop) placeOrderForReturns(email, name string) *store.Order {
	s.t.Helper()
	ctx := context.Background()
	ship, err := s.store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: "Standard " + email, Kind: store.ShippingFlat, Price: 500, Active: true})
	if err != nil {
		s.t.Fatal(err)
	}
	cart, err := s.store.AddToCart(ctx, "", s.variants().shirtL, 2)
	if err != nil {
		s.t.Fatal(err)
	}
	o, _, err := s.store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: email, Name: name, AddressLine1: "1 Main St", City: "Springfield",
			PostalCode: "12345", Country: "US"},
		ShippingMethodID: ship.ID, PaymentMethod: store.PayBankTransfer, Locale: "en",
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return o
}

// addReturn asks to return qty of the order's first line, as the returns
// feature will.
func (s *testShop) addReturn(o *store.Order, status, resolution, reason string, qty int64) {
	s.t.Helper()
	now := s.store.Now().Unix()
	res, err := s.store.DB().Exec(`INSERT INTO returns (order_id, status, resolution, reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, o.ID, status, resolution, reason, now, now)
	if err != nil {
		s.t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	if _, err := s.store.DB().Exec(`INSERT INTO return_lines (return_id, order_line_id, quantity) VALUES (?, ?, ?)`,
		id, o.Lines[0].ID, qty); err != nil {
		s.t.Fatal(err)
	}
	s.clock.advance(time.Second)
}

func TestAdminReturnsListAndDashboard(t *testing.T) {
	shop := newTestShop(t)
	shop.seedFixture()
	shop.loginAs(store.RoleSupport)

	home := shop.get("/admin").doc(t)
	if got := home.Find("[data-returns-to-review]").AttrOr("data-returns-to-review", ""); got != "0" {
		t.Errorf("returns to review on an empty shop = %q", got)
	}
	empty := shop.get("/admin/returns")
	if empty.status != http.StatusOK {
		t.Fatalf("empty list = %d", empty.status)
	}
	if got := empty.doc(t).Find("[data-empty]").Text(); !strings.Contains(got, i18n.TL("en", "admin.returns.empty")) {
		t.Errorf("empty list says %q", got)
	}

	ana := shop.placeOrderForReturns("ana@example.com", "Ana Lima")
	bo := shop.placeOrderForReturns("bo@example.com", "Bo Chen")
	shop.addReturn(ana, store.ReturnRequested, store.ResolutionRefund, "Too small", 1)
	shop.addReturn(bo, store.ReturnApproved, store.ResolutionExchange, "Wrong colour", 2)
	shop.addReturn(bo, store.ReturnRequested, store.ResolutionRefund, "Changed my mind", 1)

	// The home counts what waits for a decision and links to exactly that.
	home = shop.get("/admin").doc(t)
	if got := home.Find("[data-returns-to-review]").AttrOr("data-returns-to-review", ""); got != "2" {
		t.Errorf("returns to review = %q, want 2", got)
	}
	link := home.Find(`a[href="/admin/returns?status=requested"]`)
	if link.Length() != 1 {
		t.Fatal("no link from the home to the returns to review")
	}
	review := shop.get(link.AttrOr("href", "")).doc(t)
	numbers := review.Find("tr[data-return-id]").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("data-order-number", "") })
	if want := []string{bo.Number, ana.Number}; !slices.Equal(numbers, want) {
		t.Errorf("returns to review = %v, want %v", numbers, want)
	}
	first := review.Find("tr[data-return-id]").First().Text()
	for _, want := range []string{"Bo Chen", "bo@example.com", "Changed my mind", "Refund", "To review"} {
		if !strings.Contains(first, want) {
			t.Errorf("row %q lacks %q", first, want)
		}
	}

	if shop.app.hasAdminRoute("GET /admin/orders/{id}") {
		if got := review.Find(`tr[data-return-id] a[href="/admin/orders/` + itoa(ana.ID) + `"]`).Text(); got != ana.Number {
			t.Errorf("the return does not link to its order: %q", got)
		}
	}

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{bo.Number, bo.Number, ana.Number}},
		{"?q=" + strings.ToLower(ana.Number), []string{ana.Number}},
		{"?q=ANA%40example.com", []string{ana.Number}},
		{"?q=chen&status=approved", []string{bo.Number}},
		{"?status=refunded", nil},
	} {
		d := shop.get("/admin/returns" + tc.query).doc(t)
		got := d.Find("tr[data-return-id]").Map(func(_ int, s *goquerySelection) string { return s.AttrOr("data-order-number", "") })
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q = %v, want %v", tc.query, got, tc.want)
		}
		if tc.want == nil && !strings.Contains(d.Find("[data-empty]").Text(), i18n.TL("en", "admin.returns.none_match")) {
			t.Errorf("%q: no \"nothing matches\" message", tc.query)
		}
	}
	if res := shop.get("/admin/returns?status=lost"); res.status != http.StatusBadRequest {
		t.Errorf("unknown status = %d, want 400", res.status)
	}

	// Chinese: the list and its statuses are translated.
	zh := shop.get("/admin/returns", "Accept-Language", "zh-CN").doc(t)
	if got := zh.Find("h1").Text(); got != i18n.TL("zh", "admin.returns.title") {
		t.Errorf("Chinese title = %q", got)
	}
	if zh.Find(`[data-status=requested]`).First().Text() != i18n.TL("zh", "admin.returns.status.requested") {
		t.Error("the status badge is not translated")
	}
}
