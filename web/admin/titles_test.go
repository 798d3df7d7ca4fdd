package admin_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestItemPagesNameTheItemInTheirTitle: an email's, a staff member's and
// a return's pages are titled with what their heading says, as an order's and a
// product's are, so that open tabs can be told apart.
func TestItemPagesNameTheItemInTheirTitle(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en", "en")
	e := shop.OrderEmail(orders[0], store.EmailOrderConfirmation)
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{}, orders[1].ID); err != nil {
		t.Fatal(err)
	}
	_, returnID := shop.ShipAndReturnOne(orders[1])
	helper := shop.AddStaff(store.RoleSupport)
	shop.LoginAs(store.RoleOwner)
	for path, want := range map[string]string{
		"/admin/emails/" + itoa(e.ID):      orders[0].Number,
		"/admin/staff/" + itoa(helper.ID):  helper.Name,
		"/admin/returns/" + itoa(returnID): orders[1].Number,
	} {
		doc := shop.Get(path).Doc(t)
		title, heading := doc.Find("title").Text(), strings.TrimSpace(doc.Find("h1").Text())
		if !strings.Contains(heading, want) || !strings.HasPrefix(title, heading) {
			t.Errorf("%s: title %q, heading %q; want the title to start with the heading, which names %q", path, title, heading, want)
		}
	}
}
