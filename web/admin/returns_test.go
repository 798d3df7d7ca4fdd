package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// placeOrderForReturns places a bank-transfer order of two large linen
// shirts (seedFixture's) for email, straight through the store.
func placeOrderForReturns(s *webtest.Shop, email, name string) *store.Order {
	s.T.Helper()
	ctx := context.Background()
	ship, err := s.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Standard " + email), Kind: store.ShippingFlat, Price: 500, Active: true})
	if err != nil {
		s.T.Fatal(err)
	}
	cart, err := s.Store.AddToCart(ctx, "", s.Variants().ShirtL, 2)
	if err != nil {
		s.T.Fatal(err)
	}
	o, _, err := s.Store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: email, Name: name, AddressLine1: "1 Main St", City: "Springfield",
			PostalCode: "12345", Country: "US"},
		ShippingMethodID: ship.ID, PaymentMethod: store.PayBankTransfer, Locale: "en",
	})
	if err != nil {
		s.T.Fatal(err)
	}
	return o
}

// addReturn asks to return qty of the order's first line, as the returns
// feature will.
func addReturn(s *webtest.Shop, o *store.Order, status, resolution, reason string, qty int64) {
	s.T.Helper()
	now := s.Store.Now().Unix()
	res, err := s.Store.DB().Exec(`INSERT INTO returns (order_id, status, resolution, reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, o.ID, status, resolution, reason, now, now)
	if err != nil {
		s.T.Fatal(err)
	}
	id, _ := res.LastInsertId()
	if _, err := s.Store.DB().Exec(`INSERT INTO return_lines (return_id, order_line_id, quantity) VALUES (?, ?, ?)`,
		id, o.Lines[0].ID, qty); err != nil {
		s.T.Fatal(err)
	}
	s.Clock.Advance(time.Second)
}

func TestAdminReturnsListAndDashboard(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)

	home := shop.Get("/admin").Doc(t)
	if got := home.Find("[data-returns-to-review]").AttrOr("data-returns-to-review", ""); got != "0" {
		t.Errorf("returns to review on an empty shop = %q", got)
	}
	empty := shop.Get("/admin/returns")
	if empty.Status != http.StatusOK {
		t.Fatalf("empty list = %d", empty.Status)
	}
	if got := empty.Doc(t).Find("[data-empty]").Text(); !strings.Contains(got, i18n.TL("en", "admin.returns.empty")) {
		t.Errorf("empty list says %q", got)
	}

	ana := placeOrderForReturns(shop, "ana@example.com", "Ana Lima")
	bo := placeOrderForReturns(shop, "bo@example.com", "Bo Chen")
	addReturn(shop, ana, store.ReturnRequested, store.ResolutionRefund, "Too small", 1)
	addReturn(shop, bo, store.ReturnApproved, store.ResolutionExchange, "Wrong colour", 2)
	addReturn(shop, bo, store.ReturnRequested, store.ResolutionRefund, "Changed my mind", 1)

	// The home counts what waits for a decision and links to exactly that.
	home = shop.Get("/admin").Doc(t)
	if got := home.Find("[data-returns-to-review]").AttrOr("data-returns-to-review", ""); got != "2" {
		t.Errorf("returns to review = %q, want 2", got)
	}
	link := home.Find(`a[href="/admin/returns?status=requested"]`)
	if link.Length() != 1 {
		t.Fatal("no link from the home to the returns to review")
	}
	review := shop.Get(link.AttrOr("href", "")).Doc(t)
	numbers := review.Find("tr[data-return-id]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-order-number", "") })
	if want := []string{bo.Number, ana.Number}; !slices.Equal(numbers, want) {
		t.Errorf("returns to review = %v, want %v", numbers, want)
	}
	first := review.Find("tr[data-return-id]").First().Text()
	for _, want := range []string{"Bo Chen", "bo@example.com", "Changed my mind", "Refund", "To review"} {
		if !strings.Contains(first, want) {
			t.Errorf("row %q lacks %q", first, want)
		}
	}

	row := review.Find(`tr[data-order-number="` + ana.Number + `"]`)
	if got := row.Find(`a[data-return-link]`).AttrOr("href", ""); got != "/admin/returns/"+row.AttrOr("data-return-id", "") {
		t.Errorf("the return does not link to its page: %q", got)
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
		d := shop.Get("/admin/returns" + tc.query).Doc(t)
		got := d.Find("tr[data-return-id]").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-order-number", "") })
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q = %v, want %v", tc.query, got, tc.want)
		}
		if tc.want == nil && !strings.Contains(d.Find("[data-empty]").Text(), i18n.TL("en", "admin.returns.none_match")) {
			t.Errorf("%q: no \"nothing matches\" message", tc.query)
		}
	}
	if res := shop.Get("/admin/returns?status=lost"); res.Status != http.StatusBadRequest {
		t.Errorf("unknown status = %d, want 400", res.Status)
	}

	// Chinese: the list and its statuses are translated.
	zh := shop.Get("/admin/returns", "Accept-Language", "zh-CN").Doc(t)
	if got := zh.Find("h1").Text(); got != i18n.TL("zh", "admin.returns.title") {
		t.Errorf("Chinese title = %q", got)
	}
	if zh.Find(`[data-status=requested]`).First().Text() != i18n.TL("zh", "admin.returns.status.requested") {
		t.Error("the status badge is not translated")
	}
}

// TestAdminSetsTheReturnRules: the owner changes the window and the fee
// from the returns page; a negative fee is a 422 with its message.
func TestAdminSetsTheReturnRules(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	form := url.Values{"window_days": {"14"}, "transit_days": {"2"}, "fee": {"3.50"}, "restocking": {"10"},
		"version": {versionOf(t, shop, "/admin/returns", `form[action="/admin/returns/policy"]`)}}
	if res := shop.Post("/admin/returns/policy", form); res.Status != http.StatusSeeOther {
		t.Fatalf("save = %d", res.Status)
	}
	p, _ := shop.Store.ReturnPolicyOf(context.Background())
	if p != (store.ReturnPolicy{WindowDays: 14, TransitDays: 2, Fee: 350, RestockingBP: 1000}) {
		t.Errorf("saved %+v", p)
	}
	form.Set("fee", "-1")
	if res := shop.Post("/admin/returns/policy", form); res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#policy-fee[aria-invalid]").Length() != 1 {
		t.Errorf("a negative fee = %d", res.Status)
	}
}
