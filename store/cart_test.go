package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"
)

// cartFixture is a small catalog for cart tests: a shirt in two sizes and
// a mug, all active.
type cartFixture struct {
	s           *Store
	shirt       ProductInput
	small, big  int64 // shirt variants: S (stock 3) and L (stock 500)
	mug         int64 // stock 30
	mugProduct  ProductInput
	clockOffset time.Duration
}

func newCartFixture(t *testing.T) *cartFixture {
	t.Helper()
	f := &cartFixture{s: newTestStore(t)}
	f.s.Now = func() time.Time { return time.Now().Add(f.clockOffset) }
	f.shirt = ProductInput{Handle: "shirt", Title: "Shirt", Status: StatusActive, OptionNames: []string{"Size"},
		Variants: []VariantInput{
			{SKU: "SH-S", Options: [3]string{"S"}, Price: 4900, Stock: 3, WeightGrams: 200},
			{SKU: "SH-L", Options: [3]string{"L"}, Price: 5200, Stock: 500, WeightGrams: 250},
		}}
	f.mugProduct = ProductInput{Handle: "mug", Title: "Mug", Status: StatusActive,
		Variants: []VariantInput{{SKU: "MUG", Price: 1500, Stock: 30}}}
	f.save(t, f.shirt)
	f.save(t, f.mugProduct)
	// Bank transfer is offered only with the bank's details.
	if err := f.s.SetSetting(context.Background(), SettingBankTransferInstructions, "Test Bank · IBAN XX00 0000 0000"); err != nil {
		t.Fatal(err)
	}
	shirt, _ := f.s.ProductByHandle(context.Background(), "shirt", false)
	mug, _ := f.s.ProductByHandle(context.Background(), "mug", false)
	f.small, f.big, f.mug = shirt.Variants[0].ID, shirt.Variants[1].ID, mug.Variants[0].ID
	return f
}

func (f *cartFixture) save(t *testing.T, in ProductInput) {
	t.Helper()
	if _, _, err := f.s.SaveProduct(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

func (f *cartFixture) add(t testing.TB, token string, variantID, qty int64) CartChange {
	t.Helper()
	ch, err := f.s.AddToCart(context.Background(), token, variantID, qty)
	if err != nil {
		t.Fatalf("AddToCart(%d, %d): %v", variantID, qty, err)
	}
	return ch
}

func (f *cartFixture) view(t *testing.T, token string) CartView {
	t.Helper()
	v, err := f.s.CartView(context.Background(), token, "en")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func validationField(err error) string {
	var v *ValidationError
	if !errors.As(err, &v) {
		return ""
	}
	for k, msg := range v.Fields {
		return k + ":" + msg
	}
	return ""
}

func TestAddToCartMergesLines(t *testing.T) {
	f := newCartFixture(t)
	ch := f.add(t, "", f.big, 2)
	if ch.Token == "" || len(ch.Token) < 22 || ch.Quantity != 2 || ch.Added != 2 || ch.Limit != LimitNone {
		t.Fatalf("first add = %+v", ch)
	}
	if ch.ProductTitle != "Shirt" || ch.VariantTitle != "L" {
		t.Errorf("change names %q / %q", ch.ProductTitle, ch.VariantTitle)
	}
	token := ch.Token
	again := f.add(t, token, f.big, 3)
	if again.Token != token || again.LineID != ch.LineID || again.Quantity != 5 || again.Added != 3 {
		t.Errorf("second add = %+v, want the same line at 5", again)
	}
	f.add(t, token, f.mug, 1)
	v := f.view(t, token)
	if len(v.Lines) != 2 || v.Count != 6 {
		t.Fatalf("view has %d lines, %d items", len(v.Lines), v.Count)
	}
	if got, want := v.Pricing.Merchandise(), int64(5*5200+1500); got != want {
		t.Errorf("merchandise = %d, want %d", got, want)
	}
	if v.Lines[0].Total != 26000 || v.Lines[0].WeightGrams != 250 || v.Pricing.WeightGrams != 1250 {
		t.Errorf("line = %+v, weight %d", v.Lines[0], v.Pricing.WeightGrams)
	}
	if n, _ := f.s.CartCount(context.Background(), token); n != 6 {
		t.Errorf("CartCount = %d, want 6", n)
	}
	if !v.Ready() || v.PriceChanged() {
		t.Errorf("fresh cart: ready %v, price changed %v", v.Ready(), v.PriceChanged())
	}
}

func TestAddToCartCaps(t *testing.T) {
	f := newCartFixture(t)
	// The add that starts a cart is capped too.
	if first := f.add(t, "", f.small, 5); first.Quantity != 3 || first.Added != 3 || first.Limit != LimitStock {
		t.Errorf("first add past stock = %+v, want 3 (+3) limited by stock", first)
	}
	ch := f.add(t, "", f.small, 2)
	capped := f.add(t, ch.Token, f.small, 5)
	if capped.Quantity != 3 || capped.Added != 1 || capped.Limit != LimitStock {
		t.Errorf("add past stock = %+v, want 3 (+1) limited by stock", capped)
	}
	full := f.add(t, ch.Token, f.small, 1)
	if full.Quantity != 3 || full.Added != 0 || full.Limit != LimitStock {
		t.Errorf("add with all stock in cart = %+v", full)
	}
	f.add(t, ch.Token, f.big, 98)
	most := f.add(t, ch.Token, f.big, 5)
	if most.Quantity != MaxLineQuantity || most.Added != 1 || most.Limit != LimitMax {
		t.Errorf("add past 99 = %+v", most)
	}
}

func TestAddToCartRefusals(t *testing.T) {
	f := newCartFixture(t)
	draft := f.mugProduct
	draft.Handle, draft.Status, draft.Variants = "draft-mug", StatusDraft, []VariantInput{{SKU: "DM", Price: 1, Stock: 5}}
	f.save(t, draft)
	d, _ := f.s.ProductByHandle(context.Background(), "draft-mug", true)
	soldOut := f.shirt
	soldOut.Variants[0].Stock = 0
	f.save(t, soldOut)

	tests := []struct {
		name      string
		variantID int64
		qty       int64
		want      string
	}{
		{"zero", f.big, 0, "quantity:error.quantity_range"},
		{"negative", f.big, -1, "quantity:error.quantity_range"},
		{"absurd", f.big, 100, "quantity:error.quantity_range"},
		{"unknown variant", 999999, 1, "variant_id:error.variant_unavailable"},
		{"draft product", d.Variants[0].ID, 1, "variant_id:error.variant_unavailable"},
		{"sold out", f.small, 1, "variant_id:error.sold_out"},
	}
	for _, tt := range tests {
		_, err := f.s.AddToCart(context.Background(), "", tt.variantID, tt.qty)
		if got := validationField(err); got != tt.want {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.want)
		}
	}
	var carts int
	f.s.read.QueryRow(`SELECT count(*) FROM carts`).Scan(&carts)
	if carts != 0 {
		t.Errorf("refused adds created %d carts", carts)
	}
}

// A cart holds at most MaxCartLines different items; a full cart still
// takes more of what it holds.
func TestAddToFullCart(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	var token string
	for i := range MaxCartLines {
		handle := "tea-" + itoa(int64(i))
		f.save(t, ProductInput{Handle: handle, Title: handle, Status: StatusActive,
			Variants: []VariantInput{{SKU: handle, Price: 100, Stock: 10}}})
		p, err := f.s.ProductByHandle(ctx, handle, false)
		if err != nil {
			t.Fatal(err)
		}
		token = f.add(t, token, p.Variants[0].ID, 1).Token
	}
	_, err := f.s.AddToCart(ctx, token, f.mug, 1)
	if got := validationField(err); got != "variant_id:error.cart_full" {
		t.Fatalf("101st item: err = %v, want the cart full", err)
	}
	v := f.view(t, token)
	if len(v.Lines) != MaxCartLines {
		t.Fatalf("cart holds %d lines, want %d", len(v.Lines), MaxCartLines)
	}
	if ch := f.add(t, token, v.Lines[0].VariantID, 2); ch.Quantity != 3 || ch.Added != 2 {
		t.Errorf("more of a held item = %+v, want 3 (2 added)", ch)
	}
}

func TestAddToClosedCartStartsANewOne(t *testing.T) {
	f := newCartFixture(t)
	ch := f.add(t, "", f.mug, 1)
	closeCart(t, f.s, ch.Token)
	if v := f.view(t, ch.Token); v.Cart != nil || !v.Empty() {
		t.Errorf("closed cart still shows: %+v", v)
	}
	next := f.add(t, ch.Token, f.mug, 2)
	if next.Token == ch.Token || next.Quantity != 2 {
		t.Errorf("add after close = %+v, want a new cart", next)
	}
	// A token the client made up is not adopted either.
	forged := f.add(t, "made-up-token", f.mug, 1)
	if forged.Token == "made-up-token" {
		t.Error("a client-chosen token became a cart's token")
	}
}

func closeCart(t *testing.T, s *Store, token string) {
	t.Helper()
	err := s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE carts SET status = 'closed' WHERE token = ?`, token)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUpdateCartLine(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ch := f.add(t, "", f.big, 1)
	mug := f.add(t, ch.Token, f.mug, 1)

	up, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, 7)
	if err != nil || up.Quantity != 7 || up.Added != 6 {
		t.Fatalf("update to 7 = %+v, %v", up, err)
	}
	capped, err := f.s.UpdateCartLine(ctx, ch.Token, mug.LineID, 40)
	if err != nil || capped.Quantity != 30 || capped.Limit != LimitStock {
		t.Errorf("update past stock = %+v, %v", capped, err)
	}
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, 100); validationField(err) != "quantity:error.quantity_update_range" {
		t.Errorf("update to 100: %v", err)
	}
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, -1); validationField(err) == "" {
		t.Errorf("update to -1: %v", err)
	}

	// Another shopper's line is not found through this cart, and stays.
	other := f.add(t, "", f.mug, 1)
	for _, qty := range []int64{0, 5} {
		if _, err := f.s.UpdateCartLine(ctx, ch.Token, other.LineID, qty); !errors.Is(err, ErrNotFound) {
			t.Errorf("update foreign line to %d: err = %v, want ErrNotFound", qty, err)
		}
	}
	if _, err := f.s.UpdateCartLine(ctx, "", other.LineID, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("update without a cart: %v", err)
	}
	if v := f.view(t, other.Token); v.Count != 1 {
		t.Errorf("foreign cart changed: %d items", v.Count)
	}

	gone, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, 0)
	if err != nil || gone.Quantity != 0 || gone.Added != -7 {
		t.Fatalf("remove = %+v, %v", gone, err)
	}
	if v := f.view(t, ch.Token); len(v.Lines) != 1 || v.Lines[0].VariantID != f.mug {
		t.Errorf("after remove: %+v", v.Lines)
	}
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("update removed line: %v", err)
	}
}

func TestCartViewFlagsCatalogChanges(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ch := f.add(t, "", f.small, 3)
	f.add(t, ch.Token, f.big, 2)
	mug := f.add(t, ch.Token, f.mug, 1)

	// The owner raises L's price, sells two S, and archives the mug.
	shirt := f.shirt
	shirt.Variants[0].Stock = 1
	shirt.Variants[1].Price = 5900
	f.save(t, shirt)
	archived := f.mugProduct
	archived.Status = StatusArchived
	f.save(t, archived)

	v := f.view(t, ch.Token)
	byVariant := map[int64]CartLine{}
	for _, l := range v.Lines {
		byVariant[l.VariantID] = l
	}
	if l := byVariant[f.small]; l.Problem != ProblemLowStock || l.Purchasable() || l.Total != 0 {
		t.Errorf("S with 1 left for 3 wanted: %+v", l)
	}
	if l := byVariant[f.big]; !l.PriceChanged || l.PriceSeen != 5200 || l.UnitPrice != 5900 || l.Total != 11800 || !l.Purchasable() {
		t.Errorf("L after a price rise: %+v", l)
	}
	if l := byVariant[f.mug]; l.Problem != ProblemUnavailable {
		t.Errorf("archived mug: %+v", l)
	}
	// Only the purchasable line is priced, at the new price.
	if v.Pricing.Merchandise() != 11800 || len(v.Pricing.Lines) != 1 || v.Ready() || !v.PriceChanged() {
		t.Errorf("pricing = %+v, ready %v", v.Pricing, v.Ready())
	}

	// Adding more of L does not hide the change from the cart page.
	f.add(t, ch.Token, f.big, 1)
	if l := f.view(t, ch.Token).Lines[1]; !l.PriceChanged || l.Quantity != 3 {
		t.Errorf("L after adding more at the new price: %+v", l)
	}
	v = f.view(t, ch.Token)
	if err := f.s.MarkPricesSeen(ctx, v); err != nil {
		t.Fatal(err)
	}
	if l := f.view(t, ch.Token).Lines[1]; l.PriceChanged || l.PriceSeen != 5900 {
		t.Errorf("after being shown: %+v", l)
	}

	// Sold out entirely; the shopper can still remove it but not raise it.
	shirt.Variants[0].Stock = 0
	f.save(t, shirt)
	if l := f.view(t, ch.Token).Lines[0]; l.Problem != ProblemSoldOut {
		t.Errorf("sold-out S: %+v", l)
	}
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, ch.LineID, 2); validationField(err) != "variant_id:error.sold_out" {
		t.Errorf("raise sold-out line: %v", err)
	}
	if _, err := f.s.UpdateCartLine(ctx, ch.Token, mug.LineID, 0); err != nil {
		t.Errorf("remove unavailable line: %v", err)
	}

	// A variant deleted from the catalog takes its line with it.
	shirt.Variants = shirt.Variants[1:]
	f.save(t, shirt)
	if v := f.view(t, ch.Token); len(v.Lines) != 1 || v.Lines[0].VariantID != f.big {
		t.Errorf("after deleting S: %+v", v.Lines)
	}
}

func TestDeleteStaleCarts(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	old := f.add(t, "", f.mug, 1)
	f.clockOffset = 20 * 24 * time.Hour
	kept := f.add(t, "", f.mug, 1)
	f.clockOffset = 31 * 24 * time.Hour

	n, err := f.s.DeleteStaleCarts(ctx, f.s.Now().Add(-CartLifetime))
	if err != nil || n != 1 {
		t.Fatalf("DeleteStaleCarts = %d, %v; want 1", n, err)
	}
	if _, err := f.s.CartByToken(ctx, old.Token); !errors.Is(err, ErrNotFound) {
		t.Errorf("stale cart still there: %v", err)
	}
	if v := f.view(t, kept.Token); v.Count != 1 {
		t.Errorf("recent cart lost: %+v", v)
	}
	var lines int
	f.s.read.QueryRow(`SELECT count(*) FROM cart_lines`).Scan(&lines)
	if lines != 1 {
		t.Errorf("%d cart lines left, want 1 (the stale cart's went with it)", lines)
	}
}

// TestConcurrentAddsAreConsistent has 50 shoppers' worth of clicks land on
// one cart at once: every add counts once, and the stock cap holds.
func TestConcurrentAddsAreConsistent(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	token := f.add(t, "", f.mug, 1).Token
	var wg sync.WaitGroup
	var mu sync.Mutex
	var addedMug int64
	errs := make(chan error, 100)
	for range 50 {
		wg.Go(func() {
			if _, err := f.s.AddToCart(ctx, token, f.big, 1); err != nil {
				errs <- err
			}
			ch, err := f.s.AddToCart(ctx, token, f.mug, 1)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			addedMug += ch.Added
			mu.Unlock()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	v := f.view(t, token)
	got := map[int64]int64{}
	for _, l := range v.Lines {
		got[l.VariantID] = l.Quantity
	}
	if got[f.big] != 50 || got[f.mug] != 30 || addedMug != 29 || len(v.Lines) != 2 {
		t.Errorf("after 50 concurrent adds: %v lines, L=%d (want 50), mug=%d (want 30), mug added %d (want 29)",
			len(v.Lines), got[f.big], got[f.mug], addedMug)
	}
}
