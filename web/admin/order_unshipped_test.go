package admin_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/payment/stripemock"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// shipOneShirt ships one of PlaceOrder's two shirts, leaving a shirt and
// the tea to ship.
func shipOneShirt(t *testing.T, shop *webtest.Shop, o *store.Order) {
	t.Helper()
	if _, err := shop.Store.FulfillOrder(context.Background(), store.Actor{}, o.ID, map[int64]int64{o.Lines[0].ID: 1}, "", ""); err != nil {
		t.Fatal(err)
	}
}

// unshippedReturn is the id of the order's cancellation of what it had
// not shipped, as its page lists it.
func unshippedReturn(t *testing.T, shop *webtest.Shop, orderID int64) int64 {
	t.Helper()
	var id int64
	if err := shop.Store.DB().QueryRow(`SELECT id FROM returns WHERE order_id = ? AND kind = ?`, orderID,
		store.ReturnKindUnshipped).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestAdminCancelsWhatHasNotShipped: of 2 shirts (52.00) and a tea
// (28.00) paid by transfer, one shirt ships and the merchant cannot get
// the rest. The order page offers to cancel the other shirt and the tea,
// showing the 80.00 it gives back; confirmed, their stock comes back, the
// order is shipped with nothing left to ship or cancel (a second click,
// and a parcel after it, are 409 with a reason), the packing slip leaves
// them out, the customer is emailed, and the refund waits on its own
// page. Refunded there, the order reads partly refunded in its payment
// box, its export and the customer list, while the return figures count
// nothing returned.
func TestAdminCancelsWhatHasNotShipped(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	shipOneShirt(t, shop, o)
	path := adminviews.OrderURL(o.ID)
	v := shop.Variants()
	shirts, tea := shop.VariantStock(v.ShirtL), shop.VariantStock(v.Tea)

	doc := shop.Get(path).Doc(t)
	form := doc.Find("[data-cancel-unshipped]")
	lines := form.Find("[data-unshipped-line]").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("data-unshipped-line", "") + "×" + s.AttrOr("data-quantity", "")
	})
	if want := []string{itoa(o.Lines[0].ID) + "×1", itoa(o.Lines[1].ID) + "×1"}; !slices.Equal(lines, want) {
		t.Errorf("the form cancels %v, want %v", lines, want)
	}
	if got := form.Find("[data-unshipped-refund]").AttrOr("data-unshipped-refund", ""); got != "8000" {
		t.Errorf("refund due %q, want 8000 (a shirt's half of 104.00 and the tea's 28.00)", got)
	}
	if doc.Find(`form[action="`+path+`/cancel"]`).Length() != 0 || form.Find(`form[action="`+path+`/cancel-unshipped"]`).Length() != 1 {
		t.Error("the partly shipped order offers the whole cancel, or not the cancel of what has not shipped")
	}

	unconfirmed := shop.Post(path+"/cancel-unshipped", nil)
	if unconfirmed.Status != http.StatusUnprocessableEntity || unconfirmed.Doc(t).Find("#confirm-error").Length() != 1 {
		t.Fatalf("cancel without confirming = %d", unconfirmed.Status)
	}
	res := shop.Post(path+"/cancel-unshipped", url.Values{"confirm": {"1"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path {
		t.Fatalf("cancel unshipped = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	if shop.VariantStock(v.ShirtL) != shirts+1 || shop.VariantStock(v.Tea) != tea+1 {
		t.Errorf("stock %d, %d; want %d, %d", shop.VariantStock(v.ShirtL), shop.VariantStock(v.Tea), shirts+1, tea+1)
	}
	doc = shop.Get(path).Doc(t)
	if !strings.Contains(doc.Find(".notice-success").Text(), i18n.TL("en", "admin.order.notice.unshipped_cancelled")) {
		t.Error("no confirmation after the cancel")
	}
	if got := doc.Find("[data-fulfillment]").AttrOr("data-fulfillment", ""); got != store.FulfillmentDone {
		t.Errorf("the order is %q, want fulfilled", got)
	}
	cancelled := doc.Find("[data-cancelled]").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if !slices.Equal(cancelled, []string{"1 cancelled before shipping", "1 cancelled before shipping"}) {
		t.Errorf("the lines say %v", cancelled)
	}
	if doc.Find("form.fulfil-form").Length() != 0 || doc.Find("[data-cancel-unshipped]").Length() != 0 {
		t.Error("the order still offers to ship or cancel")
	}
	id := unshippedReturn(t, shop, o.ID)
	item := doc.Find(`[data-order-returns] [data-return-id="` + itoa(id) + `"]`)
	if !strings.Contains(item.Text(), "Unshipped items cancelled") || item.Find("[data-status]").Text() != "To refund" {
		t.Errorf("the order's returns list %q", item.Text())
	}
	if ev := doc.Find(`[data-event="unshipped_cancelled"]`).Text(); !strings.Contains(ev, "2 items cancelled before shipping") {
		t.Errorf("timeline entry %q", ev)
	}
	if e := shop.OrderEmail(o, store.EmailUnshippedCancelled); e.RefID != id || e.To != o.Email {
		t.Errorf("email %+v, want one about cancellation %d to the shopper", e, id)
	}

	again := shop.Post(path+"/cancel-unshipped", url.Values{"confirm": {"1"}})
	if again.Status != http.StatusConflict || !strings.Contains(again.Doc(t).Find("[data-problem]").Text(), i18n.TL("en", "admin.order.error.unshipped_none")) {
		t.Errorf("a second click = %d without saying nothing is left", again.Status)
	}
	ship := shop.Post(path+"/fulfil", url.Values{"all": {"1"}})
	if ship.Status != http.StatusConflict || !strings.Contains(ship.Doc(t).Find("[data-problem]").Text(), i18n.TL("en", "admin.order.error.fulfil_none_left")) {
		t.Errorf("shipping the cancelled items = %d", ship.Status)
	}
	if shop.VariantStock(v.ShirtL) != shirts+1 || shop.VariantStock(v.Tea) != tea+1 {
		t.Error("the refusals moved the stock")
	}
	slip := shop.Get(path + "/packing-slip").Doc(t).Find(".packing-slip-lines tbody tr").Map(func(_ int, s *goquery.Selection) string {
		return s.Find("[data-sku]").Text() + "×" + s.Find("[data-quantity]").Text()
	})
	if !slices.Equal(slip, []string{"LS-L×1"}) {
		t.Errorf("packing slip %v, want the one shirt that shipped", slip)
	}

	ret := shop.Get(adminviews.ReturnURL(id)).Doc(t)
	if ret.Find("[data-return-kind]").AttrOr("data-return-kind", "") != store.ReturnKindUnshipped ||
		ret.Find("h1").Text() != "Unshipped items cancelled from order "+o.Number || ret.Find("[data-resolution]").Length() != 0 {
		t.Errorf("the cancellation's page: %q", ret.Find("h1").Text())
	}
	if res := shop.Post(adminviews.ReturnURL(id)+"/refund", url.Values{"refund_method": {"bank_transfer"}, "refund_reference": {"TX-7"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d\n%s", res.Status, res.Body)
	}
	page := shop.Get(path).Doc(t)
	if got := page.Find("[data-payment-status]").Text(); got != "Partly refunded" {
		t.Errorf("payment reads %q", got)
	}
	if got := page.Find(`[data-refund-of="`+itoa(id)+`"] [data-refunded]`).AttrOr("data-refunded", ""); got != "8000" {
		t.Errorf("the payment box's refund %q, want 8000", got)
	}
	if ev := page.Find(`[data-event="return_refunded"] strong`).Text(); ev != "Cancelled items refunded" {
		t.Errorf("the refund on the timeline reads %q", ev)
	}
	recs, _ := csv.NewReader(strings.NewReader(shop.Get("/admin/orders.csv").Body)).ReadAll()
	if col := slices.Index(recs[0], "Refunded Amount"); col < 0 || recs[1][col] != "80.00" {
		t.Errorf("export's refunded amount: %v", recs[1])
	}
	if got := shop.Get("/admin/customers").Doc(t).Find(`tr[data-customer="ana@example.com"] [data-spent]`).AttrOr("data-spent", ""); got != itoa(o.Total-8000) {
		t.Errorf("the customer spent %s, want %d", got, o.Total-8000)
	}
	returns := shop.Get("/admin/returns").Doc(t)
	if got := returns.Find(`[data-stat="rate"] dd`).Text(); got != "0.0%" {
		t.Errorf("orders returned %q, want 0.0%%: nothing came back", got)
	}
	if got := returns.Find(`[data-stat="refunded"] dd`).Text(); got != i18n.MoneyIn("en", o.Currency, 0) {
		t.Errorf("returns refunded %q, want nothing", got)
	}
	row := returns.Find(`tr[data-return-id="` + itoa(id) + `"]`)
	if row.Find(`[data-return-kind="unshipped"]`).Text() != "Refund" || !strings.Contains(row.Text(), "Cancelled by the shop before shipping") {
		t.Errorf("the returns list's row %q", row.Text())
	}
}

// TestAdminCancelUnshippedRefusals: the form is offered only for an open
// order with something shipped and something to ship; asked anyway, an
// order with nothing shipped and a cancelled one say why (409), an unknown
// one is 404. An unpaid order's cancellation says its customer will not
// be charged, and its refund waits until the order is marked paid.
func TestAdminCancelUnshippedRefusals(t *testing.T) {
	shop, flat := orderShop(t, store.RoleManager)
	ctx := context.Background()
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin")
		fresh := shop.PlaceOrder("en", store.PayCOD, flat)
		path := adminviews.OrderURL(fresh.ID)
		if shop.Get(path).Doc(t).Find("[data-cancel-unshipped]").Length() != 0 {
			t.Errorf("%s: an order with nothing shipped offers to cancel what has not shipped", lang)
		}
		for _, c := range []struct{ when, problem string }{
			{"nothing shipped", "admin.order.error.unshipped_not_shipped"},
			{"cancelled", "admin.order.error.unshipped_cancelled"},
		} {
			if c.when == "cancelled" {
				if err := shop.Store.CancelOrder(ctx, store.Actor{}, fresh.ID); err != nil {
					t.Fatal(err)
				}
			}
			res := shop.Post(path+"/cancel-unshipped", url.Values{"confirm": {"1"}})
			if res.Status != http.StatusConflict || strings.TrimSpace(res.Doc(t).Find("[data-problem]").Text()) != i18n.TL(lang, c.problem) {
				t.Errorf("%s: %s = %d, %q", lang, c.when, res.Status, res.Doc(t).Find("[data-problem]").Text())
			}
		}
	}
	if res := shop.Post("/admin/orders/999/cancel-unshipped", url.Values{"confirm": {"1"}}); res.Status != http.StatusNotFound {
		t.Errorf("unknown order = %d, want 404", res.Status)
	}

	shop.Get("/lang/en?next=/admin")
	cod := shop.PlaceOrder("en", store.PayCOD, flat)
	shipOneShirt(t, shop, cod)
	path := adminviews.OrderURL(cod.ID)
	form := shop.Get(path).Doc(t).Find("[data-cancel-unshipped]")
	if form.Find("[data-unshipped-unpaid]").Length() != 1 || !strings.Contains(form.Text(), "Not charged, no fee kept") ||
		strings.Contains(form.Text(), "refund is then waiting") {
		t.Errorf("the unpaid order's form does not say the customer will not be charged: %q", form.Text())
	}
	if res := shop.Post(path+"/cancel-unshipped", url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel unshipped of an unpaid order = %d", res.Status)
	}
	id := unshippedReturn(t, shop, cod.ID)
	if shop.Get(adminviews.ReturnURL(id)).Doc(t).Find("[data-refund-unpaid]").Length() != 1 {
		t.Error("the unpaid order's cancellation offers a refund")
	}
	if res := shop.Post(adminviews.ReturnURL(id)+"/refund", url.Values{"refund_method": {"cash"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("refund before the payment = %d, want 422", res.Status)
	}
	// Nothing to decline: the shop made it. Without a reason too, that
	// is the answer, not a message for a field the page does not have.
	if res := shop.Post(adminviews.ReturnURL(id)+"/reject", url.Values{"reject_reason": {""}}); res.Status != http.StatusConflict {
		t.Errorf("declining the cancellation = %d, want 409", res.Status)
	}
	r, _ := shop.Store.ReturnByID(ctx, id)
	if r.Status != store.ReturnReceived || r.RefundAmount != 0 {
		t.Errorf("the cancellation is %s with %d refunded", r.Status, r.RefundAmount)
	}
	row := shop.Get("/admin/returns").Doc(t).Find(`tr[data-return-id="` + itoa(id) + `"] [data-status]`)
	if got := row.Text(); got != i18n.TL("en", "admin.returns.unshipped.unpaid.status.received") {
		t.Errorf("the returns list calls the unpaid order's cancellation %q", got)
	}

	// The customer pays the total less the cancelled items, as they were
	// told: staff confirm that much, and the cancellation is settled with
	// nothing to refund.
	doc := shop.Get(path).Doc(t)
	if !strings.Contains(doc.Find(".notice-success").Text(), i18n.TL("en", "admin.order.notice.unshipped_cancelled_unpaid")) {
		t.Errorf("after the cancel the order says %q", doc.Find(".notice-success").Text())
	}
	due := cod.Total - r.Quote.Total
	if got := doc.Find("[data-amount-due]"); got.AttrOr("data-amount-due", "") != itoa(due) ||
		!strings.Contains(got.Text(), i18n.MoneyIn("en", cod.Currency, due)) {
		t.Errorf("mark paid asks for %q, want %d", got.Text(), due)
	}
	if res := shop.Post(path+"/paid", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("mark paid = %d", res.Status)
	}
	if r, _ := shop.Store.ReturnByID(ctx, id); r.Status != store.ReturnRefunded || r.RefundMethod != store.RefundNotCollected {
		t.Errorf("once paid the cancellation is %s by %q", r.Status, r.RefundMethod)
	}
	paid := shop.Get(path).Doc(t)
	if got := paid.Find(`[data-order-returns] [data-return-id="` + itoa(id) + `"] [data-status]`).Text(); got != "Not charged" {
		t.Errorf("the order's returns call the settled cancellation %q", got)
	}
	if paid.Find(`[data-event="`+store.EventUncollectedSettled+`"] a[href="`+adminviews.ReturnURL(id)+`"]`).Length() != 1 {
		t.Error("the timeline's settlement does not lead to the cancellation")
	}
	box := paid.Find("[data-order-refunds]")
	uncollected := box.Find(`[data-refund-of="` + itoa(id) + `"]`)
	if !strings.Contains(box.Text(), i18n.TL("en", "admin.order.amount_ordered")) ||
		!strings.Contains(uncollected.Text(), i18n.TL("en", "admin.order.not_collected")) ||
		uncollected.Find("[data-refunded]").AttrOr("data-refunded", "") != itoa(r.Quote.Total) {
		t.Errorf("the payment box reads %q", box.Text())
	}
	if got := box.Find("[data-order-net]").AttrOr("data-order-net", ""); got != itoa(due) {
		t.Errorf("net payment %s, want the %d collected", got, due)
	}
	if shop.Get(adminviews.ReturnURL(id)).Doc(t).Find(`form[action$="/refund"]`).Length() != 0 {
		t.Error("the settled cancellation still offers a refund")
	}
}

// TestAdminCancelUnshippedTwiceAtOnce: two staff press cancel on the same
// order at once, each three times: one cancels, the rest are told there
// is nothing left (409), and the stock, the refund and the email come
// once. One ships what is left as the other cancels it: one wins, the
// other is told why, never both.
func TestAdminCancelUnshippedTwiceAtOnce(t *testing.T) {
	shop, flat := orderShop(t, store.RoleManager)
	other := shop.OtherBrowser()
	other.LoginAs(store.RoleSupport)
	staff := []*webtest.Shop{shop, other}
	v := shop.Variants()

	o := shop.PlaceOrder("en", store.PayCOD, flat)
	shipOneShirt(t, shop, o)
	stock := shop.VariantStock(v.ShirtL)
	statuses := postAtOnce(staff, 3, adminviews.OrderURL(o.ID)+"/cancel-unshipped", url.Values{"confirm": {"1"}})
	slices.Sort(statuses)
	if !slices.Equal(statuses, []int{303, 409, 409, 409, 409, 409}) {
		t.Errorf("cancel answered %v, want one 303 and the rest 409", statuses)
	}
	var rows, emails int
	shop.Store.DB().QueryRow(`SELECT count(*) FROM returns WHERE order_id = ?`, o.ID).Scan(&rows)
	shop.Store.DB().QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, store.EmailUnshippedCancelled).Scan(&emails)
	if got := shop.VariantStock(v.ShirtL); got != stock+1 || rows != 1 || emails != 1 {
		t.Errorf("stock %d (want %d), %d cancellations, %d emails; want each once", got, stock+1, rows, emails)
	}

	for range 5 {
		o := shop.PlaceOrder("en", store.PayCOD, flat)
		shipOneShirt(t, shop, o)
		path := adminviews.OrderURL(o.ID)
		var shipped, cancelled []int
		var wg sync.WaitGroup
		wg.Go(func() { shipped = postAtOnce(staff[:1], 1, path+"/fulfil", url.Values{"all": {"1"}}) })
		wg.Go(func() { cancelled = postAtOnce(staff[1:], 1, path+"/cancel-unshipped", url.Values{"confirm": {"1"}}) })
		wg.Wait()
		got := []int{shipped[0], cancelled[0]}
		if !slices.Equal(got, []int{303, 409}) && !slices.Equal(got, []int{409, 303}) {
			t.Errorf("ship = %d, cancel = %d; want one 303 and one 409", shipped[0], cancelled[0])
		}
		after := shop.Order(o.Number)
		for _, l := range after.Lines {
			if l.FulfilledQuantity+l.CancelledQuantity != l.Quantity {
				t.Errorf("line %d: %d shipped and %d cancelled of %d", l.ID, l.FulfilledQuantity, l.CancelledQuantity, l.Quantity)
			}
		}
	}
}

// cardOrderCancelledUnshipped is a shop with Stripe at stripeURL, the
// owner signed in, and a card order paid, one shirt shipped and the rest
// cancelled: the order and the cancellation's return, to refund.
func cardOrderCancelledUnshipped(t *testing.T, stripeURL string) (*webtest.Shop, *store.Order, int64) {
	t.Helper()
	shop := webtest.New(t, webtest.WithStripe(stripeURL))
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	if err := shop.Store.SetSetting(ctx, store.SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	o := shop.PlaceOrder("en", store.PayStripe, flat)
	if _, err := shop.Store.StripePaid(ctx, "", store.StripeSession{ID: "cs_test_unshipped", OrderNumber: o.Number,
		PaymentIntent: "pi_123"}); err != nil {
		t.Fatal(err)
	}
	shipOneShirt(t, shop, o)
	if res := shop.Post(adminviews.OrderURL(o.ID)+"/cancel-unshipped", url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel unshipped = %d", res.Status)
	}
	return shop, o, unshippedReturn(t, shop, o.ID)
}

// TestAdminRefundsCancelledItemsThroughStripe: a card order's
// cancellation of what it had not shipped is refunded through Stripe
// (stripe-mock), as a return is, and the order reads partly refunded.
func TestAdminRefundsCancelledItemsThroughStripe(t *testing.T) {
	shop, o, id := cardOrderCancelledUnshipped(t, stripemock.URL(t))
	ctx := context.Background()
	if res := shop.Post(adminviews.ReturnURL(id)+"/refund", url.Values{"refund_method": {"bank_transfer"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d\n%s", res.Status, res.Body)
	}
	r, err := shop.Store.ReturnByID(ctx, id)
	if err != nil || r.Status != store.ReturnRefunded || r.RefundMethod != store.RefundStripe || !strings.HasPrefix(r.RefundRef, "re_") ||
		r.RefundAmount != 8000 {
		t.Fatalf("refunded %+v, %v; want 80.00 through Stripe", r, err)
	}
	page := shop.Get(adminviews.OrderURL(o.ID)).Doc(t)
	if got := page.Find("[data-payment-status]").Text(); got != "Partly refunded" {
		t.Errorf("payment reads %q", got)
	}
	if got := page.Find(`[data-refund-of="` + itoa(id) + `"]`).Text(); !strings.Contains(got, i18n.TL("en", "admin.orders.method.stripe")) {
		t.Errorf("the refund reads %q, not as a card refund", got)
	}
}

// TestAdminRefundWhileStripeIsDown: a card order's cancelled items cannot
// be refunded while Stripe is unreachable: the page says so beside the
// refund, with 503, and the return stays to be refunded, nothing recorded.
func TestAdminRefundWhileStripeIsDown(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	shop, _, id := cardOrderCancelledUnshipped(t, dead.URL)
	ctx := context.Background()
	res := shop.Post(adminviews.ReturnURL(id)+"/refund", url.Values{"refund_method": {"stripe"}})
	if res.Status != http.StatusServiceUnavailable {
		t.Fatalf("refund with Stripe down = %d, want 503", res.Status)
	}
	if got := res.Doc(t).Find("#refund_method-error").Text(); got != i18n.TL("en", "admin.return.error.stripe_refund") {
		t.Errorf("the 503 page says %q beside the refund", got)
	}
	if r, err := shop.Store.ReturnByID(ctx, id); err != nil || r.Status != store.ReturnReceived || r.RefundRef != "" {
		t.Errorf("after the refused refund the return is %+v, %v; want still received, nothing recorded", r, err)
	}
}
