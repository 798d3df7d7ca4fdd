package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// TestExchangeOffersNoDearerVariant: a guest who bought a medium shirt at
// 49.00 is offered, for an exchange, the shirts at that price (the small,
// sold out, and the medium), not the large at 52.00; posting the large
// anyway comes back with the form and a message beside the line (422),
// and nothing is recorded.
func TestExchangeOffersNoDearerVariant(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	v := shop.Variants()
	ctx := context.Background()
	o := shop.Buy(v.ShirtM, 1, flat)
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	shirt := o.Lines[0]
	post := "/orders/" + o.Number + "/returns?key=" + url.QueryEscape(o.AccessKey)

	choices := shop.Get(post).Doc(t).Find(`select[name="` + store.ExchangeField(shirt.ID) + `"] option`)
	var offered []string
	choices.Each(func(_ int, s *goquery.Selection) { offered = append(offered, s.AttrOr("value", "")) })
	if strings.Join(offered, ",") != itoa(v.ShirtS)+","+itoa(v.ShirtM) {
		t.Errorf("the medium may be exchanged for variants %v, want the small and the medium (%d, %d)", offered, v.ShirtS, v.ShirtM)
	}

	res := shop.Post(post, url.Values{store.ReturnQtyField(shirt.ID): {"1"}, "reason": {"too_small"}, "resolution": {"exchange"},
		store.ExchangeField(shirt.ID): {itoa(v.ShirtL)}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("exchanging for the dearer large = %d, want 422", res.Status)
	}
	if msg := res.Doc(t).Find(".return-line .field-error").Text(); !strings.Contains(msg, "costs more than you paid") {
		t.Errorf("the message beside the line = %q", msg)
	}
	if list, _ := shop.Store.ListReturns(ctx, store.ReturnFilter{}, 1, 10); list.Total != 0 {
		t.Errorf("%d returns recorded", list.Total)
	}
}

// TestRefundShowsNoExchange: the return form posts a variant for every line
// whatever the resolution. A guest asks for a refund of a large shirt with
// the form's medium still chosen: neither their return's page nor the
// admin's shows an exchange, even for a refund recorded before that
// variant was dropped.
func TestRefundShowsNoExchange(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	shirt := o.Lines[0]
	v := shop.Variants()
	res := shop.Post("/orders/"+o.Number+"/returns?key="+url.QueryEscape(o.AccessKey), url.Values{
		store.ReturnQtyField(shirt.ID): {"1"}, "reason": {"too_small"}, "resolution": {"refund"},
		store.ExchangeField(shirt.ID): {itoa(v.ShirtM)}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	page := res.Header.Get("Location")
	id := strings.TrimPrefix(strings.Split(page, "?")[0], "/orders/"+o.Number+"/returns/")
	owner := shop.OtherBrowser()
	owner.LoginAs(store.RoleOwner)
	check := func(when string) {
		t.Helper()
		if got := shop.Get(page).Doc(t).Find(".return-exchange").Text(); got != "" {
			t.Errorf("%s: the refund's page shows an exchange: %q", when, got)
		}
		if got := owner.Get("/admin/returns/" + id).Doc(t).Find("[data-exchange-for]").Text(); got != "" {
			t.Errorf("%s: the admin's page shows an exchange: %q", when, got)
		}
	}
	check("requested now")
	if _, err := shop.Store.DB().Exec(`UPDATE return_lines SET exchange_variant_id = ? WHERE return_id = ?`, v.ShirtM, id); err != nil {
		t.Fatal(err)
	}
	check("requested before")
}
