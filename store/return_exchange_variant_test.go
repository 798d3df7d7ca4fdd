package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// exchangeForSmall ships a large shirt and asks to exchange it for a
// small one; it returns the order and the return's id.
func (f *cartFixture) exchangeForSmall(t *testing.T) (*Order, int64) {
	t.Helper()
	o := f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(context.Background(), o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "too_large", Resolution: ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	return o, id
}

// TestVariantWantedByAnExchangeIsKept: a shopper asks to exchange a large
// shirt for a small one; until that return is done, neither the product
// form nor an import may delete the small variant (the return would lose
// what it sends). The refusal names the order; once the return is
// rejected the variant can go.
func TestVariantWantedByAnExchangeIsKept(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o, id := f.exchangeForSmall(t)
	onlyLarge := func() ProductInput {
		in := f.shirt
		in.Variants = []VariantInput{f.shirt.Variants[1]}
		return in
	}
	refused := func(how string, err error) {
		t.Helper()
		var verr *ValidationError
		field := VariantRemoveField(f.small)
		if !errors.As(err, &verr) || verr.Fields[field] != "error.product_variant_exchange" ||
			!slices.Equal(verr.Args[field], []any{o.Number}) {
			t.Errorf("%s removing the small shirt: %v (args %v), want a refusal naming order %s", how, err, verr, o.Number)
		}
		p, _ := f.s.ProductByHandle(ctx, "shirt", true)
		if len(p.Variants) != 2 {
			t.Errorf("%s: the shirt has %d variants after the refusal", how, len(p.Variants))
		}
	}
	p, _ := f.s.ProductByHandle(ctx, "shirt", true)
	form := onlyLarge()
	form.Handle, form.Variants[0].ID = "", f.big
	refused("the form", f.s.UpdateProduct(ctx, Actor{}, p.ID, p.Version, form))
	_, _, err := f.s.SaveProduct(ctx, onlyLarge())
	refused("an import", err)

	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.s.SaveProduct(ctx, onlyLarge())
	refused("an import after approval", err)
	if err := f.s.ReceiveReturn(ctx, Actor{}, id, map[int64]string{o.Lines[0].ID: ConditionResellable}); err != nil {
		t.Fatal(err)
	}
	// The parcel is back: the replacement order holds its own copy of
	// what it sends, so the variant may go.
	if _, _, err := f.s.SaveProduct(ctx, onlyLarge()); err != nil {
		t.Fatalf("removing the small shirt once the exchange is received: %v", err)
	}
}

// TestApprovingAnExchangeWhoseVariantIsGone: should the variant an
// exchange asked for disappear all the same, approving the return is
// refused with a message instead of sending an empty replacement order,
// marked paid.
func TestApprovingAnExchangeWhoseVariantIsGone(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	_, id := f.exchangeForSmall(t)
	if _, err := f.s.DB().Exec(`DELETE FROM variants WHERE id = ?`, f.small); err != nil {
		t.Fatal(err)
	}
	err := f.s.ApproveReturn(ctx, Actor{}, id, "")
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["exchange"] != "returns.error.exchange_variant_gone" {
		t.Fatalf("approving an exchange for a deleted variant: %v", err)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != ReturnRequested || r.ExchangeOrder != "" {
		t.Errorf("after the refused approval: %s, replacement %q", r.Status, r.ExchangeOrder)
	}
}
