package shop_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestMemberPaysWithPointsAndSeesThem: a member with points sees them at
// checkout with the most the order takes, prices the page with some (the
// no-JavaScript button), places the order paying with them, and finds the
// balance, the tier and the ledger on the account; another customer's
// pages show none of it.
func TestMemberPaysWithPointsAndSeesThem(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	ctx := context.Background()
	ana := newCustomer(t, shop, "ana@example.com")
	newCustomer(t, shop, "bob@example.com")
	if err := shop.Store.AdjustPoints(ctx, store.Actor{Email: "owner@example.com"}, ana.ID, 5000, "Welcome"); err != nil {
		t.Fatal(err)
	}
	signIn(t, shop, "ana@example.com")
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1") // 28.00

	page := shop.Get("/checkout")
	box := page.Doc(t).Find("fieldset[data-points-max]")
	if got := box.AttrOr("data-points-max", ""); got != "1400" { // half of 28.00
		t.Fatalf("points fieldset max = %q, want 1400:\n%s", got, box.Text())
	}
	priced := shop.Post("/checkout/points", checkoutForm(t, page, map[string]string{"redeem_points": "900", "payment_method": "bank_transfer"}))
	if priced.Status != http.StatusOK {
		t.Fatalf("pricing with points = %d", priced.Status)
	}
	if got := priced.Doc(t).Find("[data-points-paid]").AttrOr("data-points-paid", ""); got != "900" {
		t.Fatalf("the summary's points row = %q, want 900 (9.00)", got)
	}
	if got := priced.Doc(t).Find("input[name=redeem_points]").AttrOr("value", ""); got != "900" {
		t.Errorf("the points field kept %q", got)
	}
	// What is not a number of points is said so; more than the order
	// takes is the most it takes, and the page says that too.
	for _, bad := range []string{"250.7", "abc", "-5"} {
		res := shop.Post("/checkout/points", checkoutForm(t, page, map[string]string{"redeem_points": bad}))
		if msg := res.Doc(t).Find("#checkout-redeem_points-error").Text(); res.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, "whole number") {
			t.Errorf("points %q = %d %q, want 422 and a message", bad, res.Status, msg)
		}
	}
	capped := shop.Post("/checkout/points", checkoutForm(t, page, map[string]string{"redeem_points": "5000"}))
	doc := capped.Doc(t)
	if got := doc.Find("input[name=redeem_points]").AttrOr("value", ""); got != "1400" || doc.Find("[data-points-capped]").Length() != 1 {
		t.Errorf("5000 points asked: the field shows %q, capped note %d", got, doc.Find("[data-points-capped]").Length())
	}
	o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, priced, nil)))
	if o.Discount != 900 {
		t.Fatalf("order discount = %d, want 900", o.Discount)
	}

	account := shop.Get("/account").Doc(t).Find("[data-points-balance]")
	if account.AttrOr("data-points-balance", "") != "4100" || account.AttrOr("data-member-tier", "") != "Standard" {
		t.Errorf("account says balance %q, tier %q", account.AttrOr("data-points-balance", ""), account.AttrOr("data-member-tier", ""))
	}
	points := shop.Get("/account/points", "Accept-Language", "zh-CN")
	doc = points.Doc(t)
	if doc.Find("[data-ledger-kind=redeem]").Length() != 1 || doc.Find("[data-ledger-kind=adjust]").Length() != 1 {
		t.Errorf("ledger rows: %s", doc.Find(".account-ledger").Text())
	}
	if !strings.Contains(doc.Find("[data-tier-next]").Text(), "银卡会员") {
		t.Errorf("the next tier in Chinese: %q", doc.Find("[data-tier-next]").Text())
	}

	bob := shop.OtherBrowser()
	signIn(t, bob, "bob@example.com")
	if got := bob.Get("/account/points").Doc(t).Find("[data-points-balance]").AttrOr("data-points-balance", ""); got != "0" {
		t.Errorf("bob's balance = %q", got)
	}
	bob.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	if bob.Get("/checkout").Doc(t).Find("fieldset[data-points-max]").Length() != 0 {
		t.Error("bob, with no points, is offered points")
	}
}

// TestMemberSeesTheirPriceOnTheProductPage: a member price (a flash sale
// for Gold) shows on the product page of a signed-in Gold member, and not
// to a guest.
func TestMemberSeesTheirPriceOnTheProductPage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	gold := newCustomer(t, shop, "gold@example.com")
	if _, err := shop.Store.DB().Exec(`UPDATE customers SET tier_id = (SELECT id FROM member_tiers WHERE name = 'Gold') WHERE id = ?`, gold.ID); err != nil {
		t.Fatal(err)
	}
	// Written before any page reads the live promotions, so none is cached.
	if _, err := shop.Store.DB().Exec(`INSERT INTO promotions (name, kind, code, type, value, rules, tier, created_at, updated_at)
		VALUES ('Gold price', 'automatic', '', 'flash', 2000, '{}', 'Gold', 0, 0)`); err != nil {
		t.Fatal(err)
	}
	price := func(s *webtest.Shop) string {
		t.Helper()
		return s.Get("/products/dragon-well-tea").Doc(t).Find("#price-block .price-current").Text()
	}
	guest := shop.OtherBrowser()
	if got := price(guest); !strings.Contains(got, "28.00") {
		t.Errorf("a guest sees %q, want 28.00", got)
	}
	signIn(t, shop, "gold@example.com")
	if got := price(shop); !strings.Contains(got, "22.40") {
		t.Errorf("a Gold member sees %q, want the member price 22.40", got)
	}
}

// TestPointsGoneBeforeTheOrder: a member prices the checkout with points
// that staff then take off; placing the order is refused with a message
// that says the points are gone (the field it belonged beside is not
// offered without points), and placed again from the page it shows, the
// order goes through without them.
func TestPointsGoneBeforeTheOrder(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	ctx := context.Background()
	ana := newCustomer(t, shop, "ana@example.com")
	staff := store.Actor{Email: "owner@example.com"}
	if err := shop.Store.AdjustPoints(ctx, staff, ana.ID, 500, "Welcome"); err != nil {
		t.Fatal(err)
	}
	signIn(t, shop, "ana@example.com")
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	priced := shop.Post("/checkout/points", checkoutForm(t, shop.Get("/checkout"), map[string]string{"redeem_points": "500", "payment_method": "bank_transfer"}))
	if err := shop.Store.AdjustPoints(ctx, staff, ana.ID, -500, "Taken back"); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []struct{ accept, want string }{{"zh-CN", "积分已不在账户中"}, {"en", "no longer in your account"}} {
		res := shop.Post("/checkout", checkoutForm(t, priced, nil), "Accept-Language", lang.accept)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("an order with points gone = %d, want 422", res.Status)
		}
		if got := res.Doc(t).Find("[data-points-gone]").Text(); !strings.Contains(got, lang.want) {
			t.Errorf("in %s the page says %q, want %q", lang.accept, got, lang.want)
		}
		if lang.accept == "en" {
			o := placedOrder(t, shop, shop.Post("/checkout", checkoutForm(t, res, nil)))
			if o.Discount != 0 {
				t.Errorf("the order placed again took %d off, want no points", o.Discount)
			}
		}
	}
}
