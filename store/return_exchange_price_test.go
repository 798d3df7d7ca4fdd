package store

import (
	"context"
	"errors"
	"testing"
)

// exchangeError is the message err gives field, "" for none.
func exchangeError(err error, field string) string {
	var verr *ValidationError
	if !errors.As(err, &verr) {
		return ""
	}
	return verr.Fields[field]
}

// TestExchangeOnlyForAVariantNoDearer: an exchange is free of charge, so a
// small shirt bought at 49.00 is offered only shirts at that price or
// less (itself, for a sound one), and asking for the large at 52.00 is
// refused; the large, bought at 52.00, may become a small. A variant
// whose price rises after the request is refused at approval: nothing is
// approved, no replacement made, no stock taken.
func TestExchangeOnlyForAVariantNoDearer(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()

	small := f.shippedOrderOf(t, nil, f.small, 1, 0)
	line := small.Lines[0].ID
	choices, err := f.s.ExchangeChoices(ctx, small, "en")
	if err != nil {
		t.Fatal(err)
	}
	if got := choices[line]; len(got) != 1 || got[0].ID != f.small {
		t.Errorf("a small shirt may be exchanged for %+v, want only the small", got)
	}
	ask := map[int64]int64{line: 1}
	_, err = f.s.RequestReturn(ctx, small, 0, ReturnInput{Ask: ask, Reason: "too_small", Resolution: ResolutionExchange,
		Exchange: map[int64]int64{line: f.big}})
	if got := exchangeError(err, ExchangeField(line)); got != "returns.error.exchange_dearer" {
		t.Fatalf("a small exchanged for a dearer large: %v", err)
	}
	if _, err := f.s.RequestReturn(ctx, small, 0, ReturnInput{Ask: ask, Reason: "damaged", Resolution: ResolutionExchange,
		Exchange: map[int64]int64{line: f.small}}); err != nil {
		t.Errorf("a small exchanged for a sound small: %v", err)
	}

	big := f.shippedOrder(t, nil, 1, 0)
	line = big.Lines[0].ID
	if choices, err = f.s.ExchangeChoices(ctx, big, "en"); err != nil || len(choices[line]) != 2 {
		t.Errorf("a large shirt may be exchanged for %+v (%v), want both sizes", choices[line], err)
	}
	id, err := f.s.RequestReturn(ctx, big, 0, ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{line: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DB().Exec(`UPDATE variants SET price = 5300 WHERE id = ?`, f.small); err != nil {
		t.Fatal(err)
	}
	stock := variantStock(t, f.s, f.small)
	err = f.s.ApproveReturn(ctx, Actor{}, id, "")
	if got := exchangeError(err, "exchange"); got != "returns.error.exchange_dearer_approve" {
		t.Fatalf("approving an exchange for a small now at 53.00: %v", err)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != ReturnRequested || r.ExchangeOrder != "" || variantStock(t, f.s, f.small) != stock {
		t.Errorf("after the refusal: %s, replacement %q, small stock %d (was %d)", r.Status, r.ExchangeOrder,
			variantStock(t, f.s, f.small), stock)
	}
	wanted, err := f.s.ExchangeWanted(ctx, r, "en")
	if err != nil || wanted[line].ID != f.small || wanted[line].Price != 5300 {
		t.Errorf("the variant wanted: %+v, %v; want the small at today's 53.00", wanted[line], err)
	}
	if _, err := f.s.DB().Exec(`UPDATE variants SET price = 5200 WHERE id = ?`, f.small); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Errorf("approving at the same price as the large: %v", err)
	}
}

// TestRefundKeepsNoExchangeVariant: the return form posts a variant for
// every line whatever the resolution; a refund records none, and one
// recorded before (its row still holding the variant) names none.
func TestRefundKeepsNoExchangeVariant(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 1, 0)
	line := o.Lines[0].ID
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "damaged",
		Resolution: ResolutionRefund, Exchange: map[int64]int64{line: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	var kept int
	f.s.DB().QueryRow(`SELECT count(*) FROM return_lines WHERE return_id = ? AND exchange_variant_id IS NOT NULL`, id).Scan(&kept)
	if kept != 0 {
		t.Errorf("the refund recorded %d exchange variants", kept)
	}
	if _, err := f.s.DB().Exec(`UPDATE return_lines SET exchange_variant_id = ? WHERE return_id = ?`, f.small, id); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ExchangeFor) != 0 {
		t.Errorf("an older refund names an exchange: %v", r.ExchangeFor)
	}
}
