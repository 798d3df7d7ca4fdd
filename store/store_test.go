package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// newTestStore opens a fresh store on a real SQLite file in a temp dir.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// runMigration runs migrations/name on s again, as a shop from before it
// runs it at its first start.
func runMigration(t *testing.T, s *Store, name string) {
	t.Helper()
	body, err := migrationFiles.ReadFile("migrations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.tx(context.Background(), func(tx *sql.Tx) error { _, err := tx.Exec(string(body)); return err }); err != nil {
		t.Fatal(err)
	}
}

// twoProcesses opens two stores on one new file, as two processes would:
// what one writes, the other did not.
func twoProcesses(t testing.TB) (here, other *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	open := func() *Store {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return open(), open()
}

// wantOneWinner runs attempt(0) … attempt(n-1) at the same moment and
// checks that exactly one succeeds and every other fails with loser.
func wantOneWinner(t *testing.T, n int, loser error, attempt func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = attempt(i) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, loser):
			t.Errorf("losing attempt: %v, want %v", err, loser)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d attempts won, want 1", won, n)
	}
}

func TestSaveProductRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	in := ProductInput{
		Handle: "linen-shirt", Title: "Linen Shirt", Status: StatusActive,
		OptionNames: []string{"Size", "Colour"}, Tags: []string{"summer", "linen"},
		Collections: []string{"shirts"},
		Variants: []VariantInput{
			{SKU: "LS-S-W", Options: [3]string{"S", "White"}, Price: 4900, CompareAtPrice: 5900, Stock: 3},
			{SKU: "LS-M-W", Options: [3]string{"M", "White"}, Price: 5200, Stock: 0},
		},
	}
	id, created, err := s.SaveProduct(ctx, in)
	if err != nil || !created {
		t.Fatalf("SaveProduct = %d, %v, %v", id, created, err)
	}
	p, err := s.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(p.Variants), 2; got != want {
		t.Fatalf("variants = %d, want %d", got, want)
	}
	if p.PriceMin != 4900 || p.PriceMax != 5200 || p.StockTotal != 3 || p.CompareAtMax != 5900 {
		t.Errorf("summary = %d..%d stock %d compare %d", p.PriceMin, p.PriceMax, p.StockTotal, p.CompareAtMax)
	}
	firstID := p.Variants[0].ID

	// Saving again updates in place and keeps variant ids.
	in.Variants[0].Price = 4500
	if _, created, err := s.SaveProduct(ctx, in); err != nil || created {
		t.Fatalf("second save: created=%v err=%v", created, err)
	}
	p, _ = s.ProductByHandle(ctx, "linen-shirt", false)
	if p.Variants[0].ID != firstID || p.Variants[0].Price != 4500 {
		t.Errorf("variant after update = %+v, want id %d price 4500", p.Variants[0], firstID)
	}
	if len(p.Collections) != 1 || p.Collections[0].Handle != "shirts" {
		t.Errorf("collections = %+v", p.Collections)
	}
}

func TestDraftProductHidden(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	_, _, err := s.SaveProduct(ctx, ProductInput{Handle: "secret", Title: "Secret", Status: StatusDraft,
		Variants: []VariantInput{{Price: 100, Stock: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProductByHandle(ctx, "secret", false); err != ErrNotFound {
		t.Errorf("draft visible to shoppers: err = %v", err)
	}
	res, err := s.Search(ctx, "secret", 1, 10)
	if err != nil || res.Total != 0 {
		t.Errorf("draft found by search: %+v %v", res, err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []struct{ handle, title string }{
		{"green-tea", "Dragon Well Green Tea 龙井绿茶"},
		{"tea-cup", "Porcelain Tea Cup 茶杯"},
		{"linen-shirt", "Linen Shirt"},
		{"cotton-tee", "Cotton Tee 纯棉T恤"},
	} {
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: p.handle, Title: p.title, Status: StatusActive,
			Variants: []VariantInput{{Price: 100, Stock: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		q    string
		want int
	}{
		{"tea", 2},
		{"green tea", 1},
		{"龙井绿茶", 1},
		{"茶", 2}, // one character: the spaced-ideograph index
		{"绿茶", 1},
		{"T恤", 1},
		{"te", 3}, // a short Latin term is a word prefix: tea, tea, tee
		{"茶 cup", 1},
		{"LINEN", 1},
		{"nothing-here", 0},
		{`"; DROP TABLE products; --`, 0},
		{`tea*) ((`, 2},
		{`"茶`, 2},
		{`茶"*`, 2},
		{"", 0},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.q, 1, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		if res.Total != tt.want || len(res.Hits) != tt.want {
			t.Errorf("Search(%q) = %d hits (total %d), want %d", tt.q, len(res.Hits), res.Total, tt.want)
		}
	}
	res, _ := s.Search(ctx, "linen", 1, 10)
	if segs := res.Hits[0].TitleSegments; len(segs) < 1 || !segs[0].Match || segs[0].Text != "Linen" {
		t.Errorf("highlight = %+v", segs)
	}
	res, _ = s.Search(ctx, "lnen shirt", 1, 10)
	if res.Suggestion != "linen shirt" {
		t.Errorf("suggestion = %q, want %q", res.Suggestion, "linen shirt")
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		exp  int
		want int64
		ok   bool
	}{
		{"19.99", 2, 1999, true}, {"19.9", 2, 1990, true}, {"19", 2, 1900, true}, {"1,299.50", 2, 129950, true},
		{"19.990", 2, 1999, true}, {"19.995", 2, 0, false}, {"abc", 2, 0, false}, {"-1", 2, 0, false},
		{"500", 0, 500, true}, {"", 2, 0, false}, {"99999999999999", 2, 0, false},
		{"19,99", 2, 0, false}, {"1,2,3", 2, 0, false}, {"12,345,678.9", 2, 1234567890, true}, {",100", 2, 0, false},
		// A Chinese input method types full-width digits, points, commas and spaces.
		{"２０", 2, 2000, true}, {"１２．５０", 2, 1250, true}, {"１，２９９．５", 2, 129950, true}, {"\u3000２０\u3000", 0, 20, true},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in, tt.exp)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMoney(%q, %d) = %d, %v; want %d ok=%v", tt.in, tt.exp, got, err, tt.want, tt.ok)
		}
	}
}

func TestSaveProductMatchesSKUFirst(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	in := ProductInput{Handle: "mug", Title: "Mug", Status: StatusActive, OptionNames: []string{"Colour"},
		Variants: []VariantInput{
			{Options: [3]string{"Blue"}, Price: 100, Stock: 1},
			{SKU: "MUG-RED", Options: [3]string{"Red"}, Price: 100, Stock: 1},
		}}
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	before, _ := s.ProductByHandle(ctx, "mug", false)
	// The SKU'd variant changes colour to the one the SKU-less variant had:
	// it must keep its own id.
	in.Variants = []VariantInput{{SKU: "MUG-RED", Options: [3]string{"Blue"}, Price: 100, Stock: 1}}
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	after, _ := s.ProductByHandle(ctx, "mug", false)
	if len(after.Variants) != 1 || after.Variants[0].ID != before.Variants[1].ID {
		t.Errorf("variants after = %+v, want the id of MUG-RED (%d)", after.Variants, before.Variants[1].ID)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Linen Shirt – Blue": "linen-shirt-blue",
		"  龙井 绿茶 ":           "龙井-绿茶",
		"T-Shirt (XL)!":      "t-shirt-xl",
		"---":                "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slugify(strings.Repeat("a", 199) + " 茶茶茶")
	if long != Slugify(long) || strings.HasSuffix(long, "-") {
		t.Errorf("long slug %q is not stable", long)
	}
}
