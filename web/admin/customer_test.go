package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestAdminAdjustsAMembersPoints: the customer list marks a member with
// their tier and points and links to the account; there the owner adds
// points with a reason (kept in the ledger), cannot take more than there
// is, and cannot adjust without a reason.
func TestAdminAdjustsAMembersPoints(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	c, err := shop.Store.Register(ctx, store.RegisterInput{Email: "ana@example.com", Password: "correct horse battery", Name: "Ana Lima", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	shop.SeedOrder() // placed by ana@example.com
	shop.LoginAs(store.RoleManager)
	list := shop.Get("/admin/customers").Doc(t)
	link := list.Find(`[data-customer="ana@example.com"] [data-account]`)
	if link.AttrOr("href", "") != adminviews.CustomerURL(c.ID) || !strings.Contains(link.Text(), "Standard") {
		t.Fatalf("member link %q: %q", link.AttrOr("href", ""), link.Text())
	}
	page := adminviews.CustomerURL(c.ID)
	if res := shop.Post(page+"/points", url.Values{"points": {"250"}, "reason": {""}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("no reason = %d", res.Status)
	}
	if res := shop.Post(page+"/points", url.Values{"points": {"abc"}, "reason": {"x"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("not a number = %d", res.Status)
	}
	// Both problems at once, not one a round.
	both := shop.Post(page+"/points", url.Values{"points": {"abc"}, "reason": {""}}).Doc(t)
	if both.Find("#points-error").Length() != 1 || both.Find("#reason-error").Length() != 1 {
		t.Errorf("not a number and no reason: %d and %d messages", both.Find("#points-error").Length(), both.Find("#reason-error").Length())
	}
	if res := shop.Post(page+"/points", url.Values{"points": {"+250"}, "reason": {"Sorry for the delay"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("adjust = %d", res.Status)
	}
	if res := shop.Post(page+"/points", url.Values{"points": {"-300"}, "reason": {"Too much"}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "do not have that many") {
		t.Errorf("taking 300 of 250 = %d", res.Status)
	}
	doc := shop.Get(page).Doc(t)
	if got := doc.Find("[data-points-balance]").AttrOr("data-points-balance", ""); got != "250" {
		t.Errorf("balance = %q", got)
	}
	if row := doc.Find(`[data-ledger-kind=adjust]`); row.Length() != 1 || !strings.Contains(row.Text(), "Sorry for the delay") {
		t.Errorf("ledger row: %q", row.Text())
	}
	if got := shop.Get(adminviews.CustomerURL(c.ID + 100)); got.Status != http.StatusNotFound {
		t.Errorf("an unknown customer = %d", got.Status)
	}

	// Points pay at checkout: the support desk sees them but gives none.
	support := shop.OtherBrowser()
	support.LoginAs(store.RoleSupport)
	if doc := support.Get(page).Doc(t); doc.Find(`form[action$="/points"]`).Length() != 0 {
		t.Error("support is offered the points form")
	}
	if res := support.Post(page+"/points", url.Values{"points": {"99999999"}, "reason": {"test"}}); res.Status != http.StatusForbidden {
		t.Errorf("support giving points = %d, want 403", res.Status)
	}
}

// TestAdminFiltersCustomersBySpendPointsAndRecency: the list keeps the
// members with at least the points or the 12 months' spend asked for, and
// those who ordered recently; a value no form sends is a 400 (amounts
// typed by hand: TestAdminCustomerFiltersAsTyped).
func TestAdminFiltersCustomersBySpendPointsAndRecency(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	rich, _ := shop.Store.Register(ctx, store.RegisterInput{Email: "rich@example.com", Password: "correct horse battery", Name: "Rich", Locale: "en"})
	shop.Store.Register(ctx, store.RegisterInput{Email: "poor@example.com", Password: "correct horse battery", Name: "Poor", Locale: "en"})
	shop.Store.AdjustPoints(ctx, store.Actor{}, rich.ID, 900, "gift")
	shop.SeedOrder() // a guest's order, now
	shop.LoginAs(store.RoleOwner)
	count := func(query string) string {
		t.Helper()
		return shop.Get("/admin/customers?"+query).Doc(t).Find("[data-customer-count]").AttrOr("data-customer-count", "")
	}
	if got := count("min_points=500"); got != "1" {
		t.Errorf("at least 500 points: %s customers", got)
	}
	if got := count("min_spend=1"); got != "0" {
		t.Errorf("members who spent 1.00: %s", got)
	}
	if got := count("ordered=30"); got != "1" {
		t.Errorf("ordered in 30 days: %s", got)
	}
	for _, bad := range []string{"ordered=7", "tier=x"} {
		if got := shop.Get("/admin/customers?" + bad); got.Status != http.StatusBadRequest {
			t.Errorf("%s = %d", bad, got.Status)
		}
	}
}

// TestAdminCustomerPageSpeaksOfTheCustomer: an account without orders or
// points says so about the customer, not in the shopper's "you" words, in
// English and Chinese; the adjustment's reason says the customer sees it.
func TestAdminCustomerPageSpeaksOfTheCustomer(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	c := registerAt(t, shop, "new@example.com", "New Member")
	shop.LoginAs(store.RoleOwner)
	page := adminviews.CustomerURL(c.ID)

	doc := shop.Get(page).Doc(t)
	body := doc.Find("main").Text()
	for _, want := range []string{"No orders yet.", "No points yet."} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	for _, shoppers := range []string{"You have no orders", "your first paid order"} {
		if strings.Contains(body, shoppers) {
			t.Errorf("the page speaks to the owner as the shopper: %q", shoppers)
		}
	}
	if hint := doc.Find("#adjust-reason").Parent().Find(".field-hint").Text(); !strings.Contains(hint, "customer sees") {
		t.Errorf("the reason's field does not say the customer sees it: %q", hint)
	}

	shop.Get("/lang/zh?next=" + page)
	body = shop.Get(page).Doc(t).Find("main").Text()
	if !strings.Contains(body, "还没有订单。") || !strings.Contains(body, "还没有积分。") ||
		strings.Contains(body, "您还没有订单") || strings.Contains(body, "首笔订单付款后") {
		t.Errorf("the Chinese page's empty states: %q", body)
	}
}

// TestAdminPointsFormSentTwice: the owner double-clicks "Adjust" to give
// 100 points for goodwill, then presses Back and sends the same form again.
// The customer is credited once; the second send and the resubmit are the
// page again with why nothing changed, the balance as it stands and the
// form as typed (409), and that form, sent again, is a deliberate second
// credit.
func TestAdminPointsFormSentTwice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	c := registerAt(t, shop, "ana@example.com", "Ana Lima")
	shop.LoginAs(store.RoleOwner)
	page := adminviews.CustomerURL(c.ID)
	pointsForm := func(res webtest.Response) url.Values {
		t.Helper()
		v := url.Values{}
		res.Doc(t).Find(`form[action$="/points"] input`).Each(func(_ int, in *goquery.Selection) {
			v.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
		})
		return v
	}
	balance := func() string {
		t.Helper()
		return shop.Get(page).Doc(t).Find("[data-points-balance]").AttrOr("data-points-balance", "")
	}
	refused := func(res webtest.Response, lang, want string) {
		t.Helper()
		if res.Status != http.StatusConflict {
			t.Fatalf("a send of a form already applied = %d, want 409\n%s", res.Status, res.Body)
		}
		doc := res.Doc(t)
		if got := doc.Find("[data-points-conflict]").Text(); !strings.Contains(got, i18n.TL(lang, "admin.customer.points_conflict")) {
			t.Errorf("the 409 does not say the points changed meanwhile: %q", got)
		}
		if got := doc.Find("[data-points-balance]").AttrOr("data-points-balance", ""); got != want {
			t.Errorf("the 409 page shows a balance of %q, want %s", got, want)
		}
		if v := pointsForm(res); v.Get("points") != "100" || v.Get("reason") != "goodwill" {
			t.Errorf("the 409 page lost what was typed: %v", v)
		}
	}

	form := pointsForm(shop.Get(page))
	form.Set("points", "100")
	form.Set("reason", "goodwill")
	won, lost := wonAndLost(t, postTwice(t, shop, page+"/points", form))
	if won.Header.Get("Location") != page+"?done=points" {
		t.Errorf("the send that counted went to %q", won.Header.Get("Location"))
	}
	refused(lost, "en", "100")
	if got := balance(); got != "100" {
		t.Fatalf("after a double click the balance is %s, want 100", got)
	}

	shop.Get("/lang/zh?next=" + page)
	again := shop.Post(page+"/points", form) // Back, and the same form again
	refused(again, "zh", "100")
	if got := balance(); got != "100" {
		t.Fatalf("after a resubmit the balance is %s, want 100", got)
	}

	if res := shop.Post(page+"/points", pointsForm(again)); res.Status != http.StatusSeeOther {
		t.Fatalf("the form of the page as it stands = %d, want 303\n%s", res.Status, res.Body)
	}
	if got := balance(); got != "200" {
		t.Errorf("after sending it deliberately the balance is %s, want 200", got)
	}
}
