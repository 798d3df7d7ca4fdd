package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestApproverSeesTheExchangesPrices: a shopper asks to exchange a large
// shirt bought at 52.00 for a medium at 49.00; the return's page shows
// both prices. The medium then goes up to 60.00: the page says it costs
// 8.00 more and that approving is refused, and approving is refused with
// that message (422), the return still waiting.
func TestApproverSeesTheExchangesPrices(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	_, id := exchangeForM(t, shop)
	page := adminviews.ReturnURL(id)

	doc := shop.Get(page).Doc(t)
	if got, want := doc.Find("[data-unit-price]").AttrOr("data-unit-price", "")+" → "+
		doc.Find("[data-exchange-price]").AttrOr("data-exchange-price", ""), "5200 → 4900"; got != want {
		t.Errorf("prices shown %q, want %q", got, want)
	}
	if got := doc.Find("[data-exchange-for]").Text(); !strings.Contains(got, "M") {
		t.Errorf("the exchange reads %q, want the medium", got)
	}
	if doc.Find("[data-exchange-dearer], [data-exchange-refused]").Length() != 0 {
		t.Error("an exchange for a cheaper shirt is flagged as dearer")
	}

	if _, err := shop.Store.DB().Exec(`UPDATE variants SET price = 6000 WHERE id = ?`, shop.Variants().ShirtM); err != nil {
		t.Fatal(err)
	}
	doc = shop.Get(page).Doc(t)
	if got := doc.Find("[data-exchange-dearer]"); got.AttrOr("data-exchange-dearer", "") != "800" || !strings.Contains(got.Text(), "8.00 more") {
		t.Errorf("the dearer medium reads %q (%q)", got.Text(), got.AttrOr("data-exchange-dearer", ""))
	}
	if doc.Find("[data-exchange-refused]").Length() != 1 {
		t.Error("the approve form does not say it will be refused")
	}
	res := shop.Post(page+"/approve", url.Values{})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("approving the dearer exchange = %d, want 422", res.Status)
	}
	if msg := res.Doc(t).Find(".return-decide .field-error").Text(); !strings.Contains(msg, "costs more than the item it replaces") {
		t.Errorf("the refusal says %q", msg)
	}
	if got := shop.Get(page).Doc(t).Find("[data-return-status]").AttrOr("data-return-status", ""); got != store.ReturnRequested {
		t.Errorf("after the refusal the return is %q", got)
	}
}
