package admin_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminCustomerListCountsGuestsLikeMembers: "12 months' merchandise at
// least" finds a guest who paid, whose row shows that figure; a cancelled
// order is not among the orders; the page says what each figure counts, in
// English and Chinese.
func TestAdminCustomerListCountsGuestsLikeMembers(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	o := shop.SeedOrder() // a guest's, ana@example.com
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	flat, _ := shop.AddShipping()
	cancelled := shop.Buy(shop.Variants().Tea, 1, flat)
	if err := shop.Store.CancelOrder(ctx, store.Actor{}, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)

	merch := o.Total - o.Shipping
	for minSpend, want := range map[int64]int{merch: 1, merch + 1: 0} {
		doc := shop.Get("/admin/customers?" + url.Values{"min_spend": {store.FormatDecimal(minSpend, 2)}}.Encode()).Doc(t)
		if got := doc.Find("tr[data-customer]").Length(); got != want {
			t.Fatalf("at least %d: %d customers, want %d", minSpend, got, want)
		}
		if want == 0 {
			continue
		}
		row := doc.Find(`tr[data-customer="ana@example.com"]`)
		if row.Find("[data-guest]").Length() != 1 || row.Find("[data-spend12]").AttrOr("data-spend12", "") != itoa(merch) ||
			row.Find("[data-spent]").AttrOr("data-spent", "") != itoa(o.Total) || row.Find("[data-orders]").AttrOr("data-orders", "") != "1" {
			t.Errorf("guest row: %q", row.Text())
		}
	}
	for _, lang := range []string{"en", "zh"} {
		doc := shop.Get("/admin/customers", "Accept-Language", lang).Doc(t)
		if got := strings.TrimSpace(doc.Find("[data-customer-figures]").Text()); got != i18n.TL(lang, "admin.customers.figures") {
			t.Errorf("%s: figures explained as %q", lang, got)
		}
		if got := doc.Find(`label[for="customers-min-spend"]`).Text(); got != i18n.TL(lang, "admin.customers.min_spend") {
			t.Errorf("%s: filter label %q", lang, got)
		}
	}
}
