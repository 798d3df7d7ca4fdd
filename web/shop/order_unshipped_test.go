package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// cancelledRest places SeedOrder's order (two large shirts and a tea)
// paid by method (cod stays unpaid), ships one shirt and cancels the rest
// as staff would, and returns the order and the cancellation's id.
func cancelledRest(t *testing.T, shop *webtest.Shop, method string) (*store.Order, int64) {
	t.Helper()
	ctx := context.Background()
	flat, _ := shop.AddShipping()
	o := shop.PlaceOrder("en", method, flat)
	if method != store.PayCOD {
		if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
	id, err := shop.Store.CancelUnshipped(ctx, store.Actor{Email: "owner@example.com"}, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return shop.Order(o.Number), id
}

// TestOrderPageShowsItemsCancelledBeforeShipping: after the shop cancels
// the shirt and the tea it could not ship, the guest's order page says, in
// both languages, how much of each line shipped and was cancelled, lists
// the cancellation as the shop's (not a return the shopper asked for) and
// puts it on the history; its page reads as a cancellation, with its
// refund and nothing to send back. The shipped shirt can still be
// returned; the cancelled units cannot.
func TestOrderPageShowsItemsCancelledBeforeShipping(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o, id := cancelledRest(t, shop, store.PayBankTransfer)
	key := "?key=" + url.QueryEscape(o.AccessKey)
	for _, c := range []struct{ lang, prefix, shirt, tea, byShop, asked string }{
		{"en", "", "1 of 2 shipped · 1 cancelled", "1 cancelled", "Cancelled by the shop on", "Asked on"},
		{"zh", "/zh-cn", "已发货 1 / 2 件 · 已取消 1 件", "已取消 1 件", "由本店取消", "申请"},
	} {
		doc := shop.Get(c.prefix + "/orders/" + o.Number + key).Doc(t)
		lines := doc.Find("[data-line-cancelled]")
		if lines.Length() != 2 || lines.Eq(0).Text() != c.shirt || lines.Eq(1).Text() != c.tea {
			t.Errorf("%s: the lines say %q", c.lang, lines.Text())
		}
		returns := doc.Find("[data-order-returns]")
		if got := returns.Find("h2").Text(); got != i18n.TL(c.lang, "order.returns_and_cancelled") {
			t.Errorf("%s: the returns are headed %q", c.lang, got)
		}
		item := returns.Find(`[data-return-kind="unshipped"]`)
		wantStatus := i18n.TL(c.lang, "returns.unshipped.status.received")
		if link := item.Find("a").Text(); !strings.Contains(link, c.byShop) || strings.Contains(link, c.asked) ||
			strings.TrimSpace(item.Find(".order-return-status").Text()) != wantStatus {
			t.Errorf("%s: the cancellation reads %q", c.lang, item.Text())
		}
		if got := doc.Find(".order-timeline").Text(); !strings.Contains(got, i18n.TL(c.lang, "order.event.unshipped_cancelled", 2)) {
			t.Errorf("%s: the history %q", c.lang, got)
		}

		page := shop.Get(c.prefix + "/orders/" + o.Number + "/returns/" + itoa(id) + key)
		if page.Status != http.StatusOK {
			t.Fatalf("%s: the cancellation's page = %d", c.lang, page.Status)
		}
		p := page.Doc(t)
		box := p.Find("[data-return-status]")
		if box.AttrOr("data-return-kind", "") != store.ReturnKindUnshipped || box.AttrOr("data-refund-total", "") != "8000" {
			t.Errorf("%s: the page's hooks %v", c.lang, box.Nodes[0].Attr)
		}
		if h1 := p.Find("h1").Text(); h1 != i18n.TL(c.lang, "returns.unshipped.page_title", o.Number) {
			t.Errorf("%s: headed %q", c.lang, h1)
		}
		text := p.Find(".return-page").Text()
		for _, not := range []string{i18n.TL(c.lang, "returns.instructions"), i18n.TL(c.lang, "returns.quote.shipping"),
			i18n.TL(c.lang, "returns.status.received"), i18n.TL(c.lang, "returns.cancel")} {
			if strings.Contains(text, not) {
				t.Errorf("%s: the cancellation's page says %q", c.lang, not)
			}
		}
		if p.Find("[data-unshipped-intro]").Length() != 1 || !strings.Contains(text, wantStatus) {
			t.Errorf("%s: the page reads %q", c.lang, text)
		}
	}

	form := shop.Get("/orders/" + o.Number + "/returns" + key).Doc(t)
	if got := form.Find(`select[name="` + store.ReturnQtyField(o.Lines[0].ID) + `"] option`).Length(); got != 2 {
		t.Errorf("the shirt offers %d choices, want 0 or 1: one shipped, one cancelled", got)
	}
	if got := form.Find(".return-line-why").Text(); got != i18n.TL("en", "returns.why.unshipped_cancelled") {
		t.Errorf("the tea says %q", got)
	}
	res := shop.Post("/orders/"+o.Number+"/returns"+key, url.Values{store.ReturnQtyField(o.Lines[0].ID): {"2"},
		"reason": {"damaged"}, "resolution": {"refund"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Errorf("returning the cancelled shirt too = %d, want 422", res.Status)
	}
	res = shop.Post("/orders/"+o.Number+"/returns"+key, url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"},
		"reason": {"damaged"}, "resolution": {"refund"}})
	if res.Status != http.StatusSeeOther {
		t.Errorf("returning the shipped shirt = %d, want 303", res.Status)
	}
}

// TestUnpaidOrderCancellationIsNotCharged: cash on delivery not collected,
// the cancellation's page says the shopper will not be charged for the
// items, not that a refund is coming.
func TestUnpaidOrderCancellationIsNotCharged(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o, id := cancelledRest(t, shop, store.PayCOD)
	p := shop.Get("/orders/" + o.Number + "/returns/" + itoa(id) + "?key=" + url.QueryEscape(o.AccessKey)).Doc(t)
	text := p.Find(".return-page").Text()
	for _, want := range []string{i18n.TL("en", "returns.unshipped.status.unpaid"), i18n.TL("en", "returns.unshipped.quote_unpaid"),
		i18n.TL("en", "returns.unshipped.total_unpaid")} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, i18n.TL("en", "returns.unshipped.status.received")) || p.Find("#quote-title").Text() != i18n.TL("en", "returns.unshipped.quote_unpaid") {
		t.Errorf("the unpaid order's cancellation promises a refund:\n%s", text)
	}

	// Paid on delivery, less the cancelled items: nothing was charged for
	// them, so nothing reads as refunded.
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	p = shop.Get("/orders/" + o.Number + "/returns/" + itoa(id) + "?key=" + url.QueryEscape(o.AccessKey)).Doc(t)
	if got := p.Find(".return-status").Text(); got != i18n.TL("en", "returns.unshipped.status.not_charged") ||
		p.Find("#quote-title").Text() != i18n.TL("en", "returns.unshipped.quote_unpaid") {
		t.Errorf("once paid the cancellation reads %q under %q", got, p.Find("#quote-title").Text())
	}
	item := shop.Get("/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)).Doc(t).Find(`[data-return-id="` + itoa(id) + `"]`)
	if got := item.Find(".order-return-status").Text(); got != i18n.TL("en", "returns.unshipped.status.not_charged") {
		t.Errorf("the order page lists the cancellation as %q", got)
	}
}

// TestUnpaidOrderAsksForWhatIsStillDue: once the shop cancelled what it
// could not ship from a cash-on-delivery order, the order's page asks the
// shopper for its total less the cancelled items, as the cancellation
// promises, not for the whole total.
func TestUnpaidOrderAsksForWhatIsStillDue(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o, id := cancelledRest(t, shop, store.PayCOD)
	r, err := shop.Store.ReturnByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	due := i18n.MoneyIn("en", o.Currency, o.Total-r.Quote.Total)
	text := shop.Get("/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)).Doc(t).Find(".order-instructions").Text()
	if want := i18n.TL("en", "order.cod_generic", due); !strings.Contains(text, want) {
		t.Errorf("the order asks %q, want %q", strings.TrimSpace(text), want)
	}
}
