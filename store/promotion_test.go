package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"storefront/store/pricing"
)

// promoRow is a promotions row for insertPromotion; nil times are open.
type promoRow struct {
	name, kind, code, typ string
	value                 int64
	starts, ends          *time.Time
	limit, used           any // nil: no limit
	active                bool
	rules                 string // JSON; "" for {}
	created               time.Time
}

func insertPromotion(t testing.TB, s *Store, p promoRow) int64 {
	t.Helper()
	unix := func(tm *time.Time) any {
		if tm == nil {
			return nil
		}
		return tm.Unix()
	}
	if p.used == nil {
		p.used = 0
	}
	if p.rules == "" {
		p.rules = "{}"
	}
	res, err := s.DB().Exec(`INSERT INTO promotions (name, kind, code, type, value, starts_at, ends_at,
		usage_limit, usage_count, active, rules, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.name, p.kind, p.code, p.typ, p.value, unix(p.starts), unix(p.ends), p.limit, p.used, p.active,
		p.rules, p.created.Unix(), p.created.Unix())
	if err != nil {
		t.Fatalf("insert promotion %s: %v", p.name, err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestListPromotionsStatesAndFilters(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	before, after := now.Add(-time.Hour), now.Add(time.Hour)
	longAgo := now.Add(-48 * time.Hour)
	col, err := s.SaveCollection(ctx, CollectionInput{Handle: "tea", Title: "Tea"})
	if err != nil {
		t.Fatal(err)
	}

	insertPromotion(t, s, promoRow{name: "Welcome", kind: PromoCoupon, code: "WELCOME10", typ: pricing.TypePercent,
		value: 1000, active: true, created: now.Add(-5 * time.Minute)})
	insertPromotion(t, s, promoRow{name: "Flash sale", kind: PromoAutomatic, typ: pricing.TypePercent, value: 2000,
		starts: &after, active: true, rules: fmt.Sprintf(`{"collections":[%d]}`, col), created: now.Add(-4 * time.Minute)})
	insertPromotion(t, s, promoRow{name: "Spring", kind: PromoCoupon, code: "SPRING", typ: pricing.TypeFixed,
		value: 500, starts: &longAgo, ends: &before, active: true, created: now.Add(-3 * time.Minute)})
	insertPromotion(t, s, promoRow{name: "Hundred", kind: PromoCoupon, code: "FIRST100", typ: pricing.TypeFixed,
		value: 500, limit: 100, used: 100, active: true, created: now.Add(-2 * time.Minute)})
	insertPromotion(t, s, promoRow{name: "Paused", kind: PromoCoupon, code: "PAUSED", typ: pricing.TypeFixed,
		value: 500, ends: &before, active: false, created: now.Add(-time.Minute)})

	all, err := s.ListPromotions(ctx, PromotionFilter{}, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range all.Rows {
		got = append(got, p.Name.Default+":"+p.State)
	}
	want := []string{"Paused:disabled", "Hundred:used_up", "Spring:expired", "Flash sale:scheduled", "Welcome:active"}
	if !slices.Equal(got, want) || all.Total != 5 {
		t.Errorf("all = %v (total %d), want %v", got, all.Total, want)
	}
	flash := all.Rows[3]
	if !slices.Equal(flash.Collections, []int64{col}) || flash.Code != "" || !flash.StartsAt.Equal(after) || !flash.EndsAt.IsZero() {
		t.Errorf("flash sale = %+v", flash)
	}

	for _, tc := range []struct {
		filter PromotionFilter
		want   []string
	}{
		{PromotionFilter{State: "all"}, []string{"Paused", "Hundred", "Spring", "Flash sale", "Welcome"}},
		{PromotionFilter{State: PromoStateActive}, []string{"Welcome"}},
		{PromotionFilter{State: PromoStateScheduled}, []string{"Flash sale"}},
		{PromotionFilter{State: PromoStateExpired}, []string{"Spring"}},
		{PromotionFilter{Query: "welcome10"}, []string{"Welcome"}}, // codes match in any case
		{PromotionFilter{Query: "sale"}, []string{"Flash sale"}},
		{PromotionFilter{Query: "100%"}, nil}, // % is a character, not a wildcard
		{PromotionFilter{State: PromoStateActive, Query: "spring"}, nil},
	} {
		page, err := s.ListPromotions(ctx, tc.filter, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range page.Rows {
			names = append(names, p.Name.Default)
		}
		if !slices.Equal(names, tc.want) || page.Total != len(tc.want) {
			t.Errorf("%+v = %v (total %d), want %v", tc.filter, names, page.Total, tc.want)
		}
	}

	// The clock moves: the flash sale starts and the welcome coupon keeps going.
	now = after.Add(time.Minute)
	active, _ := s.ListPromotions(ctx, PromotionFilter{State: PromoStateActive}, 1, 0)
	if active.Total != 2 {
		t.Errorf("active an hour later = %d, want 2", active.Total)
	}
}

func TestListPromotionsPages(t *testing.T) {
	s := newTestStore(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 7 {
		insertPromotion(t, s, promoRow{name: fmt.Sprintf("P%d", i), kind: PromoCoupon, code: fmt.Sprintf("CODE%d", i),
			typ: pricing.TypeFixed, value: 100, active: true, created: base.Add(time.Duration(i) * time.Minute)})
	}
	p3, err := s.ListPromotions(context.Background(), PromotionFilter{}, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p3.Total != 7 || p3.Pages() != 3 || len(p3.Rows) != 1 || p3.Rows[0].Name.Default != "P0" {
		t.Errorf("page 3 of 3 = total %d pages %d rows %+v", p3.Total, p3.Pages(), p3.Rows)
	}
}

// TestPromotionsSchemaRefusesNonsense checks the table's constraints, the
// last line of defence behind the promotions feature's validation.
func TestPromotionsSchemaRefusesNonsense(t *testing.T) {
	s := newTestStore(t)
	insertPromotion(t, s, promoRow{name: "Welcome", kind: PromoCoupon, code: "WELCOME10", typ: pricing.TypePercent,
		value: 1000, active: true})
	insert := `INSERT INTO promotions (name, kind, code, type, value, usage_limit, usage_count, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)`
	pct, fixed := pricing.TypePercent, pricing.TypeFixed
	for _, tc := range []struct {
		name string
		args []any
	}{
		{"duplicate code", []any{"Again", PromoCoupon, "WELCOME10", pct, 1000, nil, 0}},
		{"lower-case code", []any{"Lower", PromoCoupon, "welcome", pct, 1000, nil, 0}},
		{"automatic with a code", []any{"Auto", PromoAutomatic, "AUTO", pct, 1000, nil, 0}},
		{"over 100%", []any{"Too much", PromoCoupon, "MUCH", pct, 10001, nil, 0}},
		{"no percentage", []any{"Zero", PromoCoupon, "ZERO", pct, 0, nil, 0}},
		{"negative value", []any{"Minus", PromoCoupon, "MINUS", fixed, -1, nil, 0}},
		{"unknown type", []any{"Odd", PromoCoupon, "ODD", "bogo", 100, nil, 0}},
		{"used past its limit", []any{"Over", PromoCoupon, "OVER", fixed, 100, 5, 6}},
		{"no name", []any{" ", PromoCoupon, "NONAME", fixed, 100, nil, 0}},
	} {
		if _, err := s.DB().Exec(insert, tc.args...); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	// Automatic promotions have no code, nor have coupons whose codes are
	// generated: the unique index ignores them.
	for _, name := range []string{"Sale A", "Sale B"} {
		if _, err := s.DB().Exec(insert, name, PromoAutomatic, "", pct, 500, nil, 0); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := s.DB().Exec(insert, "Campaign", PromoCoupon, "", pct, 500, nil, 0); err != nil {
		t.Errorf("coupon without a code of its own: %v", err)
	}
}
