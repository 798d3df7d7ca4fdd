package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
}
