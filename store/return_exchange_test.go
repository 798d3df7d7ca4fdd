package store

import (
	"context"
	"errors"
	"image/color"
	"sync"
	"testing"
)

func variantStock(t *testing.T, s *Store, id int64) int64 {
	t.Helper()
	var n int64
	if err := s.DB().QueryRow(`SELECT stock FROM variants WHERE id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExchangeHoldsStockFromApproval: a large shirt exchanged for a small
// one refunds nothing; approval makes one paid replacement order at no
// charge that takes the small's stock, once however often two staff
// press approve; receiving restocks the large; completing marks it
// exchanged and tells the shopper.
func TestExchangeHoldsStockFromApproval(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0) // 2 × L at 52.00
	line := o.Lines[0].ID
	ask := map[int64]int64{line: 1}

	q, err := f.s.QuoteReturn(ctx, o, ask, "too_large", ResolutionExchange)
	if err != nil || q.Total != 0 || !q.Exchange || q.PointsBack != 0 || q.Deduction != 0 {
		t.Fatalf("exchange quote %+v, %v", q, err)
	}
	// The variant must be one of the line's product, on sale.
	_, err = f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: ask, Reason: "too_large", Resolution: ResolutionExchange,
		Exchange: map[int64]int64{line: f.mug}})
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields[ExchangeField(line)] != "returns.error.exchange_variant" {
		t.Fatalf("exchange for a mug: %v", err)
	}
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: ask, Reason: "too_large", Resolution: ResolutionExchange,
		Exchange: map[int64]int64{line: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	smallBefore, bigBefore := variantStock(t, f.s, f.small), variantStock(t, f.s, f.big)

	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f.s.ApproveReturn(ctx, Actor{}, id, "")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrConflict):
			t.Fatal(err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d approvals succeeded", ok)
	}
	if got := variantStock(t, f.s, f.small); got != smallBefore-1 {
		t.Errorf("small stock %d after approval, want %d", got, smallBefore-1)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil || r.ExchangeOrder == "" || r.ExchangeFor[line] != f.small {
		t.Fatalf("return %+v, %v", r, err)
	}
	repl, err := f.s.OrderByNumber(ctx, r.ExchangeOrder)
	if err != nil {
		t.Fatal(err)
	}
	if repl.Total != 0 || repl.PaymentStatus != PaymentPaid || len(repl.Lines) != 1 || repl.Lines[0].VariantID != f.small ||
		repl.Lines[0].Quantity != 1 || repl.Lines[0].Paid != 0 || repl.Lines[0].VariantTitle != "S" || repl.Email != o.Email {
		t.Errorf("replacement order %+v lines %+v", repl, repl.Lines)
	}
	checkCustomerList(t, f.s, "exchanged") // the replacement is one more of the shopper's orders
	var n int
	f.s.DB().QueryRow(`SELECT count(*) FROM orders WHERE checkout_token LIKE 'exchange-%'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d replacement orders", n)
	}

	if err := f.s.CompleteExchange(ctx, Actor{}, id); !errors.Is(err, ErrConflict) {
		t.Errorf("complete before receiving: %v", err)
	}
	// Completed after its replacement was cancelled, the exchange would
	// leave the shopper with neither item.
	if err := f.s.CancelOrder(ctx, Actor{}, repl.ID); !errors.Is(err, ErrReplacementOrder) {
		t.Errorf("cancel the replacement of an open exchange: %v", err)
	}
	if err := f.s.ReceiveReturn(ctx, Actor{}, id, nil); err != nil {
		t.Fatal(err)
	}
	if got := variantStock(t, f.s, f.big); got != bigBefore+1 {
		t.Errorf("large stock %d after receiving, want %d", got, bigBefore+1)
	}
	if err := f.s.RefundReturn(ctx, Actor{}, id, "cash", ""); !errors.Is(err, ErrConflict) {
		t.Errorf("refunding an exchange: %v", err) // it would pay twice
	}
	if err := f.s.CompleteExchange(ctx, Actor{}, id); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.s.ReturnByID(ctx, id); r.Status != ReturnExchanged || r.RefundAmount != 0 {
		t.Errorf("status %s, refunded %d", r.Status, r.RefundAmount)
	}
}

// TestExchangeWithoutStockWaitsForTheOwner: approval of an exchange whose
// variant sold out meanwhile fails with a message and changes nothing;
// the overnight auto-approval leaves it for the owner.
func TestExchangeWithoutStockWaitsForTheOwner(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0)
	line := o.Lines[0].ID
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{line: 1}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{line: f.small}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DB().Exec(`UPDATE variants SET stock = 0 WHERE id = ?`, f.small); err != nil {
		t.Fatal(err)
	}
	err = f.s.ApproveReturn(ctx, Actor{}, id, "")
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["exchange"] != "returns.error.exchange_no_stock" {
		t.Fatalf("approve without stock: %v", err)
	}
	f.clockOffset = (ReturnAnswerDays + 1) * 24 * 3600 * 1e9
	if n, err := f.s.ApproveOverdueReturns(ctx); err != nil || n != 0 {
		t.Fatalf("auto-approval: %d, %v", n, err)
	}
	if r, _ := f.s.ReturnByID(ctx, id); r.Status != ReturnRequested || r.ExchangeOrder != "" {
		t.Errorf("after a failed approval: %s, %q", r.Status, r.ExchangeOrder)
	}
}

// TestReturnReasonsAreTheOwners: the owner adds a reason in two
// languages, turns a built-in one off; the form offers what is on, a
// request with a reason turned off is refused, and a reason's fault
// decides the fees.
func TestReturnReasonsAreTheOwners(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	if err := f.s.SetReturnPolicy(ctx, 0, ReturnPolicy{WindowDays: 7, TransitDays: 3, Fee: 500}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveReturnReason(ctx, Actor{}, ReturnReasonInput{}); err == nil {
		t.Error("a new reason without a title was saved")
	}
	id, err := f.s.SaveReturnReason(ctx, Actor{}, ReturnReasonInput{Title: Text{Default: "Arrived late", Tr: map[string]string{"zh": "到货太晚"}},
		ShopFault: true, Position: 7, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	reasons, err := f.s.ReturnReasonsOf(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var late ReturnReason
	for _, r := range reasons {
		if r.ID == id {
			late = r
		}
	}
	if late.Code == "" || late.Title.In("zh") != "到货太晚" || late.Title.In("en") != "Arrived late" || !late.ShopFault {
		t.Fatalf("the new reason %+v", late)
	}
	var changed ReturnReason
	for _, r := range reasons {
		if r.Code == "changed_mind" {
			changed = r
		}
	}
	if _, err := f.s.SaveReturnReason(ctx, Actor{}, ReturnReasonInput{ID: changed.ID, Position: changed.Position}); err != nil {
		t.Fatal(err)
	}
	o := f.shippedOrder(t, nil, 1, 0)
	ask := map[int64]int64{o.Lines[0].ID: 1}
	if _, err := f.s.QuoteReturn(ctx, o, ask, "changed_mind", ResolutionRefund); err == nil {
		t.Error("a reason turned off was accepted")
	}
	q, err := f.s.QuoteReturn(ctx, o, ask, late.Code, ResolutionRefund)
	if err != nil || q.Deduction != 0 || !q.ShopFault {
		t.Errorf("the shop's fault keeps %d (%v)", q.Deduction, err)
	}
	q, err = f.s.QuoteReturn(ctx, o, ask, "too_small", ResolutionRefund)
	if err != nil || q.Deduction != 500 || q.ShopFault {
		t.Errorf("a change of mind keeps %d (%v)", q.Deduction, err)
	}
}

// TestReturnPhotosAreReencodedAndBounded: up to three photos are kept,
// re-encoded as JPEG; a fourth, or a file that is not an image, is
// refused with nothing recorded; another order's return shows none.
func TestReturnPhotosAreReencodedAndBounded(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 2, 0)
	ask := map[int64]int64{o.Lines[0].ID: 1}
	photo := testPNG(t, color.RGBA{200, 10, 10, 255})
	in := ReturnInput{Ask: ask, Reason: "damaged", Resolution: ResolutionRefund}
	var verr *ValidationError
	in.Photos = [][]byte{photo, photo, photo, photo}
	if _, err := f.s.RequestReturn(ctx, o, 0, in); !errors.As(err, &verr) || verr.Fields["photos"] == "" {
		t.Fatalf("four photos: %v", err)
	}
	in.Photos = [][]byte{photo, []byte("%PDF-1.4 not a photo")}
	if _, err := f.s.RequestReturn(ctx, o, 0, in); !errors.As(err, &verr) || verr.Fields["photos"] != "returns.error.photo_bad" {
		t.Fatalf("a PDF: %v", err)
	}
	if opts, _ := f.s.ReturnOptionsOf(ctx, o); opts.Lines[0].Left != 2 {
		t.Fatalf("a refused request took units: %+v", opts.Lines[0])
	}
	in.Photos = [][]byte{photo, photo}
	id, err := f.s.RequestReturn(ctx, o, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.s.ReturnByID(ctx, id)
	if r.Photos != 2 {
		t.Errorf("%d photos kept", r.Photos)
	}
	im, err := f.s.ReturnPhoto(ctx, o.ID, id, 2, false)
	if err != nil || len(im.Data) < 3 || im.Data[0] != 0xFF || im.Data[1] != 0xD8 {
		t.Fatalf("photo 2 is not a JPEG: %v", err)
	}
	if _, err := f.s.ReturnPhoto(ctx, o.ID+1, id, 1, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("another order's photo: %v", err)
	}
}

// TestReturnTextsInEveryLanguage: the policy and the standing
// instructions have a value per language; an approval without its own
// instructions shows the standing ones in the shopper's language.
func TestReturnTextsInEveryLanguage(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	err := f.s.SetReturnTexts(ctx, Actor{}, 0, Text{Default: "7 days, no reason needed.", Tr: map[string]string{"zh": "七天无理由退货。"}},
		Text{Default: "Send to 1 Tea Street.", Tr: map[string]string{"zh": "寄至茶街 1 号。"}})
	if err != nil {
		t.Fatal(err)
	}
	policy, instr, err := f.s.ReturnTexts(ctx)
	if err != nil || policy.In("zh") != "七天无理由退货。" || instr.In("en") != "Send to 1 Tea Street." {
		t.Fatalf("texts %+v %+v, %v", policy, instr, err)
	}
	o := f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged",
		Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	r, _ := f.s.ReturnByID(ctx, id)
	if got := r.InstructionsIn("zh"); got != "寄至茶街 1 号。" {
		t.Errorf("standing instructions in Chinese: %q", got)
	}
	// Settings still read: the texts' keys are not the settings form's.
	if _, err := f.s.Settings(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestRefundIsNotCompletedAsAnExchange: a received refund cannot be
// closed as an exchange (which would refund nothing).
func TestRefundIsNotCompletedAsAnExchange(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := f.shippedOrder(t, nil, 1, 0)
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged",
		Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReceiveReturn(ctx, Actor{}, id, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CompleteExchange(ctx, Actor{}, id); !errors.Is(err, ErrConflict) {
		t.Fatalf("completing a refund as an exchange: %v", err)
	}
	if err := f.s.CompleteExchange(ctx, Actor{}, id+100); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown return: %v", err)
	}
	if r, _ := f.s.ReturnByID(ctx, id); r.Status != ReturnReceived {
		t.Errorf("status %s", r.Status)
	}
}
