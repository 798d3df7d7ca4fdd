package shop_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// shipped places SeedOrder's order (two large shirts and a tea), pays
// and ships it, and returns it as stored.
func shipped(t *testing.T, shop *webtest.Shop) *store.Order {
	t.Helper()
	o := shop.SeedOrder()
	ctx := context.Background()
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	return shop.Order(o.Number)
}

// TestGuestReturnsItemsWithThePreview: from a shipped order's page a guest
// (with the order's key) opens the return form, previews the refund of
// one shirt, requests it, follows it on its page and cancels it; the
// wrong key finds nothing, and too many units are refused with a message.
func TestGuestReturnsItemsWithThePreview(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	key := url.QueryEscape(o.AccessKey)
	orderPage := shop.Get("/orders/" + o.Number + "?key=" + key)
	link := orderPage.Doc(t).Find("[data-return-link]").AttrOr("href", "")
	if !strings.HasPrefix(link, "/orders/"+o.Number+"/returns?key=") {
		t.Fatalf("the order page's return link = %q", link)
	}
	form := shop.Get(link)
	if form.Status != http.StatusOK {
		t.Fatalf("return form = %d", form.Status)
	}
	if got := shop.Get("/orders/" + o.Number + "/returns?key=wrong"); got.Status != http.StatusNotFound {
		t.Errorf("the wrong key = %d", got.Status)
	}
	shirt := o.Lines[0]
	field := store.ReturnQtyField(shirt.ID)
	post := "/orders/" + o.Number + "/returns?key=" + key
	preview := shop.Post(post, url.Values{field: {"1"}, "reason": {"too_small"}, "resolution": {"refund"}, "preview": {"1"}})
	if got := preview.Doc(t).Find(".return-quote").AttrOr("data-refund-total", ""); got != itoa(shirt.Paid/2) {
		t.Fatalf("preview refund = %q, want %d:\n%s", got, shirt.Paid/2, preview.Body)
	}
	if got := shop.Post(post, url.Values{field: {"5"}, "reason": {"too_small"}, "resolution": {"refund"}}); got.Status != http.StatusUnprocessableEntity {
		t.Errorf("5 of 2 shirts = %d", got.Status)
	}
	res := shop.Post(post, url.Values{field: {"1"}, "reason": {"too_small"}, "resolution": {"refund"}, "note": {"Size up next time"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	page := shop.Get(res.Header.Get("Location"))
	box := page.Doc(t).Find("[data-return-status]")
	if box.AttrOr("data-return-status", "") != "requested" || box.AttrOr("data-refund-total", "") != itoa(shirt.Paid/2) {
		t.Fatalf("return page: status %q, refund %q", box.AttrOr("data-return-status", ""), box.AttrOr("data-refund-total", ""))
	}
	cancel := page.Doc(t).Find(`form[action*="/cancel"]`).AttrOr("action", "")
	if res := shop.Post(cancel, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.Status)
	}
	if got := shop.Get(res.Header.Get("Location")).Doc(t).Find("[data-return-status]").AttrOr("data-return-status", ""); got != "cancelled" {
		t.Errorf("after cancelling: %q", got)
	}
}

// TestOrderPageListsItsReturns: the order's page lists each return asked
// of it, where it stands and a link to its page, and the amount once
// refunded; an order with none lists nothing. The shopper had no way back
// to a return but the link in its email.
func TestOrderPageListsItsReturns(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	orderPage := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	if n := shop.Get(orderPage).Doc(t).Find("[data-order-returns]").Length(); n != 0 {
		t.Errorf("an order with no return shows %d return lists", n)
	}
	shirt := o.Lines[0]
	res := shop.Post("/orders/"+o.Number+"/returns?key="+url.QueryEscape(o.AccessKey),
		url.Values{store.ReturnQtyField(shirt.ID): {"1"}, "reason": {"damaged"}, "resolution": {"refund"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	item := shop.Get(orderPage).Doc(t).Find("[data-order-returns] [data-return-id]")
	link := item.Find("a").AttrOr("href", "")
	if item.Length() != 1 || item.AttrOr("data-return-status", "") != store.ReturnRequested || link != res.Header.Get("Location") {
		t.Fatalf("the order page lists %d returns, status %q, link %q; want the one asked, requested, linking to %q",
			item.Length(), item.AttrOr("data-return-status", ""), link, res.Header.Get("Location"))
	}
	if got := shop.Get(link).Status; got != http.StatusOK {
		t.Errorf("the listed return's page = %d", got)
	}

	ctx, staff := context.Background(), store.Actor{Email: "owner@example.com"}
	id, _ := strconv.ParseInt(item.AttrOr("data-return-id", ""), 10, 64)
	if err := shop.Store.ApproveReturn(ctx, staff, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, staff, id, map[int64]string{shirt.ID: store.ConditionDamaged}); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.RefundReturn(ctx, staff, id, "bank_transfer", "REF-1"); err != nil {
		t.Fatal(err)
	}
	ret, err := shop.Store.ReturnByID(ctx, id)
	if err != nil || ret.RefundAmount <= 0 {
		t.Fatalf("refunded %+v, %v", ret, err)
	}
	item = shop.Get(orderPage).Doc(t).Find("[data-order-returns] [data-return-id]")
	want := fmt.Sprintf("Refunded $%d.%02d", ret.RefundAmount/100, ret.RefundAmount%100)
	if got := strings.TrimSpace(item.Find(".order-return-status").Text()); item.AttrOr("data-return-status", "") != store.ReturnRefunded || got != want {
		t.Errorf("after the refund the order page says %q (status %q), want %q", got, item.AttrOr("data-return-status", ""), want)
	}
}

// TestOrderPageOffersReturnsWhileTheyCanBeMade: a shipped order's page
// offers to return items, saying until when, while something can go back;
// once the window has closed it says nothing can be returned, where it
// offered a button that led to a page saying so.
func TestOrderPageOffersReturnsWhileTheyCanBeMade(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	page := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	doc := shop.Get(page).Doc(t)
	if doc.Find("[data-return-link]").Length() != 1 || !strings.Contains(doc.Find(".order-return-by").Text(), "You can send items back until") {
		t.Fatalf("within the window: %q", doc.Find(".order-returns").Text())
	}
	shop.Clock.Advance(60 * 24 * time.Hour)
	doc = shop.Get(page).Doc(t)
	if doc.Find("[data-return-link]").Length() != 0 || doc.Find("[data-returns-closed]").Length() != 1 {
		t.Errorf("past the window: %q", doc.Find(".order-returns").Text())
	}
}

// TestReturnFormSentTwice: the form carries a one-time token, kept through
// the preview; sending it twice (a double click) records one return and
// takes one shirt, and both answers go to that return.
func TestReturnFormSentTwice(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	post := "/orders/" + o.Number + "/returns?key=" + url.QueryEscape(o.AccessKey)
	token := shop.Get(post).Doc(t).Find(`form.return-form input[name="return_token"]`).AttrOr("value", "")
	if token == "" {
		t.Fatal("the return form has no one-time token")
	}
	form := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"too_small"}, "resolution": {"refund"},
		"return_token": {token}}
	preview := shop.Post(post, url.Values{"preview": {"1"}, store.ReturnQtyField(o.Lines[0].ID): {"1"},
		"reason": {"too_small"}, "resolution": {"refund"}, "return_token": {token}})
	if got := preview.Doc(t).Find(`input[name="return_token"]`).AttrOr("value", ""); got != token {
		t.Errorf("the preview's token = %q, want %q", got, token)
	}
	first, second := shop.Post(post, form), shop.Post(post, form)
	if first.Status != http.StatusSeeOther || second.Status != http.StatusSeeOther ||
		first.Header.Get("Location") != second.Header.Get("Location") {
		t.Fatalf("twice: %d → %q, %d → %q", first.Status, first.Header.Get("Location"), second.Status, second.Header.Get("Location"))
	}
	var returns, units int
	err := shop.Store.DB().QueryRow(`SELECT count(DISTINCT r.id), sum(l.quantity) FROM returns r
		JOIN return_lines l ON l.return_id = r.id WHERE r.order_id = ?`, o.ID).Scan(&returns, &units)
	if err != nil || returns != 1 || units != 1 {
		t.Errorf("%d returns of %d units, %v; want one of one shirt", returns, units, err)
	}
}

// TestCheckoutAsksToConfirmAnExclusion: a cart with a product excluded
// from no-reason returns shows the notice with a box to tick; the order
// is refused (422, the message by the box) until it is ticked.
func TestCheckoutAsksToConfirmAnExclusion(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	ctx := context.Background()
	tea, _ := shop.Store.ProductByHandle(ctx, "dragon-well-tea", false)
	if err := shop.Store.SetProductReturnRules(ctx, store.Actor{}, tea.ID, store.ProductReturnRules{NoReturnReason: "perishable"}); err != nil {
		t.Fatal(err)
	}
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	page := shop.Get("/checkout")
	box := page.Doc(t).Find("[data-no-return]")
	if box.Length() != 1 || !strings.Contains(box.Text(), "perishable") {
		t.Fatalf("no exclusion notice: %q", box.Text())
	}
	form := checkoutForm(t, page, map[string]string{"payment_method": "bank_transfer", "email": "ana@example.com", "name": "Ana",
		"address_line1": "Rua Augusta 1", "city": "Lisboa", "postal_code": "1100-048", "country": "PT"})
	form.Del("confirm_no_return")
	if res := shop.Post("/checkout", form); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "cannot be returned without a reason") {
		t.Fatalf("unconfirmed = %d", res.Status)
	}
	form.Set("confirm_no_return", "1")
	o := placedOrder(t, shop, shop.Post("/checkout", form))
	if o.Lines[0].NoReturnReason != "perishable" || o.Lines[0].NoReturnConfirmed.IsZero() {
		t.Errorf("the line does not keep the confirmation: %+v", o.Lines[0])
	}
}
