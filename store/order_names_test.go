package store

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"storefront/store/pricing"
)

// TestOrderKeepsItsNamesInEveryLanguage: a Chinese shopper's order keeps
// the Chinese names they read, and also every other language's, so that
// staff read it in theirs and the export names every order alike.
func TestOrderKeepsItsNamesInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	tea := teaInput()
	tea.Variants[1].Price = tea.Variants[0].Price // to exchange one for the other
	tea.Tr = tea.Tr.Set(OptionValueField(0, "100 g"), "zh", "100 克")
	f.save(t, tea)
	mug := f.mugProduct
	mug.Tr = Texts{}.Set(FieldTitle, "zh", "马克杯")
	f.save(t, mug)
	week := addPromo(t, f.s, map[string]any{"name": "Tea week", "value": 1000, "combines_coupons": 1, "combines_promotions": 1})
	gift := addPromo(t, f.s, map[string]any{"name": "Free mug", "type": pricing.TypeGift,
		"rules": `{"gift_variant":` + itoa(f.mug) + `}`, "combines_promotions": 1, "combines_coupons": 1})
	addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TEN", "value": 1000,
		"combines_promotions": 1})
	for id, zh := range map[int64]string{week: "茶叶周", gift: "送马克杯"} {
		if _, err := f.s.write.Exec(`INSERT INTO translations (entity, entity_id, field, locale, value) VALUES (?, ?, ?, 'zh', ?)`,
			EntityPromotion, id, FieldName, zh); err != nil {
			t.Fatal(err)
		}
	}
	f.s.promotionsChanged()
	m, err := f.s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{
		Name: Plain("Standard").With("zh", "标准配送"), Kind: ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.s.ProductByHandle(ctx, "longjing", false)
	if err != nil {
		t.Fatal(err)
	}
	token := f.add(t, "", p.Variants[0].ID, 1).Token
	if err := f.s.ApplyCoupon(ctx, token, "TEN"); err != nil {
		t.Fatal(err)
	}
	in := checkoutFor(token, m.ID)
	in.Locale = "zh"
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}

	names := func(o *Order) []string {
		out := []string{o.ShippingMethod}
		for _, l := range o.Lines {
			out = append(out, l.ProductTitle+" / "+l.VariantTitle)
		}
		for _, d := range o.Discounts {
			out = append(out, d.Code)
		}
		return out
	}
	for _, c := range []struct {
		name string
		o    *Order
		want string
	}{
		// The shopper's own pages and emails read the order as it is.
		{"as placed", o, "标准配送|明前龙井 / 50 克|马克杯 / |茶叶周|送马克杯|TEN"},
		{"in English", o.In("en"), "Standard|Pre-Qingming Longjing / 50 g|Mug / |Tea week|Free mug|TEN"},
		{"in Chinese", o.In("zh"), "标准配送|明前龙井 / 50 克|马克杯 / |茶叶周|送马克杯|TEN"},
	} {
		if got := strings.Join(names(c.o), "|"); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}

	// The export is in the shop's content language, whoever bought.
	var csv bytes.Buffer
	if err := f.s.OrdersCSV(ctx, OrderFilter{}, &csv); err != nil {
		t.Fatal(err)
	}
	if got := csv.String(); !strings.Contains(got, "Pre-Qingming Longjing - 50 g") || !strings.Contains(got, ",Standard,") ||
		strings.Contains(got, "龙井") || strings.Contains(got, "标准配送") {
		t.Errorf("orders CSV of a Chinese order:\n%s", got)
	}

	// An exchange's replacement order keeps them too.
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.FulfillOrder(ctx, Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if o, err = f.s.OrderByID(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.RequestReturn(ctx, o, 0, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "too_large",
		Resolution: ResolutionExchange, Exchange: map[int64]int64{o.Lines[0].ID: p.Variants[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveReturn(ctx, Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.ReturnByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	repl, err := f.s.OrderByNumber(ctx, r.ExchangeOrder)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(names(repl), "|"), "标准配送|明前龙井 / 100 克"; got != want {
		t.Errorf("replacement as placed: %s, want %s", got, want)
	}
	if got, want := strings.Join(names(repl.In("en")), "|"), "Standard|Pre-Qingming Longjing / 100 g"; got != want {
		t.Errorf("replacement in English: %s, want %s", got, want)
	}

	// An order placed before the names were kept has only the shopper's.
	if _, err := f.s.write.Exec(`UPDATE order_lines SET product_names = '', variant_names = '' WHERE order_id = ?`, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.write.Exec(`UPDATE order_discounts SET names = '' WHERE order_id = ?`, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.write.Exec(`UPDATE orders SET shipping_names = '' WHERE id = ?`, o.ID); err != nil {
		t.Fatal(err)
	}
	old, err := f.s.OrderByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(names(old.In("en")), "|"), "标准配送|明前龙井 / 50 克|马克杯 / |茶叶周|送马克杯|TEN"; got != want {
		t.Errorf("an old order in English: %s, want the shopper's %s", got, want)
	}
}

// TestOrderNamesFollowTheCatalog: an order's names in every language are
// read once per product and catalog version, not behind the writer in
// every order: a translation written behind the store's back is not seen
// by the next order, and one saved through the store is.
func TestOrderNamesFollowTheCatalog(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	mug := f.mugProduct
	mug.Tr = Texts{}.Set(FieldTitle, "zh", "马克杯")
	f.save(t, mug)
	zhTitle := func(o *Order) string { return o.In("zh").Lines[0].ProductTitle }
	if o := f.placeFor(t, ship, "a@example.com", "A", f.mug, 1); zhTitle(o) != "马克杯" {
		t.Fatalf("first order's Chinese title = %q", zhTitle(o))
	}
	if _, err := f.s.write.Exec(`UPDATE translations SET value = '杯子' WHERE entity = ? AND field = ? AND locale = 'zh'`,
		EntityProductText, FieldTitle); err != nil {
		t.Fatal(err)
	}
	if o := f.placeFor(t, ship, "b@example.com", "B", f.mug, 1); zhTitle(o) != "马克杯" {
		t.Errorf("an order read the names again (%q): they are not kept", zhTitle(o))
	}
	mug.Tr = Texts{}.Set(FieldTitle, "zh", "咖啡杯")
	f.save(t, mug)
	if o := f.placeFor(t, ship, "c@example.com", "C", f.mug, 1); zhTitle(o) != "咖啡杯" {
		t.Errorf("after the product was saved the order reads %q, want 咖啡杯", zhTitle(o))
	}
}
