package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// exchangeOne has o's shopper ask to exchange one unit of its first line
// for variant and returns the return's id.
func exchangeOne(t *testing.T, shop *webtest.Shop, o *store.Order, variant int64) int64 {
	t.Helper()
	id, err := shop.Store.RequestReturn(context.Background(), o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "too_large", Resolution: store.ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: variant}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestExchangedReplacementCannotBeCancelled: the owner approves an
// exchange, receives the shirt and marks the exchange done; the
// replacement, not shipped yet, is then refused a cancel (409, saying
// why) and stays open, its no-charge line labelled as the exchange's.
func TestExchangedReplacementCannotBeCancelled(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shop.SeedOrder()
	ctx := context.Background()
	shop.Store.MarkPaid(ctx, store.Actor{}, o.ID)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	id := exchangeOne(t, shop, o, shop.Variants().ShirtM)
	shop.LoginAs(store.RoleOwner)
	page := adminviews.ReturnURL(id)
	line := adminviews.ConditionField(o.Lines[0].ID)
	for _, step := range []struct {
		path string
		form url.Values
	}{{"/approve", url.Values{"instructions": {"x"}}}, {"/receive", url.Values{line: {"resellable"}}}, {"/exchange", nil}} {
		if res := shop.Post(page+step.path, step.form); res.Status != http.StatusSeeOther {
			t.Fatalf("%s = %d\n%s", step.path, res.Status, res.Body)
		}
	}
	r, err := shop.Store.ReturnByID(ctx, id)
	if err != nil || r.Status != store.ReturnExchanged {
		t.Fatalf("return %+v, %v", r, err)
	}
	repl := shop.Order(r.ExchangeOrder)

	res := shop.Post(adminviews.OrderURL(repl.ID)+"/cancel", url.Values{"payment_status": {store.PaymentPaid}, "confirm": {"1"}})
	if res.Status != http.StatusConflict {
		t.Fatalf("cancel the replacement of a completed exchange = %d, want 409", res.Status)
	}
	if got, want := res.Doc(t).Find("[data-problem]").Text(), i18n.TL("en", "admin.order.error.cancel_replacement"); got != want {
		t.Errorf("the refusal says %q, want %q", got, want)
	}
	for _, lang := range []string{"en", "zh"} {
		if msg := i18n.TL(lang, "admin.order.error.cancel_replacement"); strings.Contains(msg, "settle") || strings.Contains(msg, "处理完") {
			t.Errorf("%s: the refusal still offers to settle the exchange first: %q", lang, msg)
		}
	}
	if got := shop.Order(repl.Number); got.Status != store.OrderOpen {
		t.Errorf("the replacement is %s, want open", got.Status)
	}

	// The audit log has each step, by its label, and the filter offers it.
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=%2Fadmin")
		doc := shop.Get("/admin/audit?entity=" + store.EntityReturn).Doc(t)
		for _, action := range []string{store.ActionReturnApprove, store.ActionReturnReceive, store.ActionReturnExchange} {
			want := i18n.TL(lang, "admin.audit.action."+action)
			if got := doc.Find(`tr[data-action="` + action + `"] .col-key`).Text(); got != want {
				t.Errorf("%s: the log shows %s as %q, want %q", lang, action, got, want)
			}
			if got := doc.Find(`#audit-action option[value="` + action + `"]`).Text(); got != want {
				t.Errorf("%s: the filter offers %s as %q, want %q", lang, action, got, want)
			}
		}
		if got, want := doc.Find(`#audit-entity option[selected]`).Text(), i18n.TL(lang, "admin.audit.entity.return"); got != want {
			t.Errorf("%s: the subject filter shows %q, want %q", lang, got, want)
		}
	}
	shop.Get("/lang/en?next=%2Fadmin")

	// The replacement's no-charge line says what it is.
	label := res.Doc(t).Find("[data-exchange-discount] dt").Text()
	if label != i18n.TL("en", "admin.order.discount_exchange") {
		t.Errorf("the replacement's discount is labelled %q", label)
	}
	// Its page says what it replaces, linking there, and offers no cancel
	// that would be refused.
	doc := shop.Get(adminviews.OrderURL(repl.ID)).Doc(t)
	if got := doc.Find("[data-replaces] a").AttrOr("href", ""); got != adminviews.OrderURL(o.ID) {
		t.Errorf("the replacement links to %q as what it replaces, want %q", got, adminviews.OrderURL(o.ID))
	}
	if doc.Find(`form[action$="/cancel"]`).Length() != 0 {
		t.Error("the replacement's page offers a cancel")
	}
	if shop.Get(adminviews.OrderURL(o.ID)).Doc(t).Find("[data-replaces]").Length() != 0 {
		t.Error("the original order says it replaces something")
	}
}

// TestReturnPageSpeaksToStaff: a refunded return's page names the method
// and the shop's reference apart, and the points the refund gives back
// as the shopper's, in the staff member's words.
func TestReturnPageSpeaksToStaff(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shop.SeedOrder()
	ctx := context.Background()
	shop.Store.MarkPaid(ctx, store.Actor{}, o.ID)
	_, id := shop.ShipAndReturnOne(o)
	// The page shows what the return recorded; paying with points is
	// another story's.
	if _, err := shop.Store.DB().Exec(`UPDATE returns SET points_restored = 40 WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { return shop.Store.ApproveReturn(ctx, store.Actor{}, id, "") },
		func() error { return shop.Store.ReceiveReturn(ctx, store.Actor{}, id, nil) },
		func() error { return shop.Store.RefundReturn(ctx, store.Actor{}, id, "other", "gift card") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	shop.LoginAs(store.RoleOwner)
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=%2Fadmin")
		doc := shop.Get(adminviews.ReturnURL(id)).Doc(t)
		terms := doc.Find(".admin-facts dt").Text()
		if strings.Contains(terms, i18n.TL(lang, "returns.quote.points_restored")) || !strings.Contains(terms, i18n.TL(lang, "admin.return.points_restored")) {
			t.Errorf("%s: the points given back are told as to the shopper: %q", lang, terms)
		}
		method := doc.Find("[data-refund-method]").Text()
		ref := doc.Find("[data-refund-reference]").Text()
		if method != i18n.TL(lang, "admin.return.method.other") || ref != "gift card" {
			t.Errorf("%s: refunded by %q, reference %q", lang, method, ref)
		}
	}
}
