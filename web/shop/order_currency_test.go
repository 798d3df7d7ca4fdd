package shop_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestOrderPagesKeepTheOrdersCurrency: the shop changes its currency
// from dollars to yen after an order. The order's page, its return's page
// and the bank details it asks the shopper to pay by still say dollars,
// the amounts charged; read in the shop's new currency they said ¥3,600
// for a $36.00 order, and the shopper would have transferred that.
func TestOrderPagesKeepTheOrdersCurrency(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.SeedFixture()
	o, rid := shop.ShipAndReturnOne(shop.SeedOrder())
	if err := shop.Store.SetSetting(ctx, store.SettingCurrency, "JPY"); err != nil {
		t.Fatal(err)
	}
	key := "?key=" + url.QueryEscape(o.AccessKey)
	dollars := "$" + strconv.FormatInt(o.Total/100, 10) + "."
	for _, path := range []string{"/orders/" + o.Number + key, "/zh-cn/orders/" + o.Number + key,
		"/orders/" + o.Number + "/returns/" + strconv.FormatInt(rid, 10) + key} {
		page := shop.Get(path)
		if page.Status != 200 {
			t.Fatalf("%s = %d", path, page.Status)
		}
		body := page.Doc(t).Find("main").Text()
		if strings.Contains(body, "¥") {
			t.Errorf("%s shows yen for a dollar order", path)
		}
		if !strings.Contains(body, "$") {
			t.Errorf("%s shows no dollar amount", path)
		}
	}
	if body := shop.Get("/orders/" + o.Number + key).Doc(t).Find("main").Text(); !strings.Contains(body, dollars) {
		t.Errorf("the order page does not ask for %s…", dollars)
	}

	shop.LoginAs(store.RoleOwner)
	for _, path := range []string{"/admin/orders/" + strconv.FormatInt(o.ID, 10), "/admin/returns/" + strconv.FormatInt(rid, 10)} {
		if body := shop.Get(path).Doc(t).Find("main").Text(); strings.Contains(body, "¥") {
			t.Errorf("%s shows yen for a dollar order", path)
		}
	}

	// Refunded, the return's row in the admin's list says dollars too
	// (the list's totals are the shop's, in its currency now).
	actor := store.Actor{Email: "owner@example.com"}
	if _, err := shop.Store.MarkPaid(ctx, actor, o.ID); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ApproveReturn(ctx, actor, rid, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, actor, rid, nil); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.RefundReturn(ctx, actor, rid, "bank_transfer", ""); err != nil {
		t.Fatal(err)
	}
	if cell := shop.Get("/admin/returns").Doc(t).Find("td[data-refund]").First().Text(); !strings.Contains(cell, "$") || strings.Contains(cell, "¥") {
		t.Errorf("the returns list shows the refund as %q", strings.TrimSpace(cell))
	}
}
