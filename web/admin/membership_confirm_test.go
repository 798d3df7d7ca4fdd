package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestAdminConfirmsTierMoves: lowering Silver's threshold under ana's
// spend comes back (422) with the form as typed, saying one member moves
// up, and a box to tick; ana is not moved until the form is sent again
// ticked. Raising it again says one member goes down.
func TestAdminConfirmsTierMoves(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	ana := registerAt(t, shop, "ana@example.com", "Ana")
	memberSpends(t, shop, ana, 10) // 520.00
	shop.LoginAs(store.RoleOwner)
	tiers, _ := shop.Store.Tiers(ctx)
	silver := itoa(tiers[1].ID)
	selector := `form[action^="/admin/membership/tiers/` + silver + `#"]`
	form := formOf(t, shop.Get("/admin/membership"), selector)
	tierOf := func() string {
		t.Helper()
		st, err := shop.Store.CustomerTier(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		return st.Tier.Name.Default
	}

	form.Set("threshold", "500.00")
	res := shop.Post("/admin/membership/tiers/"+silver, form)
	doc := res.Doc(t)
	moves := doc.Find(selector + " [data-tier-moves-up]")
	if res.Status != http.StatusUnprocessableEntity || moves.AttrOr("data-tier-moves-up", "") != "1" ||
		!strings.Contains(moves.Text(), "moves 1 member up") || moves.Find(`input[type=checkbox][name=confirm_moves][required]`).Length() != 1 {
		t.Fatalf("lowering Silver under ana's spend = %d, %q", res.Status, moves.Text())
	}
	if got := doc.Find(selector+" input[name=threshold]").AttrOr("value", ""); got != "500.00" {
		t.Errorf("the form came back with threshold %q, want 500.00 as typed", got)
	}
	if got := tierOf(); got != "Standard" {
		t.Errorf("ana is %s before the owner confirmed", got)
	}
	again := formOf(t, res, selector)
	again.Set("confirm_moves", "1")
	if res := shop.Post("/admin/membership/tiers/"+silver, again); res.Status != http.StatusSeeOther {
		t.Fatalf("confirmed = %d", res.Status)
	}
	if got := tierOf(); got != "Silver" {
		t.Errorf("ana is %s after the owner confirmed", got)
	}

	form = formOf(t, shop.Get("/admin/membership"), selector)
	form.Set("threshold", "600")
	res = shop.Post("/admin/membership/tiers/"+silver, form)
	if down := res.Doc(t).Find(selector + " [data-tier-moves-down]"); res.Status != http.StatusUnprocessableEntity ||
		down.AttrOr("data-tier-moves-down", "") != "1" || !strings.Contains(down.Text(), "moves 1 member down") {
		t.Errorf("raising Silver over ana's spend = %d, %q", res.Status, down.Text())
	}
	if got := tierOf(); got != "Silver" {
		t.Errorf("ana is %s before the owner confirmed the raise", got)
	}
}

// TestAdminTierNameTakenInChinese: Silver's Chinese name set to Gold's is
// refused beside the Chinese field, the form as typed.
func TestAdminTierNameTakenInChinese(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	tiers, _ := shop.Store.Tiers(context.Background())
	silver := itoa(tiers[1].ID)
	selector := `form[action^="/admin/membership/tiers/` + silver + `#"]`
	form := formOf(t, shop.Get("/admin/membership"), selector)
	form.Set("name_zh", "金卡会员")
	res := shop.Post("/admin/membership/tiers/"+silver, form)
	doc := res.Doc(t)
	field := doc.Find(selector + ` input[name=name_zh]`)
	if res.Status != http.StatusUnprocessableEntity || field.AttrOr("value", "") != "金卡会员" ||
		!strings.Contains(field.Parent().Find(".field-error").Text(), "Another tier already has this name") {
		t.Errorf("Gold's Chinese name for Silver = %d, field %q", res.Status, field.Parent().Text())
	}
	if tiers, _ := shop.Store.Tiers(context.Background()); tiers[1].Name.In("zh") != "银卡会员" {
		t.Errorf("Silver's Chinese name is now %q", tiers[1].Name.In("zh"))
	}
}

// TestAdminTierVariantStillSold: clearing "Sold as the variant" on Gold's
// form while its product is on sale is refused (409) beside the field,
// naming the product; Gold is still sold as it.
func TestAdminTierVariantStillSold(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "gold-year", Title: "Gold membership, one year",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}}); err != nil {
		t.Fatal(err)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	id := tiers[len(tiers)-1].ID
	if err := shop.Store.SellTier(ctx, store.Actor{}, id, "GOLD-1Y", 12); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	gold := itoa(id)
	selector := `form[action^="/admin/membership/tiers/` + gold + `#"]`
	form := formOf(t, shop.Get("/admin/membership"), selector)
	form.Set("sold_sku", "")
	res := shop.Post("/admin/membership/tiers/"+gold, form)
	msg := res.Doc(t).Find("#tier-" + gold + "-sold_sku + .field-error").Text()
	if res.Status != http.StatusConflict || !strings.Contains(msg, "“Gold membership, one year” is on sale and sells this tier") {
		t.Errorf("clearing Gold's variant while on sale = %d, %q", res.Status, msg)
	}
	if sku, _, _ := shop.Store.TierSoldSKU(ctx, id); sku != "GOLD-1Y" {
		t.Errorf("Gold is sold as %q", sku)
	}
}

// TestAdminConfirmsNewTierMoves: adding Bronze at 100.00, under ana's
// spend, comes back (422) with the new tier's form open and as typed,
// saying it takes one member from Standard, and a box to tick; no tier is
// added. Bo spends as much before the owner ticks it: the count has
// changed, so it asks again, two from Standard, and the second tick adds
// Bronze with both. Deleting Bronze says it has two members; one more by
// the time it is ticked asks again, with the three it has.
func TestAdminConfirmsNewTierMoves(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	ana := registerAt(t, shop, "ana@example.com", "Ana")
	bo := registerAt(t, shop, "bo@example.com", "Bo")
	memberSpends(t, shop, ana, 2) // 104.00
	shop.LoginAs(store.RoleOwner)
	const selector = `#tier-new[open] form[action="/admin/membership/tiers#tier-new"]`
	form := formOf(t, shop.Get("/admin/membership"), `form[action="/admin/membership/tiers#tier-new"]`)
	form.Set("name", "Bronze")
	form.Set("threshold", "100.00")
	tierCount := func() int {
		t.Helper()
		tiers, err := shop.Store.Tiers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(tiers)
	}

	res := shop.Post("/admin/membership/tiers", form)
	taken := res.Doc(t).Find(selector + " [data-tier-moves-from]")
	if res.Status != http.StatusUnprocessableEntity || taken.Text() != "Adding this tier moves 1 member to it at once: 1 from Standard." ||
		res.Doc(t).Find(selector+` input[type=checkbox][name=confirm_moves][required]`).Length() != 1 {
		t.Fatalf("adding Bronze under ana's spend = %d, %q", res.Status, taken.Text())
	}
	if got := res.Doc(t).Find(selector+" input[name=name]").AttrOr("value", ""); got != "Bronze" || tierCount() != 3 {
		t.Errorf("the form came back named %q, %d tiers; want Bronze as typed, 3 tiers", got, tierCount())
	}

	memberSpends(t, shop, bo, 2) // 104.00
	again := formOf(t, res, selector)
	again.Set("confirm_moves", "1")
	res = shop.Post("/admin/membership/tiers", again)
	if taken := res.Doc(t).Find(selector + " [data-tier-moves-from]").Text(); res.Status != http.StatusUnprocessableEntity ||
		taken != "Adding this tier moves 2 members to it at once: 2 from Standard." || tierCount() != 3 {
		t.Fatalf("confirmed after bo's spend = %d, %q; want asked again", res.Status, taken)
	}
	again = formOf(t, res, selector)
	again.Set("confirm_moves", "1")
	if res := shop.Post("/admin/membership/tiers", again); res.Status != http.StatusSeeOther {
		t.Fatalf("confirmed = %d", res.Status)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	bronze := tiers[1]
	for _, c := range []*store.Customer{ana, bo} {
		if st, _ := shop.Store.CustomerTier(ctx, c.ID); st.Tier.ID != bronze.ID {
			t.Errorf("%s is %s once confirmed, want Bronze", c.Email, st.Tier.Name.Default)
		}
	}

	id := itoa(bronze.ID)
	deleteForm := `form[action^="/admin/membership/tiers/` + id + `/delete"]`
	page := shop.Get("/admin/membership")
	if got := page.Doc(t).Find("#tier-" + id + "-delete [data-tier-members]").Text(); got != "2 members are in this tier now." {
		t.Errorf("Bronze's delete box says %q", got)
	}
	del := formOf(t, page, deleteForm)
	del.Set("confirm", "1")
	memberSpends(t, shop, registerAt(t, shop, "cy@example.com", "Cy"), 2)
	res = shop.Post("/admin/membership/tiers/"+id+"/delete", del)
	box := res.Doc(t).Find("#tier-" + id + "-delete[open]")
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(box.Find(".field-error").Text(), "changed since the page was shown") ||
		box.Find("[data-tier-members]").AttrOr("data-tier-members", "") != "3" || tierCount() != 4 {
		t.Fatalf("delete told of 2 members of 3 = %d, %q", res.Status, box.Text())
	}
	del = formOf(t, res, deleteForm)
	del.Set("confirm", "1")
	if res := shop.Post("/admin/membership/tiers/"+id+"/delete", del); res.Status != http.StatusSeeOther || tierCount() != 3 {
		t.Errorf("delete told of its 3 members = %d, %d tiers", res.Status, tierCount())
	}
}
