package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminReadsAChineseOrderInItsOwnLanguage: a shopper orders in
// Chinese; staff read the order page, the packing slip and the return in
// the admin's language, and the orders CSV names the items and the method
// in the shop's, as for every other order.
func TestAdminReadsAChineseOrderInItsOwnLanguage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	ship, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Standard").With("zh", "标准配送"), Kind: store.ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	week := shop.AddPromotion(webtest.Promotion{Name: "Tea week", Type: "percent", Value: 1000, Combines: true})
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value)
		VALUES (?, ?, ?, 'zh', '茶叶周')`, store.EntityPromotion, week, store.FieldName); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()
	cart, err := shop.Store.AddToCart(ctx, "", shop.Variants().Tea, 2)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "wang@example.com", Name: "王芳", AddressLine1: "1 Main St", City: "Springfield",
			PostalCode: "12345", Country: "US"},
		ShippingMethodID: ship.ID, PaymentMethod: store.PayBankTransfer, Locale: "zh",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Lines[0].ProductTitle + " " + o.ShippingMethod + " " + o.Discounts[0].Code; got != "龙井绿茶 标准配送 茶叶周" {
		t.Fatalf("the shopper's order reads %q, want it in Chinese", got)
	}

	path := "/admin/orders/" + itoa(o.ID)
	for _, c := range []struct {
		lang, want, not string
	}{
		{"en", "Dragon Well Tea|Tea week|Standard", "龙井绿茶|茶叶周|标准配送"},
		{"zh-CN", "龙井绿茶|茶叶周|标准配送", "Dragon Well Tea|Tea week|Standard"},
	} {
		res := shop.Get(path, "Accept-Language", c.lang)
		if res.Status != http.StatusOK {
			t.Fatalf("order page in %s = %d", c.lang, res.Status)
		}
		lines := res.Doc(t).Find(".admin-order-lines").Text() + res.Doc(t).Find(".admin-order-totals").Text()
		for _, want := range strings.Split(c.want, "|") {
			if !strings.Contains(lines, want) {
				t.Errorf("order page in %s lacks %q:\n%s", c.lang, want, lines)
			}
		}
		for _, not := range strings.Split(c.not, "|") {
			if strings.Contains(lines, not) {
				t.Errorf("order page in %s shows %q", c.lang, not)
			}
		}
	}
	slip := shop.Get(path+"/packing-slip", "Accept-Language", "en").Doc(t).Find(".packing-slip").Text()
	if !strings.Contains(slip, "Dragon Well Tea") || !strings.Contains(slip, "Standard") || strings.Contains(slip, "龙井") ||
		strings.Contains(slip, "标准配送") {
		t.Errorf("English packing slip:\n%s", slip)
	}

	// A refund the shop's form posted with an exchange choice, as it does
	// for every line, shows no exchange.
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{Email: "owner@example.com"}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	id, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Exchange: map[int64]int64{o.Lines[0].ID: shop.Variants().Tea}, Reason: "damaged", Resolution: store.ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	ret := shop.Get("/admin/returns/"+itoa(id), "Accept-Language", "en").Doc(t)
	if got := ret.Find(".admin-table tbody").Text(); !strings.Contains(got, "Dragon Well Tea") || strings.Contains(got, "龙井") {
		t.Errorf("English return page lines:\n%s", got)
	}
	if ret.Find("[data-exchange-for]").Length() != 0 {
		t.Error("a refund shows an exchange")
	}
	for lang, want := range map[string]string{"en": "Dragon Well Tea: 1 of 2 returned", "zh-CN": "龙井绿茶：发货 2 件，退回 1 件"} {
		stats := shop.Get("/admin/returns", "Accept-Language", lang).Doc(t).Find("[data-return-stats] li").Text()
		if stats != want {
			t.Errorf("the returns page in %s counts the products returned most as %q, want %q", lang, stats, want)
		}
	}

	csv := shop.Get("/admin/orders.csv").Body
	if !strings.Contains(csv, "Dragon Well Tea") || !strings.Contains(csv, ",Standard,") || strings.Contains(csv, "龙井") ||
		strings.Contains(csv, "标准配送") {
		t.Errorf("orders CSV:\n%s", csv)
	}
}
