package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestAdminEditsTiersAndPointsRules: the owner renames Silver in both
// languages, lowers its threshold and gives it a 5 % member discount (run
// as a promotion for the tier); a threshold another tier has, and a
// nonzero threshold for the lowest tier, are refused; the points rules
// save and the preview says what a 300.00 order earns.
func TestAdminEditsTiersAndPointsRules(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	page := shop.Get("/admin/membership")
	if page.Status != http.StatusOK {
		t.Fatalf("membership page = %d", page.Status)
	}
	if got := page.Doc(t).Find("[data-rules-preview]").Text(); !strings.Contains(got, "$300.00") || !strings.Contains(got, "375 for Silver") {
		t.Errorf("preview = %q", got)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	silver, standard := itoa(tiers[1].ID), itoa(tiers[0].ID)
	tierVersion := func(id string) string {
		return versionOf(t, shop, "/admin/membership", `form[action^="/admin/membership/tiers/`+id+`#"]`)
	}
	form := url.Values{"name": {"Silber"}, "name_zh": {"白银"}, "threshold": {"800"}, "multiplier": {"125"}, "discount": {"5"},
		"version": {tierVersion(silver)}}
	if res := shop.Post("/admin/membership/tiers/"+silver, form); res.Status != http.StatusSeeOther {
		t.Fatalf("save tier = %d:\n%s", res.Status, res.Body)
	}
	tiers, _ = shop.Store.Tiers(ctx)
	if s := tiers[1]; s.Name.Default != "Silber" || s.Name.In("zh") != "白银" || s.Threshold != 80000 || s.DiscountBP != 500 {
		t.Errorf("silver saved as %+v", s)
	}
	list, _ := shop.Store.ListPromotions(ctx, store.PromotionFilter{}, 1, 10)
	if list.Total != 1 || list.Rows[0].Tier != "Silber" {
		t.Errorf("member discount promotion: %+v", list.Rows)
	}
	form.Set("threshold", "3000")
	form.Set("version", tierVersion(silver))
	if res := shop.Post("/admin/membership/tiers/"+silver, form); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("Gold's threshold for Silver = %d", res.Status)
	}
	if res := shop.Post("/admin/membership/tiers/"+standard, url.Values{"name": {"Standard"}, "threshold": {"10"},
		"version": {tierVersion(standard)}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("a threshold for the lowest tier = %d", res.Status)
	}
	rulesVersion := func() string {
		return versionOf(t, shop, "/admin/membership", `form[action="/admin/membership/points"]`)
	}
	rules := url.Values{"earn_per_unit": {"2"}, "redeem_points": {"100"}, "redeem_value": {"100"}, "expiry_months": {"12"},
		"return_days": {"7"}, "margin_days": {"3"}, "max_per_order": {"0"}, "max_percent": {"50"},
		"version": {rulesVersion()}}
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusSeeOther {
		t.Fatalf("save rules = %d", res.Status)
	}
	if l, _ := shop.Store.Loyalty(ctx); l.EarnPerUnit != 2 {
		t.Errorf("rules saved as %+v", l)
	}
	rules.Set("max_percent", "150")
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("150 %% = %d", res.Status)
	}
	rules.Set("max_percent", "50")
	rules.Set("expiry_months", "0")
	res := shop.Post("/admin/membership/points", rules)
	if msg := res.Doc(t).Find("#rule-expiry_months + .field-error").Text(); res.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, "would be lost") {
		t.Errorf("points lasting 0 months = %d %q", res.Status, msg)
	}
	// Paying with points switched off: the form keeps the owner's figures
	// and the preview says points do not pay.
	rules.Set("expiry_months", "12")
	rules.Set("redeem_points", "0")
	rules.Set("version", rulesVersion())
	if res := shop.Post("/admin/membership/points", rules); res.Status != http.StatusSeeOther {
		t.Fatalf("switch paying off = %d", res.Status)
	}
	page = shop.Get("/admin/membership")
	doc := page.Doc(t)
	if got := doc.Find("[data-rules-preview]").Text(); !strings.Contains(got, "points do not pay at checkout") {
		t.Errorf("preview with paying off = %q", got)
	}
	if p, v := doc.Find("#rule-redeem_points").AttrOr("value", ""), doc.Find("#rule-redeem_value").AttrOr("value", ""); p != "0" || v != "100" {
		t.Errorf("the form shows %s points pay %s, want what was typed: 0 and 100", p, v)
	}
}

// memberSpends gives the account c a paid order of qty large shirts
// (SeedFixture's, 52.00 each): spend toward a tier.
func memberSpends(t *testing.T, shop *webtest.Shop, c *store.Customer, qty int64) {
	t.Helper()
	ctx := context.Background()
	cart, err := shop.Store.AddToCart(ctx, "", shop.Variants().ShirtL, qty)
	if err != nil {
		t.Fatal(err)
	}
	flat, _ := shop.AddShipping()
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		CustomerID: c.ID, Address: store.Address{Email: c.Email, Name: "Ana Lima", AddressLine1: "Rua Augusta 1", City: "Lisboa",
			PostalCode: "1100-048", Country: "PT"}, ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
}

// shopperAt signs the account in on a browser of its own.
func shopperAt(t *testing.T, shop *webtest.Shop, email string) *webtest.Shop {
	t.Helper()
	b := shop.OtherBrowser()
	if res := b.Post("/account/login", url.Values{"email": {email}, "password": {"correct horse battery"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("sign in as %s = %d", email, res.Status)
	}
	return b
}

// TestAdminAddsATier: the owner adds Bronze (500.00, 5 % off) in both
// languages from the form under the tiers; a member who spent 520.00
// moves up at once, with a history row; a member with nothing spent is
// told, in English and Chinese, what Bronze takes; the members' page
// lists the four tiers in both languages. A threshold another tier has
// comes back as 422 naming that tier, the form as typed.
func TestAdminAddsATier(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	ana := registerAt(t, shop, "ana@example.com", "Ana")
	registerAt(t, shop, "bo@example.com", "Bo")
	memberSpends(t, shop, ana, 10) // 520.00
	shop.LoginAs(store.RoleOwner)

	if n := shop.Get("/admin/membership").Doc(t).Find(`#tier-new form[action="/admin/membership/tiers#tier-new"] input[name=threshold]`).Length(); n != 1 {
		t.Fatal("no form to add a tier")
	}
	res := shop.Post("/admin/membership/tiers", url.Values{"name": {"Bronze"}, "name_zh": {"铜卡会员"}, "threshold": {"500"},
		"discount": {"5"}, "multiplier": {"110"}, "perks": {"Early news of sales"}, "perks_zh": {"抢先获知特卖"},
		"confirm_moves": {"1"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("add a tier = %d:\n%s", res.Status, res.Body)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	if len(tiers) != 4 || tiers[1].Name.Default != "Bronze" || tiers[1].Threshold != 50000 || tiers[1].DiscountBP != 500 {
		t.Fatalf("tiers: %+v", tiers)
	}
	bronze := tiers[1].ID
	if loc := res.Header.Get("Location"); loc != "/admin/membership?done=tier_added#tier-"+itoa(bronze) {
		t.Errorf("added tier goes to %q", loc)
	}
	page := shop.Get(res.Header.Get("Location")).Doc(t)
	if page.Find(`[data-tier="Bronze"] input[name=name_zh]`).AttrOr("value", "") != "铜卡会员" || page.Find("[data-notice]").Length() != 1 {
		t.Errorf("the page after adding: Bronze's card %d, notice %q", page.Find(`[data-tier="Bronze"]`).Length(), page.Find("[data-notice]").Text())
	}
	a, err := shop.Store.CustomerAccountByID(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Tier.Tier.ID != bronze || len(a.History) != 1 || a.History[0].Reason != "tier_added" {
		t.Errorf("ana after Bronze came: %q, history %+v", a.Tier.Tier.Name.Default, a.History)
	}
	if got := shop.Get(adminviews.CustomerURL(ana.ID)).Doc(t).Text(); !strings.Contains(got, "→ Bronze") || !strings.Contains(got, "a tier was added") {
		t.Errorf("ana's admin page does not show the move to Bronze")
	}

	anaShop := shopperAt(t, shop, "ana@example.com")
	boShop := shopperAt(t, shop, "bo@example.com")
	for _, tt := range []struct {
		path, you, bronze, next string
		names                   []string
	}{
		{"/account/points", "Bronze", "Bronze", "Spend $500.00 more to become Bronze.", []string{"Standard", "Bronze", "Silver", "Gold"}},
		{"/zh-cn/account/points", "铜卡会员", "铜卡会员", "再消费 US$500.00 即可升级为铜卡会员。", []string{"普通会员", "铜卡会员", "银卡会员", "金卡会员"}},
	} {
		doc := anaShop.Get(tt.path).Doc(t)
		if got := doc.Find("[data-member-tier]").AttrOr("data-member-tier", ""); got != tt.you {
			t.Errorf("%s: ana is %q, want %q", tt.path, got, tt.you)
		}
		var names []string
		doc.Find(".account-tiers tbody th").Each(func(_ int, s *goquery.Selection) {
			names = append(names, strings.TrimSpace(s.Contents().First().Text()))
		})
		if strings.Join(names, ",") != strings.Join(tt.names, ",") {
			t.Errorf("%s: tiers listed %q, want %q", tt.path, names, tt.names)
		}
		row := doc.Find(`.account-tiers tr[aria-current]`)
		if row.AttrOr("data-tier", "") != itoa(bronze) || !strings.Contains(row.Text(), "500.00") || !strings.Contains(row.Text(), "5%") {
			t.Errorf("%s: ana's row: %q", tt.path, row.Text())
		}
		if got := boShop.Get(tt.path).Doc(t).Find("[data-tier-next]").Text(); got != tt.next {
			t.Errorf("%s: bo reads %q, want %q", tt.path, got, tt.next)
		}
	}

	// Silver's threshold: the form comes back as typed, naming Silver.
	res = shop.Post("/admin/membership/tiers", url.Values{"name": {"Copper"}, "name_zh": {"紫铜会员"}, "threshold": {"1,000.00"}, "discount": {"3"}})
	doc := res.Doc(t)
	if msg := doc.Find("#tier-new-threshold + .field-error").Text(); res.Status != http.StatusUnprocessableEntity || !strings.Contains(msg, "Silver already starts at this spend") {
		t.Errorf("Silver's threshold = %d %q", res.Status, msg)
	}
	if doc.Find("#tier-new[open]").Length() != 1 || doc.Find("#tier-name-new").AttrOr("value", "") != "Copper" ||
		doc.Find("#tier-name-new-zh").AttrOr("value", "") != "紫铜会员" || doc.Find("#tier-new-threshold").AttrOr("value", "") != "1,000.00" ||
		doc.Find("#tier-new-discount").AttrOr("value", "") != "3" {
		t.Errorf("the refused form lost what was typed")
	}
	if tiers, _ := shop.Store.Tiers(ctx); len(tiers) != 4 {
		t.Errorf("%d tiers after the refused form", len(tiers))
	}
}

// TestAdminTiersAddedAtOnce: two owners add a tier at the same threshold
// at the same moment: one is added, the other gets the form back (422),
// never a 500.
func TestAdminTiersAddedAtOnce(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	other := shop.OtherBrowser()
	other.LoginAs(store.RoleOwner)
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i, b := range []*webtest.Shop{shop, other} {
		wg.Go(func() {
			form := url.Values{"name": {"Platinum " + itoa(int64(i))}, "threshold": {"5000"}}
			req, _ := http.NewRequest(http.MethodPost, b.Server.URL+"/admin/membership/tiers", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := b.Client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	slices.Sort(statuses)
	if statuses[0] != http.StatusSeeOther || statuses[1] != http.StatusUnprocessableEntity {
		t.Errorf("two owners adding at 5000.00 = %v, want one 303 and one 422", statuses)
	}
	if tiers, _ := shop.Store.Tiers(context.Background()); len(tiers) != 4 {
		t.Errorf("%d tiers, want 4", len(tiers))
	}
}

// TestAdminDeletesATier: deleting asks for its box to be ticked (422);
// the lowest tier is refused (409), and so is a tier a live promotion is
// for, the promotion named with a link, and one whose paid membership
// runs; once free, the tier goes: its member moves to the tier their
// spend earns, the admin's history reads "Bronze (deleted)", shoppers no
// longer see it, and a second click is no error. A manager, without the
// settings, may neither add nor delete.
func TestAdminDeletesATier(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	ana := registerAt(t, shop, "ana@example.com", "Ana")
	memberSpends(t, shop, ana, 10) // 520.00
	shop.LoginAs(store.RoleOwner)
	if res := shop.Post("/admin/membership/tiers", url.Values{"name": {"Bronze"}, "name_zh": {"铜卡会员"}, "threshold": {"500"},
		"confirm_moves": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("add Bronze = %d", res.Status)
	}
	tiers, _ := shop.Store.Tiers(ctx)
	standard, bronze, gold := itoa(tiers[0].ID), itoa(tiers[1].ID), tiers[3].ID
	confirm := url.Values{"confirm": {"1"}}

	res := shop.Post("/admin/membership/tiers/"+bronze+"/delete", nil)
	if doc := res.Doc(t); res.Status != http.StatusUnprocessableEntity || doc.Find("#tier-"+bronze+"-delete[open] .field-error").Length() != 1 {
		t.Errorf("delete without the tick = %d", res.Status)
	}
	res = shop.Post("/admin/membership/tiers/"+standard+"/delete", confirm)
	if msg := res.Doc(t).Find("[data-tier-lowest]").Text(); res.Status != http.StatusConflict || !strings.Contains(msg, "lowest tier") {
		t.Errorf("delete the lowest tier = %d %q", res.Status, msg)
	}

	var promo int64
	if err := shop.Store.DB().QueryRow(`INSERT INTO promotions (name, kind, code, type, value, rules, tier, created_at, updated_at)
		VALUES ('Bronze week', 'automatic', '', 'percent', 1000, '{}', 'Bronze', 0, 0) RETURNING id`).Scan(&promo); err != nil {
		t.Fatal(err)
	}
	shop.Store.PromotionsChanged()
	res = shop.Post("/admin/membership/tiers/"+bronze+"/delete", confirm)
	link := res.Doc(t).Find("#tier-" + bronze + "-delete[open] [data-tier-in-use] a[href='" + adminviews.PromotionURL(promo) + "']")
	if res.Status != http.StatusConflict || link.Text() != "Bronze week" {
		t.Errorf("delete while a promotion is for it = %d, link %q", res.Status, link.Text())
	}
	if res := shop.Post(adminviews.PromotionURL(promo)+"/archive", url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("archive the promotion = %d", res.Status)
	}

	// A paid membership of Gold that runs keeps Gold.
	bo := registerAt(t, shop, "bo@example.com", "Bo")
	if _, err := shop.Store.DB().Exec(`INSERT INTO paid_memberships (customer_id, order_id, tier_id, starts_at, ends_at)
		VALUES (?, (SELECT min(id) FROM orders), ?, ?, ?)`, bo.ID, gold, time.Now().Unix(), time.Now().AddDate(1, 0, 0).Unix()); err != nil {
		t.Fatal(err)
	}
	res = shop.Post("/admin/membership/tiers/"+itoa(gold)+"/delete", confirm)
	if msg := res.Doc(t).Find("[data-paid-members]").Text(); res.Status != http.StatusConflict || !strings.Contains(msg, "1 customer has a paid membership") {
		t.Errorf("delete Gold while a paid membership runs = %d %q", res.Status, msg)
	}

	res = shop.Post("/admin/membership/tiers/"+bronze+"/delete", confirm)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/membership" {
		t.Fatalf("delete Bronze = %d %q", res.Status, res.Header.Get("Location"))
	}
	page := shop.Get("/admin/membership").Doc(t)
	if got := page.Find("[data-deleted]").Text(); !strings.Contains(got, "Bronze") || page.Find(`[data-tier="Bronze"]`).Length() != 0 {
		t.Errorf("the page after the delete: notice %q", got)
	}
	a, _ := shop.Store.CustomerAccountByID(ctx, ana.ID)
	if a.Tier.Tier.ID != tiers[0].ID || len(a.History) != 2 || a.History[0].Reason != "tier_deleted" {
		t.Errorf("ana after Bronze went: %q, %+v", a.Tier.Tier.Name.Default, a.History)
	}
	history := shop.Get(adminviews.CustomerURL(ana.ID)).Doc(t).Text()
	if !strings.Contains(history, "Bronze (deleted) → Standard") || !strings.Contains(history, "a tier was deleted") {
		t.Errorf("ana's history does not read Bronze (deleted) → Standard")
	}
	if zh := shop.Get("/lang/zh?next=" + adminviews.CustomerURL(ana.ID)); zh.Status != http.StatusSeeOther {
		t.Fatalf("switch the admin to Chinese = %d", zh.Status)
	}
	if history := shop.Get(adminviews.CustomerURL(ana.ID)).Doc(t).Text(); !strings.Contains(history, "Bronze（已删除） → 普通会员") {
		t.Errorf("ana's history in Chinese does not read Bronze（已删除） → 普通会员: %s", history)
	}
	if got := shopperAt(t, shop, "ana@example.com").Get("/account/points").Doc(t).Find(".account-tiers tbody tr").Length(); got != 3 {
		t.Errorf("shoppers see %d tiers, want 3", got)
	}
	if res := shop.Post("/admin/membership/tiers/"+bronze+"/delete", confirm); res.Status != http.StatusSeeOther {
		t.Errorf("a second click = %d, want 303", res.Status)
	}

	shop.LoginAs(store.RoleManager)
	for _, path := range []string{"/admin/membership/tiers", "/admin/membership/tiers/" + itoa(gold) + "/delete"} {
		if res := shop.Post(path, url.Values{"name": {"Iron"}, "threshold": {"50"}, "confirm": {"1"}}); res.Status != http.StatusForbidden {
			t.Errorf("a manager posts %s = %d, want 403", path, res.Status)
		}
	}
	if tiers, _ := shop.Store.Tiers(ctx); len(tiers) != 3 {
		t.Errorf("%d tiers after the manager's posts", len(tiers))
	}
}
