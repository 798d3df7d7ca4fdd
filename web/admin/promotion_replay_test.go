package admin_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminReplayPricesEachOrderForItsShopper: "over the last 30 days"
// replays each order for its shopper as they were. Ana, a guest, placed
// three orders and Bo, a Silver member, two: a first-order coupon would
// have gone to the first of each; a Silver promotion to Bo's two, not to
// Cy's order, placed before she became Silver.
func TestAdminReplayPricesEachOrderForItsShopper(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	ctx := context.Background()
	v := shop.Variants()
	for range 3 {
		shop.Buy(v.Tea, 1, flat) // ana@example.com
	}
	member := func(email, tier string) int64 {
		c, err := shop.Store.Register(ctx, store.RegisterInput{Email: email, Password: webtest.Password, Name: "Member", Locale: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := shop.Store.DB().Exec(`UPDATE customers SET tier_id = (SELECT id FROM member_tiers WHERE name = ?) WHERE id = ?`,
			tier, c.ID); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	order := func(email string, customerID int64) {
		cart, err := shop.Store.AddToCart(ctx, "", v.Tea, 1)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
			CustomerID: customerID, Address: store.Address{Email: email, Name: "Member", AddressLine1: "1 Main St", City: "Town",
				PostalCode: "10001", Country: "US"}, ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer}); err != nil {
			t.Fatal(err)
		}
	}
	bo := member("bo@example.com", "Silver")
	order("bo@example.com", bo)
	order("bo@example.com", bo)
	cy := member("cy@example.com", "Silver")
	order("cy@example.com", cy)
	// Cy became Silver after her order.
	if _, err := shop.Store.DB().Exec(`INSERT INTO customer_tier_history (customer_id, from_tier_id, to_tier_id, spend, reason, created_at)
		VALUES (?, NULL, (SELECT id FROM member_tiers WHERE name = 'Silver'), 0, 'test', ?)`, cy, shop.Clock.Now().Add(time.Minute).Unix()); err != nil {
		t.Fatal(err)
	}
	shop.Clock.Advance(2 * time.Minute)
	shop.LoginAs(store.RoleOwner)

	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"first order only", couponForm(), "3"},
		{"Silver only", url.Values{"kind": {"automatic"}, "name": {"Silver week"}, "type": {"percent"}, "value": {"5"},
			"tier": {"Silver"}}, "2"},
	} {
		id := promotionID(t, shop.Post("/admin/promotions", tc.form))
		replay := shop.Get("/admin/promotions/" + strconv.FormatInt(id, 10)).Doc(t).Find("[data-replay]")
		if got := replay.AttrOr("data-replay", ""); got != tc.want {
			t.Errorf("%s: %s of the 6 orders qualified (%q), want %s", tc.name, got, replay.Text(), tc.want)
		}
	}
}
