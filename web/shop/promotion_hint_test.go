package shop_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// TestGiftHintCountsWhatTheOfferLeaves: three teas, all used by "any
// three teas", count nothing towards a cup given over 150.00; the cart
// asked for 66.00 more, the teas counted at full price, which bought no
// cup. It asks for the real amount and says why, in both languages.
func TestGiftHintCountsWhatTheOfferLeaves(t *testing.T) {
	shop := teasInCart(t, "3") // 84.00, all three used by the offer
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "tea-cup", Title: "Tea Cup",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "CUP-1", Price: 1500, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
	cup, err := shop.Store.ProductByHandle(ctx, "tea-cup", false)
	if err != nil {
		t.Fatal(err)
	}
	teas := shop.AddPromotion(webtest.Promotion{Name: "Any three teas", Type: pricing.TypeBXGY, Combines: true,
		Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}, Buy: 2, Get: 1, GetPercent: 10000}})
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value)
		VALUES ('promotion', ?, 'name', 'zh', '茶叶三件一件免费')`, teas); err != nil {
		t.Fatal(err)
	}
	shop.AddPromotion(webtest.Promotion{Name: "Free cup over 150", Type: pricing.TypeGift, MinSubtotal: 15000, Combines: true,
		Rules: map[string]int64{"gift_variant": cup.Variants[0].ID}})
	// One that does not combine, out of reach: the cart then weighs each
	// promotion's hint on its own.
	shop.AddPromotion(webtest.Promotion{Name: "Fifty off 500", Type: pricing.TypeFixed, Value: 5000, MinSubtotal: 50000})

	for _, c := range []struct{ path, amount, note string }{
		{"/cart", "Spend $150.00 more to get a free gift", "Items in “Any three teas” don't count towards this."},
		{"/zh-cn/cart", "再买US$150.00，即送赠品", "参与“茶叶三件一件免费”的商品不计入此项。"},
	} {
		page := shop.Get(c.path)
		if page.Status != http.StatusOK {
			t.Fatalf("%s = %d", c.path, page.Status)
		}
		var hint string
		for _, s := range page.Doc(t).Find("[data-promo-hint]").EachIter() {
			if text := strings.Join(strings.Fields(s.Text()), " "); strings.Contains(text, c.note) || strings.Contains(text, "150") {
				hint = text
			}
		}
		if !strings.Contains(hint, c.amount) || !strings.Contains(hint, c.note) {
			t.Errorf("%s: gift hint = %q, want %q and %q", c.path, hint, c.amount, c.note)
		}
	}
}

// TestCheckoutSaysTheFlashSaleSoldOut: the checkout priced a tea at the
// flash sale's one unit; another order took it first, and the order is
// refused with the reason, where it said only that the total changed.
func TestCheckoutSaysTheFlashSaleSoldOut(t *testing.T) {
	shop := teasInCart(t, "2") // 56.00
	sale := shop.AddPromotion(webtest.Promotion{Name: "Tea flash", Type: pricing.TypeFlash, Value: 5000, UsageLimit: 1,
		EndsAt: shop.Clock.Now().Add(time.Hour), Rules: pricing.Rules{Variants: []int64{shop.Variants().Tea}}})
	if _, err := shop.Store.DB().Exec(`INSERT INTO translations (entity, entity_id, field, locale, value)
		VALUES ('promotion', ?, 'name', 'zh', '茶叶限时特价')`, sale); err != nil {
		t.Fatal(err)
	}
	form := checkoutForm(t, shop.Get("/checkout"), nil)
	if got := form.Get("shown_total"); got != "5200" {
		t.Fatalf("the checkout shows %s, want 52.00 (14.00 + 28.00 + 10.00 shipping)", got)
	}
	flat, err := strconv.ParseInt(form.Get("shipping_method"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	shop.Buy(shop.Variants().Tea, 1, flat) // takes the sale's unit

	for _, c := range []struct{ prefix, want string }{
		{"", "The total changed from $52.00 to $66.00: The flash sale Tea flash has sold out its sale units. Check it and place the order again."},
		{"/zh-cn", "订单总额已从US$52.00变为US$66.00：限时特价“茶叶限时特价”的特价名额已售罄。请核对后重新下单。"},
	} {
		res := shop.Post(c.prefix+"/checkout", form)
		if res.Status != http.StatusConflict {
			t.Fatalf("%s: submit after the sale sold out = %d, want 409", c.prefix, res.Status)
		}
		if msg := strings.Join(strings.Fields(res.Doc(t).Find(".notice-error").Text()), " "); msg != c.want {
			t.Errorf("%s: message = %q,\nwant %q", c.prefix, msg, c.want)
		}
	}
	cart := strings.Join(strings.Fields(shop.Get("/cart").Doc(t).Find("[data-promo-passed]").Text()), " ")
	if want := "The flash sale Tea flash has sold out its sale units."; cart != want {
		t.Errorf("the cart says %q, want %q", cart, want)
	}
}
