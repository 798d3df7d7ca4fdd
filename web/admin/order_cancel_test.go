package admin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// cancelForm is the order page's cancel form as shown, its box ticked.
func cancelForm(t *testing.T, res webtest.Response, orderID int64) url.Values {
	t.Helper()
	v := formOf(t, res, `form[action="`+adminviews.OrderURL(orderID)+`/cancel"]`)
	if len(v) == 0 {
		t.Fatalf("no cancel form:\n%s", res.Body)
	}
	v.Set("confirm", "1")
	return v
}

// TestAdminCancelFromAPageShownUnpaid: staff A opens a bank transfer
// order awaiting payment; staff B marks it paid; A cancels from the page
// opened before. The cancel is refused (409) with the order as it stands,
// paid, and why. The form that page shows cancels it, and the payment is
// then owed back: the order page says so and links the refund, Returns
// lists it to refund as the order's cancellation, the shopper's page says
// the refund follows, and the Refund step gives it back.
func TestAdminCancelFromAPageShownUnpaid(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	path := adminviews.OrderURL(o.ID)
	stale := cancelForm(t, shop.Get(path), o.ID)
	if got := stale.Get("payment_status"); got != store.PaymentPending {
		t.Fatalf("the cancel form carries payment_status %q, want %q", got, store.PaymentPending)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{Email: "b@example.com"}, o.ID); err != nil {
		t.Fatal(err)
	}

	refused := shop.Post(path+"/cancel", stale)
	if refused.Status != http.StatusConflict {
		t.Fatalf("cancel from the page shown unpaid = %d, want 409\n%s", refused.Status, refused.Body)
	}
	doc := refused.Doc(t)
	if got := doc.Find("[data-problem]").Text(); !strings.Contains(got, i18n.TL("en", "admin.order.error.cancel_paid_since")) {
		t.Errorf("the 409 does not say the order was paid meanwhile: %q", got)
	}
	if got := doc.Find("[data-payment-status]").AttrOr("data-payment-status", ""); got != store.PaymentPaid {
		t.Errorf("the 409 page shows payment %q, want the order as it stands (paid)", got)
	}
	if got := shop.Order(o.Number); got.Cancelled() {
		t.Fatal("the order was cancelled from a page that showed it unpaid")
	}
	if doc.Find("[data-cancel-refunds]").Length() != 1 {
		t.Error("the paid order's cancel form does not say its payment will be refunded")
	}

	if res := shop.Post(path+"/cancel", cancelForm(t, refused, o.ID)); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel from the page as it stands = %d\n%s", res.Status, res.Body)
	}
	page := shop.Get(path)
	if !strings.Contains(page.Body, i18n.TL("en", "admin.order.notice.cancelled_refund")) {
		t.Error("the notice does not say the payment is to be refunded")
	}
	due := page.Doc(t).Find("[data-refund-due]")
	if got := due.AttrOr("data-refund-due", ""); got != itoa(o.Total) {
		t.Fatalf("refund due %q, want the order's %d\n%s", got, o.Total, page.Body)
	}
	refundPath := due.Find("a").AttrOr("href", "")
	if got := page.Doc(t).Find("[data-order-returns] [data-return-kind]").Text(); !strings.Contains(got, i18n.TL("en", "admin.returns.kind.order_cancelled")) {
		t.Errorf("the order's returns read %q, not as its cancellation", got)
	}

	list := shop.Get("/admin/returns?status=received").Doc(t)
	row := list.Find(`tr[data-order-number="` + o.Number + `"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), i18n.TL("en", "admin.returns.order_cancelled_reason")) ||
		!strings.Contains(row.Text(), i18n.TL("en", "admin.returns.unshipped.status.received")) {
		t.Errorf("Returns to refund list the order as %q", row.Text())
	}

	shopper := shop.OtherBrowser().Get("/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey))
	for _, key := range []string{"order.cancel_refund", "returns.order_cancelled.status.received"} {
		if !strings.Contains(shopper.Body, i18n.TL("en", key)) {
			t.Errorf("the shopper's order page lacks %q", i18n.TL("en", key))
		}
	}

	if res := shop.Post(refundPath+"/refund", url.Values{"refund_method": {"bank_transfer"}, "refund_reference": {"TX-42"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d\n%s", res.Status, res.Body)
	}
	after := shop.Get(path).Doc(t)
	if got := after.Find("[data-payment-status]").Text(); got != i18n.TL("en", "admin.orders.payment.refunded") {
		t.Errorf("after the refund the payment reads %q", got)
	}
	if after.Find("[data-refund-due]").Length() != 0 {
		t.Error("the refund is still shown as due once made")
	}
}

// TestAdminCancelWhileStripeIsDown: a card order's payment page cannot be
// closed while Stripe is unreachable, so the order is not cancelled: the
// page says why, with 503, and the order keeps waiting for its payment.
func TestAdminCancelWhileStripeIsDown(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	shop := webtest.New(t, webtest.WithStripe(dead.URL))
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	if err := shop.Store.SetSetting(ctx, store.SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	o := shop.PlaceOrder("en", store.PayStripe, flat)
	if err := shop.Store.SetStripeSession(ctx, o.ID, "cs_test_open"); err != nil {
		t.Fatal(err)
	}
	path := adminviews.OrderURL(o.ID)
	res := shop.Post(path+"/cancel", cancelForm(t, shop.Get(path), o.ID))
	if res.Status != http.StatusServiceUnavailable {
		t.Fatalf("cancel with Stripe down = %d, want 503\n%s", res.Status, res.Body)
	}
	if got := res.Doc(t).Find("[data-problem]").Text(); !strings.Contains(got, i18n.TL("en", "admin.order.error.cancel_stripe")) {
		t.Errorf("the 503 page says %q", got)
	}
	if got := shop.Order(o.Number); !got.AwaitingPayment() {
		t.Errorf("the order is %s/%s, want still awaiting payment", got.Status, got.PaymentStatus)
	}
}
