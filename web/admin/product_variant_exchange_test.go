package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// exchangeForM ships the shop's first order and asks, as its shopper, to
// exchange one of its large linen shirts for a medium one. It returns the
// order and the return's id.
func exchangeForM(t *testing.T, shop *webtest.Shop) (*store.Order, int64) {
	t.Helper()
	ctx := context.Background()
	o := shop.SeedOrder()
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	id, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "too_large", Resolution: store.ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: shop.Variants().ShirtM}})
	if err != nil {
		t.Fatal(err)
	}
	return o, id
}

// TestRemovingAVariantAnExchangeWantsIsRefused: a shopper waits for a
// medium shirt in exchange; a manager ticks "remove" on the medium's row
// and saves. The form comes back (422) with the box still ticked and a
// message beside it naming the order, and the medium stays.
func TestRemovingAVariantAnExchangeWantsIsRefused(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	o, _ := exchangeForM(t, shop)
	ctx := context.Background()
	p, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", true)

	form := formOf(t, shop.Get(adminviews.ProductURL(p.ID)), "form.product-form")
	if form.Get("v1_option1") != "M" {
		t.Fatalf("row 1 is %q, not the medium", form.Get("v1_option1"))
	}
	form.Set("v1_remove", "1")
	res := shop.Post(adminviews.ProductURL(p.ID), form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("removing the medium = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if msg := doc.Find("#v1_remove-error").Text(); !strings.Contains(msg, o.Number) {
		t.Errorf("message beside the remove box = %q, want one naming order %s", msg, o.Number)
	}
	if doc.Find(`input[name=v1_remove][checked]`).Length() != 1 {
		t.Error("the remove box lost its tick")
	}
	if after, _ := shop.Store.ProductByID(ctx, p.ID); len(after.Variants) != 3 {
		t.Errorf("the shirt has %d variants after the refusal", len(after.Variants))
	}
}

// TestApprovingAnExchangeForAVariantThatIsGone: should the variant an
// exchange wants disappear all the same, approving the return answers 422
// with a message, and no replacement order is made.
func TestApprovingAnExchangeForAVariantThatIsGone(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	_, id := exchangeForM(t, shop)
	if _, err := shop.Store.DB().Exec(`DELETE FROM variants WHERE id = ?`, shop.Variants().ShirtM); err != nil {
		t.Fatal(err)
	}
	res := shop.Post(adminviews.ReturnURL(id)+"/approve", nil)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Doc(t).Find(".return-decide .field-error").Text(), "no longer exists") {
		t.Fatalf("approving = %d\n%s", res.Status, res.Doc(t).Find(".return-decide").Text())
	}
	r, err := shop.Store.ReturnByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != store.ReturnRequested || r.ExchangeOrder != "" {
		t.Errorf("after the refused approval: %s, replacement %q", r.Status, r.ExchangeOrder)
	}
}
