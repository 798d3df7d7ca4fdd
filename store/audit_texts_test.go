package store

import (
	"context"
	"encoding/json"
	"testing"

	"storefront/store/pricing"
)

// TestChineseTextEditsAudited: changing only the Chinese text of a
// product, a collection, a promotion, an information page or the return
// policy shows in the audit entry's before and after, as for settings.
func TestChineseTextEditsAudited(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	zh := func(field, value string) Texts { return Texts{field: {"zh": value}} }
	// last is the newest audit entry of action: its before and after.
	last := func(action string) (before, after map[string]any) {
		t.Helper()
		log, err := s.AuditLog(ctx, AuditFilter{Action: action})
		if err != nil || len(log.Records) == 0 {
			t.Fatalf("%s entries: %+v, %v", action, log, err)
		}
		json.Unmarshal([]byte(log.Records[0].BeforeJSON), &before)
		json.Unmarshal([]byte(log.Records[0].AfterJSON), &after)
		return before, after
	}
	check := func(action, key string, was, now any) {
		t.Helper()
		before, after := last(action)
		if before[key] != was || after[key] != now {
			t.Errorf("%s: %s before %v, after %v; want %v then %v", action, key, before[key], after[key], was, now)
		}
	}

	in := ProductInput{Title: "Linen Shirt", Handle: "linen-shirt", Status: StatusActive,
		Variants: []VariantInput{{Price: 100}}, Tr: zh("title", "亚麻衬衫")}
	pid, err := s.CreateProduct(ctx, staffActor, in)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.ProductByID(ctx, pid)
	in.Variants[0].ID = p.Variants[0].ID
	in.Tr = Texts{"title": {"zh": "水洗亚麻衬衫"}, "description": {"zh": "透气"}}
	if err := s.UpdateProduct(ctx, staffActor, pid, p.Version, in); err != nil {
		t.Fatal(err)
	}
	check(ActionProductUpdate, "title.zh", "亚麻衬衫", "水洗亚麻衬衫")
	check(ActionProductUpdate, "description.zh", nil, "透气")

	cin := CollectionInput{Title: "Summer", Handle: "summer", Tr: zh("title", "夏季")}
	cid, err := s.CreateCollection(ctx, staffActor, cin)
	if err != nil {
		t.Fatal(err)
	}
	check(ActionCollectionCreate, "title.zh", nil, "夏季")
	c, _ := s.CollectionByID(ctx, cid)
	cin.Tr = zh("title", "夏日精选")
	if err := s.UpdateCollection(ctx, staffActor, cid, c.Version, cin); err != nil {
		t.Fatal(err)
	}
	check(ActionCollectionUpdate, "title.zh", "夏季", "夏日精选")

	promo := PromotionInput{Name: Text{Default: "Tea week", Tr: map[string]string{"zh": "茶叶周"}}, Kind: PromoAutomatic,
		Type: pricing.TypePercent, Value: "10"}
	prid, err := s.CreatePromotion(ctx, staffActor, promo)
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := s.PromotionByID(ctx, prid)
	promo.Name.Tr = map[string]string{"zh": "品茶周"}
	if err := s.UpdatePromotion(ctx, staffActor, prid, pr.Version, promo); err != nil {
		t.Fatal(err)
	}
	check(ActionPromotionUpdate, "name.zh", "茶叶周", "品茶周")

	about := func(body string) Text { return Text{Default: "We sell tea.", Tr: map[string]string{"zh": body}} }
	for _, body := range []string{"我们卖茶。", "我们只卖好茶。"} {
		if err := s.SaveInfoPage(ctx, staffActor, InfoPageAbout, 0, Plain("About"), about(body)); err != nil {
			t.Fatal(err)
		}
	}
	check("pages.save", "body.zh", "我们卖茶。", "我们只卖好茶。")

	policy := func(zh string) Text { return Text{Default: "30 days.", Tr: map[string]string{"zh": zh}} }
	for _, text := range []string{"30 天。", "30 天内可退。"} {
		if err := s.SetReturnTexts(ctx, staffActor, 0, policy(text), Text{}); err != nil {
			t.Fatal(err)
		}
	}
	check("returns.texts", "policy_text.zh", "30 天。", "30 天内可退。")
}
