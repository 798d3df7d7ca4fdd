package admin_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// TestAdminShippedUnpaidOrderHasNoDeadline: an unpaid bank-transfer
// order's payment box says when it is cancelled if still unpaid. Once a
// shirt of it ships it never expires: the box no longer says so, and
// still offers to record the payment.
func TestAdminShippedUnpaidOrderHasNoDeadline(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	path := adminviews.OrderURL(o.ID)
	box := func() *goquery.Selection {
		return shop.Get(path).Doc(t).Find(`section[aria-labelledby="order-payment"]`)
	}
	deadline := i18n.TL("en", "admin.order.expires_at")
	if !strings.Contains(box().Text(), deadline) {
		t.Fatal("the unpaid order does not say when it is cancelled")
	}
	shipOneShirt(t, shop, o)
	if b := box(); strings.Contains(b.Text(), deadline) || b.Find(`form[action="`+path+`/paid"]`).Length() != 1 {
		t.Errorf("the partly shipped order's payment box reads %q", b.Text())
	}
}

// TestAdminNotChargedIsNoRefund: the shop ships one shirt of an unpaid
// bank-transfer order, cancels the other shirt and the tea, and the
// customer pays the rest. Nothing was refunded: the order reads paid in
// its header, its payment box, the order list (and its payment filter)
// and the dashboard, which say instead what was not charged; the returns
// list shows no refund for the cancellation, and the lines no "Paid" for
// items never paid. A real refund afterwards (the shipped shirt comes
// back) reads as one, against what was charged.
func TestAdminNotChargedIsNoRefund(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	shipOneShirt(t, shop, o)
	id, err := shop.Store.CancelUnshipped(ctx, store.Actor{}, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	cancelled, err := shop.Store.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	uncollected := cancelled.Quote.Total
	path := adminviews.OrderURL(o.ID)
	paidLabel := i18n.TL("en", "admin.orders.payment.paid")

	doc := shop.Get(path).Doc(t)
	if got := doc.Find("[data-payment]").AttrOr("data-payment", ""); got != store.PaymentPaid {
		t.Errorf("the order's header reads %q, want paid", got)
	}
	if got := doc.Find("[data-payment-status]").Text(); got != paidLabel {
		t.Errorf("the payment box reads %q, want %q", got, paidLabel)
	}
	if got := doc.Find("[data-order-net]").AttrOr("data-order-net", ""); got != itoa(o.Total-uncollected) {
		t.Errorf("net payment %s, want %d", got, o.Total-uncollected)
	}
	lines := doc.Find(".admin-order-lines")
	if got := lines.Find("[data-line-amount]").AttrOr("data-line-amount", ""); got != "admin.order.line_net" {
		t.Errorf("the lines' amounts are headed %q", got)
	}
	lines.Find("td[data-label]").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("data-label", "") == i18n.TL("en", "admin.order.line_paid") {
			t.Errorf("a line says it was paid %q", s.Text())
		}
	})

	row := func(page string) *goquery.Selection {
		return shop.Get(page).Doc(t).Find(`tr[data-order-id="` + itoa(o.ID) + `"]`)
	}
	for _, page := range []string{"/admin/orders", "/admin"} {
		r := row(page)
		if r.Length() != 1 || r.Find("[data-payment]").AttrOr("data-payment", "") != store.PaymentPaid ||
			r.Find("[data-refunded]").Length() != 0 || r.Find("[data-not-charged]").AttrOr("data-not-charged", "") != itoa(uncollected) {
			t.Errorf("%s lists the order as %q", page, strings.Join(strings.Fields(r.Text()), " "))
		}
	}
	for payment, listed := range map[string]int{store.PaymentPaid: 1, store.PaymentPartlyRefunded: 0, store.PaymentRefunded: 0} {
		if got := row("/admin/orders?payment=" + url.QueryEscape(payment)).Length(); got != listed {
			t.Errorf("the filter %s lists the order %d times, want %d", payment, got, listed)
		}
	}
	refund := shop.Get("/admin/returns").Doc(t).Find(`tr[data-return-id="` + itoa(id) + `"] [data-refund]`)
	if refund.AttrOr("data-refund", "") != "0" || strings.TrimSpace(refund.Text()) != "—" {
		t.Errorf("the returns list has the cancellation refund %q", refund.Text())
	}

	// The shipped shirt comes back and is refunded: money did go back.
	ret, err := shop.Store.RequestReturn(ctx, shop.Order(o.Number), 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "damaged", Resolution: store.ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	staff := store.Actor{Email: "owner@example.com"}
	if err := shop.Store.ApproveReturn(ctx, staff, ret, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, staff, ret, nil); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.RefundReturn(ctx, staff, ret, "bank_transfer", ""); err != nil {
		t.Fatal(err)
	}
	back, err := shop.Store.ReturnByID(ctx, ret)
	if err != nil {
		t.Fatal(err)
	}
	want := store.FinancialStatus(store.PaymentPaid, o.Total-uncollected, back.RefundAmount)
	if want == store.PaymentPaid {
		t.Fatalf("the shirt's refund of %d reads as no refund", back.RefundAmount)
	}
	r := row("/admin/orders")
	if r.Find("[data-payment]").AttrOr("data-payment", "") != want || r.Find("[data-refunded]").AttrOr("data-refunded", "") != itoa(back.RefundAmount) {
		t.Errorf("after the shirt's refund the list reads %q, want %s with %d refunded", strings.Join(strings.Fields(r.Text()), " "), want, back.RefundAmount)
	}
	if got := shop.Get(path).Doc(t).Find("[data-order-net]").AttrOr("data-order-net", ""); got != itoa(o.Total-uncollected-back.RefundAmount) {
		t.Errorf("net payment after the refund %s, want %d", got, o.Total-uncollected-back.RefundAmount)
	}
}
