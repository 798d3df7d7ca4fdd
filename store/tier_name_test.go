package store

import (
	"context"
	"encoding/json"
	"testing"

	"storefront/store/pricing"
)

// TestTierNameUniqueInEveryLanguage: a tier's Chinese name may not be
// another live tier's Chinese or English name (in any case), saved or
// added, and the refusal marks name_zh; a tier keeps its own names. A
// promotion typed with a name two tiers answer to (left from before) is
// refused on its tier field instead of going to one of them.
func TestTierNameUniqueInEveryLanguage(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	silver, gold := f.tierID(t, "Silver"), f.tierID(t, "Gold")
	save := func(zh string) error {
		return f.s.SaveTier(ctx, Actor{}, silver, TierInput{Name: Text{Default: "Silver", Tr: map[string]string{"zh": zh}},
			Threshold: "1000"})
	}
	for _, zh := range []string{"金卡会员", "gold", "GOLD"} {
		wantFields(t, save(zh), "name_zh")
	}
	_, err := f.s.CreateTier(ctx, Actor{}, TierInput{Name: Text{Default: "Diamond", Tr: map[string]string{"zh": "银卡会员"}},
		Threshold: "5000"})
	wantFields(t, err, "name_zh")
	_, err = f.s.CreateTier(ctx, Actor{}, TierInput{Name: Text{Default: "金卡会员"}, Threshold: "5000"})
	wantFields(t, err, "name")
	if err := save("银卡会员"); err != nil {
		t.Errorf("Silver saved with its own Chinese name: %v", err)
	}
	if err := save("白银会员"); err != nil {
		t.Errorf("Silver saved with a Chinese name of its own: %v", err)
	}
	if tiers, _ := f.s.Tiers(ctx); len(tiers) != 3 || tiers[1].Name.In("zh") != "白银会员" || tiers[2].Name.In("zh") != "金卡会员" {
		t.Errorf("tiers after the refusals: %+v", tiers)
	}

	// Two tiers called 白银会员, as a shop saved before this check may have.
	if _, err := f.s.DB().Exec(`UPDATE translations SET value = '白银会员' WHERE entity = ? AND entity_id = ? AND field = 'name'`,
		EntityTierText, gold); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Members"), Kind: PromoAutomatic,
		Type: pricing.TypePercent, Value: "7", Tier: "白银会员"})
	wantFields(t, err, "tier")
	if v := err.(*ValidationError); v.Fields["tier"] != "admin.tiers.error.name_ambiguous" {
		t.Errorf("an ambiguous tier is refused with %q", v.Fields["tier"])
	}
	if id, err := f.s.CreatePromotion(ctx, Actor{}, PromotionInput{Name: Plain("Members"), Kind: PromoAutomatic,
		Type: pricing.TypePercent, Value: "7", Tier: "gold"}); err != nil {
		t.Errorf("a promotion for Gold by its English name: %v", err)
	} else if p, _ := f.s.PromotionByID(ctx, id); p.Tier != "Gold" {
		t.Errorf("the promotion typed gold is for %q", p.Tier)
	}
}

// TestTierEditAuditedInEveryLanguage: changing only a tier's Chinese name
// and perks shows in the audit entry's before and after.
func TestTierEditAuditedInEveryLanguage(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	silver := f.tierID(t, "Silver")
	in := TierInput{Name: Text{Default: "Silver", Tr: map[string]string{"zh": "白银会员"}},
		Perks: Text{Default: "Free gift wrap", Tr: map[string]string{"zh": "免费礼品包装"}}, Threshold: "1000"}
	if err := f.s.SaveTier(ctx, Actor{Email: "owner@example.com"}, silver, in); err != nil {
		t.Fatal(err)
	}
	log, err := f.s.AuditLog(ctx, AuditFilter{Action: "tier.save"})
	if err != nil || log.Total != 1 {
		t.Fatalf("tier.save entries: %+v, %v", log, err)
	}
	var before, after map[string]any
	json.Unmarshal([]byte(log.Records[0].BeforeJSON), &before)
	json.Unmarshal([]byte(log.Records[0].AfterJSON), &after)
	if before["name.zh"] != "银卡会员" || after["name.zh"] != "白银会员" || after["perks.zh"] != "免费礼品包装" ||
		before["perks.zh"] != nil || after["name"] != "Silver" {
		t.Errorf("audit before %v\nafter %v", before, after)
	}
}
