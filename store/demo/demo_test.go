package demo_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"storefront/store"
	"storefront/store/demo"
)

func newTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestSeedMakesALivelyShop(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	if err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(st.Now()); d < -time.Minute || d > time.Minute {
		t.Errorf("store clock left %v off after Seed", d)
	}

	counts, err := st.CountOrders(ctx)
	if err != nil || counts.ToShip < 2 || counts.AwaitingPayment < 2 {
		t.Errorf("past orders for the dashboard = %+v, %v", counts, err)
	}
	var shipped, cancelled int
	st.DB().QueryRow(`SELECT count(*) FILTER (WHERE fulfillment_status = 'fulfilled'),
		count(*) FILTER (WHERE status = 'cancelled') FROM orders`).Scan(&shipped, &cancelled)
	if shipped < 3 || cancelled < 1 {
		t.Errorf("past orders: %d shipped, %d cancelled", shipped, cancelled)
	}

	settings, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if settings.StoreName != "Storefront Demo" || settings.Description == "" || settings.Currency != "USD" {
		t.Errorf("settings = %+v", settings)
	}

	cols, err := st.Collections(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 5 {
		t.Fatalf("collections = %d, want 5", len(cols))
	}
	featured := 0
	for _, c := range cols {
		if c.Featured {
			featured++
		}
		if c.ProductCount == 0 || c.Description == "" || c.SEODescription == "" || c.ImageID == 0 {
			t.Errorf("collection %s is bare: %+v", c.Handle, c)
		}
	}
	if featured < 3 || featured > 4 {
		t.Errorf("featured collections = %d, want 3 or 4", featured)
	}

	page, err := st.Products(ctx, store.ProductQuery{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total < 25 {
		t.Fatalf("visible products = %d, want at least 25", page.Total)
	}
	checkCatalog(t, st, page.Products)
	if first, last := page.Products[0].CreatedAt, page.Products[len(page.Products)-1].CreatedAt; first.Sub(last) < 30*24*time.Hour {
		t.Errorf("products created between %v and %v; want them spread over weeks", last, first)
	}

	checkBilingual(t, st, cols)

	for _, q := range []string{"tea", "茶", "linen", "青花"} {
		res, err := st.Search(ctx, q, 1, 10)
		if err != nil || res.Total == 0 {
			t.Errorf("Search(%q) = %d hits, %v; want some", q, res.Total, err)
		}
	}

	for _, h := range []string{"pre-qingming-longjing", "mid-autumn-mooncake-tin"} {
		if _, err := st.ProductByHandle(ctx, h, false); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("hidden product %s visible to shoppers: err = %v", h, err)
		}
		if _, err := st.ProductByHandle(ctx, h, true); err != nil {
			t.Errorf("hidden product %s missing for staff: %v", h, err)
		}
	}
}

// checkCatalog walks every visible product the way a shopper would browse,
// checking that the catalog exercises what the shop can show.
func checkCatalog(t *testing.T, st *store.Store, cards []store.ProductCard) {
	t.Helper()
	ctx := context.Background()
	skus := map[string]string{}
	var threeOptions, soldOutVariants, onSale, soldOut int
	for _, c := range cards {
		p, err := st.ProductByHandle(ctx, c.Handle, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Images) == 0 || len(p.Images) > 3 || p.Images[0].Alt == "" || p.Images[0].Width != 800 {
			t.Errorf("%s: images = %+v", p.Handle, p.Images)
		}
		for _, im := range p.Images {
			if zh := im.In("zh").Alt; zh == im.Alt || zh == "" || strings.HasPrefix(zh, "（") {
				t.Errorf("%s: an image's alt in Chinese is %q (in English %q)", p.Handle, zh, im.Alt)
			}
		}
		if n := len(p.Collections); n < 1 || n > 2 {
			t.Errorf("%s: in %d collections", p.Handle, n)
		}
		if p.Description == "" || p.Vendor == "" || p.ProductType == "" || len(p.Tags) == 0 {
			t.Errorf("%s: missing description, vendor, type or tags", p.Handle)
		}
		if p.PriceMin < 800 || p.PriceMax > 32000 {
			t.Errorf("%s: prices %d..%d out of the demo's range", p.Handle, p.PriceMin, p.PriceMax)
		}
		if len(p.OptionNames) == 3 {
			threeOptions++
		}
		if p.StockTotal == 0 {
			soldOut++
		}
		if p.CompareAtMax > p.PriceMin {
			onSale++
		}
		for _, v := range p.Variants {
			if other, dup := skus[v.SKU]; dup || v.SKU == "" {
				t.Errorf("SKU %q of %s also on %s", v.SKU, p.Handle, other)
			}
			skus[v.SKU] = p.Handle
			if v.Stock == 0 {
				soldOutVariants++
			}
			checkVariantImage(t, p, v)
		}
	}
	if threeOptions == 0 || soldOutVariants == 0 || onSale == 0 || soldOut < 2 {
		t.Errorf("products with 3 options: %d, sold-out variants: %d, on sale: %d, sold out: %d; want some of each (2 sold out)",
			threeOptions, soldOutVariants, onSale, soldOut)
	}
}

// checkVariantImage checks that a colour variant shows its own colour.
func checkVariantImage(t *testing.T, p *store.Product, v store.Variant) {
	t.Helper()
	for i, name := range p.OptionNames {
		if name != "Colour" {
			continue
		}
		for _, im := range p.Images {
			if im.ID == v.ImageID {
				if !strings.Contains(im.Alt, v.Options[i]) {
					t.Errorf("%s %s: image alt %q", p.Handle, v.Title(), im.Alt)
				}
				colour := p.Tr.In(store.OptionValueField(i, v.Options[i]), v.Options[i], "zh")
				if zh := im.In("zh").Alt; !strings.HasSuffix(zh, "（"+colour+"）") || strings.HasPrefix(zh, "（") {
					t.Errorf("%s %s: image alt in Chinese %q", p.Handle, v.Title(), zh)
				}
				return
			}
		}
		t.Errorf("%s %s: no image of its colour", p.Handle, v.Title())
	}
}

func TestGrowAddsSyntheticProducts(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	total := func() int {
		t.Helper()
		page, err := st.Products(ctx, store.ProductQuery{PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	if err := demo.Grow(ctx, st, 300); err != nil {
		t.Fatal(err)
	}
	if got := total(); got != 300 {
		t.Fatalf("after Grow(300): %d products", got)
	}
	if err := demo.Grow(ctx, st, 320); err != nil {
		t.Fatal(err)
	}
	if got := total(); got != 320 {
		t.Fatalf("after Grow(320): %d products", got)
	}
	if err := demo.Grow(ctx, st, 10); err != nil || total() != 320 {
		t.Fatalf("Grow(10) on a bigger catalog: %v, %d products", err, total())
	}

	cols, err := st.Collections(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 5 {
		t.Fatalf("collections = %d, want the 5 demo ones", len(cols))
	}
	for _, c := range cols {
		if c.ProductCount < 20 || c.Title == c.Handle {
			t.Errorf("collection %s: %d products, title %q", c.Handle, c.ProductCount, c.Title)
		}
	}
	for _, q := range []string{"tea", "茶"} {
		if res, err := st.Search(ctx, q, 1, 10); err != nil || res.Total == 0 {
			t.Errorf("Search(%q) = %d hits, %v", q, res.Total, err)
		}
	}
	page, err := st.Products(ctx, store.ProductQuery{PerPage: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Products {
		p, err := st.ProductByHandle(ctx, c.Handle, false)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Variants); n < 1 || n > 3 || len(p.Tags) == 0 || p.PriceMin <= 0 {
			t.Errorf("%s: %d variants, tags %v, price %d", p.Handle, n, p.Tags, p.PriceMin)
		}
	}
}

// checkBilingual: the demo is written in English with a Chinese
// translation of every product's and collection's title and description
// and every option, and no title mixes the two languages.
func checkBilingual(t *testing.T, st *store.Store, cols []store.Collection) {
	t.Helper()
	ctx := context.Background()
	han := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}
	for _, c := range cols {
		zh := c.In("zh")
		if han(c.Title) || han(c.Description) || !han(zh.Title) || !han(zh.Description) {
			t.Errorf("collection %s: %q / %q", c.Handle, c.Title, zh.Title)
		}
	}
	list, err := st.AdminProducts(ctx, store.AdminProductQuery{PerPage: 100})
	if err != nil || len(list.Rows) < 30 || list.Total != len(list.Rows) {
		t.Fatalf("admin products: %d of %d, %v", len(list.Rows), list.Total, err)
	}
	for _, r := range list.Rows {
		p, err := st.ProductByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		zh := p.In("zh")
		if han(p.Title) || han(p.Description) || han(p.SEOTitle) || !han(zh.Title) || !han(zh.Description) {
			t.Errorf("product %s: %q / %q", p.Handle, p.Title, zh.Title)
		}
		if p.MissingTranslation([]string{"zh"}) {
			t.Errorf("product %s misses a Chinese translation: %v", p.Handle, p.Tr)
		}
	}
}

// TestSeedRunsEveryKindOfPromotion: the demo's promotions are live and do
// what their names say on a real cart: three teas get the cheapest free,
// the cashmere scarf is on flash sale, a cart over 150 gets the gift, and
// WELCOME10 takes 10 % off beside them (off what neither of the others
// discounts: the hoodie and the mug).
func TestSeedRunsEveryKindOfPromotion(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	if err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListPromotions(ctx, store.PromotionFilter{State: "active"}, 1, 20)
	if err != nil || list.Total != 6 {
		t.Fatalf("active promotions = %d, %v; want 6", list.Total, err)
	}
	for _, p := range list.Rows {
		if p.Name.In("zh") == p.Name.Default {
			t.Errorf("promotion %q has no Chinese name", p.Name.Default)
		}
	}
	variant := func(handle string) store.Variant {
		p, err := st.ProductByHandle(ctx, handle, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range p.Variants {
			if v.Stock > 0 {
				return v
			}
		}
		t.Fatalf("%s has nothing in stock", handle)
		return store.Variant{}
	}
	token := ""
	for _, h := range []string{"dragon-well-green-tea", "tieguanyin-oolong", "jasmine-pearls", "cashmere-scarf", "everyday-hoodie", "stoneware-mug"} {
		c, err := st.AddToCart(ctx, token, variant(h).ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		token = c.Token
	}
	if err := st.ApplyCoupon(ctx, token, "welcome10"); err != nil {
		t.Fatal(err)
	}
	view, err := st.CartView(ctx, token, "en")
	if err != nil {
		t.Fatal(err)
	}
	out := view.Promotions
	if len(out.Sales) != 1 || len(out.Gifts) != 1 || out.Coupon == nil || !out.Coupon.Applied {
		t.Errorf("sales %d, gifts %d, coupon %+v; want the scarf on sale, the chopsticks and WELCOME10", len(out.Sales), len(out.Gifts), out.Coupon)
	}
	var kinds []string
	for _, a := range out.Applied {
		kinds = append(kinds, a.Label)
	}
	if len(out.Applied) < 3 {
		t.Errorf("applied = %v; want the flash sale, the free tea and the coupon", kinds)
	}
}

// TestSeedHasAMember: demo@example.com is a Silver member with points
// available and pending and a lot that expires within weeks.
func TestSeedHasAMember(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	if err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, err := st.AuthenticateCustomer(ctx, demo.DemoEmail, demo.DemoPassword)
	if err != nil {
		t.Fatalf("sign in as the demo member: %v", err)
	}
	tier, err := st.CustomerTier(ctx, c.ID)
	if err != nil || tier.Tier.Name.Default != "Silver" {
		t.Fatalf("demo member's tier = %+v, %v; want Silver", tier, err)
	}
	b, err := st.PointsBalance(ctx, c.ID)
	if err != nil || b.Available == 0 || b.Pending == 0 || len(b.Expiring) == 0 {
		t.Fatalf("demo member's points = %+v, %v; want some available, some pending", b, err)
	}
	if soon := b.Expiring[0].Expires.Sub(st.Now()); soon > 60*24*time.Hour || soon < 0 {
		t.Errorf("the first lot expires in %v; want within weeks", soon)
	}
}

// TestSeedHasReturns: the demo member has a refunded return and one
// waiting for the owner.
func TestSeedHasReturns(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t)
	if err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListReturns(ctx, store.ReturnFilter{}, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for _, r := range list.Rows {
		statuses[r.Status]++
	}
	if statuses[store.ReturnRefunded] != 1 || statuses[store.ReturnRequested] != 1 {
		t.Errorf("returns by status = %v; want one refunded, one requested", statuses)
	}
}
