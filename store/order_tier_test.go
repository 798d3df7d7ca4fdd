package store

import (
	"context"
	"testing"
)

// TestOrderNamesTheTierItSold: a line that sold Gold for a year reads
// "Gold", 12 months, in the admin's language; the mug beside it sold no
// tier. Renamed since, the tier is still named on the order as it was
// sold, in each language.
func TestOrderNamesTheTierItSold(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold, _, variant := goldYear(t, f)
	token := f.add(t, "", variant, 1).Token
	f.add(t, token, f.mug, 1)
	o, _, err := f.s.PlaceOrder(ctx, checkoutFor(token, ship))
	if err != nil {
		t.Fatal(err)
	}
	o, err = f.s.OrderByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	tiers := func(o *Order) (out []string) {
		for _, l := range o.Lines {
			out = append(out, l.TierName+"/"+itoa(l.TierMonths))
		}
		return out
	}
	for _, c := range []struct {
		locale string
		want   [2]string
	}{{"en", [2]string{"Gold/12", "/0"}}, {"zh", [2]string{"金卡会员/12", "/0"}}} {
		if got := tiers(o.In(c.locale)); len(got) != 2 || got[0] != c.want[0] || got[1] != c.want[1] {
			t.Errorf("in %s the lines sold %q, want %q", c.locale, got, c.want)
		}
	}

	if err := f.s.SaveTier(ctx, Actor{}, gold, TierInput{Name: Plain("Gold Plus").With("zh", "金卡会员+"),
		Threshold: "3000", SoldSKU: "GOLD-1Y", SoldMonths: "6"}); err != nil {
		t.Fatal(err)
	}
	o, err = f.s.OrderByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	for locale, want := range map[string]string{"en": "Gold/12", "zh": "金卡会员/12"} {
		if got := tiers(o.In(locale)); got[0] != want {
			t.Errorf("renamed since, in %s the line sold %q, want %q as sold", locale, got[0], want)
		}
	}
}

// TestTierNamesKeptForOlderLines: lines sold before tier names were kept
// in every language (migration 0048) take the tier's names now where it
// still goes by the name sold; one renamed since keeps the name sold.
func TestTierNamesKeptForOlderLines(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold, _, variant := goldYear(t, f)
	buy := func() *Order {
		t.Helper()
		o, _, err := f.s.PlaceOrder(ctx, checkoutFor(f.add(t, "", variant, 1).Token, ship))
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	before := buy()
	if err := f.s.SaveTier(ctx, Actor{}, gold, TierInput{Name: Plain("Gold Plus").With("zh", "金卡会员+"),
		Threshold: "3000", SoldSKU: "GOLD-1Y", SoldMonths: "12"}); err != nil {
		t.Fatal(err)
	}
	after := buy()
	if _, err := f.s.write.Exec(`ALTER TABLE order_lines DROP COLUMN tier_names`); err != nil {
		t.Fatal(err)
	}
	runMigration(t, f.s, "0048_order_line_tier_names.sql")
	for _, c := range []struct {
		o    *Order
		want string
	}{{before, "Gold"}, {after, "金卡会员+"}} {
		o, err := f.s.OrderByID(ctx, c.o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := o.In("zh").Lines[0].TierName; got != c.want {
			t.Errorf("in Chinese the line sold %q, want %q", got, c.want)
		}
	}
}
