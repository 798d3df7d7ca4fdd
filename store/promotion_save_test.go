package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store/pricing"
)

// wantFields checks that err is a ValidationError naming exactly fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	var v *ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("err = %v, want a validation error on %v", err, fields)
	}
	var got []string
	for f := range v.Fields {
		got = append(got, f)
	}
	slices.Sort(got)
	slices.Sort(fields)
	if !slices.Equal(got, fields) {
		t.Errorf("fields = %v (%v), want %v", got, v.Fields, fields)
	}
}

func welcomeCoupon() PromotionInput {
	return PromotionInput{Name: Text{Default: "Welcome", Tr: map[string]string{"zh": "新客券"}},
		Kind: PromoCoupon, Code: " welcome10 ", Type: pricing.TypePercent, Value: "10",
		Products: "shirt", Tags: "summer sale, 夏季", MinSubtotal: "20.00", FirstOrderOnly: true, CustomerLimit: "1"}
}

func TestCreatePromotionReadsTheFormAndShowsItBack(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	id, err := f.s.CreatePromotion(ctx, Actor{Email: "owner@example.com"}, welcomeCoupon())
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.s.PromotionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	shirt, _ := f.s.ProductByHandle(ctx, "shirt", false)
	if p.Code != "WELCOME10" || p.Value != 1000 || p.MinSubtotal != 2000 || !p.FirstOrderOnly || p.CustomerLimit != 1 ||
		!slices.Equal(p.Products, []int64{shirt.ID}) || !slices.Equal(p.Tags, []string{"summer sale", "夏季"}) ||
		p.Name.In("zh") != "新客券" || p.Name.Default != "Welcome" || !p.Active || p.State != PromoStateActive {
		t.Errorf("stored %+v", p)
	}
	in, err := f.s.PromotionInputOf(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if in.Value != "10.00" || in.Products != "shirt" || in.MinSubtotal != "20.00" || in.Code != "WELCOME10" ||
		in.Tags != "summer sale, 夏季" || in.CustomerLimit != "1" {
		t.Errorf("form of it = %+v", in)
	}
	// Saving the form as shown changes nothing.
	if err := f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in); err != nil {
		t.Fatal(err)
	}
	again, _ := f.s.PromotionByID(ctx, id)
	if again.Value != p.Value || !slices.Equal(again.Products, p.Products) || again.Version != p.Version+1 {
		t.Errorf("after a resave %+v", again)
	}
	var audits int
	f.s.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE entity = 'promotion' AND entity_id = ?`, id).Scan(&audits)
	if audits != 2 {
		t.Errorf("audit rows = %d, want 2", audits)
	}
}

func TestPromotionFormRefusesNonsense(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ladder := func(steps ...StepInput) PromotionInput {
		return PromotionInput{Name: Plain("Ladder"), Kind: PromoAutomatic, Type: pricing.TypeLadder, Ladder: steps}
	}
	for _, tc := range []struct {
		name   string
		in     PromotionInput
		fields []string
	}{
		{"no name, over 100%", PromotionInput{Kind: PromoCoupon, Code: "X", Type: pricing.TypePercent, Value: "100.01"},
			[]string{"name", "value"}},
		{"automatic with a code", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Code: "AUTO", Type: pricing.TypeFixed,
			Value: "5"}, []string{"code"}},
		{"coupon buy x get y", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeBXGY, Buy: "2", Get: "1",
			GetPercent: "100"}, []string{"type"}},
		{"code with spaces", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Code: "TWO WORDS", Type: pricing.TypeFixed,
			Value: "5"}, []string{"code"}},
		{"money with three decimals", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFixed,
			Value: "5.005"}, []string{"value"}},
		{"end before start", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFreeShipping,
			Starts: "2026-05-02", Ends: "2026-05-01 10:00"}, []string{"ends"}},
		{"not a date", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFreeShipping,
			Starts: "next tuesday"}, []string{"starts"}},
		{"ladder out of order", ladder(StepInput{Min: "299", Value: "50"}, StepInput{Min: "199", Value: "20"}),
			[]string{"ladder_1"}},
		{"ladder step above its spend", ladder(StepInput{Min: "10", Value: "50"}), []string{"ladder_0"}},
		{"ladder without steps", ladder(StepInput{}), []string{"ladder"}},
		{"unknown product", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFixed, Value: "5",
			Products: "shirt nope", ExcludeCollections: "ghost"}, []string{"products", "exclude_collections"}},
		{"bundle of one", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Type: pricing.TypeBundle,
			Products: "shirt", BundlePrice: "50"}, []string{"products"}},
		{"gift that is not sold", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Type: pricing.TypeGift,
			GiftVariant: "NOPE"}, []string{"gift_variant"}},
		{"flash without dates", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Type: pricing.TypeFlash,
			Value: "50"}, []string{"starts", "ends"}},
		{"flash step after the end", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Type: pricing.TypeFlash,
			Value: "50", Starts: "2026-05-01 10:00", Ends: "2026-05-01 12:00",
			Flash: []StepInput{{At: "2026-05-01 12:00", Value: "30"}}}, []string{"flash_0"}},
		{"negative limit", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFixed, Value: "5",
			UsageLimit: "-1"}, []string{"usage_limit"}},
		{"amounts past any promotion", PromotionInput{Name: Plain("A"), Kind: PromoCoupon, Type: pricing.TypeFixed,
			Value: "999999999999", MinSubtotal: "10,000,000.01"}, []string{"value", "min_subtotal"}},
		{"ladder past any promotion", ladder(StepInput{Min: "99999999", Value: "20"}), []string{"ladder_0"}},
		{"a tier nobody has", PromotionInput{Name: Plain("A"), Kind: PromoAutomatic, Type: pricing.TypePercent, Value: "5",
			Tier: "Silvr"}, []string{"tier"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.s.CreatePromotion(ctx, Actor{}, tc.in)
			wantFields(t, err, tc.fields...)
		})
	}
	var n int
	f.s.DB().QueryRow(`SELECT count(*) FROM promotions`).Scan(&n)
	if n != 0 {
		t.Errorf("%d promotions saved from bad forms", n)
	}
}

func TestPromotionFormReadsEveryType(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	shirt, _ := f.s.ProductByHandle(ctx, "shirt", false)
	mug, _ := f.s.ProductByHandle(ctx, "mug", false)
	for _, tc := range []struct {
		in   PromotionInput
		want func(p *Promotion) bool
	}{
		{PromotionInput{Type: pricing.TypeBXGY, Buy: "2", Get: "1", GetPercent: "100", ExcludeProducts: "mug"},
			func(p *Promotion) bool {
				return p.Buy == 2 && p.Get == 1 && p.GetPercent == 10000 && slices.Equal(p.ExcludeProducts, []int64{mug.ID})
			}},
		{PromotionInput{Type: pricing.TypeGift, GiftVariant: "MUG", MinSubtotal: "100"},
			func(p *Promotion) bool { return p.GiftVariant == f.mug && p.MinSubtotal == 10000 }},
		{PromotionInput{Type: pricing.TypeGift, GiftVariant: strconv.FormatInt(f.small, 10)},
			func(p *Promotion) bool { return p.GiftVariant == f.small }},
		{PromotionInput{Type: pricing.TypeBundle, Products: "shirt, mug", BundlePrice: "55"},
			func(p *Promotion) bool {
				return slices.Equal(p.Products, []int64{shirt.ID, mug.ID}) && p.BundlePrice == 5500
			}},
		{PromotionInput{Type: pricing.TypeFlash, Price: true, Value: "39.90", Starts: "2026-05-01", Ends: "2026-05-02"},
			func(p *Promotion) bool { return p.Price && p.Value == 3990 && len(p.Steps) == 0 }},
		{PromotionInput{Type: pricing.TypeFixed, Value: "1,299.50", Collections: "", Tags: "a，b、c"},
			func(p *Promotion) bool { return p.Value == 129950 && slices.Equal(p.Tags, []string{"a", "b", "c"}) }},
	} {
		tc.in.Name, tc.in.Kind = Plain(tc.in.Type), PromoAutomatic
		id, err := f.s.CreatePromotion(ctx, Actor{}, tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in.Type, err)
			continue
		}
		p, _ := f.s.PromotionByID(ctx, id)
		if !tc.want(p) {
			t.Errorf("%s stored as %+v", tc.in.Type, p)
		}
	}
}

func TestPromotionTimesAreTheShopsTimeZone(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	if err := f.s.SetSetting(ctx, SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("May"), Kind: PromoCoupon, Code: "MAY",
		Type: pricing.TypeFreeShipping, Starts: "2026-05-01", Ends: "2026-05-31"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.s.PromotionByID(ctx, id)
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	if want := time.Date(2026, 5, 1, 0, 0, 0, 0, shanghai); !p.StartsAt.Equal(want) {
		t.Errorf("starts %v, want %v", p.StartsAt, want)
	}
	if want := time.Date(2026, 5, 31, 23, 59, 59, 0, shanghai); !p.EndsAt.Equal(want) {
		t.Errorf("ends %v, want %v", p.EndsAt, want)
	}

	// A stepped flash sale: the steps stored begin with the sale's start.
	flash, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Flash"), Kind: PromoAutomatic,
		Type: pricing.TypeFlash, Value: "50", Variants: "SH-L", Starts: "2026-05-01 10:00", Ends: "2026-05-01T14:00",
		Flash: []StepInput{{At: "2026-05-01 11:00", Value: "30"}}, UsageLimit: "10", CustomerLimit: "2"})
	if err != nil {
		t.Fatal(err)
	}
	fp, _ := f.s.PromotionByID(ctx, flash)
	ten := time.Date(2026, 5, 1, 10, 0, 0, 0, shanghai).Unix()
	if want := []pricing.Step{{At: ten, Value: 5000}, {At: ten + 3600, Value: 3000}}; !slices.Equal(fp.Steps, want) ||
		fp.Value != 5000 || fp.Limit != 10 || !slices.Equal(fp.Variants, []int64{f.big}) {
		t.Errorf("flash = %+v, steps %v", fp, fp.Steps)
	}
	in, _ := f.s.PromotionInputOf(ctx, fp)
	if len(in.Flash) != 1 || in.Flash[0].At != "2026-05-01 11:00" || in.Starts != "2026-05-01 10:00" || in.Value != "50.00" {
		t.Errorf("flash form = %+v", in)
	}
}

func TestPromotionCodesAreUniqueEverywhere(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	first, err := f.s.CreatePromotion(ctx, Actor{}, welcomeCoupon())
	if err != nil {
		t.Fatal(err)
	}
	in := welcomeCoupon()
	in.Code = "Welcome10" // case does not make it another code
	_, err = f.s.CreatePromotion(ctx, Actor{}, in)
	wantFields(t, err, "code")

	campaign, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Campaign"), Kind: PromoCoupon,
		Type: pricing.TypeFixed, Value: "5"})
	if err != nil {
		t.Fatalf("a coupon with generated codes only: %v", err)
	}
	if err := f.s.GeneratePromotionCodes(ctx, Actor{}, campaign, 200, "spring-", ""); err != nil {
		t.Fatal(err)
	}
	codes, err := f.s.PromotionCodes(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		rest, ok := strings.CutPrefix(c.Code, "SPRING-")
		if !ok || len(rest) != generatedCodeLen || strings.ContainsAny(rest, "01IO") || seen[c.Code] || c.Used {
			t.Fatalf("code %+v", c)
		}
		seen[c.Code] = true
	}
	if len(codes) != 200 {
		t.Errorf("%d codes, want 200", len(codes))
	}
	// A generated code cannot become a coupon's own, here or on another.
	p, _ := f.s.PromotionByID(ctx, first)
	in, _ = f.s.PromotionInputOf(ctx, p)
	in.Code = strings.ToLower(codes[0].Code)
	wantFields(t, f.s.UpdatePromotion(ctx, Actor{}, first, p.Version, in), "code")

	for _, tc := range []struct {
		id     int64
		n      int
		prefix string
	}{{campaign, 0, ""}, {campaign, MaxGeneratedCodes + 1, ""}, {campaign, 5, "NO SPACE"}} {
		if err := f.s.GeneratePromotionCodes(ctx, Actor{}, tc.id, tc.n, tc.prefix, ""); err == nil {
			t.Errorf("%d codes prefixed %q accepted", tc.n, tc.prefix)
		}
	}
	auto, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Auto"), Kind: PromoAutomatic,
		Type: pricing.TypeFixed, Value: "5"})
	if err != nil {
		t.Fatal(err)
	}
	wantFields(t, f.s.GeneratePromotionCodes(ctx, Actor{}, auto, 5, "", ""), "count")
}

func TestPromotionLifecycle(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	id, err := f.s.CreatePromotion(ctx, Actor{}, welcomeCoupon())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.s.PromotionByID(ctx, id)
	in, _ := f.s.PromotionInputOf(ctx, p)

	// A form opened before someone else saved is refused whole.
	if err := f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in); err != nil {
		t.Fatal(err)
	}
	in.Value = "20"
	if err := f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in); !errors.Is(err, ErrConflict) {
		t.Errorf("stale save = %v, want ErrConflict", err)
	}

	// A limit below the uses taken would break the table's rule: refused by field.
	if _, err := f.s.DB().Exec(`UPDATE promotions SET usage_count = 3 WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	p, _ = f.s.PromotionByID(ctx, id)
	in.UsageLimit = "2"
	wantFields(t, f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in), "usage_limit")

	if err := f.s.SetPromotionActive(ctx, Actor{}, id, false); err != nil {
		t.Fatal(err)
	}
	if p, _ = f.s.PromotionByID(ctx, id); p.State != PromoStateDisabled {
		t.Errorf("paused state = %s", p.State)
	}
	if err := f.s.SetPromotionActive(ctx, Actor{}, id, true); err != nil {
		t.Fatal(err)
	}
	if p, _ = f.s.PromotionByID(ctx, id); p.State != PromoStateActive {
		t.Errorf("resumed state = %s", p.State)
	}

	copyID, err := f.s.DuplicatePromotion(ctx, Actor{}, id, map[string]string{"en": " (copy)", "zh": "（副本）"}, "")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := f.s.PromotionByID(ctx, copyID)
	if c.Name.Default != "Welcome (copy)" || c.Name.In("zh") != "新客券（副本）" || c.Code != "" || c.Used != 0 ||
		c.State != PromoStateDisabled || c.Value != p.Value || !slices.Equal(c.Products, p.Products) {
		t.Errorf("copy = %+v", c)
	}

	if err := f.s.ArchivePromotion(ctx, Actor{}, id); err != nil {
		t.Fatal(err)
	}
	p, _ = f.s.PromotionByID(ctx, id)
	if p.State != PromoStateArchived || p.Active {
		t.Errorf("archived = %+v", p)
	}
	in, _ = f.s.PromotionInputOf(ctx, p)
	if err := f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in); !errors.Is(err, ErrPromotionArchived) {
		t.Errorf("editing an archived promotion = %v", err)
	}
	if err := f.s.SetPromotionActive(ctx, Actor{}, id, true); !errors.Is(err, ErrPromotionArchived) {
		t.Errorf("resuming an archived promotion = %v", err)
	}
	if err := f.s.SetPromotionActive(ctx, Actor{}, 9999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("pausing nothing = %v", err)
	}
	list, _ := f.s.ListPromotions(ctx, PromotionFilter{}, 1, 0)
	if list.Total != 1 || list.Rows[0].ID != copyID {
		t.Errorf("default list = %+v, want only the copy", list.Rows)
	}
}

// TestPromotionStatsLeaveOutCancelledOrders records discounts and uses as
// placing an order does and adds them up.
func TestPromotionStatsLeaveOutCancelledOrders(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	id, err := f.s.CreatePromotion(ctx, Actor{}, welcomeCoupon())
	if err != nil {
		t.Fatal(err)
	}
	ship := flatShipping(t, f.s)
	a := f.placeFor(t, ship, "a@example.com", "A", f.mug, 2)
	b := f.placeFor(t, ship, "b@example.com", "B", f.mug, 1)
	c := f.placeFor(t, ship, "c@example.com", "C", f.big, 1)
	for _, o := range []*Order{a, b, c} {
		if _, err := f.s.DB().Exec(`INSERT INTO order_discounts (order_id, code, amount, promotion_id) VALUES (?, 'WELCOME10', 300, ?)`,
			o.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	// A use without a line discount (a gift, free shipping) counts the order too.
	d := f.placeFor(t, ship, "d@example.com", "D", f.mug, 1)
	if _, err := f.s.DB().Exec(`INSERT INTO promotion_uses (promotion_id, order_id, customer, quantity) VALUES (?, ?, 'd@example.com', 1)`,
		id, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelOrder(ctx, Actor{}, c.ID); err != nil {
		t.Fatal(err)
	}
	st, err := f.s.PromotionStats(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if want := a.Total + b.Total + d.Total; st.Orders != 3 || st.Revenue != want || st.Discount != 600 {
		t.Errorf("stats = %+v, want 3 orders, revenue %d, discount 600", st, want)
	}
}

// TestPromotionCodeRaces: staff saving the same code at once, or the same
// code as a coupon and as a generated one, end with it in one place.
func TestPromotionCodeRaces(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	wantOneWinner(t, 8, errCodeTaken, func(int) error {
		_, err := f.s.CreatePromotion(ctx, Actor{}, welcomeCoupon())
		return err
	})
	// Two stale forms of one promotion: the second is refused, not merged.
	id, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Sale"), Kind: PromoAutomatic,
		Type: pricing.TypePercent, Value: "5"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.s.PromotionByID(ctx, id)
	in, _ := f.s.PromotionInputOf(ctx, p)
	wantOneWinner(t, 6, ErrConflict, func(i int) error {
		in := in
		in.Value = strconv.Itoa(10 + i)
		return f.s.UpdatePromotion(ctx, Actor{}, id, p.Version, in)
	})
}

// TestFlashSalePriceMustLowerAPrice: a set price at or above the price of
// every item a flash sale covers is refused, beside the price it is
// about; covered items are matched as the engine matches them.
func TestFlashSalePriceMustLowerAPrice(t *testing.T) {
	f := newCartFixture(t) // shirt 49.00 and 52.00, mug 15.00
	ctx := context.Background()
	f.save(t, ProductInput{Handle: "old-vase", Title: "Old vase", Status: StatusArchived, Tags: []string{"clay"},
		Variants: []VariantInput{{SKU: "VASE", Price: 90000, Stock: 1}}})
	f.save(t, ProductInput{Handle: "bowl", Title: "Bowl", Status: StatusDraft, Tags: []string{"clay"},
		Variants: []VariantInput{{SKU: "BOWL", Price: 3000, Stock: 1}}})
	flash := func(price string, set func(*PromotionInput)) PromotionInput {
		in := PromotionInput{Name: Plain("Flash"), Kind: PromoAutomatic, Type: pricing.TypeFlash, Price: true,
			Value: price, Starts: "2026-05-01", Ends: "2026-05-02"}
		set(&in)
		return in
	}
	for _, tc := range []struct {
		name   string
		in     PromotionInput
		fields []string
	}{
		{"above everything", flash("500", func(*PromotionInput) {}), []string{"value"}},
		{"equal to the dearest", flash("52", func(*PromotionInput) {}), []string{"value"}},
		{"below the dearest", flash("51.99", func(*PromotionInput) {}), nil},
		{"above the mug it covers", flash("20", func(in *PromotionInput) { in.Products = "mug" }), []string{"value"}},
		{"above all but the excluded shirt", flash("40", func(in *PromotionInput) { in.ExcludeProducts = "shirt" }), []string{"value"}},
		{"below the shirt it covers", flash("50", func(in *PromotionInput) { in.Products = "shirt" }), nil},
		{"a later step that lowers nothing", flash("10", func(in *PromotionInput) {
			in.Products = "mug"
			in.Flash = []StepInput{{}, {At: "2026-05-01 12:00", Value: "15"}}
		}), []string{"flash_1"}},
		// The archived vase is not sold; the draft bowl will be.
		{"a tag's draft counts, its archived does not", flash("30", func(in *PromotionInput) { in.Tags = "clay" }), []string{"value"}},
		{"a tag no product has yet", flash("500", func(in *PromotionInput) { in.Tags = "glass" }), nil},
		{"an unknown product", flash("500", func(in *PromotionInput) { in.Products = "nope" }), []string{"products"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.s.CreatePromotion(ctx, Actor{}, tc.in)
			if tc.fields == nil {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			wantFields(t, err, tc.fields...)
			var v *ValidationError
			if errors.As(err, &v) && tc.fields[0] != "products" && v.Fields[tc.fields[0]] != "admin.promotions.error.flash_price_high" {
				t.Errorf("%s says %s", tc.fields[0], v.Fields[tc.fields[0]])
			}
		})
	}
}
