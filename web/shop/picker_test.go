package shop_test

import (
	"context"
	"image/color"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

// seedTee adds a tee in sizes S, M and L by White and Navy, each colour
// with its own photo: S / Navy is not made, M / White is sold out, and
// M / Navy is on sale. It returns the variant ids by "Size/Colour".
func seedTee(t testing.TB, shop *webtest.Shop) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	in := store.ProductInput{
		Handle: "tee", Title: "Cotton Tee", Status: store.StatusActive, OptionNames: []string{"Size", "Colour"},
		Images: []store.ImageInput{
			{SourceURL: "test:white", Alt: "A white tee", Data: webtest.PNG(t, color.White)},
			{SourceURL: "test:navy", Alt: "A navy tee", Data: webtest.PNG(t, color.RGBA{0, 0, 128, 255})},
		},
		Variants: []store.VariantInput{
			{SKU: "TEE-S-W", Options: [3]string{"S", "White"}, Price: 2500, Stock: 5, ImageIndex: 1},
			{SKU: "TEE-M-W", Options: [3]string{"M", "White"}, Price: 2500, Stock: 0, ImageIndex: 1},
			{SKU: "TEE-M-N", Options: [3]string{"M", "Navy"}, Price: 2700, CompareAtPrice: 3200, Stock: 3, ImageIndex: 2},
			{SKU: "TEE-L-W", Options: [3]string{"L", "White"}, Price: 2900, Stock: 8, ImageIndex: 1},
			{SKU: "TEE-L-N", Options: [3]string{"L", "Navy"}, Price: 2900, Stock: 8, ImageIndex: 2},
		},
	}
	if _, _, err := shop.Store.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	p, err := shop.Store.ProductByHandle(ctx, "tee", false)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, v := range p.Variants {
		ids[v.Options[0]+"/"+v.Options[1]] = v.ID
	}
	return ids
}

// pickerState reads what the product page shows as chosen.
type pickerState struct {
	size, colour, price, compare, sku, stock, variantID, image string
	addDisabled                                                bool
}

func readPicker(doc *goquery.Document) pickerState {
	_, disabled := doc.Find("form.add-to-cart button[type=submit]").Attr("disabled")
	return pickerState{
		size:        doc.Find(`form.variant-picker input[name=option1][checked]`).AttrOr("value", ""),
		colour:      doc.Find(`form.variant-picker input[name=option2][checked]`).AttrOr("value", ""),
		price:       doc.Find("#price-block .price-current").Text(),
		compare:     strings.TrimSpace(doc.Find("#price-block .price-compare").Text()),
		sku:         doc.Find("#price-block [data-sku]").Text(),
		stock:       doc.Find("#price-block .stock").Text(),
		variantID:   doc.Find(`form.add-to-cart input[type=hidden][name=variant_id]`).AttrOr("value", ""),
		image:       doc.Find(".gallery-main img").AttrOr("src", ""),
		addDisabled: disabled,
	}
}

// choiceState is how the picker marks one value: "+" can be chosen, "sold
// out" and "not made" are disabled.
func choiceState(t *testing.T, doc *goquery.Document, option, value string) string {
	t.Helper()
	in := doc.Find(`form.variant-picker input[name=` + option + `][value="` + value + `"]`)
	if in.Length() != 1 {
		t.Fatalf("no %s=%s in the picker", option, value)
	}
	label := in.Parent()
	_, disabled := in.Attr("disabled")
	switch {
	case !disabled:
		return "+"
	case label.HasClass("is-unavailable"):
		return "not made"
	case label.HasClass("is-disabled"):
		return "sold out"
	}
	return "disabled, unmarked"
}

func TestOptionPickerFollowsTheChoice(t *testing.T) {
	shop := webtest.New(t)
	ids := seedTee(t, shop)

	// The page opens on the first variant in stock, S / White; Navy is not
	// made in S, so it is marked and cannot be chosen.
	doc := shop.Get("/products/tee").Doc(t)
	first := readPicker(doc)
	if first.size != "S" || first.colour != "White" || first.variantID != itoa(ids["S/White"]) || first.sku != "TEE-S-W" {
		t.Errorf("opening choice = %+v", first)
	}
	if doc.Find("form.variant-picker fieldset legend").First().Text() != "Size: S" {
		t.Errorf("size legend = %q", doc.Find("form.variant-picker fieldset legend").First().Text())
	}
	if got := choiceState(t, doc, "option2", "Navy"); got != "not made" {
		t.Errorf("S / Navy is %s, want not made", got)
	}
	if got := doc.Find(`form.variant-picker[method=get][action="/products/tee"] noscript`).Length(); got != 1 {
		t.Error("the picker has no plain GET form with a button for browsers without JavaScript")
	}

	// Size M then Colour Navy, as the picker's form submits them.
	doc = shop.Get("/products/tee?option1=M&option2=Navy").Doc(t)
	got := readPicker(doc)
	want := pickerState{size: "M", colour: "Navy", price: "$27.00", sku: "TEE-M-N", variantID: itoa(ids["M/Navy"])}
	if got.size != want.size || got.colour != want.colour || got.price != want.price || got.sku != want.sku ||
		got.variantID != want.variantID || !strings.Contains(got.compare, "$32.00") || got.stock != "Only 3 left" || got.addDisabled {
		t.Errorf("M / Navy shows %+v", got)
	}
	if got.image == first.image || got.image == "" {
		t.Errorf("the image did not follow the colour: %q, White showed %q", got.image, first.image)
	}
	if s := choiceState(t, doc, "option2", "White"); s != "sold out" {
		t.Errorf("M / White is %s, want sold out", s)
	}
	if s := choiceState(t, doc, "option1", "S"); s != "+" {
		t.Errorf("size S (in stock in White) is %s", s)
	}
	// Its add-to-cart form posts that variant.
	form := url.Values{}
	doc.Find("form.add-to-cart input[name]").Each(func(_ int, in *goquery.Selection) {
		form.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	if res := shop.Post(doc.Find("form.add-to-cart").AttrOr("action", ""), form); res.Status != http.StatusSeeOther {
		t.Fatalf("add = %d", res.Status)
	}
	if line := shop.Get("/cart").Doc(t).Find(".cart-line-variant").Text(); line != "M / Navy" {
		t.Errorf("cart line = %q, want M / Navy", line)
	}

	// The sold-out combination, asked for by URL, says so and cannot be added.
	soldOut := readPicker(shop.Get("/products/tee?option1=M&option2=White").Doc(t))
	if soldOut.variantID != itoa(ids["M/White"]) || !soldOut.addDisabled || soldOut.stock != "Sold out" {
		t.Errorf("M / White shows %+v", soldOut)
	}
	// A combination that is not made falls back to one in stock in that size.
	if got := readPicker(shop.Get("/products/tee?option1=S&option2=Navy").Doc(t)); got.variantID != itoa(ids["S/White"]) {
		t.Errorf("S / Navy resolved to %+v, want S / White", got)
	}
	// ?variant= (links, the gallery) shows the same choice.
	if got := readPicker(shop.Get("/products/tee?variant=" + itoa(ids["L/Navy"])).Doc(t)); got.size != "L" || got.colour != "Navy" || got.price != "$29.00" {
		t.Errorf("?variant=L/Navy shows %+v", got)
	}
	// A value the tee does not have (a link kept from before an option
	// was renamed) shows its opening choice; only an id that is not a
	// number is a bad request.
	for _, unknown := range []string{"?option1=XL", "?option1=M&option2=Red", "?option3=Silk", "?variant=999999"} {
		res := shop.Get("/products/tee" + unknown)
		if got := readPicker(res.Doc(t)); res.Status != http.StatusOK || got.variantID != first.variantID {
			t.Errorf("%s = %d choosing %+v, want 200 with the opening choice", unknown, res.Status, got)
		}
	}
	if res := shop.Get("/products/tee?variant=abc"); res.Status != http.StatusBadRequest {
		t.Errorf("?variant=abc = %d, want 400", res.Status)
	}
}

// TestOptionPickerHTMX is what htmx gets when the shopper picks an option:
// the buying block and, out of band, the gallery, never the whole page.
func TestOptionPickerHTMX(t *testing.T) {
	shop := webtest.New(t)
	ids := seedTee(t, shop)
	res := shop.Get("/products/tee?option1=L&option2=Navy", "HX-Request", "true")
	if res.Status != http.StatusOK || strings.Contains(res.Body, "<html") {
		t.Fatalf("htmx answer = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	if got := readPicker(doc); got.price != "$29.00" || got.variantID != itoa(ids["L/Navy"]) || got.sku != "TEE-L-N" {
		t.Errorf("htmx answer shows %+v", got)
	}
	if doc.Find(`#product-buy`).Length() != 1 || doc.Find(`#product-gallery[hx-swap-oob=true] .gallery-main`).Length() != 1 {
		t.Errorf("htmx answer lacks the buying block or the out-of-band gallery:\n%s", res.Body)
	}
	// The picker asks for exactly this on change.
	page := shop.Get("/products/tee").Doc(t)
	if picker := page.Find("form.variant-picker"); picker.AttrOr("hx-get", "") != "/products/tee" ||
		picker.AttrOr("hx-target", "") != "#product-buy" || picker.AttrOr("hx-trigger", "") != "change" {
		t.Errorf("picker's htmx attributes: %v", picker.Nodes[0].Attr)
	}
}

// TestProductWithoutOptionsHasNoPicker: a one-variant product posts its
// variant without asking anything.
func TestProductWithoutOptionsHasNoPicker(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	doc := shop.Get("/products/dragon-well-tea").Doc(t)
	if doc.Find("form.variant-picker").Length() != 0 {
		t.Error("a product without options shows a picker")
	}
	if got := doc.Find(`form.add-to-cart input[name=variant_id]`).AttrOr("value", ""); got != itoa(shop.Variants().Tea) {
		t.Errorf("variant_id = %q", got)
	}
}

func TestCartShowsSaleSavings(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddToCart("linen-shirt", v.ShirtM, "2") // 49.00, was 59.00
	shop.AddToCart("linen-shirt", v.ShirtL, "1") // 52.00, not on sale
	doc := shop.Get("/cart").Doc(t)
	var savings []string
	doc.Find(".cart-line").Each(func(_ int, l *goquery.Selection) {
		savings = append(savings, l.Find(".cart-line-saving").Text())
	})
	if strings.Join(savings, "|") != "You save $20.00|" {
		t.Errorf("line savings = %q", savings)
	}
	if got := doc.Find(".cart-line .price-compare").First().Text(); !strings.Contains(got, "$59.00") {
		t.Errorf("sale line's compare-at = %q", got)
	}
	if got := doc.Find(".cart-savings dd").Text(); got != "$20.00" {
		t.Errorf("cart savings = %q, want $20.00", got)
	}
	if got := shop.Get("/cart", "Accept-Language", "zh-CN").Doc(t).Find(".cart-savings dt").Text(); got != "共节省" {
		t.Errorf("savings in Chinese = %q", got)
	}

	// Without a sale there is nothing to boast of.
	other := shop.OtherBrowser()
	other.AddToCart("linen-shirt", v.ShirtL, "1")
	if doc := other.Get("/cart").Doc(t); doc.Find(".cart-savings, .cart-line-saving").Length() != 0 {
		t.Error("a cart without sale prices shows savings")
	}
}

// TestFreeShippingLabelTellsTheTruth: a method free over 299.00 is never
// listed at its price without saying what is missing, and is free at the
// threshold.
func TestFreeShippingLabelTellsTheTruth(t *testing.T) {
	shop := webtest.New(t)
	ctx := context.Background()
	if _, err := shop.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Text{Default: "Free shipping over $299"}, Kind: store.ShippingFreeOver, Price: 1200, Threshold: 29900, Active: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		handle string
		price  int64
	}{{"hamper", 14400}, {"tin", 1100}} {
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: p.handle, Title: p.handle, Status: store.StatusActive,
			Variants: []store.VariantInput{{Price: p.price, Stock: 10}}}); err != nil {
			t.Fatal(err)
		}
	}
	id := func(handle string) int64 {
		p, err := shop.Store.ProductByHandle(ctx, handle, false)
		if err != nil {
			t.Fatal(err)
		}
		return p.Variants[0].ID
	}
	choice := func() (price, hint string) {
		doc := shop.Get("/checkout").Doc(t)
		c := doc.Find(".checkout-shipping .checkout-choice")
		return c.Find(".checkout-choice-price").Text(), c.Find(".checkout-free-hint").Text()
	}

	shop.AddToCart("hamper", id("hamper"), "2") // 288.00
	if price, hint := choice(); price != "$12.00" || hint != "Free from $299.00 — add $11.00 more" {
		t.Errorf("at 288.00: %q, %q", price, hint)
	}
	if hint := shop.Get("/zh-cn/checkout").Doc(t).Find(".checkout-free-hint").Text(); hint != "满 US$299.00 包邮，还差 US$11.00" {
		t.Errorf("at 288.00 in Chinese: %q", hint)
	}
	shop.AddToCart("tin", id("tin"), "1") // 299.00: the threshold itself
	if price, hint := choice(); price != "Free" || hint != "Free on orders from $299.00" {
		t.Errorf("at 299.00: %q, %q", price, hint)
	}
}

// TestOptionPickerInChinese: the picker reads in Chinese but submits the
// default language's values, so a choice's link works in both languages.
func TestOptionPickerInChinese(t *testing.T) {
	shop := webtest.New(t)
	ids := seedTee(t, shop)
	ctx := context.Background()
	p, err := shop.Store.ProductByHandle(ctx, "tee", false)
	if err != nil {
		t.Fatal(err)
	}
	in := store.ProductInput{Handle: "tee", Title: p.Title, Status: p.Status, OptionNames: p.OptionNames, Tr: store.Texts{
		store.OptionNameField(1):           {"zh": "颜色"},
		store.OptionValueField(1, "Navy"):  {"zh": "藏青"},
		store.OptionValueField(1, "White"): {"zh": "白色"},
		store.OptionNameField(0):           {"zh": "尺码"},
		store.FieldTitle:                   {"zh": "纯棉T恤"},
	}}
	for _, v := range p.Variants {
		in.Variants = append(in.Variants, store.VariantInput{ID: v.ID, SKU: v.SKU, Options: v.Options, Price: v.Price,
			CompareAtPrice: v.CompareAtPrice, Stock: v.Stock, ImageID: v.ImageID})
	}
	if _, _, err := shop.Store.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	res := shop.Get("/zh-cn/products/tee?option1=M&option2=Navy")
	doc := res.Doc(t)
	if got := readPicker(doc); res.Status != http.StatusOK || got.variantID != itoa(ids["M/Navy"]) || got.price != "US$27.00" {
		t.Fatalf("zh M / Navy = %d, %+v", res.Status, got)
	}
	navy := doc.Find(`form.variant-picker input[name=option2][value="Navy"]`)
	if label := navy.Parent().Find(".variant-option-label").Text(); label != "藏青" {
		t.Errorf("Navy reads %q in Chinese", label)
	}
	if legend := doc.Find(`fieldset[data-option="2"] legend`).Text(); legend != "颜色：藏青" {
		t.Errorf("colour legend in Chinese = %q", legend)
	}
	if action := doc.Find("form.variant-picker").AttrOr("action", ""); action != "/zh-cn/products/tee" {
		t.Errorf("picker form goes to %q, want the Chinese page", action)
	}
}

// TestSoldOutIsMarkedInSearchAndRelated: sold-out products stay findable
// (a shopper searching for one learns it exists) but say they are sold out,
// in search results and under "you may also like".
func TestSoldOutIsMarkedInSearchAndRelated(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "linen-hat", Title: "Linen Hat", Status: store.StatusActive, Collections: []string{"summer"},
		Tags: []string{"linen"}, Variants: []store.VariantInput{{SKU: "HAT-1", Price: 3000, Stock: 0}}}); err != nil {
		t.Fatal(err)
	}
	doc := shop.Get("/search?q=linen").Doc(t)
	marked := map[string]bool{}
	doc.Find(".search-hit").Each(func(_ int, h *goquery.Selection) {
		marked[h.Find("a").AttrOr("href", "")] = h.Find(".badge-soldout").Length() == 1
	})
	if !marked["/products/linen-hat"] || marked["/products/linen-shirt"] || len(marked) != 2 {
		t.Errorf("search sold-out marks = %v", marked)
	}
	related := shop.Get("/products/linen-shirt").Doc(t).Find(`.related a[href="/products/linen-hat"]`)
	if related.Length() != 1 || related.Find(".badge-soldout").Length() != 1 {
		t.Errorf("the sold-out hat is not marked under you may also like (%d cards)", related.Length())
	}
}

// TestCartSavingsCountAFlashSale: a line on flash sale strikes through
// the price before any sale and saves the difference to the sale's price,
// where it struck through the price and counted only the compare-at
// price's saving ("Flash sale $89.60 ~~$128.00~~ … You save $32.00").
func TestCartSavingsCountAFlashSale(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	v := shop.Variants()
	shop.AddPromotion(webtest.Promotion{Name: "Half off", Type: pricing.TypeFlash, Value: 5000,
		EndsAt: shop.Clock.Now().Add(time.Hour), Rules: pricing.Rules{Variants: []int64{v.ShirtM}}})
	shop.AddToCart("linen-shirt", v.ShirtM, "1") // 49.00, was 59.00; 24.50 on sale
	doc := shop.Get("/cart").Doc(t)
	if got := doc.Find(".cart-line .price-compare").Text(); !strings.Contains(got, "$59.00") {
		t.Errorf("the sale line strikes through %q, want $59.00", got)
	}
	if got := doc.Find(".cart-line-saving").Text(); got != "You save $34.50" {
		t.Errorf("line saving = %q, want You save $34.50", got)
	}
	if got := doc.Find(".cart-savings dd").Text(); got != "$34.50" {
		t.Errorf("cart savings = %q, want $34.50", got)
	}
	// A coupon's discount is saved too: "You save" is never less than the
	// discounts above it.
	shop.AddPromotion(webtest.Promotion{Name: "Ten", Code: "TEN", Type: pricing.TypePercent, Value: 1000, Combines: true})
	shop.AddToCart("linen-shirt", v.ShirtL, "1") // 52.00, not on sale
	if res := shop.Post("/cart/coupon", url.Values{"code": {"TEN"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("apply TEN = %d", res.Status)
	}
	if got := shop.Get("/cart").Doc(t).Find(".cart-savings dd").Text(); got != "$39.70" { // 34.50 + 5.20
		t.Errorf("cart savings with the coupon = %q, want $39.70", got)
	}
}
