package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestAdminTakesAReturnThroughItsSteps: approve with instructions (a
// second approve is a 409), receive with a damaged line (not restocked),
// refund once; a reject without a reason is a 422 with its message; the
// shopper's page follows.
func TestAdminTakesAReturnThroughItsSteps(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shop.SeedOrder()
	ctx := context.Background()
	shop.Store.MarkPaid(ctx, store.Actor{}, o.ID)
	o, id := shop.ShipAndReturnOne(o)
	line := o.Lines[0]
	shop.LoginAs(store.RoleOwner)
	page := adminviews.ReturnURL(id)
	if got := shop.Get(page); got.Status != http.StatusOK || got.Doc(t).Find("[data-return-status]").AttrOr("data-return-status", "") != "requested" {
		t.Fatalf("return page = %d", got.Status)
	}
	res := shop.Post(page+"/reject", url.Values{"reject_reason": {""}})
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find(".field-error").Length() == 0 {
		t.Errorf("reject without a reason = %d", res.Status)
	}
	// The summary's link leads to the message beside the field.
	if got := problemLinks(t, res); len(got) != 1 || got[0] != "reject_reason" {
		t.Errorf("the summary links to %v, want the reason", got)
	}
	if res := shop.Post(page+"/approve", url.Values{"instructions": {"Send to 1 Rua Augusta"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("approve = %d", res.Status)
	}
	if res := shop.Post(page+"/approve", nil); res.Status != http.StatusConflict ||
		!strings.Contains(res.Doc(t).Find("[data-conflict]").Text(), "it is Approved") {
		t.Errorf("approving twice = %d %q", res.Status, res.Doc(t).Find("[data-conflict]").Text())
	}
	stock := shop.VariantStock(line.VariantID)
	if res := shop.Post(page+"/receive", url.Values{adminviews.ConditionField(line.ID): {"damaged"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("receive = %d", res.Status)
	}
	if got := shop.VariantStock(line.VariantID); got != stock {
		t.Errorf("a damaged item went back to stock: %d → %d", stock, got)
	}
	if res := shop.Post(page+"/refund", url.Values{"refund_method": {"pigeon"}, "refund_reference": {"TX 42"}}); res.Status != http.StatusUnprocessableEntity ||
		res.Doc(t).Find("#refund_method-error").Text() != "Choose how the money was refunded." {
		t.Errorf("a refund by an unknown method = %d, saying %q", res.Status, res.Doc(t).Find("#refund_method-error").Text())
	}
	if res := shop.Post(page+"/refund", url.Values{"refund_method": {"bank_transfer"}, "refund_reference": {"TX 42"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d", res.Status)
	}
	if res := shop.Post(page+"/refund", url.Values{"refund_method": {"bank_transfer"}}); res.Status != http.StatusConflict {
		t.Errorf("refunding twice = %d", res.Status)
	}
	// The order's page lists the return and its timeline's return events
	// lead to it: staff looking at the order could not get there.
	order := shop.Get(adminviews.OrderURL(o.ID)).Doc(t)
	listed := order.Find("[data-order-returns] [data-return-id]")
	if listed.Length() != 1 || listed.Find("a").AttrOr("href", "") != page || listed.Find("[data-status]").AttrOr("data-status", "") != store.ReturnRefunded ||
		listed.Find("[data-refund]").AttrOr("data-refund", "") != strconv.FormatInt(line.Paid/2, 10) {
		t.Errorf("the order page lists the return as %q", listed.Text())
	}
	for _, kind := range []string{store.EventReturnRequested, store.EventReturnApproved, store.EventReturnReceived, store.EventReturnRefunded} {
		if got := order.Find(`[data-event="`+kind+`"] a`).AttrOr("href", ""); got != page {
			t.Errorf("the timeline's %s links to %q, want %q", kind, got, page)
		}
	}
	guest := shop.OtherBrowser()
	mine := guest.Get("/orders/" + o.Number + "/returns/" + strconv.FormatInt(id, 10) + "?key=" + url.QueryEscape(o.AccessKey))
	box := mine.Doc(t).Find("[data-return-status]")
	if box.AttrOr("data-return-status", "") != "refunded" || box.AttrOr("data-refund-total", "") != strconv.FormatInt(line.Paid/2, 10) {
		t.Errorf("the shopper's page: %q, %q", box.AttrOr("data-return-status", ""), box.AttrOr("data-refund-total", ""))
	}
}

// TestUnpaidOrdersReturnWaitsForPayment: an order shipped before its
// money came (cash on delivery) has nothing to refund yet; the return's
// page says so and sends the owner to the order, and a refund posted
// anyway is refused, until the order is marked paid.
func TestUnpaidOrdersReturnWaitsForPayment(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	o, id := shop.ShipAndReturnOne(shop.SeedOrder()) // not paid
	shop.LoginAs(store.RoleOwner)
	page := adminviews.ReturnURL(id)
	for _, step := range []string{"/approve", "/receive"} {
		if res := shop.Post(page+step, url.Values{adminviews.ConditionField(o.Lines[0].ID): {"resellable"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("%s = %d", step, res.Status)
		}
	}
	doc := shop.Get(page).Doc(t)
	if doc.Find("[data-refund-unpaid]").Length() != 1 || doc.Find(`[data-action="refund"]`).Length() != 0 {
		t.Error("the return of an unpaid order offers a refund")
	}
	res := shop.Post(page+"/refund", url.Values{"refund_method": {"cash"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "not paid yet") {
		t.Fatalf("refund of an unpaid order = %d", res.Status)
	}
	if r, _ := shop.Store.ReturnByID(ctx, id); r.Status != store.ReturnReceived {
		t.Fatalf("after a refused refund the return is %s", r.Status)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if res := shop.Post(page+"/refund", url.Values{"refund_method": {"cash"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund once paid = %d", res.Status)
	}
}
